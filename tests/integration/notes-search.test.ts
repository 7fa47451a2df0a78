// Notes reach the search index when published and leave it when rejected, deleted or hidden.
import { indexUid } from "../../src/modules/search/sources";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { waitFor } from "./search-support";
import { loginAs, type LoggedIn } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { noteBy, seedCatalogue } from "./notes-fixtures";
import type { Actor } from "../../src/modules/accounts/actor";

const ctx = useTestApp();

let member: LoggedIn;
let coordinator: LoggedIn;
let moderator: Actor;

beforeEach(async () => {
  await seedCatalogue(ctx);
  member = await loginAs(ctx, "member");
  coordinator = await loginAs(ctx, "coordinator");
  moderator = { id: coordinator.user.id, name: coordinator.user.name, role: "coordinator" };
});

function notesIndex() {
  const source = ctx.services.search.registry.get("note")!;
  return ctx.infra.meili.index(indexUid(ctx.config.meiliIndexPrefix, source));
}

async function indexed(id: string): Promise<Record<string, unknown> | undefined> {
  try {
    return await notesIndex().getDocument(id);
  } catch {
    return undefined;
  }
}

const inIndex = (id: string, version?: number) =>
  waitFor(`note ${id} in the index`, async () => {
    const doc = await indexed(id);
    return doc && (version === undefined || doc.version === version) ? doc : undefined;
  });

const outOfIndex = (id: string) =>
  waitFor(`note ${id} out of the index`, async () => {
    // The index exists once anything was written to it; a missing document is what we wait for.
    const task = await ctx.infra.meili.tasks.getTasks({ statuses: ["enqueued", "processing"] });
    return task.results.length === 0 && (await indexed(id)) === undefined;
  });

test("When a pending note is approved, then it reaches the index; when rejected, it leaves it", async () => {
  const id = await noteBy(ctx, member, {
    title: "Diario condiviso dei mediatori",
    body: "Un quaderno comune.",
  });
  // Pending: the indexer handles its entry and writes nothing.
  await waitFor("its outbox entry handled", async () => {
    const left = await OutboxModel.countDocuments({ docId: id, status: { $ne: "done" } });
    return left === 0 && (await OutboxModel.countDocuments({ docId: id })) > 0;
  });
  expect(await indexed(id)).toBeUndefined();
  await ctx.services.notes.moderation.decide(moderator, id, "approve", "");
  const doc = await inIndex(id);
  expect(doc).toMatchObject({
    type: "note",
    title: "Diario condiviso dei mediatori",
    projectSlug: "open",
    kind: "lesson",
    theme: "monitoraggio-valutazione",
    visibility: "public",
  });
  // Anyone finds it through the search API with a typo, filtered by kind, linking into its project.
  const found = await ctx.agent().get("/api/v1/search?type=note&q=mediatrci&kind=lesson");
  expect(found.status).toBe(200);
  const body = found.body as { hits: { type: string; id: string; url: string }[] };
  expect(body.hits.map((h) => [h.type, h.id, h.url])).toEqual([["note", id, `/projects/open#note-${id}`]]);
  const otherKind = await ctx.agent().get("/api/v1/search?type=note&q=mediatori&kind=worked");
  expect((otherKind.body as { hits: unknown[] }).hits).toEqual([]);
  await ctx.services.notes.moderation.decide(moderator, id, "reject", "Dati personali");
  await outOfIndex(id);
});

test("When a member's note waits for moderation, then Meilisearch gets no task for it", async () => {
  const since = new Date().toISOString();
  const id = await noteBy(ctx, member, { title: "Una nota in attesa", body: "Ancora da moderare." });
  await waitFor("its outbox entry handled", async () => {
    const left = await OutboxModel.countDocuments({ docId: id, status: { $ne: "done" } });
    return left === 0 && (await OutboxModel.countDocuments({ docId: id })) > 0;
  });
  // The index exists (the indexer created it for this entry), and nothing was asked of it.
  const { results } = await ctx.infra.meili.tasks.getTasks({
    indexUids: [notesIndex().uid],
    types: ["documentAdditionOrUpdate", "documentDeletion"],
    afterEnqueuedAt: since,
  });
  expect(results).toEqual([]);
  expect(await indexed(id)).toBeUndefined();
});

test("When a published note is edited, then the index gets the new version; when deleted, it leaves", async () => {
  const id = await noteBy(ctx, coordinator, { title: "Prima versione" });
  await inIndex(id, 1);
  await ctx.services.notes.core.update(moderator, id, {
    kind: "worked",
    theme: "monitoraggio-valutazione",
    question: "t3-q1",
    title: "Seconda versione",
    body: "Testo nuovo",
    tags: ["mediazione"],
    version: 1,
  });
  const doc = await inIndex(id, 2);
  expect(doc.title).toBe("Seconda versione");
  expect(doc.tags).toEqual(["mediazione"]);
  await ctx.services.notes.core.remove(moderator, id);
  await outOfIndex(id);
});

test("When a note on a working table alone is published, then it is searchable and leads to its own page", async () => {
  const actor = { id: coordinator.user.id, name: coordinator.user.name, role: coordinator.user.role };
  const { note } = await ctx.services.notes.core.create(actor, null, {
    kind: "recommendation",
    theme: "monitoraggio-valutazione",
    question: "t3-q1",
    title: "Indicatori condivisi fra enti",
    body: "Concordare gli indicatori prima di partire.",
    tags: [],
  } as never);
  const id = String(note._id);
  const doc = await inIndex(id);
  expect(doc).toMatchObject({ type: "note", title: "Indicatori condivisi fra enti", question: "t3-q1" });
  expect(doc.projectSlug).toBeUndefined();
  // The harness emptied the indexes before this test: give them their settings (filters) again.
  await ctx.services.search.syncSettings();
  const found = await ctx.agent().get("/api/v1/search?type=note&q=indicatori");
  expect(found.status).toBe(200);
  const body = found.body as { hits: { id: string; url: string }[] };
  expect(body.hits.map((h) => [h.id, h.url])).toEqual([[id, `/notes/${id}`]]);
});
