import { createUser, lastLinkTo, loginInBrowser } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();
const web = useBrowser(ctx);

describe("accounts in a real browser", () => {
  it("When a coordinator invites someone, then the invitee accepts, logs in and logs out", async () => {
    const coordinator = await createUser(ctx, { role: "coordinator", name: "Carla Coordinatrice" });
    const { page, context, consoleErrors } = await web.newPage();
    page.setDefaultTimeout(8000);
    await loginInBrowser(page, web.baseUrl, coordinator);
    expect(await page.textContent(".atl-account-name")).toBe("Carla Coordinatrice");
    await page.goto(`${web.baseUrl}/admin/invite`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.fill("#f-email", "invitata@example.org");
    await Promise.all([page.waitForLoadState("load"), page.click('form[action="/admin/invite"] button')]);
    expect(await page.textContent(".alert-success")).toContain("invitata@example.org");
    await context.close();

    const invitee = await web.newPage();
    invitee.page.setDefaultTimeout(8000);
    const link = new URL(lastLinkTo(ctx, "invitata@example.org"));
    await invitee.page.goto(`${web.baseUrl}${link.pathname}`);
    expect(await seriousA11yViolations(invitee.page)).toEqual([]);
    await invitee.page.fill("#f-name", "Ivana Invitata");
    await invitee.page.fill("#f-password", "una frase lunga e segreta");
    await Promise.all([
      invitee.page.waitForURL(/\/login\?notice=invite/),
      invitee.page.click(`form[action="${link.pathname}"] button`),
    ]);
    expect(await invitee.page.textContent(".alert-success")).toContain("Account creato");
    expect(await seriousA11yViolations(invitee.page)).toEqual([]);

    await invitee.page.fill("#f-email", "invitata@example.org");
    await invitee.page.fill("#f-password", "una frase lunga e segreta");
    await Promise.all([
      invitee.page.waitForURL(`${web.baseUrl}/`),
      invitee.page.click('form[action="/login"] button'),
    ]);
    expect(await invitee.page.textContent(".atl-account-name")).toBe("Ivana Invitata");

    await invitee.page.click(".atl-account-toggle");
    await Promise.all([invitee.page.waitForURL(/\/login\?notice=logout/), invitee.page.click(".atl-logout")]);
    expect(await invitee.page.textContent(".atl-login")).toContain("Accedi");
    const me = await invitee.page.goto(`${web.baseUrl}/me`);
    expect(me?.url()).toContain("/login?next=%2Fme");
    expect(consoleErrors).toEqual([]);
    expect(invitee.consoleErrors).toEqual([]);
    await invitee.context.close();
  });

  it("When a signed-in member opens their profile in English, then the page passes axe and the language can be saved", async () => {
    const member = await createUser(ctx, { role: "member" });
    const { page, context, consoleErrors } = await web.newPage({ locale: "en-GB" });
    await loginInBrowser(page, web.baseUrl, member);
    await page.goto(`${web.baseUrl}/me`);
    expect(await page.textContent("h1")).toBe("My profile");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.selectOption("#f-language", "it");
    await Promise.all([page.waitForURL(/notice=saved/), page.click('form[action="/me"] button')]);
    expect(await page.textContent("h1")).toBe("Il mio profilo");
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("When an admin opens the users, audit and join pages, then they pass axe, and a wrong login shows its error", async () => {
    const admin = await createUser(ctx, { role: "admin", name: "Ada Admin" });
    await createUser(ctx, { role: "member", name: "Mario Membro" });
    const { page, context, consoleErrors } = await web.newPage();
    await page.goto(`${web.baseUrl}/login`);
    await page.fill("#f-email", admin.email);
    await page.fill("#f-password", "wrong password here");
    await page.click('form[action="/login"] button');
    await page.waitForSelector(".alert-danger");
    expect(await page.textContent(".alert-danger")).toContain("Email o password non corretti");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await loginInBrowser(page, web.baseUrl, admin);
    for (const path of [
      "/admin/users",
      "/admin/audit",
      "/admin/join-requests",
      "/me",
      "/me/sessions",
      "/me/delete",
      "/privacy",
      "/forgot",
      "/join",
    ]) {
      await page.goto(`${web.baseUrl}${path}`);
      expect({ path, violations: await seriousA11yViolations(page) }).toEqual({ path, violations: [] });
    }
    await page.goto(`${web.baseUrl}/admin/users`);
    await page.selectOption('tr[data-user-email] select[name="role"] >> nth=0', "coordinator");
    await Promise.all([
      page.waitForURL(/notice=updated/),
      page.click('tr[data-user-email] form[action$="/role"] button >> nth=0'),
    ]);
    expect(await page.textContent(".alert-success")).toContain("Account aggiornato");
    // The wrong login answered 401 on purpose; nothing else may fail.
    expect(consoleErrors.filter((e) => !e.includes("status of 401"))).toEqual([]);
    await context.close();
  });
});
