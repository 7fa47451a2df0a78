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
import { ProjectModel, type ProjectDoc } from "./project.model";
import type { ProjectQueries } from "./project.queries";
import { SORTS } from "./project.queries";
import { filtersOf } from "./projects.routes";
import { slugParamsSchema } from "./project.schemas";
import "./api.openapi";

const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);
const key = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^[A-Za-z0-9-]{1,120}$/)
    .optional(),
);

export const apiListQuerySchema = z.strictObject({
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10_000).optional()),
  limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).optional()),
  theme: key,
  tag: key,
  zone: key,
  target: key,
  year: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{4}$/, "a year like 2021")
      .optional(),
  ),
  sort: z.preprocess(emptyToUndefined, z.enum(["start", "title", "updated"]).optional()),
});

const COUNT_TTL_MS = 30_000;

const exportParamsSchema = z.strictObject({ format: z.enum(["csv", "json"]) });

export function projectsApiRouter(deps: {
  queries: ProjectQueries;
  taxonomy: TaxonomyService;
  exports: ExportService;
  /** Subscribes to catalogue changes (to forget cached totals). */
  onChange?: (listener: () => void) => void;
}): Router {
  const { queries, taxonomy, exports } = deps;
  const router = express.Router();
  const counts = new Map<string, { value: Promise<number>; expires: number }>();
  deps.onChange?.(() => counts.clear());

  /**
   * Total of a filter, shared by concurrent requests and kept 30 s at most (the responses' max-age):
   * counting 100,000 published projects on every page of the list would cost more than the page itself.
   */
  function countOf(match: Record<string, unknown>): Promise<number> {
    const key = JSON.stringify(match);
    const hit = counts.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const value = ProjectModel.countDocuments(match).exec();
    value.catch(() => counts.delete(key));
    if (counts.size >= 1000) counts.delete(counts.keys().next().value!);
    counts.set(key, { value, expires: Date.now() + COUNT_TTL_MS });
    return value;
  }

  router.get("/api/v1/openapi.json", (_req, res) => {
    res.set("cache-control", "public, max-age=300").json(openApiDocument());
  });

  router.get("/api/v1/projects", async (req: Request, res: Response) => {
    const q = parseOr400(apiListQuerySchema, req.query, "query");
    const filters = await filtersOf({ ...q, status: undefined, page: undefined }, taxonomy);
    const page = q.page ?? 1;
    const limit = q.limit ?? 20;
    const match: Record<string, unknown> = { status: "published", deletedAt: null };
    if (filters.theme) match.themes = filters.theme;
    if (filters.tag) match.tags = filters.tag;
    if (filters.zone) match.zones = filters.zone;
    if (filters.target) match.targetGroups = filters.target;
    if (filters.year) match.startYear = filters.year;
    const [items, total, tags] = await Promise.all([
      ProjectModel.find(match, { contact: 0, oldSlugs: 0 })
        .sort(SORTS[q.sort ?? "start"])
        .skip((page - 1) * limit)
        .limit(limit)
        .lean<ProjectDoc[]>(),
      countOf(match),
      taxonomy.tags(),
    ]);
    res.set("cache-control", "public, max-age=30").json({
      data: items.map((p) => apiProject(p, tags)),
      page,
      limit,
      total,
      pages: Math.max(1, Math.ceil(total / limit)),
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
