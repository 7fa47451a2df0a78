// The public JSON API of the catalogue (published projects only), the OpenAPI document, and the
// catalogue export (CSV/JSON download: published projects, or everything for coordinators).
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { NotFoundError } from "../../web/errors";
import { openApiDocument } from "../../web/openapi";
import { parseOr400 } from "../../web/validate";
import type { TaxonomyService } from "../taxonomy/index";
import { apiProject } from "./api.project";
import type { ExportService } from "./export.service";
import type { ProjectQueries } from "./project.queries";
import { apiListQuerySchema, slugParamsSchema } from "./project.schemas";
import "./api.openapi";

const exportParamsSchema = z.strictObject({ format: z.enum(["csv", "json"]) });

export function projectsApiRouter(deps: {
  queries: ProjectQueries;
  taxonomy: TaxonomyService;
  exports: ExportService;
}): Router {
  const { queries, taxonomy, exports } = deps;
  const router = express.Router();

  router.get("/api/v1/openapi.json", (_req, res) => {
    res.set("cache-control", "public, max-age=300").json(openApiDocument());
  });

  router.get("/api/v1/projects", async (req: Request, res: Response) => {
    const q = parseOr400(apiListQuerySchema, req.query, "query");
    const filters = await queries.filtersOf({ ...q, status: undefined });
    const [result, tags] = await Promise.all([
      queries.list(filters, q.sort ?? "start", q.page ?? 1, q.limit ?? 20),
      taxonomy.tags(),
    ]);
    res.set("cache-control", "public, max-age=30").json({
      data: result.items.map((p) => apiProject(p, tags)),
      page: result.page,
      limit: q.limit ?? 20,
      total: result.total,
      pages: result.pages,
    });
  });

  router.get("/api/v1/projects/:slug", async (req: Request, res: Response) => {
    const { slug } = parseOr400(slugParamsSchema, req.params, "address");
    // The API is public: drafts stay hidden even from a signed-in coordinator.
    const found = await queries.getBySlug(slug, {});
    if (!found) throw new NotFoundError(`No published project ${slug}`);
    if ("redirectTo" in found) {
      res.redirect(301, `/api/v1/projects/${found.redirectTo}`);
      return;
    }
    res
      .set("cache-control", "public, max-age=30")
      .json({ data: apiProject(found.project, await taxonomy.tags()) });
  });

  router.get("/export/projects.:format", async (req: Request, res: Response) => {
    const { format } = parseOr400(exportParamsSchema, req.params, "address");
    const role = res.locals.user?.role;
    const day = new Date().toISOString().slice(0, 10);
    res.set({
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="atlante-progetti-${day}.${format}"`,
      "cache-control": "private, no-store",
    });
    await exports.exportCatalogue(format, { role }, res);
    res.end();
  });

  return router;
}
