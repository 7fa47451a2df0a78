// Loads the demo notes with the demo projects: only the missing ones (each has a fixed key), published,
// with their search outbox entries in the same transaction. Fictional content, marked as demo.
import type { Connection } from "mongoose";
import type { Logger } from "../../infra/logger";
import { NoteModel } from "../../modules/notes/note.model";
import { ProjectModel } from "../../modules/projects/project.model";
import { enqueueIndexingMany } from "../../modules/search/outbox";
import { DEMO_AUTHORS, DEMO_NOTES } from "./notes";

const DAY = 24 * 3600 * 1000;

export async function seedDemoNotes(connection: Connection, logger?: Logger): Promise<{ created: number }> {
  const slugs = [...new Set(DEMO_NOTES.map((n) => n[0]))];
  const projects = await ProjectModel.find(
    { slug: { $in: slugs }, deletedAt: null, demo: true },
    { slug: 1 },
  ).lean();
  const bySlug = new Map(projects.map((p) => [p.slug, p._id]));
  const existing = new Set(
    (await NoteModel.find({ demo: true, idempotencyKey: /^demo-/ }, { idempotencyKey: 1 }).lean()).map(
      (n) => n.idempotencyKey,
    ),
  );
  const now = Date.now();
  const docs = DEMO_NOTES.flatMap(([slug, kind, theme, question, title, body], i) => {
    const project = bySlug.get(slug);
    const key = `demo-${i}`;
    if (!project || existing.has(key)) return [];
    const authorIndex = (i * 5) % DEMO_AUTHORS.length;
    const at = new Date(now - (DEMO_NOTES.length - i) * 2 * DAY);
    return [
      {
        project,
        author: { id: `demo-author-${authorIndex}`, name: DEMO_AUTHORS[authorIndex]! },
        kind,
        theme,
        question,
        title,
        body: `${body}\n\n_Nota di esempio: persone e fatti sono inventati._`,
        status: "published",
        publishedAt: at,
        createdAt: at,
        demo: true,
        idempotencyKey: key,
      },
    ];
  });
  if (docs.length === 0) return { created: 0 };
  await connection.transaction(async (session) => {
    const inserted = await NoteModel.insertMany(docs, { session });
    await enqueueIndexingMany(
      "note",
      inserted.map((n) => n._id),
      { session },
    );
  });
  logger?.info({ created: docs.length }, "demo notes loaded");
  return { created: docs.length };
}
