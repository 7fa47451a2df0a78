import {
  createOrPromoteAdmin,
  parseCreateAdminArgs,
  UsageError,
} from "../../src/modules/accounts/create-admin";
import { createUser, loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();
const PASSWORD = "an administrator passphrase";

describe("create-admin", () => {
  it("When the flags are wrong, then a usage message explains them", () => {
    expect(() => parseCreateAdminArgs([])).toThrow(UsageError);
    expect(() => parseCreateAdminArgs(["--email"])).toThrow(/needs a value/);
    expect(() => parseCreateAdminArgs(["--email", "not-an-address"])).toThrow(/not a valid email/);
    expect(() => parseCreateAdminArgs(["--mail", "a@b.org"])).toThrow(/Unknown option --mail/);
    expect(parseCreateAdminArgs(["--email", "Boss@Example.org", "--name", "Boss"])).toEqual({
      email: "boss@example.org",
      name: "Boss",
    });
  });

  it("When the password is short or common, then no administrator is created", async () => {
    const deps = { accounts: ctx.services.accounts, audit: ctx.services.audit };
    await expect(
      createOrPromoteAdmin(deps, { email: "boss@example.org", password: "short" }),
    ).rejects.toThrow(/at least 12/);
    await expect(
      createOrPromoteAdmin(deps, { email: "boss@example.org", password: "qwerty123456" }),
    ).rejects.toThrow(UsageError);
    expect(await ctx.services.accounts.findByEmail("boss@example.org")).toBeNull();
  });

  it("When run for a new address, then the administrator can log in and reach the users page", async () => {
    const outcome = await createOrPromoteAdmin(
      { accounts: ctx.services.accounts, audit: ctx.services.audit },
      { email: "boss@example.org", name: "Boss", password: PASSWORD },
    );
    expect(outcome).toBe("created");
    const admin = await loginAs(ctx, {
      id: "",
      email: "boss@example.org",
      name: "Boss",
      role: "admin",
      password: PASSWORD,
    });
    expect((await admin.agent.get("/admin/users")).status).toBe(200);
  });

  it("When run for an existing member, then the account becomes an active administrator with the new password", async () => {
    const member = await createUser(ctx, { role: "member", status: "disabled" });
    const outcome = await createOrPromoteAdmin(
      { accounts: ctx.services.accounts, audit: ctx.services.audit },
      { email: member.email, password: PASSWORD },
    );
    expect(outcome).toBe("promoted");
    expect(await ctx.services.accounts.findByEmail(member.email)).toMatchObject({
      role: "admin",
      status: "active",
    });
    await loginAs(ctx, { ...member, password: PASSWORD });
  });
});
