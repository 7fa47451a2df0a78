// Shared set-up of the notes tests: vocabularies, a few fictional projects and tags, note helpers.
import type supertest from "supertest";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { TagModel } from "../../src/modules/taxonomy/tag.model";
import { NoteModel } from "../../src/modules/notes/note.model";
import { enqueueIndexingMany } from "../../src/modules/search";
import type { TestContext } from "../support/test-app";
import type { LoggedIn } from "../support/auth";

export const THEME = "monitoraggio-valutazione";
export const QUESTION = "t3-q1";

/**
 * Empties MongoDB only: these tests never read Meilisearch, and deleting indexes before every test
 * (the harness default) times out when the shared Meilisearch is busy.
 */
export async function resetMongo(ctx: TestContext): Promise<void> {
  await Promise.all((await ctx.infra.mongo.db!.collections()).map((c) => c.deleteMany({})));
  ctx.services.catalogueCache.clear();
}

/** Seeds vocabularies, two tags and projects: "open" (published), "closed" (archived), "hidden" (draft). */
export async function seedCatalogue(ctx: TestContext): Promise<Record<string, string>> {
  await ctx.services.taxonomy.seed();
  for (const tag of [
    { slug: "mediazione", label_it: "Mediazione", label_en: "Mediation" },
    { slug: "salute", label_it: "Salute", label_en: "Health" },
  ]) {
    await TagModel.updateOne({ slug: tag.slug }, { $setOnInsert: tag }, { upsert: true });
  }
  const base = { summary: "Progetto di esempio (fittizio).", themes: [THEME], zones: [] };
  const rows = await ProjectModel.create([
    {
      ...base,
      title: "Sportello aperto",
      sortTitle: "sportello aperto",
      slug: "open",
      status: "published",
      publishedAt: new Date(),
    },
    {
      ...base,
      title: "Progetto concluso",
      sortTitle: "progetto concluso",
      slug: "closed",
      status: "archived",
    },
    { ...base, title: "Bozza interna", sortTitle: "bozza interna", slug: "hidden", status: "draft" },
  ]);
  ctx.services.taxonomy.invalidate();
  // Written past the service, so queued here as the service would: otherwise the projects reach the index
  // only if a settings rebuild happens to run, and a consistency check depends on timing.
  await enqueueIndexingMany(
    "project",
    rows.map((r) => r._id),
  );
  ctx.services.search.poke();
  return Object.fromEntries(rows.map((r) => [r.slug, String(r._id)]));
}

export function noteForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    kind: "worked",
    theme: THEME,
    question: QUESTION,
    title: "Il diario di bordo condiviso",
    body: "Un **diario di bordo** compilato da tutti gli operatori ci ha fatto vedere i progressi.",
    tags: "mediazione",
    ...overrides,
  };
}

/** Posts the note form as a browser would: CSRF token and idempotency key from the form page. */
export async function postNote(
  who: LoggedIn,
  slug = "open",
  overrides: Record<string, string> = {},
): Promise<supertest.Response> {
  const page = await who.agent.get(`/projects/${slug}/notes/new`).set("accept", "text/html");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? (await who.csrf());
  const idem = /name="idem" value="([^"]+)"/.exec(page.text)?.[1];
  const draftToken = /name="draftToken" value="([^"]+)"/.exec(page.text)?.[1];
  return who.agent
    .post(`/projects/${slug}/notes`)
    .type("form")
    .send({
      _csrf: csrf,
      ...(idem ? { idem } : {}),
      ...(draftToken ? { draftToken } : {}),
      ...noteForm(overrides),
    });
}

/** The id of the newest note. */
export async function lastNoteId(): Promise<string> {
  const n = await NoteModel.findOne({}).sort({ _id: -1 }).lean();
  if (!n) throw new Error("no note");
  return String(n._id);
}

/** A note written straight through the service, as `who`. */
export async function noteBy(
  ctx: TestContext,
  who: LoggedIn,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const actor = { id: who.user.id, name: who.user.name, role: who.user.role };
  const { note } = await ctx.services.notes.core.create(actor, "open", {
    kind: "lesson",
    theme: THEME,
    question: null,
    title: "Una lezione",
    body: "Testo della lezione.",
    tags: [],
    ...overrides,
  } as never);
  return String(note._id);
}

export async function statusOf(id: string): Promise<string | undefined> {
  return (await NoteModel.findById(id).lean())?.status;
}
