import http from "node:http";
import type { AddressInfo } from "node:net";
import { createUser, csrfFrom, loginAs, TEST_PASSWORD } from "../support/auth";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();

function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers["set-cookie"] as string[] | undefined) ?? [];
  return cookies.find((c) => c.startsWith("atl.sid="))?.split(";")[0];
}

describe("login and sessions", () => {
  it("When a visitor opens the home page without cookies, then no session cookie is set", async () => {
    const res = await ctx.agent().get("/");
    expect(res.status).toBe(200);
    expect(sessionCookie(res)).toBeUndefined();
    expect(await ctx.infra.mongo.collection("sessions").countDocuments()).toBe(0);
  });

  it("When a user signs in again, then the session id changes and the old cookie is useless", async () => {
    const user = await createUser(ctx, { role: "member" });
    const agent = ctx.agent();
    const formToken = await csrfFrom(agent, "/login");
    const first = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: formToken, email: user.email, password: TEST_PASSWORD });
    const before = sessionCookie(first)!;
    expect(before).toBeDefined();
    // Signing in again (a second tab's form) issues a new session id.
    const token = await csrfFrom(agent, "/me");
    const res = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    const after = sessionCookie(res)!;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // The new cookie is signed in...
    expect((await agent.get("/me")).status).toBe(200);
    // ...while the old one is not.
    const thief = await ctx.agent().get("/me").set("cookie", before).set("accept", "text/html");
    expect(thief.status).toBe(303);
    expect(thief.headers.location).toMatch(/^\/login\?next=/);
    const cookieHeader = res.headers["set-cookie"] as unknown as string[];
    expect(cookieHeader.join(";")).toMatch(/HttpOnly/i);
    expect(cookieHeader.join(";")).toMatch(/SameSite=Lax/i);
  });

  it("When 500 visitors without cookies open the sign-in form, then no session is stored and each form still works", async () => {
    const pages = await Promise.all(
      Array.from({ length: 500 }, () => ctx.agent().get("/login").set("accept", "text/html")),
    );
    expect(pages.every((p) => p.status === 200 && /name="_csrf" value="[^"]+"/.test(p.text))).toBe(true);
    expect(await ctx.infra.mongo.collection("sessions").countDocuments()).toBe(0);
    // The form's token works with its own cookie, and not with another visitor's.
    const user = await createUser(ctx, { role: "member" });
    const a = ctx.agent();
    const b = ctx.agent();
    const tokenA = await csrfFrom(a, "/login");
    await csrfFrom(b, "/login");
    const crossed = await b
      .post("/login")
      .type("form")
      .send({ _csrf: tokenA, email: user.email, password: TEST_PASSWORD });
    expect(crossed.status).toBe(403);
    const forged = await ctx
      .agent()
      .post("/login")
      .set("cookie", "atl.csrf=abc.def")
      .type("form")
      .send({ _csrf: "abc.def", email: user.email, password: TEST_PASSWORD });
    expect(forged.status).toBe(403);
    const ok = await a
      .post("/login")
      .type("form")
      .send({ _csrf: tokenA, email: user.email, password: TEST_PASSWORD });
    expect(ok.status).toBe(303);
    expect(await ctx.infra.mongo.collection("sessions").countDocuments()).toBe(1);
  }, 60_000);

  it("When the password is wrong or the account unknown, then the same message comes back with 401", async () => {
    const user = await createUser(ctx, { role: "member" });
    const agent = ctx.agent();
    const token = await csrfFrom(agent, "/login");
    const wrong = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: user.email, password: "wrong password 123" });
    const unknown = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: "nobody@example.org", password: "wrong password 123" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toContain("Email o password non corretti");
    expect(unknown.text).toContain("Email o password non corretti");
  });

  it("When a form is posted without a valid CSRF token, then it gets 403 and changes nothing", async () => {
    const { agent, user } = await loginAs(ctx, "member");
    const res = await agent
      .post("/me")
      .type("form")
      .send({ name: "Changed", organisation: "", language: "" });
    expect(res.status).toBe(403);
    const bad = await agent
      .post("/me")
      .type("form")
      .send({ _csrf: "x".repeat(64), name: "Changed", language: "" });
    expect(bad.status).toBe(403);
    expect((await ctx.services.accounts.findById(user.id))!.name).toBe(user.name);
  });

  it('When the login gets {"$ne": null} as password (JSON or form), then it answers 400', async () => {
    const user = await createUser(ctx, { role: "member" });
    const agent = ctx.agent();
    const token = await csrfFrom(agent, "/login");
    const json = await agent
      .post("/login")
      .set("x-csrf-token", token)
      .set("accept", "application/json")
      .send({ email: user.email, password: { $ne: null } });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe("validation_failed");
    const form = await agent
      .post("/login")
      .type("form")
      .send(`_csrf=${token}&email=${encodeURIComponent(user.email)}&password[$ne]=`);
    expect(form.status).toBe(400);
  });

  it("When one account fails 10 times from one address, then the 11th attempt gets 429 with Retry-After", async () => {
    const user = await createUser(ctx, { role: "member" });
    const agent = ctx.agent();
    const token = await csrfFrom(agent, "/login");
    for (let i = 0; i < 10; i++) {
      const res = await agent
        .post("/login")
        .type("form")
        .send({ _csrf: token, email: user.email, password: `wrong password ${i}xx` });
      expect(res.status).toBe(401);
    }
    const blocked = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("When an admin disables a user, then all of that user's sessions end at once", async () => {
    const member = await createUser(ctx, { role: "member" });
    const a = await loginAs(ctx, member);
    const b = await loginAs(ctx, member);
    expect((await a.agent.get("/me")).status).toBe(200);
    const admin = await loginAs(ctx, "admin");
    const res = await admin.agent
      .post(`/admin/users/${member.id}/status`)
      .type("form")
      .send({ _csrf: await admin.csrf(), disabled: "true" });
    expect(res.status).toBe(303);
    for (const s of [a, b]) {
      const me = await s.agent.get("/me").set("accept", "text/html");
      expect(me.status).toBe(303);
    }
    expect(
      await ctx.infra.mongo.collection("sessions").countDocuments({ "session.passport.user": member.id }),
    ).toBe(0);
  });

  it("When a user logs out, then the session is destroyed", async () => {
    const { agent } = await loginAs(ctx, "member");
    const res = await agent
      .post("/logout")
      .type("form")
      .send({ _csrf: await csrfFrom(agent, "/me") });
    expect(res.status).toBe(303);
    expect((await agent.get("/me").set("accept", "text/html")).status).toBe(303);
  });

  it("When the login form carries a same-site next path, then the user returns there; another site is ignored", async () => {
    const user = await createUser(ctx, { role: "member" });
    for (const [next, expected] of [
      ["/me?tab=1", "/me?tab=1"],
      ["//evil.example/x", "/"],
      ["https://evil.example/", "/"],
    ]) {
      const agent = ctx.agent();
      const token = await csrfFrom(agent, `/login?next=${encodeURIComponent(next!)}`);
      const res = await agent
        .post("/login")
        .type("form")
        .send({ _csrf: token, email: user.email, password: TEST_PASSWORD, next });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(expected);
    }
  });

  it("When one address fails 100 logins on different accounts, then the next attempt gets 429", async () => {
    const agent = ctx.agent();
    const token = await csrfFrom(agent, "/login");
    // Ten at a time: the same 100 attempts in a fraction of the time on a busy machine.
    for (let batch = 0; batch < 10; batch++) {
      const statuses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          agent
            .post("/login")
            .type("form")
            .send({ _csrf: token, email: `ghost${batch * 10 + i}@example.org`, password: "not the password" })
            .then((r) => r.status),
        ),
      );
      expect(statuses).toEqual(Array(10).fill(401));
    }
    const user = await createUser(ctx, { role: "member" });
    const res = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.text).toContain("Troppe richieste");
  }, 180_000);
});

describe("login throttling under concurrency", () => {
  it("When 40 wrong passwords for one account arrive at once from one address, then at most 10 are checked", async () => {
    const user = await createUser(ctx, { role: "member" });
    const agent = ctx.agent();
    const token = await csrfFrom(agent, "/login");
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () =>
        agent
          .post("/login")
          .type("form")
          .send({ _csrf: token, email: user.email, password: "wrong password, again" })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    // The right password is refused too until the window ends: the limit is not only for wrong ones.
    const right = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    expect(Number(right.headers["retry-after"])).toBeGreaterThan(0);
  }, 60_000);

  it("When 150 wrong logins on different accounts arrive at once from one address, then at most 100 are checked", async () => {
    const agent = ctx.agent();
    const token = await csrfFrom(agent, "/login");
    const statuses = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        agent
          .post("/login")
          .type("form")
          .send({ _csrf: token, email: `crowd${i}@example.org`, password: "not the password" })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(100);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50);
  }, 60_000);

  it("When a member signs in after a few mistakes, then the mistakes are forgotten and the address keeps its budget", async () => {
    const user = await createUser(ctx, { role: "member" });
    const agent = ctx.agent();
    const token = await csrfFrom(agent, "/login");
    for (let i = 0; i < 9; i++) {
      await agent
        .post("/login")
        .type("form")
        .send({ _csrf: token, email: user.email, password: "nope nope" });
    }
    const ok = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD });
    expect(ok.status).toBe(303);
    const other = ctx.agent();
    const t2 = await csrfFrom(other, "/login");
    for (let i = 0; i < 9; i++) {
      const res = await other
        .post("/login")
        .type("form")
        .send({ _csrf: t2, email: user.email, password: "nope nope" });
      expect(res.status).toBe(401);
    }
  }, 60_000);
});

describe("login and the redirect that follows", () => {
  it("When the browser follows the login redirect as soon as its headers arrive, then the next page is already signed in", async () => {
    const user = await createUser(ctx, { role: "member", name: "Rita Rapida" });
    const server = http.createServer(ctx.app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let attempt = 0; attempt < 20; attempt++) {
        const form = await fetch(`${base}/login`);
        const anonymous = form.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
        const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
        const body = new URLSearchParams({
          _csrf: token,
          email: user.email,
          password: user.password,
        }).toString();
        // Like a browser: the next request leaves as soon as the redirect's headers are in.
        const next = await new Promise<string>((resolve, reject) => {
          const req = http.request(
            `${base}/login`,
            {
              method: "POST",
              headers: {
                "content-type": "application/x-www-form-urlencoded",
                "content-length": Buffer.byteLength(body),
                cookie: anonymous,
              },
            },
            (res) => {
              expect(res.statusCode).toBe(303);
              const cookie = (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
              res.resume();
              fetch(`${base}/`, { headers: { cookie } })
                .then((page) => page.text())
                .then(resolve, reject);
            },
          );
          req.on("error", reject);
          req.end(body);
        });
        expect(next).toContain("Rita Rapida");
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
