// Posting, editing, deleting, replying to and marking notes: each permission and bad input.
import { NoteModel } from "../../src/modules/notes/note.model";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";
import {
  lastNoteId,
  noteBy,
  noteForm,
  postNote,
  resetMongo,
  seedCatalogue,
  statusOf,
} from "./notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

beforeEach(async () => {
  await resetMongo(ctx);
  await seedCatalogue(ctx);
});

describe("posting a note", () => {
  test("When a new member posts a note, then it waits for moderation, with its outbox entry", async () => {
    const member = await loginAs(ctx, "member");
    const res = await postNote(member);
    expect(res.status).toBe(303);
    const id = await lastNoteId();
    expect(res.headers.location).toBe(`/notes/${id}?notice=posted`);
    expect(await statusOf(id)).toBe("pending");
    expect(await OutboxModel.countDocuments({ type: "note", docId: id })).toBe(1);
    const page = await member.agent.get("/projects/open").set("accept", "text/html");
    expect(page.text).toContain("Il diario di bordo condiviso");
    expect(page.text).toContain("In attesa di moderazione");
    const anon = await ctx.agent().get("/projects/open");
    expect(anon.text).not.toContain("Il diario di bordo condiviso");
  });

  test("When a coordinator posts a note, then it is published at once", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    // Long enough for the notes section to be spliced into pages as a compressed fragment (see below).
    const body = `Un **diario di bordo** compilato da tutti gli operatori.\n\n${"Ogni settimana una riga in più. ".repeat(80)}`;
    expect((await postNote(coordinator, "open", { body })).status).toBe(303);
    expect(await statusOf(await lastNoteId())).toBe("published");
    const anon = await ctx.agent().get("/projects/open");
    expect(anon.text).toContain("Il diario di bordo condiviso");
    expect(anon.text).toContain("<strong>diario di bordo</strong>");
    // Signed in, the published notes are a cached fragment spliced into the page, compressed or not.
    for (const encoding of ["gzip", "identity"]) {
      const page = await coordinator.agent.get("/projects/open").set("accept-encoding", encoding);
      expect(page.status).toBe(200);
      expect(page.headers["content-encoding"]).toBe(encoding === "gzip" ? "gzip" : undefined);
      expect(page.text).toContain("<strong>diario di bordo</strong>");
      expect(page.text).toContain(coordinator.user.name);
      expect(page.text).not.toContain("atl-fragment");
      expect(page.text.endsWith("</html>")).toBe(true);
    }
  });

  test("When a member has enough approved notes, then the next one is published directly", async () => {
    const member = await loginAs(ctx, "member");
    for (let i = 0; i < ctx.config.notesTrustedAfter; i++) {
      const id = await noteBy(ctx, member);
      expect(await statusOf(id)).toBe("pending");
      await NoteModel.updateOne({ _id: id }, { $set: { status: "published" } });
    }
    expect(await statusOf(await noteBy(ctx, member))).toBe("published");
  });

  test("When the same form is submitted twice, then only one note exists", async () => {
    const member = await loginAs(ctx, "member");
    const page = await member.agent.get("/projects/open/notes/new");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const idem = /name="idem" value="([^"]+)"/.exec(page.text)![1]!;
    const send = () =>
      member.agent
        .post("/projects/open/notes")
        .type("form")
        .send({ _csrf: csrf, idem, ...noteForm() });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    expect([a.status, b.status, c.status]).toEqual([303, 303, 303]);
    expect(await NoteModel.countDocuments({})).toBe(1);
    expect(c.headers.location).toBe(a.headers.location);
  });

  test("When the body is empty or 100,000 characters long, then the form comes back with a clear error and the text", async () => {
    const member = await loginAs(ctx, "member");
    const empty = await postNote(member, "open", { body: "   " });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("Scrivi il testo della nota.");
    expect(empty.text).toContain('aria-describedby="f-body-hint f-body-error"');
    const huge = await postNote(member, "open", { body: "a".repeat(100_000), title: "Titolo mio" });
    expect(huge.status).toBe(400);
    expect(huge.text).toContain("al massimo 10.000 caratteri");
    expect(huge.text).toContain('value="Titolo mio"');
    expect(await NoteModel.countDocuments({})).toBe(0);
  });

  test("When fields hold HTML and script, then they are stored as text and shown escaped", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    const res = await postNote(coordinator, "open", {
      title: evil,
      body: `${evil}\n\n[x](javascript:alert(3))`,
    });
    expect(res.status).toBe(303);
    const page = await ctx.agent().get("/projects/open");
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).not.toContain("<img src=x");
    expect(page.text).not.toMatch(/href="javascript:/i);
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  test("When the theme, question or tag is unknown, or a field is an object, then nothing is stored", async () => {
    const member = await loginAs(ctx, "member");
    expect((await postNote(member, "open", { theme: "nope" })).status).toBe(400);
    expect((await postNote(member, "open", { question: "t1-q1" })).status).toBe(400);
    const tag = await postNote(member, "open", { tags: "inesistente" });
    expect(tag.status).toBe(400);
    expect(tag.text).toContain("Il tag «inesistente» non esiste.");
    const json = await member.agent
      .post("/projects/open/notes")
      .set("accept", "application/json")
      .set("x-csrf-token", await member.csrf())
      .send({ ...noteForm(), body: { $gt: "" } });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe("validation_failed");
    expect(await NoteModel.countDocuments({})).toBe(0);
  });

  test("When the project is archived, unknown or a draft, then no note can be written on it", async () => {
    const member = await loginAs(ctx, "member");
    expect((await member.agent.get("/projects/closed/notes/new")).status).toBe(409);
    expect((await postNote(member, "closed")).status).toBe(409);
    expect((await member.agent.get("/projects/missing/notes/new")).status).toBe(404);
    expect((await member.agent.get("/projects/hidden/notes/new")).status).toBe(404);
    expect((await member.agent.get("/projects/Not_A_Slug!/notes/new")).status).toBe(400);
    expect(await NoteModel.countDocuments({})).toBe(0);
  });

  test("When an anonymous visitor opens or posts the form, then they are sent to log in or refused", async () => {
    const anon = ctx.agent();
    const get = await anon.get("/projects/open/notes/new").set("accept", "text/html");
    expect(get.status).toBe(303);
    expect(get.headers.location).toMatch(/^\/login\?next=/);
    const post = await anon.post("/projects/open/notes").type("form").send(noteForm());
    expect(post.status).toBe(403);
    expect(await NoteModel.countDocuments({})).toBe(0);
  });

  test("When the preview is asked for, then the server's sanitiser renders it", async () => {
    const member = await loginAs(ctx, "member");
    const res = await member.agent
      .post("/notes/preview")
      .set("x-csrf-token", await member.csrf())
      .send({ body: "**ok** <script>x</script> [a](javascript:alert(1))" });
    expect(res.status).toBe(200);
    expect(res.body.html).toContain("<strong>ok</strong>");
    expect(res.body.html).not.toContain("<script>");
    expect(res.body.html).not.toMatch(/href="javascript:/i);
    const noCsrf = await member.agent.post("/notes/preview").send({ body: "x" });
    expect(noCsrf.status).toBe(403);
    const nojs = await postNote(member, "open", { preview: "1", body: "_anteprima_" });
    expect(nojs.status).toBe(200);
    expect(nojs.text).toContain("<em>anteprima</em>");
    expect(await NoteModel.countDocuments({})).toBe(0);
  });
});

describe("editing and deleting", () => {
  test("When the author edits a note, then the old text is kept as a revision", async () => {
    const member = await loginAs(ctx, "member");
    const id = await noteBy(ctx, member);
    const form = await member.agent.get(`/notes/${id}/edit`);
    expect(form.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const res = await member.agent
      .post(`/notes/${id}/edit`)
      .type("form")
      .send({ _csrf: csrf, version: "1", reason: "", ...noteForm({ title: "Titolo nuovo", tags: "" }) });
    expect(res.status).toBe(303);
    const note = await NoteModel.findById(id).lean();
    expect(note!.title).toBe("Titolo nuovo");
    expect(note!.version).toBe(2);
    expect(note!.revisions).toHaveLength(1);
    expect(note!.revisions[0]!.title).toBe("Una lezione");
    expect(note!.revisions[0]!.role).toBe("author");
  });

  test("When another member changes the id in the URL, then editing and deleting are refused with 403", async () => {
    const author = await loginAs(ctx, "member");
    const other = await loginAs(ctx, "member");
    const id = await noteBy(ctx, author);
    expect((await other.agent.get(`/notes/${id}/edit`)).status).toBe(403);
    const csrf = await other.csrf();
    const edit = await other.agent
      .post(`/notes/${id}/edit`)
      .type("form")
      .send({ _csrf: csrf, version: "1", ...noteForm({ title: "Rubata" }) });
    expect(edit.status).toBe(403);
    expect((await other.agent.post(`/notes/${id}/delete`).type("form").send({ _csrf: csrf })).status).toBe(
      403,
    );
    const note = await NoteModel.findById(id).lean();
    expect(note!.title).toBe("Una lezione");
    expect(note!.deletedAt).toBeNull();
  });

  test("When a stale form is saved, then it is refused and nothing changes", async () => {
    const member = await loginAs(ctx, "member");
    const id = await noteBy(ctx, member);
    const csrf = await member.csrf();
    const send = (title: string) =>
      member.agent
        .post(`/notes/${id}/edit`)
        .type("form")
        .send({ _csrf: csrf, version: "1", ...noteForm({ title, tags: "" }) });
    expect((await send("Prima")).status).toBe(303);
    const stale = await send("Seconda");
    expect(stale.status).toBe(409);
    expect(stale.text).toContain("Qualcuno ha modificato la nota");
    expect((await NoteModel.findById(id).lean())!.title).toBe("Prima");
  });

  test("When the author deletes a note, then it leaves the page and an outbox entry is written", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const id = await noteBy(ctx, coordinator);
    const before = await OutboxModel.countDocuments({ docId: id });
    const res = await coordinator.agent
      .post(`/notes/${id}/delete`)
      .type("form")
      .send({ _csrf: await coordinator.csrf() });
    expect(res.status).toBe(303);
    expect((await NoteModel.findById(id).lean())!.deletedAt).not.toBeNull();
    expect(await OutboxModel.countDocuments({ docId: id })).toBe(before + 1);
    expect((await ctx.agent().get("/projects/open")).text).not.toContain(`note-${id}`);
  });

  test("When an unknown or malformed note id is used, then the answer is 404 or 400", async () => {
    const member = await loginAs(ctx, "member");
    expect((await member.agent.get("/notes/0123456789abcdef01234567/edit")).status).toBe(404);
    expect((await member.agent.get("/notes/xyz/edit")).status).toBe(400);
  });
});

describe("replies and useful marks", () => {
  test("When members reply to a published note and the reply is approved, then it shows one level under it", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const member = await loginAs(ctx, "member");
    const id = await noteBy(ctx, coordinator);
    const res = await member.agent
      .post(`/notes/${id}/replies`)
      .type("form")
      .send({ _csrf: await member.csrf(), body: "Anche da noi **uguale**." });
    expect(res.status).toBe(303);
    expect((await ctx.agent().get("/projects/open")).text).not.toContain("Anche da noi");
    const reply = String((await NoteModel.findById(id).lean())!.replies[0]!._id);
    const actor = { id: coordinator.user.id, name: coordinator.user.name, role: coordinator.user.role };
    await ctx.services.notes.moderation.decideReply(actor, id, reply, "approve", "");
    const page = await ctx.agent().get("/projects/open");
    expect(page.text).toContain("Anche da noi <strong>uguale</strong>.");
  });

  test("When someone replies to a rejected note, then it is refused", async () => {
    const member = await loginAs(ctx, "member");
    const coordinator = await loginAs(ctx, "coordinator");
    const id = await noteBy(ctx, member);
    await ctx.services.notes.moderation.decide(
      { id: coordinator.user.id, name: coordinator.user.name, role: "coordinator" },
      id,
      "reject",
      "Fuori tema",
    );
    const res = await member.agent
      .post(`/notes/${id}/replies`)
      .type("form")
      .send({ _csrf: await member.csrf(), body: "Perché?" });
    expect(res.status).toBe(409);
    const other = await loginAs(ctx, "member");
    const pendingId = await noteBy(ctx, member);
    const hidden = await other.agent
      .post(`/notes/${pendingId}/replies`)
      .type("form")
      .send({ _csrf: await other.csrf(), body: "?" });
    expect(hidden.status).toBe(404);
    expect((await NoteModel.findById(id).lean())!.replies).toHaveLength(0);
  });

  test("When a member marks a note useful twice, then it counts once and the second mark takes it back", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const a = await loginAs(ctx, "member");
    const b = await loginAs(ctx, "member");
    const id = await noteBy(ctx, coordinator);
    const mark = async (who: typeof a) =>
      (
        await who.agent
          .post(`/notes/${id}/useful`)
          .set("accept", "application/json")
          .send({ _csrf: await who.csrf() })
      ).body as {
        count: number;
      };
    expect((await mark(a)).count).toBe(1);
    expect((await mark(b)).count).toBe(2);
    expect((await mark(a)).count).toBe(1);
    expect((await NoteModel.findById(id).lean())!.usefulBy).toEqual([b.user.id]);
    expect((await ctx.agent().post(`/notes/${id}/useful`)).status).toBe(403);
  });
});

describe("tags", () => {
  test("When a note's tag is merged into another, then the note carries the surviving tag and is reindexed", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const id = await noteBy(ctx, coordinator, { tags: ["mediazione"] });
    const before = await OutboxModel.countDocuments({ docId: id });
    await ctx.services.taxonomy.mergeTags(
      { id: coordinator.user.id, name: "C", role: "coordinator" },
      "mediazione",
      "salute",
    );
    const note = await NoteModel.findById(id).lean();
    const salute = (await ctx.services.taxonomy.tags()).bySlug.get("salute")!;
    expect(note!.tags.map(String)).toEqual([salute.id]);
    expect(await OutboxModel.countDocuments({ docId: id })).toBeGreaterThan(before);
  });
});

describe("reading", () => {
  test("When the API lists a project's notes, then only published ones come back", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const member = await loginAs(ctx, "member");
    const published = await noteBy(ctx, coordinator, { title: "Pubblica" });
    await noteBy(ctx, member, { title: "In attesa" });
    const res = await ctx.agent().get("/api/v1/projects/open/notes");
    expect(res.status).toBe(200);
    const body = res.body as { notes: { id: string; url: string }[] };
    expect(body.notes.map((n) => n.id)).toEqual([published]);
    expect(body.notes[0]!.url).toBe(`/projects/open#note-${published}`);
    expect((await ctx.agent().get("/api/v1/projects/hidden/notes")).status).toBe(404);
    expect((await ctx.agent().get("/api/v1/projects/BAD!/notes")).status).toBe(400);
  });

  test("When a member's profile is opened, then only their published notes show", async () => {
    const member = await loginAs(ctx, "member");
    const id = await noteBy(ctx, member, { title: "Nota approvata" });
    await NoteModel.updateOne({ _id: id }, { $set: { status: "published" } });
    await noteBy(ctx, member, { title: "Nota in attesa" });
    const res = await ctx.agent().get(`/members/${member.user.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain("Nota approvata");
    expect(res.text).not.toContain("Nota in attesa");
    expect((await ctx.agent().get("/members/0123456789abcdef01234567")).status).toBe(404);
  });

  test("When a working table's notes page is opened, then notes sit under the guiding question they answer", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    await noteBy(ctx, coordinator, { title: "Risponde alla prima domanda", question: "t3-q1" });
    await noteBy(ctx, coordinator, { title: "Senza domanda" });
    const res = await ctx.agent().get("/themes/monitoraggio-valutazione/notes");
    expect(res.status).toBe(200);
    const q = res.text.indexOf('id="q-t3-q1"');
    expect(q).toBeGreaterThan(0);
    expect(res.text.indexOf("Risponde alla prima domanda")).toBeGreaterThan(q);
    expect(res.text.indexOf("Senza domanda")).toBeGreaterThan(res.text.indexOf('id="q-other"'));
    expect(res.text).toContain('href="/feeds/themes/monitoraggio-valutazione.atom"');
    // The working-table page itself shows them the same way.
    const page = await ctx.agent().get("/themes/monitoraggio-valutazione");
    expect(page.status).toBe(200);
    const q1 = page.text.indexOf('id="q-t3-q1"');
    expect(q1).toBeGreaterThan(0);
    expect(page.text.indexOf("Risponde alla prima domanda")).toBeGreaterThan(q1);
  });

  test("When a note's own page is opened, then each viewer gets the actions they may take", async () => {
    const author = await loginAs(ctx, "member");
    const coordinator = await loginAs(ctx, "coordinator");
    const other = await loginAs(ctx, "member");
    const id = await noteBy(ctx, author, { title: "Nota con pagina" });
    expect((await ctx.agent().get(`/notes/${id}`)).status).toBe(404);
    expect((await other.agent.get(`/notes/${id}`)).status).toBe(404);
    const own = await author.agent.get(`/notes/${id}`);
    expect(own.status).toBe(200);
    expect(own.text).toContain(`action="/notes/${id}/delete"`);
    await NoteModel.updateOne({ _id: id }, { $set: { status: "published" } });
    const seen = await other.agent.get(`/notes/${id}`);
    expect(seen.text).toContain(`action="/notes/${id}/flag"`);
    expect(seen.text).toContain(`action="/notes/${id}/useful"`);
    expect(seen.text).not.toContain(`action="/notes/${id}/delete"`);
    expect((await coordinator.agent.get(`/notes/${id}`)).text).toContain(`action="/notes/${id}/delete"`);
    const anon = await ctx.agent().get(`/notes/${id}`);
    expect(anon.status).toBe(200);
    expect(anon.text).toContain("Nota con pagina");
    expect(anon.text).not.toContain(`action="/notes/${id}/useful"`);
  });

  test("When the project page shows notes, then they are grouped by working table and kind with counts", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    await noteBy(ctx, coordinator, { kind: "worked" });
    await noteBy(ctx, coordinator, { kind: "worked" });
    await noteBy(ctx, coordinator, { kind: "recommendation", theme: "accessibilita-servizi" });
    const res = await ctx.agent().get("/projects/open");
    expect(res.text).toContain('id="nt-monitoraggio-valutazione"');
    expect(res.text).toContain('id="nt-accessibilita-servizi"');
    expect(res.text).toContain("Ha funzionato (2)");
    expect(res.text).toContain("Raccomandazione (1)");
  });

  test("When a group has many notes, then the newest show in full and the others by title, each on the page", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push(await noteBy(ctx, coordinator, { kind: "worked", title: `Nota ${i}`, body: `Corpo ${i}` }));
    const res = await ctx.agent().get("/projects/open");
    expect(res.text).toContain("Ha funzionato (7)");
    for (const id of ids) expect(res.text).toContain(`id="note-${id}"`);
    expect(res.text).toContain("<p>Corpo 6</p>");
    expect(res.text).not.toContain("<p>Corpo 0</p>");
    expect(res.text).toContain(`<a href="/notes/${ids[0]}" lang="it">Nota 0</a>`);
  });
});
