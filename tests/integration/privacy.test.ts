// Privacy rights: the notice, the data download, and account deletion with the choice for notes
// (deleted, or kept under "ex membro" everywhere: pages, API, feeds and the search index).
import { AuditModel } from "../../src/modules/audit/audit.model";
import { NoteModel } from "../../src/modules/notes/note.model";
import { ProjectModel } from "../../src/modules/projects/project.model";
import type { Actor } from "../../src/modules/accounts/actor";
import { csrfFrom, loginAs, TEST_PASSWORD, type LoggedIn } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { noteBy, seedCatalogue, THEME } from "./notes-fixtures";
import { indexedNote, indexerIdle } from "./search-support";

const ctx = useTestApp();

let member: LoggedIn;
let coordinator: LoggedIn;
let moderator: Actor;
let published: string;
let pending: string;
let others: string;

const asActor = (who: LoggedIn): Actor => ({ id: who.user.id, name: who.user.name, role: who.user.role });

const indexed = (id: string) => indexedNote(ctx, id);

const settledIndex = () => indexerIdle(ctx);

/** A member with a published note (edited once), a pending one, and a reply, flag and mark on another's. */
beforeEach(async () => {
  await seedCatalogue(ctx);
  member = await loginAs(ctx, "member");
  coordinator = await loginAs(ctx, "coordinator");
  moderator = asActor(coordinator);
  const core = ctx.services.notes.core;
  published = await noteBy(ctx, member, { title: "Il registro dei colloqui", body: "Prima stesura." });
  await ctx.services.notes.moderation.decide(moderator, published, "approve", "");
  await core.update(asActor(member), published, {
    kind: "lesson",
    theme: THEME,
    question: null,
    title: "Il registro dei colloqui",
    body: "Seconda stesura del registro.",
    tags: [],
    version: (await NoteModel.findById(published).lean())!.version,
  } as never);
  await ctx.services.notes.moderation.decide(moderator, published, "approve", "");
  pending = await noteBy(ctx, member, { title: "Una bozza in attesa", body: "Non ancora pubblicata." });
  others = await noteBy(ctx, coordinator, { title: "La nota del coordinatore", body: "Testo." });
  await core.reply(asActor(member), others, "Risposta del membro");
  await core.reply(moderator, published, "Risposta del coordinatore");
  await core.flag(asActor(member), others, "Contiene un nome");
  await core.toggleUseful(asActor(member), others);
  await settledIndex();
}, 60_000);

async function deleteAccount(who: LoggedIn, body: Record<string, string>) {
  return who.agent
    .post("/me/delete")
    .type("form")
    .send({ _csrf: await csrfFrom(who.agent, "/me/delete"), ...body });
}

describe("the privacy notice", () => {
  it("When anyone opens /privacy, then the notice is there in Italian and English, says the controller is fictional, and the join form and footer link to it", async () => {
    const it = await ctx.agent().get("/privacy").set("accept", "text/html");
    expect(it.status).toBe(200);
    expect(it.text).toContain("Informativa sulla privacy");
    expect(it.text).toContain("fittizi");
    expect(it.text).toContain("12 mesi");
    const en = await ctx.agent().get("/privacy").set("cookie", "lang=en").set("accept", "text/html");
    expect(en.text).toContain("Privacy notice");
    expect(en.text).toContain("fictional");
    const join = await ctx.agent().get("/join").set("accept", "text/html");
    expect(join.text).toContain('href="/privacy"');
    const home = await ctx.agent().get("/").set("accept", "text/html");
    expect(home.text).toMatch(/<footer[\s\S]*href="\/privacy"/);
  });
});

describe("what is kept and for how long", () => {
  it("When the security log is written, then MongoDB drops its entries after the 12 months the notice states", async () => {
    const indexes = await AuditModel.collection.indexes();
    const ttl = indexes.find((i) => i.name === "audit_retention");
    expect(ttl?.expireAfterSeconds).toBe(365 * 24 * 3600);
  });
});

describe("downloading my data", () => {
  it("When a member downloads their data, then they get JSON with profile, notes and revisions, replies, flags, marks and sessions, and nothing of others", async () => {
    const res = await member.agent.get("/me/data");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="atlante-i-miei-dati-/);
    expect(res.headers["cache-control"]).toContain("no-store");
    const data = JSON.parse(res.text) as Record<string, unknown> & {
      profile: { email: string };
      notes: { id: string; title: string; revisions: { body: string }[]; status: string }[];
      replies: { note: string; body: string }[];
      flags: { note: string; reason: string }[];
      useful: { note: string }[];
      sessions: unknown[];
    };
    expect(data.profile.email).toBe(member.user.email);
    expect(res.text).not.toContain("passwordHash");
    expect(res.text).not.toContain("argon2");
    expect(data.notes.map((n) => [n.id, n.status]).sort()).toEqual(
      [
        [published, "published"],
        [pending, "pending"],
      ].sort(),
    );
    const mine = data.notes.find((n) => n.id === published)!;
    expect(mine.revisions.map((r) => r.body)).toEqual(["Prima stesura."]);
    expect(data.replies).toEqual([expect.objectContaining({ note: others, body: "Risposta del membro" })]);
    expect(data.flags).toEqual([expect.objectContaining({ note: others, reason: "Contiene un nome" })]);
    expect(data.useful).toEqual([expect.objectContaining({ note: others })]);
    expect(data.sessions).toHaveLength(1);
    // Nothing written by someone else: not the coordinator's reply on the member's note, not their email.
    expect(res.text).not.toContain("Risposta del coordinatore");
    expect(res.text).not.toContain(coordinator.user.email);
  });
});

describe("deleting my account", () => {
  it("When the form lacks the choice, the confirmation or the right password, then nothing is deleted and the form says why", async () => {
    const missing = await deleteAccount(member, { currentPassword: TEST_PASSWORD });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain("Scegli che cosa fare delle tue note");
    expect(missing.text).toContain("Conferma di aver capito");
    const wrong = await deleteAccount(member, {
      notes: "keep",
      confirm: "yes",
      currentPassword: "not mine at all",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("La password attuale non è corretta");
    const forged = await member.agent
      .post("/me/delete")
      .type("form")
      .send({ notes: "keep", confirm: "yes", currentPassword: TEST_PASSWORD });
    expect(forged.status).toBe(403);
    expect(await ctx.services.accounts.findById(member.user.id)).not.toBeNull();
    expect(await NoteModel.countDocuments({ "author.id": member.user.id })).toBe(2);
  });

  it('When a member deletes the account and keeps the notes, then they stay signed "ex membro" everywhere and the account is gone', async () => {
    const res = await deleteAccount(member, {
      notes: "keep",
      confirm: "yes",
      currentPassword: TEST_PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/privacy?notice=deleted");
    expect(await ctx.services.accounts.findById(member.user.id)).toBeNull();
    expect((await member.agent.get("/me").set("accept", "text/html")).status).toBe(303);
    const again = ctx.agent();
    const token = await csrfFrom(again, "/login");
    const login = await again
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: member.user.email, password: TEST_PASSWORD });
    expect(login.status).toBe(401);

    const kept = (await NoteModel.findById(published).lean())!;
    expect(kept.author).toEqual({ id: "ex-member", name: "ex membro" });
    expect(kept.revisions.every((r) => r.editedBy?.id !== member.user.id)).toBe(true);
    expect(await NoteModel.findById(pending).lean()).toBeNull();
    const other = (await NoteModel.findById(others).lean())!;
    expect(other.replies.map((r) => r.author)).toEqual([{ id: "ex-member", name: "ex membro" }]);
    expect(other.flags.map((f) => f.by?.id)).toEqual(["ex-member"]);
    expect(other.usefulBy).toEqual([]);
    expect(other.usefulCount).toBe(0);
    expect(JSON.stringify(await NoteModel.find({}).lean())).not.toContain(member.user.id);
    expect(JSON.stringify(await NoteModel.find({}).lean())).not.toContain(member.user.name);

    const page = await ctx.agent().get("/projects/open").set("accept", "text/html");
    expect(page.text).toContain("Il registro dei colloqui");
    expect(page.text).toContain("ex membro");
    expect(page.text).not.toContain(member.user.name);
    expect(page.text).not.toContain(`/members/${member.user.id}`);
    expect((await ctx.agent().get(`/members/${member.user.id}`)).status).toBe(404);
    const api = await ctx.agent().get("/api/v1/projects/open/notes");
    expect(JSON.stringify(api.body)).not.toContain(member.user.name);
    const feed = await ctx.agent().get("/feeds/atlante.atom");
    expect(feed.text).toContain("<name>ex membro</name>");
    expect(feed.text).not.toContain(member.user.name);
    await settledIndex();
    expect(await indexed(published)).toMatchObject({ author: "ex membro" });
    expect(await indexed(pending)).toBeUndefined();

    const audit = await AuditModel.findOne({ action: "user.deleted", targetId: member.user.id }).lean();
    expect(audit?.details).toMatchObject({ notes: "keep", notesKept: 1, notesDeleted: 1 });
  }, 60_000);

  it("When a member deletes the account with the notes, then the notes and replies are erased, from search too", async () => {
    const res = await deleteAccount(member, {
      notes: "delete",
      confirm: "yes",
      currentPassword: TEST_PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(await NoteModel.countDocuments({ _id: { $in: [published, pending] } })).toBe(0);
    expect((await NoteModel.findById(others).lean())!.replies).toEqual([]);
    const page = await ctx.agent().get("/projects/open").set("accept", "text/html");
    expect(page.text).not.toContain("Il registro dei colloqui");
    const feed = await ctx.agent().get("/feeds/atlante.atom");
    expect(feed.text).not.toContain("Il registro dei colloqui");
    await settledIndex();
    expect(await indexed(published)).toBeUndefined();
    const check = await ctx.services.search.check(false);
    for (const r of check.reports) expect(r).toMatchObject({ missing: [], extra: [], stale: [] });
  }, 60_000);

  it("When the only administrator tries to delete the account, then it is refused with a clear message", async () => {
    const admin = await loginAs(ctx, "admin");
    const res = await deleteAccount(admin, { notes: "keep", confirm: "yes", currentPassword: TEST_PASSWORD });
    expect(res.status).toBe(409);
    expect(res.text).toContain("Sei l'unico amministratore");
    expect(await ctx.services.accounts.findById(admin.user.id)).not.toBeNull();
  });
});

describe("project contacts", () => {
  it("When a project has contacts, then only signed-in members see them, on the page and in the export", async () => {
    await ProjectModel.updateOne(
      { slug: "open" },
      {
        $set: {
          contact: { name: "Referente Esempio", email: "referente@esempio.invalid", phone: "055 000000" },
        },
      },
    );
    ctx.services.catalogueCache.clear();
    ctx.services.projectQueries.clearCache();
    const anon = await ctx.agent().get("/projects/open").set("accept", "text/html");
    expect(anon.status).toBe(200);
    expect(anon.text).not.toContain("referente@esempio.invalid");
    const signedIn = await coordinator.agent.get("/projects/open").set("accept", "text/html");
    expect(signedIn.text).toContain("referente@esempio.invalid");
    const exported = await ctx.agent().get("/export/projects.json");
    expect(exported.text).not.toContain("referente@esempio.invalid");
    expect((await member.agent.get("/export/projects.json")).text).toContain("referente@esempio.invalid");
  });
});
