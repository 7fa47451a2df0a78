// The active-sessions page, "sign out elsewhere", an administrator ending a user's sessions, and the
// audit entries they leave.
import { AuditModel } from "../../src/modules/audit/audit.model";
import { createUser, csrfFrom, loginAs, TEST_PASSWORD, type TestUser } from "../support/auth";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ env: { TRUST_PROXY: "true" } });

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const PHONE =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

/** Signs in through the form with a given browser and address. */
async function signIn(user: TestUser, userAgent: string, ip: string) {
  const agent = ctx.agent();
  const token = await csrfFrom(agent, "/login");
  const res = await agent
    .post("/login")
    .set("user-agent", userAgent)
    .set("x-forwarded-for", ip)
    .type("form")
    .send({ _csrf: token, email: user.email, password: TEST_PASSWORD });
  expect(res.status).toBe(303);
  return agent;
}

const signedIn = async (agent: ReturnType<typeof ctx.agent>) =>
  (await agent.get("/me").set("accept", "text/html")).status === 200;

describe("active sessions", () => {
  it("When a member signed in from two devices, then the page lists both with device, coarse place and this session marked, and no session id", async () => {
    const user = await createUser(ctx, { role: "member" });
    const laptop = await signIn(user, FIREFOX, "203.0.113.77");
    await signIn(user, PHONE, "10.1.2.3");
    const page = await laptop.get("/me/sessions").set("accept", "text/html");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Firefox 128 su Linux");
    expect(page.text).toContain("Chrome 126 su Android");
    expect(page.text).toContain("Rete 203.0.113.x");
    expect(page.text).toContain("Rete locale (10.1.2.x)");
    expect(page.text).not.toContain("203.0.113.77");
    expect((page.text.match(/Questa sessione/g) ?? []).length).toBe(1);
    const ids = (await ctx.infra.mongo.collection("sessions").find({}).toArray()).map((s) => String(s._id));
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(page.text).not.toContain(id);
  });

  it("When a member signs out elsewhere, then the other sessions end, this one stays, and it is audited", async () => {
    const user = await createUser(ctx, { role: "member" });
    const laptop = await signIn(user, FIREFOX, "203.0.113.1");
    const phone = await signIn(user, PHONE, "203.0.113.2");
    const tablet = await signIn(user, PHONE, "203.0.113.3");
    const res = await laptop
      .post("/me/sessions/others")
      .type("form")
      .send({ _csrf: await csrfFrom(laptop, "/me") });
    expect(res.status).toBe(303);
    expect(await signedIn(laptop)).toBe(true);
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(tablet)).toBe(false);
    const entry = await AuditModel.findOne({ action: "sessions.ended_others", actorId: user.id }).lean();
    expect(entry?.details).toEqual({ sessionsEnded: 2 });
  });

  it("When a member ends one session by its handle, then only that one ends; another user's handle is not found", async () => {
    const user = await createUser(ctx, { role: "member" });
    const laptop = await signIn(user, FIREFOX, "203.0.113.4");
    const phone = await signIn(user, PHONE, "203.0.113.5");
    const page = await laptop.get("/me/sessions").set("accept", "text/html");
    const handle = /action="\/me\/sessions\/([a-f0-9]{16})\/end"/.exec(page.text)![1]!;
    const stranger = await loginAs(ctx, "member");
    const refused = await stranger.agent
      .post(`/me/sessions/${handle}/end`)
      .type("form")
      .send({ _csrf: await stranger.csrf() });
    expect(refused.status).toBe(404);
    expect(await signedIn(phone)).toBe(true);
    const ok = await laptop
      .post(`/me/sessions/${handle}/end`)
      .type("form")
      .send({ _csrf: await csrfFrom(laptop, "/me") });
    expect(ok.status).toBe(303);
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(laptop)).toBe(true);
    expect(await AuditModel.countDocuments({ action: "sessions.ended_one", actorId: user.id })).toBe(1);
  });

  it("When an administrator ends a user's sessions, then every session of that user ends and it is audited", async () => {
    const user = await createUser(ctx, { role: "member" });
    const a = await signIn(user, FIREFOX, "203.0.113.6");
    const b = await signIn(user, PHONE, "203.0.113.7");
    const admin = await loginAs(ctx, "admin");
    const list = await admin.agent.get("/admin/users").set("accept", "text/html");
    expect(list.text).toContain(`action="/admin/users/${user.id}/sessions/end"`);
    const res = await admin.agent
      .post(`/admin/users/${user.id}/sessions/end`)
      .type("form")
      .send({ _csrf: await admin.csrf() });
    expect(res.status).toBe(303);
    expect(await signedIn(a)).toBe(false);
    expect(await signedIn(b)).toBe(false);
    expect(await signedIn(admin.agent)).toBe(true);
    const entry = await AuditModel.findOne({ action: "sessions.ended_by_admin", targetId: user.id }).lean();
    expect(String(entry?.actorId)).toBe(admin.user.id);
    expect(entry?.details).toEqual({ sessionsEnded: 2 });
  });

  it("When a member changes the password, then the other sessions end and the audit entry counts them", async () => {
    const user = await createUser(ctx, { role: "member" });
    const laptop = await signIn(user, FIREFOX, "203.0.113.8");
    const phone = await signIn(user, PHONE, "203.0.113.9");
    const res = await laptop
      .post("/me/password")
      .type("form")
      .send({
        _csrf: await csrfFrom(laptop, "/me"),
        currentPassword: TEST_PASSWORD,
        password: "another long passphrase 9",
      });
    expect(res.status).toBe(303);
    expect(await signedIn(laptop)).toBe(true);
    expect(await signedIn(phone)).toBe(false);
    const entry = await AuditModel.findOne({ action: "password.changed", actorId: user.id }).lean();
    expect(entry?.details).toEqual({ sessionsEnded: 1 });
  });
});
