// Public catalogue pages: the browse list and a project's page (anonymous pages are cached briefly).
import express, { type Request, type Response, type Router } from "express";
import { hasRole } from "../../web/auth-guards";
import { NotFoundError } from "../../web/errors";
import { renderMarkdown } from "../../web/markdown";
import type { PageCache } from "../../web/page-cache";
import type { VNode } from "preact";
import type { PageUser } from "../../../views/page-context";
import type { Lang } from "../../web/i18n/index";
import { renderToString } from "preact-render-to-string";
import { anonymousContext, PageContext } from "../../../views/page-context";
import { ProjectCard, type Labels } from "../../../views/components/ProjectList";
import { sendPage } from "../../web/render";
import { BrowsePage } from "../../../views/projects/BrowsePage";
import { ProjectPage } from "../../../views/projects/ProjectPage";
import { parseOr400 } from "../../web/validate";
import type { TaxonomyService } from "../taxonomy/index";
import type { ProjectQueries } from "./project.queries";
import type { ListedProject, ProjectView } from "./project.view";
import { browseQuerySchema, slugParamsSchema } from "./project.schemas";
import { transitionsFrom } from "./project.workflow";

export interface CatalogueDeps {
  queries: ProjectQueries;
  taxonomy: TaxonomyService;
  cache: PageCache;
  /** The notes section of a project page (notes module). */
  notes?: (project: ProjectView, user: PageUser | undefined, lang: Lang) => Promise<VNode | null>;
}

// A project's Markdown as HTML, once per project object (public pages share one object until it changes).
const renderedMarkdown = new WeakMap<ProjectView, { description: string; outcomes: string }>();
function markdownOf(project: ProjectView): { description: string; outcomes: string } {
  let html = renderedMarkdown.get(project);
  if (!html) {
    html = {
      description: project.description ? renderMarkdown(project.description) : "",
      outcomes: project.outcomes ? renderMarkdown(project.outcomes) : "",
    };
    renderedMarkdown.set(project, html);
  }
  return html;
}

/**
 * The cards of related projects, rendered once per listed project, language and labels. The same few
 * hundred projects (the newest of each tag and zone) are related to thousands of others, and a card was
 * a third of a project page's render. The listed objects live as long as the related lists, which any
 * catalogue or vocabulary change drops; the labels a card was rendered with are checked too. A related
 * project is always published, so its card is the same for every viewer.
 */
const relatedCards = new WeakMap<ListedProject, { labels: Labels; html: Partial<Record<Lang, string>> }>();
function cardsOf(items: ListedProject[], labels: Labels, lang: Lang): string[] {
  return items.map((p) => {
    let entry = relatedCards.get(p);
    if (!entry || entry.labels.vocab !== labels.vocab || entry.labels.tags !== labels.tags) {
      entry = { labels, html: {} };
      relatedCards.set(p, entry);
    }
    entry.html[lang] ??= renderToString(
      <PageContext.Provider value={anonymousContext(lang)}>
        <ProjectCard project={p} labels={labels} headingLevel={3} />
      </PageContext.Provider>,
    );
    return entry.html[lang];
  });
}

export function projectsRouter(deps: CatalogueDeps): Router {
  const { queries, taxonomy, cache } = deps;
  const router = express.Router();

  router.get("/projects", async (req: Request, res: Response) => {
    if (cache.sendCached(req, res, req.originalUrl)) return;
    const q = parseOr400(browseQuerySchema, req.query, "query");
    const role = res.locals.user?.role;
    const curator = hasRole(role, "coordinator");
    if (q.status && !curator) q.status = undefined;
    const filters = await queries.filtersOf(q);
    const [result, vocab, tags] = await Promise.all([
      queries.browse(filters, q.sort ?? "start", q.page ?? 1, { role }),
      taxonomy.vocabulary(),
      taxonomy.tags(),
    ]);
    const page = () => (
      <BrowsePage
        query={{
          theme: q.theme,
          tag: q.tag,
          zone: q.zone,
          target: q.target,
          year: q.year,
          status: q.status,
          sort: q.sort,
        }}
        items={result.items}
        facets={result.facets}
        page={result.page}
        pages={result.pages}
        labels={{ vocab, tags }}
        curator={curator}
      />
    );
    cache.send(req, res, req.originalUrl, page);
  });

  router.get("/projects/:slug", async (req: Request, res: Response) => {
    if (cache.sendCached(req, res, req.originalUrl)) return;
    const { slug } = parseOr400(slugParamsSchema, req.params, "address");
    const role = res.locals.user?.role;
    const found = await queries.pageProject(slug, { role });
    if (!found) throw new NotFoundError(`No project ${slug}`);
    if ("redirectTo" in found) {
      res.redirect(301, `/projects/${found.redirectTo}`);
      return;
    }
    const { project } = found;
    const [related, vocab, tags, notes] = await Promise.all([
      queries.related(project),
      taxonomy.vocabulary(),
      taxonomy.tags(),
      deps.notes?.(project, res.locals.user, req.lang),
    ]);
    const html = markdownOf(project);
    const labels = { vocab, tags };
    const page = () => (
      <ProjectPage
        project={project}
        labels={labels}
        related={related}
        relatedCards={cardsOf(related, labels, req.lang)}
        descriptionHtml={html.description}
        outcomesHtml={html.outcomes}
        curator={hasRole(role, "coordinator")}
        transitions={transitionsFrom(project.status)}
        notes={notes ?? undefined}
      />
    );
    if (project.status === "published" && !project.deletedAt) cache.send(req, res, req.originalUrl, page);
    else sendPage(req, res, page());
  });

  return router;
}
