// Two-factor authentication: enrolment, the second step of a sign-in (TOTP, replay, recovery codes,
// throttling), what a half-signed-in session may reach, required roles and their grace period, and an
// administrator's reset.
import { AuditModel } from "../../src/modules/audit/audit.model";
import { UserModel } from "../../src/modules/accounts/user.model";
import { createUser, csrfFrom, loginAs, TEST_PASSWORD } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { enrolTotp, postCode, postLogin, totpCode } from "../support/two-factor";

const ctx = useTestApp({
  env: { TWO_FACTOR_REQUIRED_ROLES: "coordinator,admin", TWO_FACTOR_GRACE_DAYS: "7" },
});

const signedIn = async (agent: ReturnType<typeof ctx.agent>) =>
  (await agent.get("/me").set("accept", "text/html")).status === 200;

/** A member with TOTP on; returns the user, the secret and the recovery codes. */
async function memberWithTotp() {
  const { agent, user } = await loginAs(ctx, "member");
  const enrolled = await enrolTotp(agent);
  return { user, ...enrolled };
}

describe("two-factor authentication", () => {
  it("When a member turns on TOTP, then the secret is stored encrypted and ten recovery codes are shown once, stored hashed", async () => {
    const { user, secret, recoveryCodes } = await memberWithTotp();
    expect(recoveryCodes).toHaveLength(10);
    const doc = await UserModel.findById(user.id).lean();
    expect(doc!.twoFactor.totpSecret).toBeTruthy();
    expect(doc!.twoFactor.totpSecret).not.toContain(secret);
    expect(doc!.twoFactor.recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(doc)).not.toContain(code);
    expect(await AuditModel.countDocuments({ action: "2fa.totp_enabled", actorId: user.id })).toBe(1);
  });

  it("When the QR page is shown, then the QR code is an inline SVG data URI and the manual key is printed", async () => {
    const { agent } = await loginAs(ctx, "member");
    const page = await agent.get("/me/2fa").set("accept", "text/html");
    expect(page.text).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(page.text).toMatch(/id="totp-key"[^>]*>[A-Z2-7]{4} /);
  });

  it("When a member with TOTP signs in, then the password alone opens no session and a valid code does", async () => {
    const { user, secret } = await memberWithTotp();
    const agent = ctx.agent();
    const res = await postLogin(agent, user.email, TEST_PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/login/2fa");
    // Half-way: no page of a signed-in user, no post with the session's power.
    expect(await signedIn(agent)).toBe(false);
    expect((await agent.get("/me/sessions").set("accept", "application/json")).status).toBe(401);
    const wrong = await postCode(agent, "000000");
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain("non è valido");
    const sessions = ctx.infra.mongo.collection("sessions");
    const pending = await sessions.findOne({ "session.pending.userId": user.id });
    expect(pending).not.toBeNull();
    expect(pending!.session.passport).toBeUndefined();
    const ok = await postCode(agent, totpCode(secret));
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe("/me");
    expect(await signedIn(agent)).toBe(true);
    // The signed-in session has a new id: the pending one is gone.
    expect(await sessions.countDocuments({ _id: pending!._id })).toBe(0);
    expect(await AuditModel.countDocuments({ action: "2fa.ok", actorId: user.id })).toBe(1);
  });

  it("When a TOTP code was already accepted, then the same code is refused at the next sign-in", async () => {
    const { user, secret } = await memberWithTotp();
    const first = ctx.agent();
    await postLogin(first, user.email, TEST_PASSWORD);
    const code = totpCode(secret);
    expect((await postCode(first, code)).status).toBe(303);
    const second = ctx.agent();
    await postLogin(second, user.email, TEST_PASSWORD);
    expect((await postCode(second, code)).status).toBe(401);
    expect(await signedIn(second)).toBe(false);
    expect(await AuditModel.countDocuments({ action: "2fa.failed", "details.reason": "reused" })).toBe(1);
    // The next period's code still works.
    expect((await postCode(second, totpCode(secret, 1))).status).toBe(303);
  });

  it("When a recovery code is used, then it opens the session once and never again", async () => {
    const { user, recoveryCodes } = await memberWithTotp();
    const code = recoveryCodes[3]!;
    const a = ctx.agent();
    await postLogin(a, user.email, TEST_PASSWORD);
    expect((await postCode(a, ` ${code.toUpperCase()} `)).status).toBe(303);
    const b = ctx.agent();
    await postLogin(b, user.email, TEST_PASSWORD);
    expect((await postCode(b, code)).status).toBe(401);
    const doc = await UserModel.findById(user.id).lean();
    expect(doc!.twoFactor.recoveryCodes).toHaveLength(9);
    expect(await AuditModel.countDocuments({ action: "2fa.recovery_used", actorId: user.id })).toBe(1);
  });

  it("When codes are guessed, then the sixth attempt is refused with 429 before being checked, even with the right code", async () => {
    const { user, secret } = await memberWithTotp();
    const agent = ctx.agent();
    await postLogin(agent, user.email, TEST_PASSWORD);
    for (let i = 0; i < 5; i += 1) expect((await postCode(agent, "123456")).status).toBe(401);
    const res = await postCode(agent, totpCode(secret));
    expect(res.status).toBe(429);
    expect(res.headers["retry-after"]).toBeDefined();
    expect(res.text).toContain("Troppi tentativi");
    expect(await signedIn(agent)).toBe(false);
  });

  it("When the code field holds nasty input, then the form comes back with a 400 and no session", async () => {
    const { user } = await memberWithTotp();
    const agent = ctx.agent();
    await postLogin(agent, user.email, TEST_PASSWORD);
    const token = await csrfFrom(agent, "/login/2fa");
    for (const body of [
      { code: "" },
      { code: "x".repeat(500) },
      { code: ["1", "2"] },
      { code: "1", extra: "y" },
    ]) {
      const res = await agent
        .post("/login/2fa")
        .type("form")
        .send({ _csrf: token, ...body });
      expect(res.status).toBe(400);
    }
    const json = await agent
      .post("/login/2fa")
      .set("accept", "application/json")
      .send({ _csrf: token, code: { $gt: "" } });
    expect(json.status).toBe(400);
    expect(json.body.code).toBeDefined();
    expect(await signedIn(agent)).toBe(false);
  });

  it("When a JSON client signs in with the password of an account with TOTP, then it gets 202 and the second step, not the user", async () => {
    const { user } = await memberWithTotp();
    const agent = ctx.agent();
    const token = await csrfFrom(agent, "/login");
    const res = await agent
      .post("/login")
      .set("accept", "application/json")
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ secondFactor: "/login/2fa" });
    expect(await signedIn(agent)).toBe(false);
  });

  it("When no sign-in is pending, then the second step sends the browser back to the sign-in form", async () => {
    const agent = ctx.agent();
    const res = await agent.get("/login/2fa").set("accept", "text/html");
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/login?notice=2fa-expired");
  });

  it("When a coordinator without a second factor signs in within the grace period, then they are in, with a banner and the grace start audited", async () => {
    const coordinator = await createUser(ctx, { role: "coordinator" });
    const agent = ctx.agent();
    const res = await postLogin(agent, coordinator.email, TEST_PASSWORD);
    expect(res.headers.location).toBe("/me");
    const page = await agent.get("/me").set("accept", "text/html");
    expect(page.status).toBe(200);
    expect(page.text).toContain("diventa obbligatoria");
    expect(await AuditModel.countDocuments({ action: "2fa.grace_started", actorId: coordinator.id })).toBe(1);
    // A member is never asked.
    const member = await createUser(ctx, { role: "member" });
    const m = ctx.agent();
    expect((await postLogin(m, member.email, TEST_PASSWORD)).headers.location).toBe("/me");
    expect((await m.get("/me").set("accept", "text/html")).text).not.toContain("diventa obbligatoria");
  });

  it("When the grace period is over, then a coordinator must enrol at the second step before the session counts", async () => {
    const coordinator = await createUser(ctx, { role: "coordinator" });
    await UserModel.updateOne(
      { _id: coordinator.id },
      { $set: { "twoFactor.requiredSince": new Date(Date.now() - 8 * 24 * 3600 * 1000) } },
    );
    const agent = ctx.agent();
    expect((await postLogin(agent, coordinator.email, TEST_PASSWORD)).headers.location).toBe("/login/2fa");
    const step = await agent.get("/login/2fa").set("accept", "text/html");
    expect(step.text).toContain("periodo per attivarla è finito");
    expect(await signedIn(agent)).toBe(false);
    const secret = /id="totp-key"[^>]*>([A-Z2-7 ]+)</.exec(step.text)![1]!.replace(/\s+/g, "");
    const token = await csrfFrom(agent, "/login/2fa");
    const res = await agent
      .post("/login/2fa/enrol")
      .type("form")
      .send({ _csrf: token, code: totpCode(secret) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/me\/2fa\/codes\?next=/);
    expect(await signedIn(agent)).toBe(true);
    const codes = await agent.get(res.headers.location as string).set("accept", "text/html");
    expect(codes.text.match(/<code>[a-z0-9]{5}-[a-z0-9]{5}<\/code>/g)).toHaveLength(10);
    // Shown once.
    expect((await agent.get(res.headers.location as string).set("accept", "text/html")).status).toBe(303);
  });

  it("When an administrator resets a user's second factor, then every session of the user ends, the factors are gone and it is audited", async () => {
    const { user, secret } = await memberWithTotp();
    const userAgent = ctx.agent();
    await postLogin(userAgent, user.email, TEST_PASSWORD);
    expect((await postCode(userAgent, totpCode(secret))).status).toBe(303);
    const admin = await loginAs(ctx, "admin");
    // The administrator's own role needs 2FA too, within the grace period here.
    const res = await admin.agent
      .post(`/admin/users/${user.id}/2fa/reset`)
      .type("form")
      .send({ _csrf: await admin.csrf() });
    expect(res.status).toBe(303);
    expect(await signedIn(userAgent)).toBe(false);
    const doc = await UserModel.findById(user.id).lean();
    expect(doc!.twoFactor.totpSecret).toBeNull();
    expect(doc!.twoFactor.recoveryCodes).toHaveLength(0);
    const entry = await AuditModel.findOne({ action: "2fa.reset_by_admin", targetId: user.id }).lean();
    expect(String(entry?.actorId)).toBe(admin.user.id);
    expect((entry?.details as { sessionsEnded?: number }).sessionsEnded).toBeGreaterThanOrEqual(1);
    // Signing in again needs only the password.
    expect((await postLogin(ctx.agent(), user.email, TEST_PASSWORD)).headers.location).toBe("/me");
  });

  it("When a coordinator or a member asks to reset someone's second factor, then it is forbidden", async () => {
    const { user } = await memberWithTotp();
    for (const role of ["member", "coordinator"] as const) {
      const who = await loginAs(ctx, role);
      const res = await who.agent
        .post(`/admin/users/${user.id}/2fa/reset`)
        .type("form")
        .send({ _csrf: await who.csrf() });
      expect(res.status).toBe(403);
    }
    expect((await UserModel.findById(user.id).lean())!.twoFactor.totpSecret).toBeTruthy();
  });

  it("When a member downloads their data, then it says which factors protect the account and holds no secret or code", async () => {
    const { agent } = await loginAs(ctx, "member");
    const { secret, recoveryCodes } = await enrolTotp(agent);
    const res = await agent.get("/me/data");
    expect(res.status).toBe(200);
    const data = JSON.parse(res.text) as {
      profile: { twoFactor: { authenticatorApp: boolean; recoveryCodesLeft: number } };
    };
    expect(data.profile.twoFactor).toEqual(
      expect.objectContaining({ authenticatorApp: true, recoveryCodesLeft: 10 }),
    );
    expect(res.text).not.toContain(secret);
    expect(res.text).not.toContain("totpSecret");
    for (const code of recoveryCodes) expect(res.text).not.toContain(code);
  });

  it("When a member makes new recovery codes, then the old ones stop working and the new ones work", async () => {
    const { agent, user } = await loginAs(ctx, "member");
    const { recoveryCodes: old } = await enrolTotp(agent);
    const res = await agent
      .post("/me/2fa/recovery")
      .type("form")
      .send({ _csrf: await csrfFrom(agent, "/me") });
    expect(res.status).toBe(303);
    const page = await agent.get(res.headers.location as string).set("accept", "text/html");
    const fresh = [...page.text.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]!);
    expect(fresh).toHaveLength(10);
    const a = ctx.agent();
    await postLogin(a, user.email, TEST_PASSWORD);
    expect((await postCode(a, old[0]!)).status).toBe(401);
    expect((await postCode(a, fresh[0]!)).status).toBe(303);
    expect(await AuditModel.countDocuments({ action: "2fa.recovery_regenerated", actorId: user.id })).toBe(1);
  });

  it("When a member turns TOTP off with a valid code, then the password alone signs in again; a wrong code changes nothing", async () => {
    const { agent, user } = await loginAs(ctx, "member");
    const { secret } = await enrolTotp(agent);
    const csrf = await csrfFrom(agent, "/me");
    const wrong = await agent.post("/me/2fa/totp/disable").type("form").send({ _csrf: csrf, code: "000000" });
    expect(wrong.status).toBe(400);
    expect((await UserModel.findById(user.id).lean())!.twoFactor.totpSecret).toBeTruthy();
    const ok = await agent
      .post("/me/2fa/totp/disable")
      .type("form")
      .send({ _csrf: csrf, code: totpCode(secret) });
    expect(ok.status).toBe(303);
    expect((await postLogin(ctx.agent(), user.email, TEST_PASSWORD)).headers.location).toBe("/me");
    expect(await AuditModel.countDocuments({ action: "2fa.totp_disabled", actorId: user.id })).toBe(1);
  });

  it("When a coordinator tries to turn off their only second factor, then it is refused (the role requires one)", async () => {
    const { agent, user } = await loginAs(ctx, "coordinator");
    const { secret } = await enrolTotp(agent);
    const res = await agent
      .post("/me/2fa/totp/disable")
      .type("form")
      .send({ _csrf: await csrfFrom(agent, "/me"), code: totpCode(secret) });
    expect(res.status).toBe(409);
    expect(res.text).toContain("serve almeno un secondo fattore");
    expect((await UserModel.findById(user.id).lean())!.twoFactor.totpSecret).toBeTruthy();
  });

  it("When a sign-in is waiting for its second factor and the administrator resets it, then the waiting session ends too", async () => {
    const { user } = await memberWithTotp();
    const waiting = ctx.agent();
    await postLogin(waiting, user.email, TEST_PASSWORD);
    const admin = await loginAs(ctx, "admin");
    await admin.agent
      .post(`/admin/users/${user.id}/2fa/reset`)
      .type("form")
      .send({ _csrf: await admin.csrf() });
    const res = await waiting.get("/login/2fa").set("accept", "text/html");
    expect(res.headers.location).toBe("/login?notice=2fa-expired");
  });

  it("When a passkey answer is forged, malformed or has no challenge, then it is refused with 400 and nothing is stored", async () => {
    const { agent, user } = await loginAs(ctx, "member");
    const csrf = await csrfFrom(agent, "/me");
    const json = (path: string, body: unknown) =>
      agent
        .post(path)
        .set("accept", "application/json")
        .set("x-csrf-token", csrf)
        .send(body as object);
    const forged = {
      id: "AAAA",
      rawId: "AAAA",
      type: "public-key",
      response: { clientDataJSON: "e30", attestationObject: "AAAA" },
      clientExtensionResults: {},
    };
    // No options asked for first: no challenge in the session.
    expect((await json("/me/2fa/passkeys", { response: forged })).status).toBe(400);
    const options = await json("/me/2fa/passkeys/options", {});
    expect(options.status).toBe(200);
    expect(options.body.rp.id).toBe("localhost");
    expect(options.body.challenge).toEqual(expect.any(String));
    expect((await json("/me/2fa/passkeys", { response: forged })).status).toBe(400);
    for (const bad of [
      {},
      { response: "x" },
      { response: { ...forged, type: "other" } },
      { response: forged, $where: 1 },
    ]) {
      expect((await json("/me/2fa/passkeys", bad)).status).toBe(400);
    }
    expect((await UserModel.findById(user.id).lean())!.twoFactor.passkeys).toHaveLength(0);
    expect(await AuditModel.countDocuments({ action: "2fa.passkey_refused", actorId: user.id })).toBe(1);
    const remove = await agent.post("/me/2fa/passkeys/AAAA/delete").type("form").send({ _csrf: csrf });
    expect(remove.status).toBe(404);
  });

  it("When a pending sign-in posts a forged passkey assertion, then it is refused and counts against the code limit", async () => {
    const { user } = await memberWithTotp();
    const agent = ctx.agent();
    await postLogin(agent, user.email, TEST_PASSWORD);
    const token = await csrfFrom(agent, "/login/2fa");
    const options = await agent.post("/login/2fa/passkey/options").set("x-csrf-token", token).send({});
    expect(options.status).toBe(200);
    const forged = {
      id: "AAAA",
      rawId: "AAAA",
      type: "public-key",
      response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA" },
      clientExtensionResults: {},
    };
    const res = await agent.post("/login/2fa/passkey").set("x-csrf-token", token).send({ response: forged });
    expect(res.status).toBe(401);
    expect(await signedIn(agent)).toBe(false);
    expect(await AuditModel.countDocuments({ action: "2fa.failed", "details.reason": "passkey" })).toBe(1);
  });
});
