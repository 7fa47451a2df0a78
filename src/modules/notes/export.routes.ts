// Notes in bulk over HTTP: the CSV/JSON download and the paged JSON API (published notes only, as the
// projects' API), described in the OpenAPI document.
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { NotFoundError } from "../../web/errors";
import { parseOr400 } from "../../web/validate";
import { PUBLIC_STATUSES, type ProjectRefs } from "../projects/index";
import { NOTE_KINDS, type TaxonomyService } from "../taxonomy/index";
import type { NoteExport, NoteFilter } from "./note.export";
import "./note.openapi";

const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);
const key = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^[A-Za-z0-9-]{1,120}$/, "a key of letters, digits and hyphens")
    .optional(),
);

export const notesApiQuery = z.strictObject({
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10_000).optional()),
  limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).optional()),
  theme: key,
  question: key,
  kind: z.preprocess(emptyToUndefined, z.enum(NOTE_KINDS).optional()),
  /** A project's slug, or "none" for the notes that name no project. */
  project: key,
  tag: key,
});

const exportParams = z.strictObject({ format: z.enum(["csv", "json"]) });

export function notesExportRouter(deps: {
  exports: NoteExport;
  taxonomy: Pick<TaxonomyService, "resolveTagSlugs">;
  projects: Pick<ProjectRefs, "refBySlug">;
}): Router {
  const router = express.Router();

  router.get("/api/v1/notes", async (req: Request, res: Response) => {
    const q = parseOr400(notesApiQuery, req.query, "query");
    const page = q.page ?? 1;
    const limit = q.limit ?? 20;
    const filter: NoteFilter = { theme: q.theme, question: q.question, kind: q.kind };
    if (q.project === "none") filter.project = null;
    else if (q.project) {
      const p = await deps.projects.refBySlug(q.project, PUBLIC_STATUSES);
      if (!p) throw new NotFoundError(`No project ${q.project}`);
      filter.project = String(p._id);
    }
    if (q.tag) {
      const { ids } = await deps.taxonomy.resolveTagSlugs([q.tag]);
      if (!ids[0]) throw new NotFoundError(`No tag ${q.tag}`);
      filter.tagId = ids[0];
    }
    // The API is public: only published notes, even for a signed-in coordinator.
    const { data, total } = await deps.exports.page(filter, {}, page, limit);
    res.set("cache-control", "public, max-age=30").json({
      data,
      page,
      limit,
      total,
      pages: Math.max(1, Math.ceil(total / limit)),
    });
  });

  router.get("/export/notes.:format", async (req: Request, res: Response) => {
    const { format } = parseOr400(exportParams, req.params, "address");
    const day = new Date().toISOString().slice(0, 10);
    res.set({
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="atlante-note-${day}.${format}"`,
      "cache-control": "private, no-store",
    });
    await deps.exports.exportNotes(format, { role: res.locals.user?.role }, res);
    res.end();
  });

  return router;
}
