// Shared by the tests of reports in search and feeds: projects in two zones, published notes on them, and
// reports written, sent to review and published through the reports service.
import { NoteModel } from "../../src/modules/notes/note.model";
import { ProjectModel } from "../../src/modules/projects/project.model";
import type { Actor } from "../../src/modules/accounts/actor";
import type { ReportSnapshot } from "../../src/modules/tables/report.model";
import { enqueueIndexingMany } from "../../src/modules/search";
import type { TestContext } from "../support/test-app";
import { seedCatalogue, QUESTION } from "./notes-fixtures";

export const COORDINATOR: Actor = { id: "c1", name: "Coordinatrice (esempio)", role: "coordinator" };
export const ZONE_A = "lunigiana";
export const ZONE_B = "apuane";
export const TABLE_A = "monitoraggio-valutazione";
export const TABLE_B = "accessibilita-servizi";

/** The catalogue of the notes tests, with "open" in ZONE_A and a published "second" project in ZONE_B. */
export async function seedZones(ctx: TestContext): Promise<void> {
  await seedCatalogue(ctx);
  const open = await ProjectModel.findOneAndUpdate(
    { slug: "open" },
    { $set: { zones: [ZONE_A] }, $inc: { version: 1 } },
    { returnDocument: "after" },
  ).lean();
  const [second] = await ProjectModel.create([
    {
      title: "Secondo progetto",
      sortTitle: "secondo progetto",
      slug: "second",
      summary: "Progetto di esempio (fittizio).",
      themes: [TABLE_B],
      zones: [ZONE_B],
      status: "published",
      publishedAt: new Date(),
    },
  ]);
  await enqueueIndexingMany("project", [open!._id, second!._id]);
}

/** A published note on a project (by slug); returns its id. */
export async function publishedNoteOn(slug: string, title: string, theme = TABLE_A): Promise<string> {
  const project = await ProjectModel.findOne({ slug }).lean();
  const [n] = await NoteModel.create([
    {
      author: { id: "u1", name: "Autrice (esempio)" },
      project: project!._id,
      kind: "worked",
      theme,
      question: QUESTION,
      title,
      body: "Testo della nota.",
      status: "published",
      publishedAt: new Date(),
    },
  ]);
  return String(n!._id);
}

export function content(title: string, body: string, summary = ""): ReportSnapshot {
  return {
    title,
    summary,
    sections: [
      { heading: "Che cosa ha funzionato", kind: "text", body },
      { heading: "Raccomandazioni", kind: "recommendations", body: "- Continuare il lavoro comune." },
    ],
  };
}

/** Starts a report of a table (a draft); returns its slug. */
export async function draftReport(
  ctx: TestContext,
  theme: string,
  snapshot: ReportSnapshot,
): Promise<string> {
  const doc = await ctx.services.tables.reports.create(COORDINATOR, {
    scope: { kind: "table", theme },
    content: snapshot,
  });
  return doc.slug;
}

/** Moves a report through review to publication. */
export async function publishReport(ctx: TestContext, slug: string): Promise<void> {
  const { reports } = ctx.services.tables;
  const current = await reports.load(slug);
  const review = await reports.transition(COORDINATOR, slug, "submit", current.version);
  await reports.transition(COORDINATOR, slug, "publish", review.version);
}

/** A report of a table, written and published; returns its slug. */
export async function publishedReport(
  ctx: TestContext,
  theme: string,
  snapshot: ReportSnapshot,
): Promise<string> {
  const slug = await draftReport(ctx, theme, snapshot);
  await publishReport(ctx, slug);
  return slug;
}
