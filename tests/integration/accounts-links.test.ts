import { AccountTokenModel } from "../../src/modules/accounts/token.model";
import { createUser, csrfFrom, lastLinkTo, loginAs, readMails } from "../support/auth";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();
const NEW_PASSWORD = "a brand new passphrase 2026";

async function invite(email: string) {
  const coordinator = await loginAs(ctx, "coordinator");
  const res = await coordinator.agent
    .post("/admin/invite")
    .type("form")
    .send({ _csrf: await coordinator.csrf(), email, role: "member" });
  expect(res.status).toBe(200);
  return new URL(lastLinkTo(ctx, email)).pathname;
}

async function postForm(path: string, body: Record<string, string>) {
  const agent = ctx.agent();
  const token = await csrfFrom(agent, "/login");
  const res = await agent
    .post(path)
    .type("form")
    .send({ _csrf: token, ...body });
  // Mails go out after the answer.
  await ctx.services.background.settled();
  return res;
}

describe("invitations", () => {
  it("When a coordinator invites someone, then the mail file holds a link whose token is stored only hashed", async () => {
    const path = await invite("new.person@example.org");
    const raw = path.split("/").pop()!;
    const stored = await AccountTokenModel.find().lean();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(raw);
    expect(stored[0]!.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(readMails(ctx).pop()!.subject).toBe("Invito ad Atlante");
  });

  it("When the invitee accepts, then they can log in; the link then refuses a second use", async () => {
    const path = await invite("invitee@example.org");
    expect((await ctx.agent().get(path)).status).toBe(200);
    const weak = await postForm(path, { name: "Invitee", password: "short" });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain("almeno 12 caratteri");
    const common = await postForm(path, { name: "Invitee", password: "qwerty123456" });
    expect(common.status).toBe(400);
    expect(common.text).toContain("fra le più usate");
    const ok = await postForm(path, { name: "Invitee", password: NEW_PASSWORD });
    expect(ok.status).toBe(303);
    await loginAs(ctx, {
      id: "",
      email: "invitee@example.org",
      name: "Invitee",
      role: "member",
      password: NEW_PASSWORD,
    });
    const again = await ctx.agent().get(path);
    expect(again.status).toBe(410);
    expect(again.text).toContain("già stato usato");
    expect((await postForm(path, { name: "X", password: NEW_PASSWORD })).status).toBe(410);
  });

  it("When an invitation has expired or its token is tampered with, then a clear page refuses it", async () => {
    const path = await invite("late@example.org");
    await AccountTokenModel.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await ctx.agent().get(path);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain("scaduto");
    const tampered = await ctx.agent().get(path.slice(0, -2) + (path.endsWith("AA") ? "BB" : "AA"));
    expect(tampered.status).toBe(404);
    expect(tampered.text).toContain("non è valido");
  });

  it("When a member tries to invite, then it is forbidden; a coordinator cannot invite an admin", async () => {
    const before = readMails(ctx).length;
    const member = await loginAs(ctx, "member");
    const res = await member.agent
      .post("/admin/invite")
      .type("form")
      .send({ _csrf: await member.csrf(), email: "x@example.org", role: "member" });
    expect(res.status).toBe(403);
    const coordinator = await loginAs(ctx, "coordinator");
    const res2 = await coordinator.agent
      .post("/admin/invite")
      .type("form")
      .send({ _csrf: await coordinator.csrf(), email: "x@example.org", role: "admin" });
    expect(res2.status).toBe(403);
    expect(readMails(ctx)).toHaveLength(before);
  });
});

describe("password reset", () => {
  it("When a known and an unknown address ask for a reset, then both get the same answer and only the known gets mail", async () => {
    const user = await createUser(ctx, { role: "member" });
    const before = readMails(ctx).length;
    const known = await postForm("/forgot", { email: user.email });
    const unknown = await postForm("/forgot", { email: "nobody@example.org" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]*"/g, "").replace(/[0-9a-f-]{36}/g, "");
    expect(strip(known.text)).toBe(strip(unknown.text));
    expect(
      readMails(ctx)
        .slice(before)
        .map((m) => m.to),
    ).toEqual([user.email]);
  });

  it("When the reset link is used, then the password changes, other sessions end and the link is spent", async () => {
    const user = await createUser(ctx, { role: "member" });
    const session = await loginAs(ctx, user);
    await postForm("/forgot", { email: user.email });
    const path = new URL(lastLinkTo(ctx, user.email)).pathname;
    const res = await postForm(path, { password: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect((await session.agent.get("/me").set("accept", "text/html")).status).toBe(303);
    await loginAs(ctx, { ...user, password: NEW_PASSWORD });
    expect((await postForm(path, { password: "yet another passphrase 1" })).status).toBe(410);
  });

  it("When a reset link is older than one hour, then it is refused as expired", async () => {
    const user = await createUser(ctx, { role: "member" });
    await postForm("/forgot", { email: user.email });
    const path = new URL(lastLinkTo(ctx, user.email)).pathname;
    const token = await AccountTokenModel.findOne({ kind: "reset" }).lean();
    expect(token!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3600 * 1000);
    await AccountTokenModel.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1) } });
    const res = await postForm(path, { password: NEW_PASSWORD });
    expect(res.status).toBe(410);
    expect(res.text).toContain("scaduto");
  });

  it("When one address asks for many resets, then it is rate limited with 429", async () => {
    const agent = ctx.agent();
    const token = await csrfFrom(agent, "/login");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await agent
            .post("/forgot")
            .type("form")
            .send({ _csrf: token, email: `n${i}@example.org` })
        ).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe("join requests", () => {
  it("When someone asks to join and a coordinator approves, then an invitation mail is sent", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const res = await postForm("/join", {
      email: "joiner@example.org",
      name: "Giulia Prova",
      organisation: "Ente fittizio",
      message: "Vorrei partecipare",
    });
    expect(res.status).toBe(200);
    expect(readMails(ctx).some((m) => m.to === coordinator.user.email)).toBe(true);
    const list = await coordinator.agent.get("/admin/join-requests");
    expect(list.text).toContain("joiner@example.org");
    const id = /\/admin\/join-requests\/([a-f0-9]{24})\/approve/.exec(list.text)![1]!;
    const approve = await coordinator.agent
      .post(`/admin/join-requests/${id}/approve`)
      .type("form")
      .send({ _csrf: await coordinator.csrf() });
    expect(approve.status).toBe(303);
    expect(lastLinkTo(ctx, "joiner@example.org")).toContain("/invite/");
    const user = await ctx.services.accounts.findByEmail("joiner@example.org");
    expect(user).toMatchObject({ status: "invited", name: "Giulia Prova", role: "member" });
  });

  it("When the join form gets an object for the email, then it answers 400 and stores nothing", async () => {
    const res = await postForm("/join", { "email[$ne]": "", name: "X" });
    expect(res.status).toBe(400);
    const many = [];
    for (let i = 0; i < 6; i++)
      many.push((await postForm("/join", { email: `j${i}@example.org`, name: "J" })).status);
    expect(many.pop()).toBe(429);
  });
});
