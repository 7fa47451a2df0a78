// Notes on a working table alone: a member answers a table's guiding question without naming a project;
// the note goes through the same moderation and shows on the table's pages, the theme page, its own page,
// the member's profile and the feed.
import { NoteModel } from "../../src/modules/notes/note.model";
import { searchQuerySchema } from "../../src/modules/search/search.schemas";
import { loginAs, type LoggedIn } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { QUESTION, resetMongo, seedCatalogue, THEME } from "./notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

let member: LoggedIn;
let coordinator: LoggedIn;

beforeEach(async () => {
  await resetMongo(ctx);
  await seedCatalogue(ctx);
  ctx.services.catalogueCache.clear();
  member = await loginAs(ctx, "member");
  coordinator = await loginAs(ctx, "coordinator");
});

async function postTableNote(who: LoggedIn, overrides: Record<string, string> = {}, theme = THEME) {
  const page = await who.agent.get(`/tables/${theme}/notes/new`);
  const idem = /name="idem" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
  return who.agent
    .post(`/tables/${theme}/notes`)
    .type("form")
    .send({
      _csrf: await who.csrf(),
      idem,
      kind: "recommendation",
      theme,
      question: QUESTION,
      title: "Un referente unico per ogni ente",
      body: "Ogni ente nomini **una persona** di riferimento.",
      tags: "",
      ...overrides,
    });
}

test("When a member opens the form of a table, then it names the table and asks for one of its guiding questions", async () => {
  const res = await member.agent.get(`/tables/${THEME}/notes/new?question=${QUESTION}`);
  expect(res.status).toBe(200);
  expect(res.text).toContain("Nuova nota sul tavolo");
  expect(res.text).toContain(`<input type="hidden" name="theme" value="${THEME}"/>`);
  expect(res.text).toMatch(new RegExp(`<option value="${QUESTION}" selected`));
  expect(res.text).not.toContain('data-theme="inclusione-lavorativa"');
  expect((await ctx.agent().get(`/tables/${THEME}/notes/new`)).status).toBe(303);
  expect((await member.agent.get("/tables/nessuno/notes/new")).status).toBe(404);
  expect((await member.agent.get(`/tables/${THEME}/notes/new?question=%24ne`)).status).toBe(400);
});

test("When a member posts a note on a table without a guiding question, then the form comes back with the error by the field", async () => {
  const res = await postTableNote(member, { question: "" });
  expect(res.status).toBe(400);
  expect(res.text).toContain("Scegli la domanda guida a cui risponde la nota.");
  expect(res.text).toContain("Un referente unico per ogni ente");
  expect(await NoteModel.countDocuments()).toBe(0);
  const other = await postTableNote(member, { question: "t1-q1" });
  expect(other.status).toBe(400);
  expect(await NoteModel.countDocuments()).toBe(0);
});

test("When a member posts a note on a table, then it has no project, waits for moderation, and once approved shows everywhere", async () => {
  const res = await postTableNote(member, { theme: "inclusione-lavorativa" });
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/notes\/[a-f0-9]{24}\?notice=posted$/);
  const note = await NoteModel.findOne().lean();
  // The address names the table: the theme sent in the body does not move it.
  expect(note).toMatchObject({ project: null, theme: THEME, question: QUESTION, status: "pending" });
  const id = String(note!._id);
  const own = await member.agent.get(res.headers.location!);
  expect(own.text).toContain("Contributo a un tavolo di lavoro");
  expect(own.text).toContain("Grazie! La nota sarà visibile dopo la revisione");
  expect((await ctx.agent().get(`/tables/${THEME}/notes`)).text).not.toContain("Un referente unico");

  const approve = await coordinator.agent
    .post("/moderation/notes")
    .type("form")
    .send({ _csrf: await coordinator.csrf(), action: "approve", ids: [id] });
  expect(approve.status).toBe(200);

  for (const path of [`/tables/${THEME}`, `/tables/${THEME}/notes`, `/themes/${THEME}`, `/notes/${id}`]) {
    const page = await ctx.agent().get(path);
    expect([path, page.status]).toEqual([path, 200]);
    expect([path, page.text.includes("Un referente unico per ogni ente")]).toEqual([path, true]);
  }
  expect((await ctx.agent().get(`/members/${member.user.id}`)).text).toContain(
    "Un referente unico per ogni ente",
  );
  const feed = await ctx.agent().get("/feeds/atlante.atom");
  expect(feed.text).toContain(`/notes/${id}`);
  // While Meilisearch is away, the MongoDB fallback finds it too.
  const fallback = ctx.services.search.registry.get("note")!.fallback!;
  await fallback.prepare();
  const found = await fallback.search(
    searchQuerySchema.parse({ q: "referente" }),
    { seesDrafts: false },
    {
      skip: 0,
      limit: 10,
    },
  );
  expect(found.hits.map((h) => [h.hit.id, h.hit.url])).toEqual([[id, `/notes/${id}`]]);
});

test("When the author edits or deletes a note on a table, then it stays on the table and the way back is the table", async () => {
  await postTableNote(coordinator);
  const id = String((await NoteModel.findOne().lean())!._id);
  const form = await coordinator.agent.get(`/notes/${id}/edit`);
  expect(form.status).toBe(200);
  expect(form.text).toContain(`<input type="hidden" name="theme" value="${THEME}"/>`);
  const edit = await coordinator.agent
    .post(`/notes/${id}/edit`)
    .type("form")
    .send({
      _csrf: await coordinator.csrf(),
      version: "1",
      kind: "recommendation",
      theme: THEME,
      question: QUESTION,
      title: "Un referente per ente",
      body: "Testo rivisto.",
      tags: "",
    });
  expect(edit.status).toBe(303);
  expect(edit.headers.location).toBe(`/notes/${id}`);
  const del = await coordinator.agent
    .post(`/notes/${id}/delete`)
    .type("form")
    .send({ _csrf: await coordinator.csrf() });
  expect(del.headers.location).toBe(`/tables/${THEME}`);
});
