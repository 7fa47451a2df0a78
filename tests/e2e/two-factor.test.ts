// Two-factor authentication in Chromium: TOTP enrolment from the page's key and a sign-in with a code;
// a passkey registered and used through Chromium's virtual authenticator (DevTools protocol).
import type { BrowserContext, Page } from "playwright-core";
import { createUser, type TestUser } from "../support/auth";
import { freePort, seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { awayFromStepEdge, totpCode } from "../support/two-factor";

// Passkeys need a domain (not an IP address) as relying party: the app is served at localhost, its BASE_URL.
const env: NodeJS.ProcessEnv = { TWO_FACTOR_REQUIRED_ROLES: "none" };
let origin = "";
beforeAll(async () => {
  origin = `http://localhost:${await freePort()}`;
  env.BASE_URL = origin;
});
const ctx = useTestApp({ env });
const web = useBrowser(ctx, { origin: () => origin });

async function passwordStep(page: Page, user: TestUser): Promise<void> {
  await page.goto(`${web.baseUrl}/login?next=/me`);
  await page.fill("#f-email", user.email);
  await page.fill("#f-password", user.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== "/login"),
    page.click('form[action="/login"] button[type="submit"]'),
  ]);
}

async function virtualAuthenticator(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "usb",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
}

describe("two-factor authentication in the browser", () => {
  it("When a member enrols an authenticator app from the page and signs in again, then the code opens the session", async () => {
    const user = await createUser(ctx, { role: "member" });
    const { page, context, consoleErrors } = await web.newPage();
    await passwordStep(page, user);
    await page.goto(`${web.baseUrl}/me/2fa`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const secret = (await page.textContent("#totp-key"))!.replace(/\s+/g, "");
    // The previous step's code (the server accepts one step of drift), leaving the current one for the
    // sign-in below; away from a step's edge, so that it is not two steps old when it arrives.
    await awayFromStepEdge();
    await page.fill("#f-code", totpCode(secret, -1));
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/me/2fa/codes"),
      page.click('form[action="/me/2fa/totp"] button[type="submit"]'),
    ]);
    expect(await page.locator("#recovery-codes li").count()).toBe(10);
    await context.clearCookies();

    await passwordStep(page, user);
    expect(new URL(page.url()).pathname).toBe("/login/2fa");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.fill("#f-code", totpCode(secret));
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/me"),
      page.click('form[action="/login/2fa"] button[type="submit"]'),
    ]);
    expect(await page.textContent("main")).toContain(user.email);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("When a member registers a passkey on a virtual authenticator and signs in again, then the passkey opens the session", async () => {
    const user = await createUser(ctx, { role: "member" });
    const { page, context, consoleErrors } = await web.newPage();
    await virtualAuthenticator(context, page);
    await passwordStep(page, user);
    await page.goto(`${web.baseUrl}/me/2fa`);
    await page.fill("#f-passkeyName", "Chiave di prova");
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/me/2fa/codes"),
      page.click("[data-passkey-register] [data-passkey-button]"),
    ]);
    expect(await page.locator("#recovery-codes li").count()).toBe(10);
    await page.goto(`${web.baseUrl}/me/2fa`);
    expect(await page.textContent("main")).toContain("Chiave di prova");
    await context.clearCookies();

    await passwordStep(page, user);
    expect(new URL(page.url()).pathname).toBe("/login/2fa");
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/me"),
      page.click("[data-passkey-login] [data-passkey-button]"),
    ]);
    expect(await page.textContent("main")).toContain(user.email);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
