import express, { type Router } from "express";
import { PageCache } from "../../web/page-cache";
import { HomePage } from "../../../views/home/HomePage";
import type { ProjectQueries } from "../projects/index";
import { type TaxonomyService, labelOf } from "../taxonomy/index";

/**
 * The home page: the four themes with links and counts of published projects. Anonymous visitors get
 * it from the page cache (cleared on every catalogue change when the catalogue's cache is passed).
 */
export function homeRouter(deps: {
  queries: ProjectQueries;
  taxonomy: TaxonomyService;
  cache?: PageCache;
}): Router {
  const router = express.Router();
  const cache = deps.cache ?? new PageCache(30_000);
  router.get("/", async (req, res) => {
    if (cache.sendCached(req, res, "home")) return;
    const [vocab, counts] = await Promise.all([deps.taxonomy.vocabulary(), deps.queries.publishedCounts()]);
    cache.send(req, res, "home", () => (
      <HomePage
        total={counts.total}
        themes={vocab.themes.map((t) => ({
          id: t.key,
          number: t.order,
          label: labelOf(t, req.lang),
          count: counts.themes.get(t.key) ?? 0,
        }))}
      />
    ));
  });
  return router;
}
