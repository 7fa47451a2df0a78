// The benchmark dataset generator (`npm run generate-dataset`), run in-process against the test servers:
// the notes it writes are what the notes service would write, they show on their projects' pages, and the
// search rebuild indexes them.
import mongoose from "mongoose";
import { z } from "zod";
import { generateDataset, type DatasetArgs } from "../../scripts/generate-dataset";
import { UserModel } from "../../src/modules/accounts/user.model";
import { NoteModel, type NoteDoc } from "../../src/modules/notes/note.model";
import { NOTE_KINDS } from "../../src/modules/taxonomy/taxonomy.types";
import { noteFields } from "../../src/modules/notes/note.schemas";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { indexUid } from "../../src/modules/search/sources";
import { useTestApp } from "../support/test-app";
import { resetMongo } from "./notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

beforeAll(async () => {
  // The command runs with the app stopped: no indexer takes the outbox while these tests look at it.
  await ctx.services.jobs.stop();
});

beforeEach(async () => {
  await resetMongo(ctx);
  ctx.services.taxonomy.invalidate();
});

const generate = async (args: DatasetArgs) => {
  const result = await generateDataset(ctx.infra.mongo, args);
  // The generator seeded the vocabularies through its own taxonomy service: the app reads them afresh.
  ctx.services.taxonomy.invalidate();
  return result;
};

/** What a seed decides about the notes, without ids and dates (which depend on the run). */
async function signature(): Promise<unknown[]> {
  const projects = await ProjectModel.find({}, { slug: 1 }).lean();
  const slugOf = new Map(projects.map((p) => [String(p._id), p.slug]));
  const users = await UserModel.find({}, { email: 1 }).lean();
  const emailOf = new Map(users.map((u) => [String(u._id), u.email]));
  const tagSlugs = new Map((await ctx.services.taxonomy.tags()).all.map((t) => [t.id, t.slug]));
  const notes = await NoteModel.find().sort({ _id: 1 }).lean<NoteDoc[]>();
  return notes.map((n) => [
    slugOf.get(String(n.project)),
    emailOf.get(n.author.id),
    n.author.name,
    n.kind,
    n.theme,
    n.question,
    n.title,
    n.body,
    n.tags.map((t) => tagSlugs.get(String(t))),
    n.status,
    n.rejectReason,
    n.usefulBy.map((id) => emailOf.get(id)),
    n.replies.map((r) => [emailOf.get(r.author.id), r.body]),
    n.version,
  ]);
}

describe("generate-dataset with notes", () => {
  it("When 200 projects and 500 notes are generated, then every note is valid, on a published project, by a fictional member, with consistent counts", async () => {
    const result = await generate({ projects: 200, notes: 500, seed: 7, outbox: false });
    expect(result).toMatchObject({ projects: 200, notes: 500 });
    expect(result.members).toBeGreaterThanOrEqual(10);

    const notes = await NoteModel.find().lean<NoteDoc[]>();
    expect(notes).toHaveLength(500);
    const projects = await ProjectModel.find(
      {},
      { slug: 1, status: 1, deletedAt: 1, createdAt: 1, publishedAt: 1, startDate: 1 },
    ).lean();
    expect(projects).toHaveLength(200);
    // Catalogued before they started (and in the past), published after they were catalogued.
    for (const p of projects) {
      expect(p.createdAt.getTime()).toBeLessThan(Math.min(Date.now(), p.startDate!.getTime()));
      if (p.status === "published" || p.status === "archived") {
        expect(p.publishedAt!.getTime()).toBeGreaterThanOrEqual(p.createdAt.getTime());
        expect(p.publishedAt!.getTime()).toBeLessThanOrEqual(Date.now());
      }
    }
    const projectById = new Map(projects.map((p) => [String(p._id), p]));
    const vocab = await ctx.services.taxonomy.vocabulary();
    const tags = await ctx.services.taxonomy.tags();
    // Every account in this database is one the generator created.
    const members = await UserModel.find().lean();
    const memberById = new Map(members.map((m) => [String(m._id), m]));
    const form = z.object(noteFields);

    for (const n of notes) {
      // The model's own validation, and the form the notes service takes.
      await expect(new NoteModel(n).validate()).resolves.toBeUndefined();
      const tagSlugs = n.tags.map((id) => tags.byId.get(String(id)));
      expect(tagSlugs.every((t) => t?.status === "active")).toBe(true);
      expect(
        form.safeParse({
          kind: n.kind,
          theme: n.theme,
          question: n.question ?? undefined,
          title: n.title,
          body: n.body,
          tags: tagSlugs.map((t) => t!.slug).join(","),
        }).success,
      ).toBe(true);
      expect(NOTE_KINDS).toContain(n.kind);
      const theme = vocab.get("theme", n.theme);
      expect(theme).toBeDefined();
      if (n.question) expect(theme!.guidingQuestions.map((q) => q.id)).toContain(n.question);

      // On a generated project that takes notes.
      const project = projectById.get(String(n.project));
      expect(project).toMatchObject({ status: "published", deletedAt: null });
      expect(n.createdAt.getTime()).toBeGreaterThanOrEqual(project!.publishedAt!.getTime());

      // Signed by a fictional member whose profile exists.
      const member = memberById.get(n.author.id);
      expect(member).toMatchObject({ role: "member", status: "active", passwordHash: null });
      expect(member!.name).toBe(n.author.name);
      expect(n.author.name).toMatch(/\(fittizi[oa]\)$/);
      expect(member!.email).toMatch(/@generato\.atlante\.invalid$/);

      // What each status implies, as the service and moderation leave it.
      expect(n).toMatchObject({ deletedAt: null, demo: false, flagCount: 0, idempotencyKey: null });
      expect(n.usefulCount).toBe(n.usefulBy.length);
      expect(new Set(n.usefulBy).size).toBe(n.usefulBy.length);
      expect(n.usefulBy).not.toContain(n.author.id);
      expect(n.version).toBe(1 + (n.moderatedBy ? 1 : 0) + n.replies.length);
      expect(n.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
      if (n.status === "published") {
        expect(n.publishedAt).toBeInstanceOf(Date);
        expect(n.publishedAt!.getTime()).toBeGreaterThanOrEqual(n.createdAt.getTime());
        expect(n.rejectReason).toBeNull();
        for (const r of n.replies) {
          expect(r.author.id).not.toBe(n.author.id);
          expect(memberById.get(r.author.id)?.name).toBe(r.author.name);
          expect(r.at.getTime()).toBeGreaterThanOrEqual(n.publishedAt!.getTime());
        }
      } else {
        expect(n.publishedAt).toBeNull();
        expect(n.replies).toEqual([]);
        expect(n.usefulCount).toBe(0);
      }
      if (n.status === "pending")
        expect(n).toMatchObject({ moderatedBy: null, rejectReason: null, version: 1 });
      if (n.status === "rejected") {
        expect(n.rejectReason).toEqual(expect.any(String));
        expect(n.moderatedBy).toEqual(expect.objectContaining({ id: expect.any(String) }));
      }
    }

    // Mostly published, some waiting, a few rejected; some replies and "useful" marks.
    const byStatus = (s: string) => notes.filter((n) => n.status === s).length;
    expect(byStatus("published")).toBeGreaterThan(350);
    expect(byStatus("pending")).toBeGreaterThan(20);
    expect(byStatus("rejected")).toBeGreaterThan(0);
    expect(notes.some((n) => n.replies.length > 0)).toBe(true);
    expect(notes.some((n) => n.usefulCount > 0)).toBe(true);

    // Uneven: a few projects carry many notes, many published projects have none.
    const perProject = new Map<string, number>();
    for (const n of notes) perProject.set(String(n.project), (perProject.get(String(n.project)) ?? 0) + 1);
    const published = projects.filter((p) => p.status === "published").length;
    const counts = [...perProject.values()].sort((a, b) => b - a);
    expect(counts[0]).toBeGreaterThan(5 * (500 / published));
    expect(perProject.size).toBeLessThan(published);
    // Without --outbox, nothing is queued for the indexer.
    expect(await OutboxModel.countDocuments()).toBe(0);
  });

  it("When a project has generated notes, then its page and its member's profile show the published ones only", async () => {
    await generate({ projects: 60, notes: 150, seed: 3, outbox: false });
    const [busiest] = await NoteModel.aggregate<{ _id: mongoose.Types.ObjectId; n: number }>([
      { $match: { status: "published" } },
      { $group: { _id: "$project", n: { $sum: 1 } } },
      { $sort: { n: -1 } },
      { $limit: 1 },
    ]);
    const project = await ProjectModel.findById(busiest!._id).lean();
    const published = await NoteModel.find({ project: busiest!._id, status: "published" }).lean();
    const hidden = await NoteModel.find({ status: { $ne: "published" } }).lean();
    expect(hidden.length).toBeGreaterThan(0);

    // The query the project page uses.
    const listed = await ctx.services.notes.queries.publishedOf(busiest!._id);
    expect(listed.map((v) => String(v.note._id)).sort()).toEqual(published.map((n) => String(n._id)).sort());

    const page = await ctx.agent().get(`/projects/${project!.slug}`);
    expect(page.status).toBe(200);
    for (const n of published) expect(page.text).toContain(`id="note-${String(n._id)}"`);
    for (const n of hidden) expect(page.text).not.toContain(`id="note-${String(n._id)}"`);

    const author = published[0]!.author;
    const profile = await ctx.agent().get(`/members/${author.id}`);
    expect(profile.status).toBe(200);
    expect(profile.text).toContain(author.name);
  });

  it("When the same seed is used twice, then the same notes come out; another seed gives others; the projects do not depend on the notes", async () => {
    await generate({ projects: 80, notes: 200, seed: 11, outbox: false });
    const first = await signature();
    const projectsWithNotes = await ProjectModel.find({}, { _id: 0, slug: 1, title: 1, status: 1, themes: 1 })
      .sort({ slug: 1 })
      .lean();
    await resetMongo(ctx);
    await generate({ projects: 80, notes: 200, seed: 11, outbox: false });
    expect(await signature()).toEqual(first);

    await resetMongo(ctx);
    await generate({ projects: 80, seed: 11, outbox: false });
    expect(await NoteModel.countDocuments()).toBe(0);
    expect(
      await ProjectModel.find({}, { _id: 0, slug: 1, title: 1, status: 1, themes: 1 })
        .sort({ slug: 1 })
        .lean(),
    ).toEqual(projectsWithNotes);

    await resetMongo(ctx);
    await generate({ projects: 80, notes: 200, seed: 12, outbox: false });
    expect(await signature()).not.toEqual(first);
  });

  it("When --outbox is given, then every note is queued for the indexer; without it, a rebuild makes the published ones searchable", async () => {
    await generate({ projects: 20, notes: 40, seed: 5, outbox: true });
    const ids = (await NoteModel.find({}, { _id: 1 }).lean()).map((n) => String(n._id)).sort();
    const queued = await OutboxModel.find({ type: "note" }, { docId: 1, status: 1 }).lean();
    expect(queued.map((e) => e.docId).sort()).toEqual(ids);
    expect(queued.every((e) => e.status === "pending")).toBe(true);
    expect(await OutboxModel.countDocuments({ type: "project" })).toBe(20);

    // What `npm run reindex` runs.
    const [rebuilt] = await ctx.services.search.reindex(["note"]);
    const published = await NoteModel.find({ status: "published" }).lean();
    expect(rebuilt!.documents).toBe(published.length);
    const index = ctx.infra.meili.index(
      indexUid(ctx.config.meiliIndexPrefix, ctx.services.search.registry.get("note")!),
    );
    const doc = await index.getDocument(String(published[0]!._id));
    expect(doc).toMatchObject({ type: "note", title: published[0]!.title, visibility: "public" });
    const hits = await index.search("", {
      filter: `projectSlug = "${String(doc.projectSlug)}"`,
      limit: 1000,
    });
    expect(hits.hits.length).toBe(published.filter((n) => String(n.project) === doc.projectId).length);
  });
});
