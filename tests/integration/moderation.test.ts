// Moderation of notes: every transition, flags, bulk actions, the queue, and the audit log.
import { AuditModel } from "../../src/modules/audit/audit.model";
import { NoteModel } from "../../src/modules/notes/note.model";
import { loginAs, type LoggedIn } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { noteBy, noteForm, resetMongo, seedCatalogue, statusOf } from "./notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

let member: LoggedIn;
let coordinator: LoggedIn;

beforeEach(async () => {
  await resetMongo(ctx);
  await seedCatalogue(ctx);
  member = await loginAs(ctx, "member");
  coordinator = await loginAs(ctx, "coordinator");
});

async function bulk(who: LoggedIn, ids: string[], action: string, reason = "") {
  return who.agent
    .post("/moderation/notes")
    .type("form")
    .send({ _csrf: await who.csrf(), action, reason, ids });
}

async function audits(action: string, targetId?: string) {
  return AuditModel.countDocuments({ action, ...(targetId ? { targetId } : {}) });
}

test("When a coordinator approves a pending note, then it is published, shown to everyone and audited", async () => {
  const id = await noteBy(ctx, member, { title: "Da approvare" });
  const queue = await coordinator.agent.get("/moderation/notes");
  expect(queue.status).toBe(200);
  expect(queue.text).toContain('<a class="list-item" href="/moderation/notes">Moderazione note</a>');
  expect(queue.text).toContain("Da approvare");
  expect(queue.text).toContain("1 in attesa · 0 segnalate");
  expect(queue.text).toMatch(/in attesa da \d+ minut[oi]/);
  const res = await bulk(coordinator, [id], "approve");
  expect(res.status).toBe(200);
  expect(res.text).toContain("1 nota aggiornata.");
  expect(await statusOf(id)).toBe("published");
  expect(await audits("notes.approve", id)).toBe(1);
  expect((await ctx.agent().get("/projects/open")).text).toContain("Da approvare");
});

test("When a coordinator rejects a note with a reason, then the author sees the reason and others see nothing", async () => {
  const id = await noteBy(ctx, member, { title: "Da respingere" });
  // Seen waiting first (the author's own notes on a page are kept in memory until a note changes).
  const waiting = await member.agent.get("/projects/open");
  expect(waiting.text).toContain("In attesa di moderazione");
  expect(waiting.text).not.toContain("Motivo:");
  const noReason = await bulk(coordinator, [id], "reject", "");
  expect(noReason.status).toBe(400);
  expect(await statusOf(id)).toBe("pending");
  expect((await bulk(coordinator, [id], "reject", "Riporta dati personali")).status).toBe(200);
  expect(await statusOf(id)).toBe("rejected");
  const own = await member.agent.get("/projects/open");
  expect(own.text).toContain("Motivo: Riporta dati personali");
  const other = await (await loginAs(ctx, "member")).agent.get("/projects/open");
  expect(other.text).not.toContain("Da respingere");
  expect(await audits("notes.reject", id)).toBe(1);
});

test("When the author edits a rejected note, then it goes back to the queue", async () => {
  const id = await noteBy(ctx, member);
  await bulk(coordinator, [id], "reject", "Troppo generica");
  const res = await member.agent
    .post(`/notes/${id}/edit`)
    .type("form")
    .send({ _csrf: await member.csrf(), version: "2", ...noteForm({ tags: "" }) });
  expect(res.status).toBe(303);
  const note = await NoteModel.findById(id).lean();
  expect(note!.status).toBe("pending");
  expect(note!.rejectReason).toBeNull();
});

test("When a coordinator edits someone's note, then the change is recorded as a moderator's revision and audited", async () => {
  const id = await noteBy(ctx, member);
  const res = await coordinator.agent
    .post(`/notes/${id}/edit`)
    .type("form")
    .send({
      _csrf: await coordinator.csrf(),
      version: "1",
      reason: "Tolto un nome proprio",
      ...noteForm({ tags: "" }),
    });
  expect(res.status).toBe(303);
  const note = await NoteModel.findById(id).lean();
  expect(note!.revisions[0]!.role).toBe("moderator");
  expect(note!.revisions[0]!.reason).toBe("Tolto un nome proprio");
  expect(note!.revisions[0]!.editedBy!.id).toBe(coordinator.user.id);
  expect(note!.status).toBe("pending");
  expect(await audits("notes.edit", id)).toBe(1);
  const page = await member.agent.get(`/notes/${id}`);
  expect(page.text).toContain("(modifica del coordinamento)");
  expect(page.text).toContain("«Tolto un nome proprio»");
});

test("When a published note is rejected later, then it leaves the pages", async () => {
  const id = await noteBy(ctx, coordinator, { title: "Pubblicata poi tolta" });
  expect(await statusOf(id)).toBe("published");
  await bulk(coordinator, [id], "reject", "Segnalata come offensiva");
  expect(await statusOf(id)).toBe("rejected");
  expect((await ctx.agent().get("/projects/open")).text).not.toContain("Pubblicata poi tolta");
});

test("When members flag a published note, then it surfaces in the queue with its reasons until dismissed", async () => {
  const id = await noteBy(ctx, coordinator, { title: "Nota segnalata" });
  const flag = async (who: LoggedIn, reason: string) =>
    who.agent
      .post(`/notes/${id}/flag`)
      .type("form")
      .send({ _csrf: await who.csrf(), reason });
  expect((await flag(member, "Contiene un numero di telefono")).status).toBe(303);
  await flag(member, "Di nuovo");
  const other = await loginAs(ctx, "member");
  await flag(other, "Fuori tema");
  const note = await NoteModel.findById(id).lean();
  expect(note!.flagCount).toBe(2);
  const queue = await coordinator.agent.get("/moderation/notes?filter=flagged");
  expect(queue.text).toContain("Nota segnalata");
  expect(queue.text).toContain("2 segnalazioni");
  expect(queue.text).toContain("Contiene un numero di telefono");
  expect(await audits("notes.flag", id)).toBe(2);
  expect((await bulk(coordinator, [id], "dismiss")).status).toBe(200);
  expect((await NoteModel.findById(id).lean())!.flagCount).toBe(0);
  expect(await statusOf(id)).toBe("published");
  expect((await coordinator.agent.get("/moderation/notes?filter=flagged")).text).not.toContain(
    "Nota segnalata",
  );
  expect(await audits("notes.dismiss", id)).toBe(1);
});

test("When an empty reason is given for a flag, then it is refused", async () => {
  const id = await noteBy(ctx, coordinator);
  const res = await member.agent
    .post(`/notes/${id}/flag`)
    .type("form")
    .send({ _csrf: await member.csrf(), reason: " " });
  expect(res.status).toBe(400);
  expect((await NoteModel.findById(id).lean())!.flagCount).toBe(0);
});

test("When many notes are approved at once, then each is decided and audited, and ones in the wrong state are reported", async () => {
  const ids = [await noteBy(ctx, member), await noteBy(ctx, member), await noteBy(ctx, member)];
  const already = await noteBy(ctx, coordinator);
  const res = await coordinator.agent
    .post("/moderation/notes")
    .set("accept", "application/json")
    .type("form")
    .send({ _csrf: await coordinator.csrf(), action: "approve", ids: [...ids, already] });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ done: 3, failed: [already] });
  for (const id of ids) expect(await statusOf(id)).toBe("published");
  expect(await audits("notes.approve")).toBe(3);
});

test("When a member or an anonymous visitor tries to moderate, then they are refused", async () => {
  const id = await noteBy(ctx, member);
  expect((await member.agent.get("/moderation/notes")).status).toBe(403);
  expect((await bulk(member, [id], "approve")).status).toBe(403);
  expect(
    (await ctx.agent().post("/moderation/notes").type("form").send({ action: "approve", ids: id })).status,
  ).toBe(403);
  expect(await statusOf(id)).toBe("pending");
  expect(await audits("notes.approve")).toBe(0);
});

test("When the bulk form has no selection or a bad id, then it is a 400", async () => {
  expect((await bulk(coordinator, [], "approve")).status).toBe(400);
  expect((await bulk(coordinator, ["nope"], "approve")).status).toBe(400);
  expect((await bulk(coordinator, ["0123456789abcdef01234567"], "publish")).status).toBe(400);
});

test("When a coordinator deletes someone's note, then it is audited", async () => {
  const id = await noteBy(ctx, member);
  const res = await coordinator.agent
    .post(`/notes/${id}/delete`)
    .type("form")
    .send({ _csrf: await coordinator.csrf() });
  expect(res.status).toBe(303);
  expect(await audits("notes.delete", id)).toBe(1);
});

test("When a coordinator rejects without a reason, then nothing changes, the selection is kept and the error sits by the reason", async () => {
  const a = await noteBy(ctx, member, { title: "Prima" });
  const b = await noteBy(ctx, member, { title: "Seconda" });
  const res = await bulk(coordinator, [a], "reject", "");
  expect(res.status).toBe(400);
  expect(res.text).toContain('id="bulk-reason-error"');
  expect(res.text).toContain("Scrivi un motivo.");
  expect(res.text).toMatch(new RegExp(`value="${a}" id="sel-${a}" checked`));
  expect(res.text).not.toMatch(new RegExp(`value="${b}" id="sel-${b}" checked`));
  expect(res.text).toMatch(/<option value="reject" selected/);
  expect(await statusOf(a)).toBe("pending");
  const none = await bulk(coordinator, [], "approve");
  expect(none.status).toBe(400);
  expect(none.text).toContain("Seleziona almeno una nota.");
});

test("When a coordinator asks to select all, then every note of the queue is ticked", async () => {
  const a = await noteBy(ctx, member, { title: "Prima" });
  const b = await noteBy(ctx, member, { title: "Seconda" });
  const plain = await coordinator.agent.get("/moderation/notes");
  expect(plain.text).toContain('href="/moderation/notes?select=all"');
  expect(plain.text).not.toContain("checked");
  const all = await coordinator.agent.get("/moderation/notes?select=all");
  for (const id of [a, b]) expect(all.text).toMatch(new RegExp(`value="${id}" id="sel-${id}" checked`));
});

test("When an old published note is flagged, then its wait counts from the flag, not from publication", async () => {
  const id = await noteBy(ctx, coordinator, { title: "Vecchia nota" });
  const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600 * 1000);
  await NoteModel.collection.updateOne(
    { _id: new (await import("mongoose")).Types.ObjectId(id) },
    { $set: { createdAt: tenDaysAgo, publishedAt: tenDaysAgo } },
  );
  await member.agent
    .post(`/notes/${id}/flag`)
    .type("form")
    .send({ _csrf: await member.csrf(), reason: "Dati personali" });
  const queue = await coordinator.agent.get("/moderation/notes?filter=flagged");
  expect(queue.text).toContain("1 segnalazione");
  expect(queue.text).toMatch(/in attesa da [01] minut[oi]/);
  expect(queue.text).not.toContain("10 giorni");
});
