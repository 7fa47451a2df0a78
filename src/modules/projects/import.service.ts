// Importing rows into the catalogue. Each row is validated as a whole; a row with any error writes nothing.
// New projects go in batches through insertProjects: one transaction per batch writes the projects, their
// revisions, their outbox entries and the tags' usage counts (what the project service writes for one
// create). Rows matching a stored project (by CUP, then slug) go through the project service's `upsert`,
// one by one.
import type { Connection } from "mongoose";
import { ForbiddenError } from "../../web/errors";
import { hasRole } from "../../web/auth-guards";
import type { Translate } from "../../web/i18n/index";
import type { Actor } from "../accounts/index";
import { slugify, type TaxonomyService } from "../taxonomy/index";
import type { ImportRow, RowProblem } from "./import.format";
import { validateProject, type ProjectInput } from "./project.input";
import { ProjectModel, type ProjectDoc } from "./project.model";
import type { ProjectService } from "./project.service";
import { snapshotOf } from "./project.snapshot";
import { newProjectDoc, storedValuesOf } from "./project.stored";
import { insertProjects } from "./project.writes";
import { ProjectValidationError } from "./project.errors";
import { CREATED_LISTED, type ImportReport } from "./import.report";

export interface ImportOptions {
  dryRun?: boolean;
  /** Called after each batch with the rows handled so far. */
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

interface Ready {
  row: ImportRow;
  input: ProjectInput;
  existing?: Pick<ProjectDoc, "_id" | "cup" | "slug">;
}

export function createImportService(deps: {
  connection: Connection;
  taxonomy: TaxonomyService;
  projects: ProjectService;
}) {
  const { connection, taxonomy, projects } = deps;

  /** Imports parsed rows for `actor` (a coordinator); bad rows are reported in `t`'s language. */
  async function importRows(
    actor: Actor,
    rows: ImportRow[],
    t: Translate,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    if (!hasRole(actor.role, "coordinator")) throw new ForbiddenError("Only coordinators import projects");
    const report: ImportReport = {
      dryRun: !!options.dryRun,
      rows: rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      errors: [],
      warnings: [],
    };
    const failedLines = new Set<number>();
    const fail = (line: number, problems: RowProblem[]) => {
      failedLines.add(line);
      for (const p of problems) report.errors.push({ line, field: p.field, message: t(p.key, p.params) });
    };
    const [vocab, tags] = await Promise.all([taxonomy.vocabulary(), taxonomy.tags()]);

    // 1. Each row alone: the cells, then the project rules; then duplicates inside the file.
    const valid: Ready[] = [];
    const seenCup = new Map<string, number>();
    const seenSlug = new Map<string, number>();
    for (const row of rows) {
      for (const w of row.warnings)
        report.warnings.push({ line: row.line, field: w.field, message: t(w.key, w.params) });
      if (row.errors.length > 0) {
        fail(row.line, row.errors);
        continue;
      }
      const { input, errors } = validateProject(row.raw, vocab, tags);
      if (errors.length > 0) {
        fail(row.line, errors);
        continue;
      }
      const dupOf =
        (input.cup && seenCup.get(input.cup)) || (input.slug && !input.cup && seenSlug.get(input.slug));
      if (dupOf) {
        fail(row.line, [
          {
            field: input.cup ? "cup" : "slug",
            key: "import.row.duplicate",
            params: { line: dupOf, what: input.cup ? "CUP" : "slug" },
          },
        ]);
        continue;
      }
      if (input.cup) seenCup.set(input.cup, row.line);
      if (input.slug) seenSlug.set(input.slug, row.line);
      valid.push({ row, input });
    }

    // 2. What is stored already: by CUP, then by slug (current or old).
    const byCup = new Map<string, Pick<ProjectDoc, "_id" | "cup" | "slug" | "oldSlugs">>();
    const bySlug = new Map<string, Pick<ProjectDoc, "_id" | "cup" | "slug" | "oldSlugs">>();
    for (let i = 0; i < valid.length; i += 5000) {
      const chunk = valid.slice(i, i + 5000);
      const cups = chunk.map((r) => r.input.cup).filter((c): c is string => !!c);
      const slugs = chunk.map((r) => r.input.slug).filter((s): s is string => !!s);
      const found = await ProjectModel.find(
        { $or: [{ cup: { $in: cups } }, { slug: { $in: slugs } }, { oldSlugs: { $in: slugs } }] },
        { cup: 1, slug: 1, oldSlugs: 1 },
      ).lean<Pick<ProjectDoc, "_id" | "cup" | "slug" | "oldSlugs">[]>();
      for (const p of found) {
        if (p.cup) byCup.set(p.cup, p);
        bySlug.set(p.slug, p);
        for (const old of p.oldSlugs ?? []) if (!bySlug.has(old)) bySlug.set(old, p);
      }
    }
    const creates: Ready[] = [];
    const updates: Ready[] = [];
    for (const r of valid) {
      const { cup, slug } = r.input;
      const sameCup = cup ? byCup.get(cup) : undefined;
      const sameSlug = slug ? bySlug.get(slug) : undefined;
      if (!sameCup && sameSlug && (sameSlug.slug !== slug || (cup && sameSlug.cup && sameSlug.cup !== cup))) {
        fail(r.row.line, [
          { field: "slug", key: "import.row.slugOfOther", params: { slug: slug!, cup: sameSlug.cup ?? "-" } },
        ]);
        continue;
      }
      const existing = sameCup ?? sameSlug;
      if (existing) updates.push({ ...r, existing });
      else creates.push(r);
    }

    // 3. Writes (or, for a dry run, what would be written).
    const total = rows.length;
    let done = rows.length - creates.length - updates.length;
    options.onProgress?.(done, total);
    if (options.dryRun) {
      report.created = creates.length;
      report.updated = updates.length;
      report.failed = failedLines.size;
      options.onProgress?.(total, total);
      return report;
    }
    const taken = new Set<string>();
    const batchSize = options.batchSize ?? 500;
    for (let i = 0; i < creates.length; i += batchSize) {
      const batch = creates.slice(i, i + batchSize);
      await assignSlugs(batch, taken);
      try {
        await createBatch(actor, batch);
        report.created += batch.length;
        const listed = (report.createdProjects ??= []);
        for (const r of batch) {
          if (listed.length < CREATED_LISTED) listed.push({ slug: r.input.slug!, title: r.input.title });
        }
      } catch (err) {
        // A slug or CUP taken meanwhile (or any write error): retry the batch's rows one by one.
        if ((err as { code?: number }).code !== 11000) throw err;
        for (const r of batch) {
          const result = await projects.upsert(actor, r.row.raw, { status: r.row.status });
          if (result.ok) report[result.action] += 1;
          else fail(r.row.line, result.errors);
        }
      }
      done += batch.length;
      options.onProgress?.(done, total);
    }
    // Rows equal to what is stored are counted, not written (one read per chunk instead of one per row).
    const changed: Ready[] = [];
    for (let i = 0; i < updates.length; i += 2000) {
      const chunk = updates.slice(i, i + 2000);
      const stored = await ProjectModel.find({ _id: { $in: chunk.map((r) => r.existing!._id) } }).lean<
        ProjectDoc[]
      >();
      const byId = new Map(stored.map((p) => [String(p._id), p]));
      for (const r of chunk) {
        const current = byId.get(String(r.existing!._id));
        if (current && isUnchanged(current, r)) {
          report.unchanged += 1;
          done += 1;
        } else changed.push(r);
      }
      options.onProgress?.(done, total);
    }
    for (const r of changed) {
      try {
        const result = await projects.upsert(
          actor,
          { ...r.row.raw, slug: r.row.raw.slug ?? r.existing!.slug },
          { status: r.row.status },
        );
        if (result.ok) report[result.action] += 1;
        else fail(r.row.line, result.errors);
      } catch (err) {
        if (!(err instanceof ProjectValidationError) && !(err as { status?: number }).status) throw err;
        fail(r.row.line, [{ field: "row", key: "import.row.conflict" }]);
      }
      done += 1;
      if (done % 100 === 0 || done === total) options.onProgress?.(done, total);
    }
    report.failed = failedLines.size;
    if (report.created > 0) projects.notifyChanged();
    options.onProgress?.(total, total);
    return report;
  }

  /** Whether a row would leave the stored project as it is (content, slug and status). */
  function isUnchanged(current: ProjectDoc, r: Ready): boolean {
    if (r.input.slug && r.input.slug !== current.slug) return false;
    if (r.row.status && r.row.status !== current.status) return false;
    const next = snapshotOf({ ...current, ...storedValuesOf(r.input), slug: current.slug });
    return JSON.stringify(next) === JSON.stringify(snapshotOf(current));
  }

  /** Slugs for the rows without one: the title's slug when free (one query per batch), else the next free. */
  async function assignSlugs(batch: Ready[], taken: Set<string>): Promise<void> {
    const wanted = batch.filter((r) => !r.input.slug).map((r) => slugify(r.input.title) || "progetto");
    const used = await ProjectModel.find(
      { $or: [{ slug: { $in: wanted } }, { oldSlugs: { $in: wanted } }] },
      { slug: 1, oldSlugs: 1 },
    ).lean();
    for (const p of used) for (const s of [p.slug, ...(p.oldSlugs ?? [])]) taken.add(s);
    for (const r of batch) {
      if (r.input.slug) continue;
      const base = slugify(r.input.title) || "progetto";
      if (!taken.has(base)) {
        taken.add(base);
        r.input.slug = base;
      } else r.input.slug = await projects.freeSlug(r.input.title, taken);
    }
  }

  /** Creates the projects of a batch in one transaction, with what the project service writes per create. */
  async function createBatch(actor: Actor, batch: Ready[]): Promise<void> {
    const by = { id: actor.id, name: actor.name };
    const createdAt = new Date();
    const docs = batch.map(({ row, input }) =>
      newProjectDoc({ ...input, slug: input.slug! }, { status: row.status ?? "draft", by, createdAt }),
    );
    await insertProjects({ connection, taxonomy }, docs, { action: "import", by });
  }

  return { importRows };
}

export type ImportService = ReturnType<typeof createImportService>;
