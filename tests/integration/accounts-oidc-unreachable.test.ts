// Single sign-on whose provider cannot be reached (a wrong or unknown OIDC_ISSUER): the sign-in page says
// so and the password form keeps working.
import { freePort } from "../support/browser";
import { createUser, csrfFrom, TEST_PASSWORD } from "../support/auth";
import { useTestApp } from "../support/test-app";

const env: NodeJS.ProcessEnv = { OIDC_CLIENT_ID: "atlante", OIDC_BUTTON_LABEL: "Accedi con Regione Esempio" };
beforeAll(async () => {
  // A port nobody listens on: discovery fails at once.
  env.OIDC_ISSUER = `http://127.0.0.1:${await freePort()}/realms/esempio`;
});
const ctx = useTestApp({ env });

describe("single sign-on with an unreachable provider", () => {
  it("When the provider cannot be reached, then the button answers 503 with a message and the password still signs in", async () => {
    const agent = ctx.agent();
    const login = await agent.get("/login").set("accept", "text/html");
    expect(login.text).toContain("Accedi con Regione Esempio");
    const token = await csrfFrom(agent, "/login");
    const res = await agent.post("/login/oidc").type("form").send({ _csrf: token });
    expect(res.status).toBe(503);
    expect(res.text).toContain("non risponde");
    const user = await createUser(ctx, { role: "member" });
    const ok = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: await csrfFrom(agent, "/login"), email: user.email, password: TEST_PASSWORD });
    expect(ok.status).toBe(303);
  });

  it("When the button is posted without a CSRF token, then it is refused", async () => {
    const res = await ctx.agent().post("/login/oidc").type("form").send({});
    expect(res.status).toBe(403);
  });
});
