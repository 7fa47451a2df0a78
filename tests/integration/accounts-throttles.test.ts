// D5 (account-wide login limit without locking the owner out), D7 (no timing difference between known
// and unknown addresses on /forgot and /join) and D8 (the current-password check is throttled).
import mongoose from "mongoose";
import { AuditModel } from "../../src/modules/audit/audit.model";
import { JoinRequestModel } from "../../src/modules/accounts/join-request.model";
import { AccountTokenModel } from "../../src/modules/accounts/token.model";
import { UserModel } from "../../src/modules/accounts/user.model";
import { createUser, csrfFrom, lastLinkTo, loginAs, readMails, TEST_PASSWORD } from "../support/auth";
import { useTestApp } from "../support/test-app";

// Addresses come from X-Forwarded-For, as behind the production proxy.
const ctx = useTestApp({ env: { TRUST_PROXY: "true" } });

type Agent = ReturnType<typeof ctx.agent>;
// One sign-in form per browser: its token stays valid for its later posts (fewer requests on a busy machine).
const tokens = new WeakMap<Agent, string>();

async function tryLogin(agent: Agent, ip: string, email: string, password: string) {
  let token = tokens.get(agent);
  if (!token) {
    token = await csrfFrom(agent, "/login");
    tokens.set(agent, token);
  }
  return agent.post("/login").set("x-forwarded-for", ip).type("form").send({ _csrf: token, email, password });
}

describe("D5: the account-wide login limit", () => {
  it("When 50 wrong passwords come from 5 addresses, then only 20 are checked, the owner's browser still gets in and the owner gets one mail", async () => {
    const user = await createUser(ctx, { role: "member" });
    // The owner signed in from this browser before (it holds the device cookie) and signed out.
    const owner = ctx.agent();
    expect((await tryLogin(owner, "192.0.2.10", user.email, TEST_PASSWORD)).status).toBe(303);
    await owner
      .post("/logout")
      .type("form")
      .send({ _csrf: await csrfFrom(owner, "/me") });

    const statuses: number[] = [];
    for (let a = 1; a <= 5; a++) {
      const attacker = ctx.agent();
      for (let i = 0; i < 10; i++) {
        statuses.push(
          (await tryLogin(attacker, `203.0.113.${a}`, user.email, `wrong guess ${a}-${i}`)).status,
        );
      }
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    const checked = await AuditModel.countDocuments({ action: "login.failed", targetId: user.email });
    expect(checked).toBe(20);

    // A browser that never signed in is refused even with the right password...
    const stranger = await tryLogin(ctx.agent(), "198.51.100.7", user.email, TEST_PASSWORD);
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers["retry-after"])).toBeGreaterThan(0);
    // ...while the owner's browser gets in, from a new address too.
    expect((await tryLogin(owner, "198.51.100.8", user.email, TEST_PASSWORD)).status).toBe(303);

    await ctx.services.background.settled();
    const warnings = readMails(ctx).filter((m) => m.to === user.email);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.subject).toBe("Tentativi di accesso al tuo account Atlante");
    expect(warnings[0]!.text).toContain("/forgot");
    expect(await AuditModel.countDocuments({ action: "login.account_limited", targetId: user.email })).toBe(
      1,
    );
  }, 90_000);

  it("When strangers have spent the account's limit, then the reset link still lets the owner in from a new browser", async () => {
    const user = await createUser(ctx, { role: "member" });
    for (let a = 1; a <= 3; a++) {
      const attacker = ctx.agent();
      for (let i = 0; i < 10; i++) await tryLogin(attacker, `203.0.113.${a}`, user.email, "wrong guess");
    }
    const browser = ctx.agent();
    expect((await tryLogin(browser, "198.51.100.9", user.email, TEST_PASSWORD)).status).toBe(429);
    const token = await csrfFrom(browser, "/forgot");
    await browser.post("/forgot").type("form").send({ _csrf: token, email: user.email });
    await ctx.services.background.settled();
    const path = new URL(lastLinkTo(ctx, user.email)).pathname;
    const next = "a new passphrase for the owner";
    const reset = await browser
      .post(path)
      .type("form")
      .send({ _csrf: await csrfFrom(browser, path), password: next });
    expect(reset.status).toBe(303);
    expect((await tryLogin(browser, "198.51.100.9", user.email, next)).status).toBe(303);
  }, 90_000);

  it("When a device cookie was issued for another account or is forged, then it does not lift the limit", async () => {
    const user = await createUser(ctx, { role: "member" });
    const other = await createUser(ctx, { role: "member" });
    const browser = ctx.agent();
    expect((await tryLogin(browser, "192.0.2.20", other.email, TEST_PASSWORD)).status).toBe(303);
    await browser
      .post("/logout")
      .type("form")
      .send({ _csrf: await csrfFrom(browser, "/me") });
    for (let a = 1; a <= 2; a++) {
      const attacker = ctx.agent();
      for (let i = 0; i < 10; i++) await tryLogin(attacker, `203.0.113.${a}`, user.email, "wrong guess");
    }
    expect((await tryLogin(browser, "192.0.2.20", user.email, TEST_PASSWORD)).status).toBe(429);
    const forged = ctx.agent();
    const token = await csrfFrom(forged, "/login");
    const res = await forged
      .post("/login")
      .set("cookie", "atl.device=abc.def")
      .set("x-forwarded-for", "192.0.2.21")
      .type("form")
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(429);
  }, 90_000);
});

/** Collections whose use would tell a known address from an unknown one. */
const ACCOUNT_COLLECTIONS = new Set(
  [UserModel, AccountTokenModel, JoinRequestModel, AuditModel].map((m) => m.collection.collectionName),
);

/**
 * The operations (collection.method) Mongoose runs on those collections while `fn` runs, up to its own
 * return. Other work of the app (the search indexer's polling) is left out: it runs whatever the request.
 */
async function operationsDuring(fn: () => Promise<void>): Promise<string[]> {
  const ops: string[] = [];
  mongoose.set("debug", (collection: string, method: string) => {
    if (ACCOUNT_COLLECTIONS.has(collection)) ops.push(`${collection}.${method}`);
  });
  try {
    await fn();
    return [...ops];
  } finally {
    mongoose.set("debug", false);
  }
}

describe("D7: known and unknown addresses cost the same", () => {
  it("When a reset is asked for a known and an unknown address, then the request does the same work and the mail goes out after it", async () => {
    const user = await createUser(ctx, { role: "member" });
    const { links, background } = ctx.services;
    const known = await operationsDuring(() => links.requestReset(user.email, "it", "192.0.2.30"));
    expect(readMails(ctx).filter((m) => m.to === user.email)).toHaveLength(0);
    await background.settled();
    const unknown = await operationsDuring(() =>
      links.requestReset("nobody@example.org", "it", "192.0.2.30"),
    );
    await background.settled();
    expect(known).toEqual(unknown);
    expect(known).toEqual([]);
    expect(readMails(ctx).filter((m) => m.to === user.email)).toHaveLength(1);
    expect(readMails(ctx).filter((m) => m.to === "nobody@example.org")).toHaveLength(0);
  });

  it("When someone with an account and someone without ask to join, then the request does the same work and only the new one is stored", async () => {
    const member = await createUser(ctx, { role: "member" });
    const { links, background } = ctx.services;
    const form = { name: "Persona di prova", organisation: "", message: "" };
    const existing = await operationsDuring(() =>
      links.requestJoin({ ...form, email: member.email }, "192.0.2.31"),
    );
    await background.settled();
    const fresh = await operationsDuring(() =>
      links.requestJoin({ ...form, email: "nuova@example.org" }, "192.0.2.31"),
    );
    await background.settled();
    expect(existing).toEqual(fresh);
    expect(existing).toEqual([]);
    expect(await JoinRequestModel.countDocuments({ email: member.email })).toBe(0);
    expect(await JoinRequestModel.countDocuments({ email: "nuova@example.org" })).toBe(1);
  });

  it("When /forgot and /join are posted, then a known and an unknown address get the same page", async () => {
    const user = await createUser(ctx, { role: "member" });
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]*"/g, "");
    const post = async (path: string, body: Record<string, string>) => {
      const agent = ctx.agent();
      const token = await csrfFrom(agent, path);
      return agent
        .post(path)
        .type("form")
        .send({ _csrf: token, ...body });
    };
    const a = await post("/forgot", { email: user.email });
    const b = await post("/forgot", { email: "ghost@example.org" });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(strip(a.text)).toBe(strip(b.text));
    const c = await post("/join", { email: user.email, name: "X" });
    const d = await post("/join", { email: "ghost@example.org", name: "X" });
    expect([c.status, d.status]).toEqual([200, 200]);
    expect(strip(c.text)).toBe(strip(d.text));
    await ctx.services.background.settled();
  });
});

describe("D8: the current-password check", () => {
  it("When a signed-in user tries wrong current passwords, then the 6th try is refused with 429 and the form says why", async () => {
    const me = await loginAs(ctx, "member");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await me.agent
        .post("/me/password")
        .type("form")
        .send({
          _csrf: await me.csrf(),
          currentPassword: `wrong current ${i}`,
          password: "a fresh passphrase 77",
        });
      statuses.push(res.status);
      if (i === 5) {
        expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
        expect(res.text).toContain("Troppi tentativi con una password sbagliata");
      }
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // The right password is not even checked until the window ends.
    const right = await me.agent
      .post("/me/password")
      .type("form")
      .send({ _csrf: await me.csrf(), currentPassword: me.user.password, password: "a fresh passphrase 77" });
    expect(right.status).toBe(429);
    expect(await AuditModel.countDocuments({ action: "password.check_failed", actorId: me.user.id })).toBe(5);
  });
});
