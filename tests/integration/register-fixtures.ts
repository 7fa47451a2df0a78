// Shared set-up of the register's tests: published notes, and reports published (and republished)
// through the reports service with a recommendations section.
import type { Actor } from "../../src/modules/accounts/index";
import { NoteModel } from "../../src/modules/notes/note.model";
import type { TestContext } from "../support/test-app";
import { QUESTION, THEME } from "./notes-fixtures";

export const COORDINATOR: Actor = { id: "c1", name: "Coordinatrice (esempio)", role: "coordinator" };

/** A published recommendation note of a table; returns its id. */
export async function publishedNote(title: string, theme = THEME): Promise<string> {
  const [n] = await NoteModel.create([
    {
      author: { id: "u1", name: "Autrice (esempio)" },
      kind: "recommendation",
      theme,
      question: theme === THEME ? QUESTION : null,
      title,
      body: "Testo di esempio.",
      status: "published",
      publishedAt: new Date(),
    },
  ]);
  return String(n!._id);
}

const sections = (items: string[]) => [
  { heading: "Che cosa è emerso", kind: "text" as const, body: "- questo non è una raccomandazione" },
  {
    heading: "Raccomandazioni",
    kind: "recommendations" as const,
    body: items.map((i) => `- ${i}`).join("\n"),
  },
];

/** A published report whose recommendations section lists `items`; returns its slug. */
export async function publishReport(
  ctx: TestContext,
  items: string[],
  scope: { kind: "table" | "event" | "all"; theme?: string } = { kind: "table", theme: THEME },
): Promise<string> {
  const reports = ctx.services.tables.reports;
  const doc = await reports.create(COORDINATOR, {
    scope,
    content: { title: "Sintesi di prova (esempio)", summary: "Esempio.", sections: sections(items) },
  });
  const review = await reports.transition(COORDINATOR, doc.slug, "submit", doc.version);
  await reports.transition(COORDINATOR, doc.slug, "publish", review.version);
  return doc.slug;
}

/** Replaces a published report's recommendations and publishes the new version. */
export async function republish(ctx: TestContext, slug: string, items: string[]): Promise<void> {
  const reports = ctx.services.tables.reports;
  const current = await reports.load(slug);
  const saved = await reports.update(
    COORDINATOR,
    slug,
    { title: current.title, summary: current.summary ?? "", sections: sections(items) },
    current.version,
  );
  const review = await reports.transition(COORDINATOR, slug, "submit", saved.version);
  await reports.transition(COORDINATOR, slug, "publish", review.version);
}
