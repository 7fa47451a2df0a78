// Privacy rights and sessions in a real browser: the pages pass axe, and deleting an account works with
// the form alone.
import { createUser, loginInBrowser, TEST_PASSWORD } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();
const web = useBrowser(ctx);

describe("privacy in a real browser", () => {
  it("When a member reviews the sessions and deletes the account from the profile, then each page passes axe and the member ends signed out on the notice", async () => {
    const member = await createUser(ctx, { role: "member", name: "Marta Membro" });
    const { page, context, consoleErrors } = await web.newPage();
    page.setDefaultTimeout(8000);
    await loginInBrowser(page, web.baseUrl, member);
    await page.goto(`${web.baseUrl}/me`);
    await Promise.all([page.waitForURL(/\/me\/sessions$/), page.click('a[href="/me/sessions"]')]);
    expect(await page.textContent("h1")).toBe("Sessioni attive");
    expect(await page.textContent("tbody")).toContain("Questa sessione");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${web.baseUrl}/me`);
    await Promise.all([page.waitForURL(/\/me\/delete$/), page.click('main a[href="/me/delete"]')]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Submitted without a choice: the form comes back saying what is missing, and still passes axe.
    await page.fill("#f-currentPassword", TEST_PASSWORD);
    await Promise.all([page.waitForLoadState("load"), page.click('form[action="/me/delete"] button')]);
    expect(await page.textContent(".alert-danger")).toContain("Correggi");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.click('label[for="f-notes-keep"]');
    await page.click('label[for="f-confirm"]');
    await page.fill("#f-currentPassword", TEST_PASSWORD);
    await Promise.all([
      page.waitForURL(/\/privacy\?notice=deleted/),
      page.click('form[action="/me/delete"] button'),
    ]);
    expect(await page.textContent(".alert-success")).toContain("Il tuo account è stato eliminato");
    expect(await page.locator(".atl-account-name").count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await ctx.services.accounts.findByEmail(member.email)).toBeNull();
    // The form answered 400 on purpose; nothing else may fail.
    expect(consoleErrors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    await context.close();
  });
});
