// Configuration of two-factor authentication and single sign-on.
import { ConfigError, loadConfig } from "../../src/config";

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

const PRODUCTION = {
  NODE_ENV: "production",
  SESSION_SECRET: "s".repeat(32),
  MEILI_MASTER_KEY: "m".repeat(32),
};

describe("two-factor and single sign-on configuration", () => {
  it("When nothing is set in production, then coordinators and administrators must use a second factor after 7 days", () => {
    const config = loadConfig(PRODUCTION);
    expect(config.twoFactorRequiredRoles).toEqual(["coordinator", "admin"]);
    expect(config.twoFactorGraceDays).toBe(7);
    expect(config.oidc).toBeUndefined();
  });

  it("When nothing is set in development, then nobody is required to, and 'none' turns it off in production", () => {
    expect(loadConfig({}).twoFactorRequiredRoles).toEqual([]);
    expect(loadConfig({ ...PRODUCTION, TWO_FACTOR_REQUIRED_ROLES: "none" }).twoFactorRequiredRoles).toEqual(
      [],
    );
    expect(loadConfig({ TWO_FACTOR_REQUIRED_ROLES: "admin, member,admin" }).twoFactorRequiredRoles).toEqual([
      "admin",
      "member",
    ]);
  });

  it("When the roles or the grace period are not valid, then one clear line names the variable", () => {
    expect(problems({ TWO_FACTOR_REQUIRED_ROLES: "admin,boss" })[0]).toMatch(
      /^TWO_FACTOR_REQUIRED_ROLES must be/,
    );
    expect(problems({ TWO_FACTOR_GRACE_DAYS: "-1" })[0]).toMatch(/^TWO_FACTOR_GRACE_DAYS must be/);
    expect(problems({ TWO_FACTOR_GRACE_DAYS: "400" })[0]).toMatch(/^TWO_FACTOR_GRACE_DAYS must be/);
    expect(problems({ TWO_FACTOR_KEY: "short" })).toEqual([
      "TWO_FACTOR_KEY must be at least 16 characters long",
    ]);
  });

  it("When an OpenID provider is configured, then the defaults fill the scopes and new accounts become members", () => {
    const config = loadConfig({ OIDC_ISSUER: "https://id.example.org/realms/x", OIDC_CLIENT_ID: "atlante" });
    expect(config.oidc).toEqual({
      issuer: "https://id.example.org/realms/x",
      clientId: "atlante",
      clientSecret: undefined,
      scopes: "openid email profile",
      buttonLabel: undefined,
      newAccounts: "member",
    });
    expect(
      loadConfig({ OIDC_ISSUER: "https://a.b", OIDC_CLIENT_ID: "x", OIDC_NEW_ACCOUNTS: "refuse" }).oidc
        ?.newAccounts,
    ).toBe("refuse");
  });

  it("When single sign-on is half configured or unsafe, then the start stops with a clear line", () => {
    expect(problems({ OIDC_ISSUER: "https://id.example.org" })).toEqual([
      "OIDC_CLIENT_ID must be set too: single sign-on needs OIDC_ISSUER and OIDC_CLIENT_ID",
    ]);
    expect(problems({ OIDC_ISSUER: "ftp://id.example.org", OIDC_CLIENT_ID: "x" })[0]).toMatch(
      /^OIDC_ISSUER must be a URL/,
    );
    expect(problems({ ...PRODUCTION, OIDC_ISSUER: "http://id.example.org", OIDC_CLIENT_ID: "x" })).toEqual([
      "OIDC_ISSUER must be an https:// address when NODE_ENV=production",
    ]);
    expect(
      problems({ OIDC_ISSUER: "https://a.b", OIDC_CLIENT_ID: "x", OIDC_NEW_ACCOUNTS: "admin" })[0],
    ).toMatch(/^OIDC_NEW_ACCOUNTS must be member or refuse/);
  });
});
