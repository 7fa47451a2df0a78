// D6: one rule for archived projects. The public sees a project, and its notes, only while it is published;
// an archived project is hidden everywhere but to coordinators. One test per surface.
import { ProjectModel } from "../../src/modules/projects/project.model";
import { searchQuerySchema } from "../../src/modules/search/search.schemas";
import type { Actor } from "../../src/modules/accounts/actor";
import { loginAs, type LoggedIn } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { noteBy, seedCatalogue, THEME } from "./notes-fixtures";
import { indexedNote, indexerIdle } from "./search-support";

const ctx = useTestApp({ resetBeforeEach: false });
const HIDDEN = "Nota sul progetto archiviato";
const SHOWN = "Nota sul progetto pubblicato";

let coordinator: LoggedIn;
let actor: Actor;
let hiddenNote: string;
let shownNote: string;
let projectId: string;

const inIndex = async (id: string) => (await indexedNote(ctx, id)) !== undefined;

const settledIndex = () => indexerIdle(ctx);

async function setStatus(name: "archive" | "restore"): Promise<void> {
  const p = await ProjectModel.findById(projectId).lean();
  await ctx.services.projects.transition(actor, projectId, name, p!.version);
}

beforeAll(async () => {
  await ctx.reset();
  const ids = await seedCatalogue(ctx);
  projectId = ids.open!;
  await ProjectModel.create({
    title: "Altro sportello",
    sortTitle: "altro sportello",
    slug: "other",
    summary: "Progetto di esempio (fittizio).",
    themes: [THEME],
    status: "published",
    publishedAt: new Date(),
  });
  coordinator = await loginAs(ctx, "coordinator");
  actor = { id: coordinator.user.id, name: coordinator.user.name, role: "coordinator" };
  hiddenNote = await noteBy(ctx, coordinator, { title: HIDDEN, body: "Quaderno degli operatori." });
  const { note } = await ctx.services.notes.core.create(actor, "other", {
    kind: "lesson",
    theme: THEME,
    question: null,
    title: SHOWN,
    body: "Quaderno degli operatori.",
    tags: [],
  } as never);
  shownNote = String(note._id);
  await settledIndex();
  expect(await inIndex(hiddenNote)).toBe(true);
  await setStatus("archive");
  await settledIndex();
}, 90_000);

describe("D6: an archived project is hidden from the public on every surface", () => {
  it("When anyone opens the archived project's page or API, then it is not found; a coordinator still sees the page", async () => {
    expect((await ctx.agent().get("/projects/open")).status).toBe(404);
    expect((await ctx.agent().get("/api/v1/projects/open")).status).toBe(404);
    expect((await coordinator.agent.get("/projects/open")).status).toBe(200);
  });

  it("When anyone asks the notes API for the archived project, then it is not found", async () => {
    expect((await ctx.agent().get("/api/v1/projects/open/notes")).status).toBe(404);
    const other = await ctx.agent().get("/api/v1/projects/other/notes");
    expect(other.status).toBe(200);
    expect(JSON.stringify(other.body)).toContain(SHOWN);
  });

  it("When a visitor or a member opens a note of the archived project, then it is not found; a coordinator sees it", async () => {
    expect((await ctx.agent().get(`/notes/${hiddenNote}`)).status).toBe(404);
    const member = await loginAs(ctx, "member");
    expect((await member.agent.get(`/notes/${hiddenNote}`)).status).toBe(404);
    expect((await coordinator.agent.get(`/notes/${hiddenNote}`)).status).toBe(200);
    expect((await ctx.agent().get(`/notes/${shownNote}`)).status).toBe(200);
  });

  it("When the working table's pages are opened, then they list no note of the archived project", async () => {
    for (const path of [`/themes/${THEME}`, `/themes/${THEME}/notes`]) {
      const res = await ctx.agent().get(path).set("accept", "text/html");
      expect(res.status).toBe(200);
      expect(res.text).toContain(SHOWN);
      expect(res.text).not.toContain(HIDDEN);
    }
  });

  it("When the author's member page is opened, then it lists no note of the archived project", async () => {
    const res = await ctx.agent().get(`/members/${coordinator.user.id}`).set("accept", "text/html");
    expect(res.status).toBe(200);
    expect(res.text).toContain(SHOWN);
    expect(res.text).not.toContain(HIDDEN);
  });

  it("When the feeds are read, then they carry neither the archived project nor its notes", async () => {
    for (const path of ["/feeds/atlante.atom", `/feeds/themes/${THEME}.atom`]) {
      const res = await ctx.agent().get(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain(SHOWN);
      expect(res.text).not.toContain(HIDDEN);
      expect(res.text).not.toContain("Sportello aperto");
    }
  });

  it("When notes are searched (Meilisearch), then the archived project's note has left the index; restored, it comes back", async () => {
    expect(await inIndex(hiddenNote)).toBe(false);
    const res = await ctx.agent().get("/api/v1/search?type=note&q=quaderno");
    const ids = (res.body as { hits: { id: string }[] }).hits.map((h) => h.id);
    expect(ids).toContain(shownNote);
    expect(ids).not.toContain(hiddenNote);
    const projects = await ctx.agent().get("/api/v1/search?q=sportello");
    expect((projects.body as { hits: { slug: string }[] }).hits.map((h) => h.slug)).not.toContain("open");
    await setStatus("restore");
    await settledIndex();
    expect(await inIndex(hiddenNote)).toBe(true);
    await setStatus("archive");
    await settledIndex();
    expect(await inIndex(hiddenNote)).toBe(false);
  }, 60_000);

  it("When search falls back to MongoDB, then the public finds neither the archived project nor its notes", async () => {
    const slice = { skip: 0, limit: 50 };
    const projects = ctx.services.search.registry.get("project")!.fallback!;
    const publicHits = (
      await projects.search(searchQuerySchema.parse({ q: "sportello" }), { seesDrafts: false }, slice)
    ).hits.map((h) => h.hit.url);
    expect(publicHits).toContain("/projects/other");
    expect(publicHits).not.toContain("/projects/open");
    const notes = ctx.services.search.registry.get("note")!.fallback!;
    const noteHits = (
      await notes.search(searchQuerySchema.parse({ q: "quaderno" }), { seesDrafts: false }, slice)
    ).hits.map((h) => h.hit.id);
    expect(noteHits).toContain(shownNote);
    expect(noteHits).not.toContain(hiddenNote);
  });

  it("When a visitor exports the catalogue, then the archived project is not in it", async () => {
    const res = await ctx.agent().get("/export/projects.json");
    expect(res.status).toBe(200);
    expect(res.text).toContain("Altro sportello");
    expect(res.text).not.toContain("Sportello aperto");
  });

  it("When a visitor exports or pages through the notes, then the archived project's notes are not there", async () => {
    for (const path of ["/export/notes.json", "/export/notes.csv", "/api/v1/notes"]) {
      const res = await ctx.agent().get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.text.includes(shownNote)]).toEqual([path, true]);
      expect([path, res.text.includes(hiddenNote)]).toEqual([path, false]);
    }
    expect((await ctx.agent().get("/api/v1/notes?project=open")).status).toBe(404);
    expect((await ctx.agent().get("/api/v1/notes?project=other")).status).toBe(200);
  });
});
