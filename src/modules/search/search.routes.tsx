// Search page, search API and facet-value API: thin handlers (parse -> service -> render/json). Every
// answer compresses itself (sendPage, sendJson): the app mounts this router before the compression
// middleware.
import express, { type Request, type Response, type Router } from "express";
import { hasRole } from "../../web/auth-guards";
import { ValidationError, type ErrorDetail } from "../../web/errors";
import { sendPage } from "../../web/render";
import { sendJson } from "../../web/fragments";
import { detailsOf, parseOr400 } from "../../web/validate";
import type { Lang } from "../../web/i18n/define";
import type { Translate } from "../../web/i18n/index";
import { NOTE_KINDS } from "../taxonomy/index";
import { SearchPage } from "../../../views/search/SearchPage";
import type { Labels } from "../../../views/search/SearchParts";
import type { SearchState } from "../../../views/search/search-url";
import { FACETS } from "./search.filters";
import "./search.openapi";
import { facetQuerySchema, searchQuerySchema } from "./search.schemas";
import type { SearchResult, SearchService, SearchTaxonomy } from "./search.service";

/** What the page shows in its form when the query could not be parsed: the text values the user sent. */
function looseState(input: Record<string, unknown>): SearchState {
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => typeof x === "string");
  return {
    q: typeof input.q === "string" ? input.q.slice(0, 200) : "",
    theme: list(input.theme),
    tag: list(input.tag),
    zone: list(input.zone),
    target: list(input.target),
    year: list(input.year),
    kind: list(input.kind),
    type: list(input.type),
    sort: typeof input.sort === "string" ? input.sort : "relevance",
    page: 1,
  };
}

async function labelsFor(taxonomy: SearchTaxonomy, lang: Lang, t: Translate): Promise<Labels> {
  const [vocab, tags] = await Promise.all([taxonomy.vocabulary(), taxonomy.tags()]);
  const label = (t: { label_it: string; label_en: string }) =>
    lang === "en" && t.label_en ? t.label_en : t.label_it;
  return {
    theme: new Map(vocab.themes.map((t) => [t.key, label(t)])),
    zone: new Map(vocab.zones.map((t) => [t.key, label(t)])),
    target: new Map(vocab.targetGroups.map((t) => [t.key, label(t)])),
    tag: new Map(tags.all.map((t) => [t.slug, label(t)])),
    year: new Map(),
    kind: new Map(NOTE_KINDS.map((k) => [k, t(`search.kind.${k}`)])),
  };
}

/** The JSON shape of a result: no internal fields. */
export function toJson(result: SearchResult) {
  return {
    query: result.query,
    total: result.total,
    page: result.page,
    limit: result.limit,
    pages: result.pages,
    engine: result.engine,
    hits: result.hits.map(({ marked: _marked, ...hit }) => hit),
    facets: Object.fromEntries(FACETS.map((f) => [f, result.facets[f]])),
  };
}

export function searchRouter(deps: { search: SearchService; taxonomy: SearchTaxonomy }): Router {
  const router = express.Router();
  const viewer = (res: Response) => ({ seesDrafts: hasRole(res.locals.user?.role, "coordinator") });

  async function renderPage(req: Request, res: Response) {
    const labels = await labelsFor(deps.taxonomy, req.lang, req.t);
    const tags = await deps.taxonomy.tags();
    const popularTags = [...tags.all]
      .filter((t) => t.status === "active" && t.usageCount > 0)
      .sort((a, b) => b.usageCount - a.usageCount)
      .slice(0, 12)
      .map((t) => ({ slug: t.slug, label: labels.tag.get(t.slug) ?? t.slug }));
    const parsed = searchQuerySchema.safeParse(req.query ?? {});
    let errors: ErrorDetail[] | undefined;
    let result: SearchResult | null = null;
    let state: SearchState = looseState(req.query);
    if (!parsed.success) errors = detailsOf(parsed.error);
    else {
      state = { ...parsed.data };
      try {
        result = await deps.search.search(parsed.data, viewer(res));
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        errors = err.details;
      }
    }
    sendPage(
      req,
      res,
      <SearchPage state={state} result={result} labels={labels} popularTags={popularTags} errors={errors} />,
      errors ? 400 : 200,
    );
  }

  router.get("/search", renderPage);

  router.get("/api/v1/search", async (req, res) => {
    const query = parseOr400(searchQuerySchema, req.query);
    const result = await deps.search.search(query, viewer(res));
    res.set("cache-control", "no-store");
    sendJson(req, res, toJson(result));
  });

  router.get("/api/v1/search/facets", async (req, res) => {
    const { facet, q } = parseOr400(facetQuerySchema, req.query);
    const values = await deps.search.facetValues(facet, q, req.lang);
    sendJson(req, res, { facet, values });
  });

  return router;
}
