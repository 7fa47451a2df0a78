import fs from "node:fs";
import path from "node:path";
import { ensureDemoAccounts } from "../../src/modules/accounts/demo";
import { SESSION_ABSOLUTE_MS } from "../../src/modules/accounts/session";
import { createUser, loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();

describe("administration, audit and session lifetime", () => {
  it("When an admin changes a member's role, then it takes effect on the member's next request and is audited", async () => {
    const member = await loginAs(ctx, "member");
    expect((await member.agent.get("/admin/invite")).status).toBe(403);
    const admin = await loginAs(ctx, "admin");
    const res = await admin.agent
      .post(`/admin/users/${member.user.id}/role`)
      .type("form")
      .send({ _csrf: await admin.csrf(), role: "coordinator" });
    expect(res.status).toBe(303);
    expect((await member.agent.get("/admin/invite")).status).toBe(200);
    const audit = await admin.agent.get("/admin/audit?action=user.role_changed");
    expect(audit.status).toBe(200);
    expect(audit.text).toContain("user.role_changed");
    expect(audit.text).toContain(admin.user.email);
  });

  it("When an admin searches and filters users, then only the matching ones are listed", async () => {
    await createUser(ctx, { role: "member", name: "Zelda Ricerca", email: "zelda@example.org" });
    await createUser(ctx, { role: "coordinator", name: "Marco Altro", email: "marco@example.org" });
    const admin = await loginAs(ctx, "admin");
    const byText = await admin.agent.get("/admin/users?q=zelda");
    expect(byText.text).toContain("zelda@example.org");
    expect(byText.text).not.toContain("marco@example.org");
    const byRole = await admin.agent.get("/admin/users?role=coordinator&status=active");
    expect(byRole.text).toContain("marco@example.org");
    expect(byRole.text).not.toContain("zelda@example.org");
    expect((await admin.agent.get("/admin/users?role[$ne]=x")).status).toBe(400);
  });

  it("When logins succeed and fail, then the audit log shows them to admins only", async () => {
    const member = await loginAs(ctx, "member");
    expect((await member.agent.get("/admin/audit")).status).toBe(403);
    const admin = await loginAs(ctx, "admin");
    const page = await admin.agent.get("/admin/audit");
    expect(page.text).toContain("login.ok");
  });

  it("When a session is older than its absolute lifetime, then the user is signed out", async () => {
    const member = await loginAs(ctx, "member");
    await ctx.infra.mongo
      .collection("sessions")
      .updateMany(
        { "session.passport.user": member.user.id },
        { $set: { "session.authAt": Date.now() - SESSION_ABSOLUTE_MS - 1000 } },
      );
    expect((await member.agent.get("/me").set("accept", "text/html")).status).toBe(303);
  });

  it("When a session has been idle past its expiry, then the user is signed out", async () => {
    const member = await loginAs(ctx, "member");
    await ctx.infra.mongo
      .collection("sessions")
      .updateMany(
        { "session.passport.user": member.user.id },
        { $set: { expires: new Date(Date.now() - 1000) } },
      );
    expect((await member.agent.get("/me").set("accept", "text/html")).status).toBe(303);
  });

  it("When a user saves English as their language, then their pages come in English", async () => {
    const member = await loginAs(ctx, "member");
    const res = await member.agent
      .post("/me")
      .type("form")
      .send({ _csrf: await member.csrf(), name: "Nome Nuovo", organisation: "Ente", language: "en" });
    expect(res.status).toBe(303);
    const me = await member.agent.get("/me");
    expect(me.text).toContain("My profile");
    expect(me.text).toContain("Nome Nuovo");
  });

  it("When demo content is on and nobody can sign in yet, then three demo accounts get generated passwords in a 0600 file", async () => {
    // A generated member without a password (npm run generate-dataset -- --notes) does not count.
    await ctx.services.accounts.createUser({
      email: "membro-generato@generato.atlante.invalid",
      name: "Membro generato (fittizio)",
      role: "member",
      status: "active",
    });
    await ensureDemoAccounts(
      { ...ctx.infra, config: { ...ctx.config, demoContent: true } },
      ctx.services.accounts,
    );
    const file = path.join(ctx.config.dataDir, "demo-accounts.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const demo = JSON.parse(fs.readFileSync(file, "utf8")) as {
      accounts: { role: string; email: string; password: string }[];
    };
    expect(demo.accounts.map((a) => a.role)).toEqual(["admin", "coordinator", "member"]);
    const admin = demo.accounts[0]!;
    expect(admin.password.length).toBeGreaterThanOrEqual(16);
    await loginAs(ctx, { id: "", name: "", role: "admin", email: admin.email, password: admin.password });
    fs.rmSync(file);
  });

  it("When an admin tries to disable or demote their own account, then it is refused and nothing changes", async () => {
    const admin = await loginAs(ctx, "admin");
    const disable = await admin.agent
      .post(`/admin/users/${admin.user.id}/status`)
      .type("form")
      .send({ _csrf: await admin.csrf(), disabled: "true" });
    expect(disable.status).toBe(409);
    const demote = await admin.agent
      .post(`/admin/users/${admin.user.id}/role`)
      .type("form")
      .send({ _csrf: await admin.csrf(), role: "member" });
    expect(demote.status).toBe(409);
    expect(await ctx.services.accounts.findById(admin.user.id)).toMatchObject({
      role: "admin",
      status: "active",
    });
  });

  it("When a password is 200 characters long, then all of it counts (no truncation)", async () => {
    const long = "una frase molto lunga ".repeat(10).slice(0, 200);
    const user = await createUser(ctx, { role: "member", password: long });
    await loginAs(ctx, user);
    const changedAtTheEnd = long.slice(0, 150) + "X" + long.slice(151);
    await expect(loginAs(ctx, { ...user, password: changedAtTheEnd })).rejects.toThrow(/failed with 401/);
    await expect(createUser(ctx, { role: "member", password: "x".repeat(257) })).rejects.toThrow(/rules/);
  });

  it("When a member changes their password, then the old one stops working and the change is audited", async () => {
    const member = await loginAs(ctx, "member");
    const wrong = await member.agent
      .post("/me/password")
      .type("form")
      .send({
        _csrf: await member.csrf(),
        currentPassword: "not my password",
        password: "my new long passphrase",
      });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("La password attuale non è corretta");
    const ok = await member.agent
      .post("/me/password")
      .type("form")
      .send({
        _csrf: await member.csrf(),
        currentPassword: member.user.password,
        password: "my new long passphrase",
      });
    expect(ok.status).toBe(303);
    expect((await member.agent.get("/me")).status).toBe(200);
    await expect(loginAs(ctx, member.user)).rejects.toThrow(/401/);
    await loginAs(ctx, { ...member.user, password: "my new long passphrase" });
    const admin = await loginAs(ctx, "admin");
    expect((await admin.agent.get("/admin/audit?action=password.changed")).text).toContain(member.user.email);
  });
});
