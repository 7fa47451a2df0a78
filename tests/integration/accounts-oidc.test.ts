// Single sign-on through a real OpenID Connect provider running in the test process: linking by verified
// e-mail, new members, roles kept inside Atlante, and the refusals (state, nonce, issuer, unverified).
import { AuditModel } from "../../src/modules/audit/audit.model";
import { UserModel } from "../../src/modules/accounts/user.model";
import { createUser, csrfFrom, loginAs } from "../support/auth";
import { useOidcProvider, providerLogin } from "../support/oidc-provider";
import { useTestApp } from "../support/test-app";
import { enrolTotp, postCode, totpCode } from "../support/two-factor";

const ORIGIN = "http://localhost:3999";
const env: NodeJS.ProcessEnv = { BASE_URL: ORIGIN, TWO_FACTOR_REQUIRED_ROLES: "none" };
const provider = useOidcProvider(env, () => ORIGIN);
const ctx = useTestApp({ env });

type Agent = ReturnType<typeof ctx.agent>;

/** Presses the single sign-on button; returns the provider's authorization URL. */
async function startSso(agent: Agent): Promise<string> {
  const token = await csrfFrom(agent, "/login");
  const res = await agent.post("/login/oidc").type("form").send({ _csrf: token, next: "/me" });
  expect(res.status).toBe(303);
  return res.headers.location as string;
}

/** The whole round trip for `subject`; `alter` may change the callback URL. Returns the app's answer. */
async function ssoAs(agent: Agent, subject: string, alter: (u: URL) => void = () => undefined) {
  const callback = new URL(await providerLogin(provider, await startSso(agent), subject));
  alter(callback);
  return agent.get(callback.pathname + callback.search).set("accept", "text/html");
}

const signedIn = async (agent: Agent) => (await agent.get("/me").set("accept", "text/html")).status === 200;

describe("single sign-on with OpenID Connect", () => {
  it("When the login page is shown, then it offers the single sign-on button", async () => {
    const page = await ctx.agent().get("/login").set("accept", "text/html");
    expect(page.text).toContain('action="/login/oidc"');
  });

  it("When the authorization request is built, then it carries PKCE (S256), a state and a nonce", async () => {
    const url = new URL(await startSso(ctx.agent()));
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("redirect_uri")).toBe(`${ORIGIN}/login/oidc/callback`);
  });

  it("When a coordinator's verified address signs in at the provider, then the account is linked, signed in with its own role, and audited", async () => {
    const coordinator = await createUser(ctx, { role: "coordinator" });
    provider.accounts.set("sub-coord", {
      email: coordinator.email.toUpperCase(),
      email_verified: true,
      name: "X",
    });
    const agent = ctx.agent();
    const callback = new URL(await providerLogin(provider, await startSso(agent), "sub-coord"));
    const sessions = ctx.infra.mongo.collection("sessions");
    const before = (await sessions.find({ "session.oidc": { $exists: true } }).toArray()).map((d) =>
      String(d._id),
    );
    expect(before).toHaveLength(1);
    const res = await agent.get(callback.pathname + callback.search).set("accept", "text/html");
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/me");
    expect(await signedIn(agent)).toBe(true);
    // A new session id at sign-in: the one that carried the authorization request is gone.
    expect(await sessions.countDocuments({ _id: before[0] as never })).toBe(0);
    const doc = await UserModel.findById(coordinator.id).lean();
    expect(doc!.role).toBe("coordinator");
    expect(doc!.oidcLinks).toEqual([
      expect.objectContaining({ issuer: provider.issuer, subject: "sub-coord" }),
    ]);
    expect(await AuditModel.countDocuments({ action: "user.oidc_linked", targetId: coordinator.id })).toBe(1);
    expect(await AuditModel.countDocuments({ action: "login.oidc_ok", targetId: coordinator.id })).toBe(1);
    // The next time the link is used, even if the provider's address changed.
    provider.accounts.set("sub-coord", { email: "changed@example.org", email_verified: true });
    const again = ctx.agent();
    expect((await ssoAs(again, "sub-coord")).headers.location).toBe("/me");
    expect(await UserModel.countDocuments({ email: "changed@example.org" })).toBe(0);
  });

  it("When an unknown verified address signs in, then a member account is created (never a higher role)", async () => {
    provider.accounts.set("sub-new", {
      email: "nuova.persona@example.org",
      email_verified: true,
      name: "Nuova Persona",
    });
    const agent = ctx.agent();
    expect((await ssoAs(agent, "sub-new")).status).toBe(303);
    const doc = await UserModel.findOne({ email: "nuova.persona@example.org" }).lean();
    expect(doc?.role).toBe("member");
    expect(doc?.name).toBe("Nuova Persona");
    expect(doc?.passwordHash).toBeNull();
    expect(await AuditModel.countDocuments({ action: "user.created_by_oidc" })).toBe(1);
  });

  it("When the provider does not confirm the address, then no account is linked or created and nobody is signed in", async () => {
    const member = await createUser(ctx, { role: "member" });
    provider.accounts.set("sub-unverified", { email: member.email, email_verified: false });
    const agent = ctx.agent();
    const res = await ssoAs(agent, "sub-unverified");
    expect(res.status).toBe(400);
    expect(res.text).toContain("non conferma il tuo indirizzo");
    expect(await signedIn(agent)).toBe(false);
    expect((await UserModel.findById(member.id).lean())!.oidcLinks).toHaveLength(0);
    expect(
      await AuditModel.countDocuments({ action: "login.oidc_failed", "details.reason": "unverified" }),
    ).toBe(1);
  });

  it("When the answer's state is not this browser's, then it is refused before the code is used", async () => {
    provider.accounts.set("sub-state", { email: "state@example.org", email_verified: true });
    const agent = ctx.agent();
    const res = await ssoAs(agent, "sub-state", (u) => u.searchParams.set("state", "someone-elses-state"));
    expect(res.status).toBe(400);
    expect(await signedIn(agent)).toBe(false);
    expect(await AuditModel.countDocuments({ action: "login.oidc_failed", "details.reason": "state" })).toBe(
      1,
    );
    expect(await UserModel.countDocuments({ email: "state@example.org" })).toBe(0);
  });

  it("When the answer comes to a browser that never started one, then it is refused", async () => {
    provider.accounts.set("sub-other", { email: "other@example.org", email_verified: true });
    const callback = new URL(await providerLogin(provider, await startSso(ctx.agent()), "sub-other"));
    const thief = ctx.agent();
    const res = await thief.get(callback.pathname + callback.search).set("accept", "text/html");
    expect(res.status).toBe(400);
    expect(await signedIn(thief)).toBe(false);
  });

  it("When the ID token's nonce is not the one this session sent, then the sign-in is refused", async () => {
    provider.accounts.set("sub-nonce", { email: "nonce@example.org", email_verified: true });
    const agent = ctx.agent();
    const authorization = await startSso(agent);
    // The session's nonce changes after the request was sent: the token carries the old one.
    await ctx.infra.mongo
      .collection("sessions")
      .updateMany(
        { "session.oidc": { $exists: true } },
        { $set: { "session.oidc.nonce": "a-different-nonce" } },
      );
    const callback = new URL(await providerLogin(provider, authorization, "sub-nonce"));
    const res = await agent.get(callback.pathname + callback.search).set("accept", "text/html");
    expect(res.status).toBe(400);
    expect(await signedIn(agent)).toBe(false);
    expect(await AuditModel.countDocuments({ action: "login.oidc_failed", "details.reason": "nonce" })).toBe(
      1,
    );
  });

  it("When the answer names another issuer, then it is refused", async () => {
    provider.accounts.set("sub-iss", { email: "iss@example.org", email_verified: true });
    const agent = ctx.agent();
    const res = await ssoAs(agent, "sub-iss", (u) => u.searchParams.set("iss", "https://evil.example.org"));
    expect(res.status).toBe(400);
    expect(await signedIn(agent)).toBe(false);
    expect(
      await AuditModel.countDocuments({ action: "login.oidc_failed", "details.reason": "provider" }),
    ).toBe(1);
  });

  it("When the account has TOTP, then single sign-on still asks for the second factor", async () => {
    const { agent: first, user } = await loginAs(ctx, "member");
    const { secret } = await enrolTotp(first);
    provider.accounts.set("sub-2fa", { email: user.email, email_verified: true });
    const agent = ctx.agent();
    const res = await ssoAs(agent, "sub-2fa");
    expect(res.headers.location).toBe("/login/2fa");
    expect(await signedIn(agent)).toBe(false);
    expect((await postCode(agent, totpCode(secret))).status).toBe(303);
    expect(await signedIn(agent)).toBe(true);
  });

  it("When the callback's query is malformed, then the answer is 400, never 500", async () => {
    const agent = ctx.agent();
    for (const q of ["?code=x&state=y&state=z", `?code=${"a".repeat(5000)}`, "?error=access_denied"]) {
      const res = await agent.get(`/login/oidc/callback${q}`).set("accept", "text/html");
      expect(res.status).toBe(400);
    }
  });
});
