// When Meilisearch is down: pages work, search falls back to MongoDB with the same filters, writes keep
// succeeding, and the outbox drains once Meilisearch is back. The app here uses a meilisearch of its own.
import { useTestApp } from "../support/test-app";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { NoteModel } from "../../src/modules/notes/note.model";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { loginAs } from "../support/auth";
import { writeFixture } from "./search-fixtures";
import { OwnMeili, waitFor } from "./search-support";

const own = new OwnMeili();
const env: NodeJS.ProcessEnv = {};
beforeAll(async () => {
  await own.start();
  await own.stop();
  env.MEILI_URL = `http://127.0.0.1:${own.port}`;
  env.MEILI_MASTER_KEY = own.key;
}, 60_000);
const ctx = useTestApp({ env, resetBeforeEach: false });

afterAll(async () => {
  await own.stop();
});

const slugsOf = (body: { hits: { slug: string }[] }) => body.hits.map((h) => h.slug);

describe("search with Meilisearch down", () => {
  beforeAll(async () => {
    await ctx.services.taxonomy.seed();
    // Writes succeed while Meilisearch is down: the changes wait in the outbox.
    await writeFixture();
  }, 60_000);

  it("When Meilisearch is unreachable, then the API answers from MongoDB with the same filters and visibility", async () => {
    const res = await ctx.agent().get("/api/v1/search?q=mediazione");
    expect(res.status).toBe(200);
    expect(res.body.engine).toBe("mongodb");
    expect(slugsOf(res.body)).toEqual(
      expect.arrayContaining(["mediazione", "interculturale", "linguistico"]),
    );
    expect(slugsOf(res.body)).not.toContain("draft");
    const filtered = await ctx.agent().get("/api/v1/search?q=mediazione&theme=coinvolgimento-comunita");
    expect(slugsOf(filtered.body)).toEqual(["linguistico"]);
    const years = await ctx.agent().get("/api/v1/search?year=2022&limit=50");
    expect(slugsOf(years.body).sort()).toEqual(["abitare", "linguistico", "msna-long", "scuole"]);
    expect(years.body.facets.theme.length).toBeGreaterThan(0);
    const bad = await ctx.agent().get("/api/v1/search?zone=atlantide");
    expect(bad.status).toBe(400);
  });

  it("When Meilisearch is unreachable and a CUP is searched as typed, then its project is found", async () => {
    await ProjectModel.updateOne({ slug: "abitare" }, { $set: { cup: "E13D21000010001" } });
    for (const q of ["E13D21000010001", "e13d 2100 0010 001"]) {
      const res = await ctx.agent().get("/api/v1/search").query({ q, type: "project" });
      expect([q, res.body.engine, slugsOf(res.body)]).toEqual([q, "mongodb", ["abitare"]]);
    }
  });

  it("When Meilisearch is unreachable, then the page shows a notice, results and no error", async () => {
    const res = await ctx.agent().get("/search?q=abitare").set("accept", "text/html");
    expect(res.status).toBe(200);
    expect(res.text).toContain("La ricerca avanzata non è disponibile in questo momento");
    expect(res.text).toContain('href="/projects/abitare"');
    expect((await ctx.agent().get("/").set("accept", "text/html")).status).toBe(200);
  });

  it("When Meilisearch is unreachable, then readiness shows the backlog waiting", async () => {
    const res = await ctx.agent().get("/readyz");
    expect(JSON.stringify(res.body)).toMatch(/"pending":10/);
  });

  it("When Meilisearch is unreachable, then published notes are found too, with the same filters and visibility", async () => {
    const note = (role: "coordinator" | "member", title: string, kind: string) =>
      ctx.services.notes.core.create({ id: `u-${role}`, name: `Operatrice ${role}`, role }, "abitare", {
        kind,
        theme: "monitoraggio-valutazione",
        question: null,
        title,
        body: "Il quaderno dei turni di portineria sociale ha funzionato.",
        tags: [],
      } as never);
    // Published (a coordinator's note), pending (a new member's), deleted, and published on a draft project.
    const published = (await note("coordinator", "Portineria sociale condivisa", "worked")).note;
    const lesson = (await note("coordinator", "Una lezione sulla portineria", "lesson")).note;
    const pending = (await note("member", "Portineria sociale in attesa", "worked")).note;
    const deleted = (await note("coordinator", "Portineria sociale cancellata", "worked")).note;
    await NoteModel.updateOne({ _id: deleted._id }, { $set: { deletedAt: new Date() } });
    const draft = await ProjectModel.findOne({ slug: "draft" }).lean();
    const hidden = await NoteModel.create({
      project: draft!._id,
      author: { id: "u-x", name: "Operatrice" },
      kind: "worked",
      theme: "monitoraggio-valutazione",
      title: "Portineria sociale riservata",
      body: "Nota di un progetto in bozza.",
      status: "published",
      publishedAt: new Date(),
    });
    const ids = (body: { hits: { type: string; id: string }[] }) => body.hits.map((h) => `${h.type}:${h.id}`);

    const notes = await ctx.agent().get("/api/v1/search?q=portineria&type=note");
    expect(notes.status).toBe(200);
    expect(notes.body.engine).toBe("mongodb");
    const found = [`note:${String(lesson._id)}`, `note:${String(published._id)}`];
    expect(ids(notes.body).sort()).toEqual(found.sort());
    expect(notes.body.hits).toContainEqual(
      expect.objectContaining({ url: `/projects/abitare#note-${String(published._id)}` }),
    );
    expect(notes.body.facets.kind).toEqual([
      { value: "lesson", count: 1 },
      { value: "worked", count: 1 },
    ]);
    // Coordinators see drafts of projects, never notes that search does not hold.
    const coordinator = await loginAs(ctx, "coordinator");
    const seen = await coordinator.agent.get("/api/v1/search?q=portineria&type=note");
    expect(ids(seen.body).sort()).toEqual(found);
    for (const other of [pending, deleted, hidden]) {
      expect(ids(seen.body)).not.toContain(`note:${String(other._id)}`);
    }

    const byKind = await ctx.agent().get("/api/v1/search?q=portineria&kind=worked");
    expect(ids(byKind.body)).toEqual([`note:${String(published._id)}`]);
    expect((await ctx.agent().get("/api/v1/search?q=portineria&kind=recommendation")).body.hits).toEqual([]);
    // Notes inherit their project's zone, target groups and tags, as in the index: those filters narrow
    // them (abitare lies in the Fiorentina zone, has no target group and the tag "abitare").
    const inZone = await ctx.agent().get("/api/v1/search?q=portineria&zone=fiorentina");
    expect(ids(inZone.body).sort()).toEqual(found.sort());
    expect((await ctx.agent().get("/api/v1/search?q=portineria&zone=pisana")).body.hits).toEqual([]);
    expect((await ctx.agent().get("/api/v1/search?q=portineria&target=msna")).body.hits).toEqual([]);
    const tagged = await ctx.agent().get("/api/v1/search?q=portineria&tag=abitare");
    expect(ids(tagged.body).sort()).toEqual(found.sort());
    expect((await ctx.agent().get("/api/v1/search?q=portineria&tag=salute")).body.hits).toEqual([]);

    // Both types at once: the project and its note, one list, paged as one.
    const both = await ctx.agent().get("/api/v1/search?q=abitare%20portineria");
    expect(ids(both.body)).toEqual(expect.arrayContaining([`note:${String(published._id)}`]));
    expect((both.body as { hits: { slug: string }[] }).hits.map((h) => h.slug)).toContain("abitare");
    expect(both.body.total).toBe(both.body.hits.length);
    expect(both.body.hits).toHaveLength(3);
    expect((both.body as { facets: { kind: unknown[] } }).facets.kind).toHaveLength(2);
    const pages = await Promise.all(
      [1, 2, 3].map((page) => ctx.agent().get(`/api/v1/search?q=abitare%20portineria&limit=1&page=${page}`)),
    );
    expect(pages.flatMap((p) => ids(p.body))).toEqual(ids(both.body).slice(0, 3));
    expect(pages.map((p) => (p.body as { total: number }).total)).toEqual([
      both.body.total,
      both.body.total,
      both.body.total,
    ]);
  });

  it("When Meilisearch comes back, then the outbox drains and search uses it again", async () => {
    await own.start();
    await waitFor(
      "outbox drained",
      async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
      60_000,
    );
    const res = await ctx.agent().get("/api/v1/search?q=mediazzione");
    expect(res.body.engine).toBe("meilisearch");
    expect(slugsOf(res.body)).toEqual(expect.arrayContaining(["mediazione", "linguistico"]));
    const report = await ctx.services.search.check(false);
    expect(report.reports[0]).toMatchObject({ missing: [], extra: [], stale: [] });
  }, 90_000);
});
