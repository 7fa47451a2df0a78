// Single sign-on configured to refuse addresses without an Atlante account (OIDC_NEW_ACCOUNTS=refuse).
import { AuditModel } from "../../src/modules/audit/audit.model";
import { UserModel } from "../../src/modules/accounts/user.model";
import { createUser, csrfFrom } from "../support/auth";
import { providerLogin, useOidcProvider } from "../support/oidc-provider";
import { useTestApp } from "../support/test-app";

const ORIGIN = "http://localhost:3998";
const env: NodeJS.ProcessEnv = { BASE_URL: ORIGIN, OIDC_NEW_ACCOUNTS: "refuse" };
const provider = useOidcProvider(env, () => ORIGIN);
const ctx = useTestApp({ env });

async function sso(subject: string) {
  const agent = ctx.agent();
  const token = await csrfFrom(agent, "/login");
  const start = await agent.post("/login/oidc").type("form").send({ _csrf: token });
  const callback = new URL(await providerLogin(provider, start.headers.location as string, subject));
  const res = await agent.get(callback.pathname + callback.search).set("accept", "text/html");
  return { agent, res };
}

describe("single sign-on that creates no accounts", () => {
  it("When an unknown verified address signs in, then no account is created and the page says how to join", async () => {
    provider.accounts.set("stranger", { email: "sconosciuta@example.org", email_verified: true });
    const { agent, res } = await sso("stranger");
    expect(res.status).toBe(400);
    expect(res.text).toContain("un account di Atlante con questo indirizzo");
    expect(await UserModel.countDocuments({ email: "sconosciuta@example.org" })).toBe(0);
    expect((await agent.get("/me").set("accept", "text/html")).status).toBe(303);
    expect(
      await AuditModel.countDocuments({ action: "login.oidc_failed", "details.reason": "no_account" }),
    ).toBe(1);
  });

  it("When the address belongs to a disabled account, then it is refused with 403", async () => {
    const user = await createUser(ctx, { role: "member", status: "disabled" });
    provider.accounts.set("disabled", { email: user.email, email_verified: true });
    const { res } = await sso("disabled");
    expect(res.status).toBe(403);
    expect((await UserModel.findById(user.id).lean())!.oidcLinks).toHaveLength(0);
  });
});
