// The catalogue by term: the theme and zone indexes with their counts, and the pages of a theme, a zone
// and a tag with their published projects (anonymous pages are cached briefly). A theme's page also shows
// the notes answering its guiding questions, a zone's and a tag's the newest notes of their projects (notes
// module).
import express, { type Request, type Response, type Router } from "express";
import type { VNode } from "preact";
import { NotFoundError } from "../../web/errors";
import type { Lang } from "../../web/i18n/index";
import type { PageCache } from "../../web/page-cache";
import { parseOr400 } from "../../web/validate";
import { TagDetails, TermPage, ThemeQuestions } from "../../../views/projects/TermPage";
import { TermIndexPage } from "../../../views/taxonomy/TermIndexPage";
import { labelOf, type TaxonomyService } from "../taxonomy/index";
import type { BrowseFilters, ProjectQueries } from "./project.queries";
import { pageQuerySchema, slugParamsSchema } from "./project.schemas";

export function termsRouter(deps: {
  taxonomy: TaxonomyService;
  queries: ProjectQueries;
  cache: PageCache;
  /** The notes answering the theme's guiding questions (notes module). */
  themeNotes?: (themeKey: string, lang: Lang) => Promise<VNode | null>;
  /** The notes of a zone's or a tag's projects (notes module). */
  termNotes?: (term: { zone: string } | { tag: string }) => Promise<VNode | null>;
  /** The recommendations whose status a zone recorded in its integrated plan (tables module). */
  zoneRecommendations?: (zone: string, lang: Lang) => Promise<VNode | null>;
}): Router {
  const { taxonomy, queries, cache } = deps;
  const router = express.Router();

  async function termPage(
    req: Request,
    res: Response,
    filters: BrowseFilters,
    render: (
      r: Awaited<ReturnType<ProjectQueries["browse"]>>,
      labels: {
        vocab: Awaited<ReturnType<TaxonomyService["vocabulary"]>>;
        tags: Awaited<ReturnType<TaxonomyService["tags"]>>;
      },
    ) => preact.VNode,
  ) {
    const { page } = parseOr400(pageQuerySchema, req.query, "query");
    const [result, vocab, tags] = await Promise.all([
      queries.browse(filters, "start", page ?? 1, { role: res.locals.user?.role }),
      taxonomy.vocabulary(),
      taxonomy.tags(),
    ]);
    cache.send(req, res, req.originalUrl, () => render(result, { vocab, tags }));
  }

  async function termIndex(req: Request, res: Response, kind: "theme" | "zone") {
    if (cache.sendCached(req, res, req.originalUrl)) return;
    const [vocab, counts] = await Promise.all([taxonomy.vocabulary(), queries.publishedCounts()]);
    const terms = kind === "theme" ? vocab.themes : vocab.zones;
    const map = kind === "theme" ? counts.themes : counts.zones;
    const entries = terms.map((term) => ({
      href: `/${kind}s/${term.key}`,
      label: kind === "theme" ? `${term.order}. ${labelOf(term, req.lang)}` : labelOf(term, req.lang),
      count: map.get(term.key) ?? 0,
      note: kind === "zone" ? term.provinces.join(", ") : undefined,
    }));
    cache.send(req, res, req.originalUrl, () =>
      kind === "theme" ? (
        <TermIndexPage title="tax.themes.title" lead="tax.themes.lead" entries={entries} />
      ) : (
        <TermIndexPage title="tax.zones.title" lead="tax.zones.lead" entries={entries} />
      ),
    );
  }

  router.get("/themes", (req, res) => termIndex(req, res, "theme"));
  router.get("/zones", (req, res) => termIndex(req, res, "zone"));

  router.get("/themes/:key", async (req, res) => {
    if (cache.sendCached(req, res, req.originalUrl)) return;
    const theme = (await taxonomy.vocabulary()).get("theme", String(req.params.key));
    if (!theme) throw new NotFoundError("No such theme");
    const notes = (await deps.themeNotes?.(theme.key, req.lang)) ?? null;
    await termPage(req, res, { theme: theme.key }, (r, labels) => (
      <TermPage
        title={labelOf(theme, req.lang)}
        kicker={req.t("tax.theme.number", { n: theme.order })}
        description={(req.lang === "en" ? theme.description_en : theme.description_it) || undefined}
        projectsHeading="tax.theme.projects"
        items={r.items}
        total={r.facets.total}
        page={r.page}
        pages={r.pages}
        selfHref={`/themes/${theme.key}`}
        browseHref={`/projects?theme=${theme.key}`}
        labels={labels}
        editHref={
          res.locals.user?.role === "coordinator" || res.locals.user?.role === "admin"
            ? `/curation/vocabularies/theme/${theme.key}`
            : undefined
        }
      >
        <ThemeQuestions theme={theme} />
        {notes}
      </TermPage>
    ));
  });

  router.get("/zones/:key", async (req, res) => {
    if (cache.sendCached(req, res, req.originalUrl)) return;
    const vocab = await taxonomy.vocabulary();
    const zone = vocab.get("zone", String(req.params.key));
    if (!zone) throw new NotFoundError("No such zone");
    const provinces = zone.provinces.map((p) => {
      const term = vocab.get("province", p);
      return term ? labelOf(term, req.lang) : p;
    });
    const [notes, recommendations] = await Promise.all([
      deps.termNotes?.({ zone: zone.key }) ?? null,
      deps.zoneRecommendations?.(zone.key, req.lang) ?? null,
    ]);
    await termPage(req, res, { zone: zone.key }, (r, labels) => (
      <TermPage
        title={labelOf(zone, req.lang)}
        projectsHeading="tax.zone.projects"
        items={r.items}
        total={r.facets.total}
        page={r.page}
        pages={r.pages}
        selfHref={`/zones/${zone.key}`}
        browseHref={`/projects?zone=${zone.key}`}
        labels={labels}
        after={
          <>
            {recommendations}
            {notes}
          </>
        }
      >
        <p>
          <strong>{req.t("tax.zone.provinces")}:</strong> {provinces.join(", ")}
        </p>
        {zone.aliases.length > 0 ? (
          <p>
            <strong>{req.t("tax.zone.aliases")}:</strong> {zone.aliases.join("; ")}
          </p>
        ) : null}
      </TermPage>
    ));
  });

  router.get("/tags/:slug", async (req, res) => {
    if (cache.sendCached(req, res, req.originalUrl)) return;
    const { slug } = parseOr400(slugParamsSchema, req.params, "address");
    const found = await taxonomy.findTag(slug);
    if (!found) throw new NotFoundError("No such tag");
    if ("redirectTo" in found) {
      res.redirect(301, `/tags/${found.redirectTo}`);
      return;
    }
    const tag = found.tag;
    if (tag.status === "proposed" && !res.locals.user) throw new NotFoundError("No such tag");
    const notes = (await deps.termNotes?.({ tag: tag.slug })) ?? null;
    await termPage(req, res, { tag: tag.id }, (r, labels) => (
      <TermPage
        title={labelOf(tag, req.lang)}
        kicker={req.t("tax.tags.title")}
        description={(req.lang === "en" ? tag.description_en : tag.description_it) || undefined}
        projectsHeading="tax.tag.projects"
        items={r.items}
        total={r.facets.total}
        page={r.page}
        pages={r.pages}
        selfHref={`/tags/${tag.slug}`}
        browseHref={`/projects?tag=${tag.slug}`}
        labels={labels}
        after={notes}
      >
        <TagDetails tag={tag} />
      </TermPage>
    ));
  });

  return router;
}
