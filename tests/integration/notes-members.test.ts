// What members see of what happened: replies under the same moderation rule as notes, confirmations
// after posting, replying and flagging, and the "useful" button's pressed state and count.
import { AuditModel } from "../../src/modules/audit/audit.model";
import { NoteModel } from "../../src/modules/notes/note.model";
import { TagModel } from "../../src/modules/taxonomy/tag.model";
import { loginAs, type LoggedIn } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { noteBy, postNote, resetMongo, seedCatalogue } from "./notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

let member: LoggedIn;
let coordinator: LoggedIn;

beforeEach(async () => {
  await resetMongo(ctx);
  await seedCatalogue(ctx);
  member = await loginAs(ctx, "member");
  coordinator = await loginAs(ctx, "coordinator");
});

async function publishedNote(): Promise<string> {
  return noteBy(ctx, coordinator, { title: "Nota pubblicata" });
}

async function reply(who: LoggedIn, id: string, body: string) {
  return who.agent
    .post(`/notes/${id}/replies`)
    .type("form")
    .send({ _csrf: await who.csrf(), body });
}

test("When a member whose notes are moderated replies, then the reply waits for a coordinator and only its author sees it", async () => {
  const id = await publishedNote();
  const res = await reply(member, id, "Risposta da moderare");
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(new RegExp(`^/notes/${id}\\?notice=reply_pending#reply-`));
  const stored = await NoteModel.findById(id).lean();
  expect(stored!.replies[0]!.status).toBe("pending");

  const own = await member.agent.get(res.headers.location!.split("#")[0]!);
  expect(own.text).toContain("Risposta da moderare");
  expect(own.text).toContain("La risposta sarà visibile a tutti dopo la revisione");
  expect(own.text).toContain("In attesa di moderazione");
  expect((await ctx.agent().get(`/notes/${id}`)).text).not.toContain("Risposta da moderare");
  const other = await loginAs(ctx, "member");
  expect((await other.agent.get(`/notes/${id}`)).text).not.toContain("Risposta da moderare");
  const api = await ctx.agent().get("/api/v1/projects/open/notes");
  expect(JSON.stringify(api.body)).not.toContain("Risposta da moderare");
});

test("When a coordinator approves a waiting reply, then everyone sees it; rejecting needs a reason, which its author reads", async () => {
  const id = await publishedNote();
  await reply(member, id, "Prima risposta");
  await reply(member, id, "Seconda risposta");
  const [first, second] = (await NoteModel.findById(id).lean())!.replies.map((r) => String(r._id));

  const queue = await coordinator.agent.get("/moderation/notes");
  expect(queue.text).toContain("2 risposte in attesa");
  expect(queue.text).toContain("Prima risposta");

  const approve = await coordinator.agent
    .post("/moderation/replies")
    .type("form")
    .send({ _csrf: await coordinator.csrf(), note: id, reply: first, action: "approve" });
  expect(approve.status).toBe(303);
  expect((await ctx.agent().get(`/notes/${id}`)).text).toContain("Prima risposta");

  const noReason = await coordinator.agent
    .post("/moderation/replies")
    .type("form")
    .send({ _csrf: await coordinator.csrf(), note: id, reply: second, action: "reject", reason: "" });
  expect(noReason.status).toBe(400);
  expect(noReason.text).toContain(`id="reply-reason-${second}-error"`);
  expect((await NoteModel.findById(id).lean())!.replies[1]!.status).toBe("pending");

  const reject = await coordinator.agent
    .post("/moderation/replies")
    .type("form")
    .send({
      _csrf: await coordinator.csrf(),
      note: id,
      reply: second,
      action: "reject",
      reason: "Fuori tema",
    });
  expect(reject.status).toBe(303);
  expect((await ctx.agent().get(`/notes/${id}`)).text).not.toContain("Seconda risposta");
  expect((await member.agent.get(`/notes/${id}`)).text).toContain("Motivo: Fuori tema");
  expect(await AuditModel.countDocuments({ action: "notes.reply.approve" })).toBe(1);
  expect(await AuditModel.countDocuments({ action: "notes.reply.reject" })).toBe(1);

  const again = await coordinator.agent
    .post("/moderation/replies")
    .type("form")
    .send({ _csrf: await coordinator.csrf(), note: id, reply: second, action: "approve" });
  expect(again.status).toBe(409);
});

test("When a member may not decide on replies, then the decision is refused", async () => {
  const id = await publishedNote();
  await reply(member, id, "Attesa");
  const rid = String((await NoteModel.findById(id).lean())!.replies[0]!._id);
  const res = await member.agent
    .post("/moderation/replies")
    .type("form")
    .send({ _csrf: await member.csrf(), note: id, reply: rid, action: "approve" });
  expect(res.status).toBe(403);
  expect((await NoteModel.findById(id).lean())!.replies[0]!.status).toBe("pending");
});

test("When a coordinator replies, then the reply is published at once and the page says so", async () => {
  const id = await publishedNote();
  const res = await reply(coordinator, id, "Risposta del coordinamento");
  expect(res.headers.location).toContain("notice=reply_published");
  expect((await ctx.agent().get(`/notes/${id}`)).text).toContain("Risposta del coordinamento");
});

test("When a member posts a note, then its page confirms it is waiting for a coordinator", async () => {
  const res = await postNote(member);
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/notes\/[a-f0-9]{24}\?notice=posted$/);
  const page = await member.agent.get(res.headers.location!);
  expect(page.text).toContain("Grazie! La nota sarà visibile dopo la revisione del coordinamento.");
  const published = await postNote(coordinator);
  const shown = await coordinator.agent.get(published.headers.location!);
  expect(shown.text).toContain("La nota è pubblicata.");
});

test("When a member flags a note, then the page confirms the flag reached the coordinators", async () => {
  const id = await publishedNote();
  const res = await member.agent
    .post(`/notes/${id}/flag`)
    .type("form")
    .send({ _csrf: await member.csrf(), reason: "Contiene un nome" });
  expect(res.headers.location).toBe(`/notes/${id}?notice=flagged`);
  expect((await member.agent.get(res.headers.location!)).text).toContain("la segnalazione è arrivata");
  // A forged notice is ignored, not an error.
  expect((await member.agent.get(`/notes/${id}?notice=%3Cb%3E`)).status).toBe(200);
});

test("When a member marks a note useful, then the button is pressed and shows the count; again, it is released", async () => {
  const id = await publishedNote();
  const before = await member.agent.get(`/notes/${id}`);
  expect(before.text).toContain('aria-pressed="false"');
  expect(before.text).toContain("Utile per 0 persone");
  await member.agent
    .post(`/notes/${id}/useful`)
    .type("form")
    .send({ _csrf: await member.csrf() });
  const after = await member.agent.get(`/notes/${id}`);
  expect(after.text).toContain('aria-pressed="true"');
  expect(after.text).toContain("Utile per 1 persona");
  await member.agent
    .post(`/notes/${id}/useful`)
    .type("form")
    .send({ _csrf: await member.csrf() });
  expect((await member.agent.get(`/notes/${id}`)).text).toContain('aria-pressed="false"');
});

test("When a member opens «Le mie note», then published, waiting and rejected notes (with the reason) and drafts are listed", async () => {
  const waiting = await noteBy(ctx, member, { title: "Nota che aspetta" });
  const rejected = await noteBy(ctx, member, { title: "Nota respinta" });
  const actor = { id: coordinator.user.id, name: coordinator.user.name, role: coordinator.user.role };
  await ctx.services.notes.moderation.decide(actor, rejected, "reject", "Manca il contesto");
  const approved = await noteBy(ctx, member, { title: "Nota approvata" });
  await ctx.services.notes.moderation.decide(actor, approved, "approve", "");
  await ctx.services.notes.core.saveDraft(member.user.id, "open", { title: "Bozza rimasta a metà" });
  await noteBy(ctx, coordinator, { title: "Nota di qualcun altro" });

  const page = await member.agent.get("/me/notes");
  expect(page.status).toBe(200);
  expect(page.text).toContain("1 pubblicata, 1 in attesa di moderazione, 1 respinta.");
  const section = (id: string) => page.text.slice(page.text.indexOf(`id="${id}"`));
  expect(section("mine-pending")).toContain("Nota che aspetta");
  expect(section("mine-rejected")).toContain("Motivo: Manca il contesto");
  expect(section("mine-published")).toContain("Nota approvata");
  expect(page.text).toContain('href="/projects/open/notes/new?draft=1"');
  expect(page.text).toContain("Bozza rimasta a metà");
  expect(page.text).not.toContain("Nota di qualcun altro");
  expect(waiting).toBeTruthy();
  expect((await ctx.agent().get("/me/notes")).status).toBe(303);
});

test("When members read their own public profile, then it says how many notes wait; others do not see it", async () => {
  await noteBy(ctx, member, { title: "Prima in attesa" });
  await noteBy(ctx, member, { title: "Seconda in attesa" });
  const own = await member.agent.get(`/members/${member.user.id}`);
  expect(own.text).toContain("Hai 2 note in attesa di moderazione (le vedi solo tu).");
  const other = await coordinator.agent.get(`/members/${member.user.id}`);
  expect(other.text).not.toContain("in attesa di moderazione");
  expect((await ctx.agent().get(`/members/${member.user.id}`)).text).not.toContain("Hai 2 note");
});

test("When a member tags a note by the label or a synonym they see, then the tags are found; an unknown one is named with close ones", async () => {
  await TagModel.updateOne({ slug: "salute" }, { $set: { synonyms: ["sanità pubblica"] } });
  ctx.services.taxonomy.invalidate();
  const ok = await postNote(member, "open", { tags: "Mediation, SANITA PUBBLICA" });
  expect(ok.status).toBe(303);
  const note = await NoteModel.findOne().lean();
  const tags = await ctx.services.taxonomy.tags();
  expect(note!.tags.map((id) => tags.byId.get(String(id))!.slug).sort()).toEqual(["mediazione", "salute"]);

  const bad = await postNote(member, "open", { tags: "Mediazone, salute" });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain("Il tag «mediazone» non esiste. Forse cercavi: «Mediazione».");
  expect(bad.text).toContain('value="Mediazone, salute"');
  const none = await postNote(member, "open", { tags: "astronomia" });
  expect(none.text).toContain("Il tag «astronomia» non esiste. Puoi proporre un nuovo tag");
  expect(await NoteModel.countDocuments()).toBe(1);
});

test("When a member edits a tagged note, then the form shows the tags' labels and saving keeps the same tags", async () => {
  const res = await postNote(member, "open", { tags: "mediazione, salute" });
  const id = res.headers.location!.split("/")[2]!.split("?")[0]!;
  const form = await member.agent.get(`/notes/${id}/edit`);
  const labels = await ctx.services.taxonomy.tags();
  const shown = ["mediazione", "salute"].map((slug) => labels.bySlug.get(slug)!.label_it).join(", ");
  expect(form.text).toContain(
    `name="tags" class="form-control" maxlength="500" type="text" value="${shown}"`,
  );
  const saved = await member.agent
    .post(`/notes/${id}/edit`)
    .type("form")
    .send({
      _csrf: await member.csrf(),
      version: "1",
      kind: "worked",
      theme: "monitoraggio-valutazione",
      question: "",
      title: "Titolo",
      body: "Testo.",
      tags: shown,
    });
  expect(saved.status).toBe(303);
  expect((await NoteModel.findById(id).lean())!.tags).toHaveLength(2);
});
