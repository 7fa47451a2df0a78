// A tag merge moves projects and notes to the surviving tag and queues each of them for the search index
// once: the merge hooks move, the change hooks (run next for the survivor) queue.
import type { Actor } from "../../src/modules/accounts/actor";
import { NoteModel } from "../../src/modules/notes/note.model";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { useTestApp } from "../support/test-app";
import { resetMongo, seedCatalogue, THEME } from "./notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });
const coordinator: Actor = { id: "c1", name: "Carla Coordinatrice", role: "coordinator" };
const member: Actor = { id: "m1", name: "Mario Membro", role: "member" };

beforeAll(async () => {
  // No indexer or index rebuild: they would take or re-queue entries while the test counts them.
  await ctx.services.jobs.stop();
});

beforeEach(async () => {
  await resetMongo(ctx);
  await seedCatalogue(ctx);
});

/** Outbox entries per document id. */
async function entries(type: "project" | "note"): Promise<Map<string, number>> {
  const rows = await OutboxModel.aggregate<{ _id: string; n: number }>([
    { $match: { type } },
    { $group: { _id: "$docId", n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [r._id, r.n]));
}

describe("tag merges and the search outbox", () => {
  it("When one tag is merged into another, then each project and published note with either tag is queued once", async () => {
    const project = (title: string, tags: string[], status?: "published") =>
      ctx.services.projects.create(coordinator, { title, tags, themes: [THEME] }, status ? { status } : {});
    const projects = {
      loser: await project("Con il tag unito", ["mediazione"], "published"),
      survivor: await project("Con il tag che resta", ["salute"], "published"),
      both: await project("Con tutti e due", ["mediazione", "salute"], "published"),
      draft: await project("Bozza con il tag unito", ["mediazione"]),
      neither: await project("Senza tag", [], "published"),
    };
    const note = async (who: Actor, tags: string[]) => {
      const { note } = await ctx.services.notes.core.create(who, "open", {
        kind: "lesson",
        theme: THEME,
        question: null,
        title: `Nota con ${tags.join(" e ") || "nessun tag"}`,
        body: "Testo della nota (esempio).",
        tags,
      } as never);
      return String(note._id);
    };
    const notes = {
      loser: await note(coordinator, ["mediazione"]),
      survivor: await note(coordinator, ["salute"]),
      both: await note(coordinator, ["mediazione", "salute"]),
      neither: await note(coordinator, []),
    };
    const pending = await note(member, ["mediazione"]);
    expect(await NoteModel.findById(pending, { status: 1 }).lean()).toMatchObject({ status: "pending" });
    const [projectsBefore, notesBefore] = [await entries("project"), await entries("note")];

    await ctx.services.taxonomy.mergeTags(coordinator, "mediazione", "salute");

    const [projectsAfter, notesAfter] = [await entries("project"), await entries("note")];
    const added = (before: Map<string, number>, after: Map<string, number>, id: string) =>
      (after.get(id) ?? 0) - (before.get(id) ?? 0);
    expect(
      Object.fromEntries(
        Object.entries(projects).map(([k, p]) => [k, added(projectsBefore, projectsAfter, String(p._id))]),
      ),
    ).toEqual({ loser: 1, survivor: 1, both: 1, draft: 1, neither: 0 });
    expect(
      Object.fromEntries(Object.entries(notes).map(([k, id]) => [k, added(notesBefore, notesAfter, id)])),
    ).toEqual({ loser: 1, survivor: 1, both: 1, neither: 0 });
    // The pending note moved too (search shows it once it is published, and queues it then).
    const salute = (await ctx.services.taxonomy.tags()).bySlug.get("salute")!;
    expect((await NoteModel.findById(pending).lean())!.tags.map(String)).toEqual([salute.id]);
  });
});
