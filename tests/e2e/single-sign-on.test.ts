// Single sign-on in Chromium: the button on the sign-in page, the provider's own login and consent pages
// (oidc-provider in the test process), and back to Atlante signed in.
import { createUser } from "../support/auth";
import { freePort, seriousA11yViolations, useBrowser } from "../support/browser";
import { useOidcProvider } from "../support/oidc-provider";
import { useTestApp } from "../support/test-app";

const env: NodeJS.ProcessEnv = {
  TWO_FACTOR_REQUIRED_ROLES: "none",
  OIDC_BUTTON_LABEL: "Accedi con Ente Esempio",
};
let origin = "";
beforeAll(async () => {
  origin = `http://localhost:${await freePort()}`;
  env.BASE_URL = origin;
});
const provider = useOidcProvider(env, () => origin);
const ctx = useTestApp({ env });
const web = useBrowser(ctx, { origin: () => origin });

describe("single sign-on in the browser", () => {
  it("When a member signs in through the organisation's provider, then they come back to Atlante signed in", async () => {
    const member = await createUser(ctx, { role: "member" });
    provider.accounts.set("mario", { email: member.email, email_verified: true, name: "Mario Esempio" });
    const { page, context } = await web.newPage();
    await page.goto(`${web.baseUrl}/login?next=/me`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await Promise.all([
      page.waitForURL((u) => u.href.startsWith(provider.issuer)),
      page.click('form[action="/login/oidc"] button[type="submit"]'),
    ]);
    // The provider's development login page: any password, the login is the subject.
    await page.fill('input[name="login"]', "mario");
    await page.fill('input[name="password"]', "qualsiasi");
    await page.click('button[type="submit"]');
    await page.waitForURL((u) => u.href.startsWith(origin) || /consent|interaction/.test(u.pathname));
    if (page.url().startsWith(provider.issuer)) {
      await Promise.all([
        page.waitForURL((u) => u.href.startsWith(origin)),
        page.click('button[type="submit"]'),
      ]);
    }
    await page.waitForURL((u) => u.pathname === "/me");
    expect(await page.textContent("main")).toContain(member.email);
    await context.close();
  });
});
