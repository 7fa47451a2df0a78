// In Chromium: a coordinator creates and publishes a project; an anonymous visitor finds it through its theme.
import { createUser, loginInBrowser } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);

beforeAll(async () => {
  await ctx.reset();
  await ctx.services.taxonomy.seed();
});

describe("catalogue in a real browser", () => {
  it("When a coordinator creates and publishes a project, then an anonymous visitor finds it by browsing its theme", async () => {
    const coordinator = await createUser(ctx, { role: "coordinator" });
    const { page, context, consoleErrors } = await web.newPage();
    page.setDefaultTimeout(10_000);
    await loginInBrowser(page, web.baseUrl, coordinator);
    await page.goto(`${web.baseUrl}/projects/new`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A first try with an impossible date comes back with the error next to the field and the input kept.
    await page.fill("#f-title", "Orti in rete per l'inclusione");
    await page.fill("#f-summary", "Orti condivisi fra vecchi e nuovi abitanti.");
    await page.fill("#f-startDate", "2021-03-01");
    await page.fill("#f-endDate", "2020-01-01");
    await page.click(`label[for="f-themes-coinvolgimento-comunita"]`);
    await page.click(`label[for="f-zones-mugello"]`);
    await page.click(`label[for="f-tags-sviluppo-di-comunita"]`);
    await Promise.all([
      page.waitForLoadState("load"),
      page.click("form.atl-project-form button[type=submit]"),
    ]);
    expect(await page.textContent("#f-endDate-error")).toContain("non può precedere");
    expect(await page.inputValue("#f-title")).toBe("Orti in rete per l'inclusione");
    expect(await page.isChecked("#f-zones-mugello")).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.fill("#f-endDate", "2022-12-31");
    await Promise.all([
      page.waitForURL(/\/projects\/orti-in-rete-per-l-inclusione$/),
      page.click("form.atl-project-form button[type=submit]"),
    ]);
    expect(await page.textContent("h1")).toContain("Orti in rete per l'inclusione");
    await Promise.all([
      page.waitForLoadState("load"),
      page.click('form[action$="/status"] button:has-text("Pubblica")'),
    ]);
    expect(await page.textContent(".atl-curation")).toContain("Pubblicato");
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The only console error allowed is the deliberate 400 of the invalid form.
    expect(consoleErrors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    await context.close();

    const visitor = await web.newPage();
    await visitor.page.goto(`${web.baseUrl}/`);
    await Promise.all([
      visitor.page.waitForURL(/\/themes$/),
      visitor.page.click('nav.atl-navbar a[href="/themes"]'),
    ]);
    expect(await seriousA11yViolations(visitor.page)).toEqual([]);
    await Promise.all([
      visitor.page.waitForURL(/\/themes\/coinvolgimento-comunita$/),
      visitor.page.click('a[href="/themes/coinvolgimento-comunita"]'),
    ]);
    expect(await visitor.page.textContent("main")).toContain("Domande guida");
    await Promise.all([
      visitor.page.waitForURL(/orti-in-rete/),
      visitor.page.click("text=Orti in rete per l'inclusione"),
    ]);
    expect(await visitor.page.textContent("main")).toContain("Mugello");
    expect(await visitor.page.textContent("main")).toContain("Note dei partecipanti");
    expect(await visitor.page.locator(".atl-curation").count()).toBe(0);
    expect(await seriousA11yViolations(visitor.page)).toEqual([]);
    expect(visitor.consoleErrors).toEqual([]);
    await visitor.context.close();
  }, 60_000);

  it("When a visitor filters the browse page without JavaScript, then the form works and the page passes axe", async () => {
    const context = await web.browser.newContext({
      javaScriptEnabled: false,
      bypassCSP: true,
      locale: "it-IT",
    });
    const page = await context.newPage();
    await page.goto(`${web.baseUrl}/projects`);
    await page.selectOption("#filter-theme", "coinvolgimento-comunita");
    await Promise.all([
      page.waitForURL(/theme=coinvolgimento-comunita/),
      page.click("form.atl-filters button[type=submit]"),
    ]);
    expect(await page.textContent("#results-title")).toContain("1 progetto");
    await context.close();
    const { page: withJs, context: c2 } = await web.newPage({ locale: "en-GB" });
    await withJs.goto(`${web.baseUrl}/projects?theme=coinvolgimento-comunita`);
    expect(await withJs.textContent("h1")).toContain("Projects");
    expect(await seriousA11yViolations(withJs)).toEqual([]);
    await c2.close();
  });

  it("When a coordinator opens the history, a diff, a conflict and the tag curation page, then each passes axe", async () => {
    const coordinator = await createUser(ctx, { role: "coordinator" });
    const actor = { id: coordinator.id, name: coordinator.name, role: coordinator.role };
    const p = await ctx.services.projects.create(actor, {
      title: "Storia di prova",
      themes: ["governance-multilivello"],
    });
    await ctx.services.projects.update(
      actor,
      String(p._id),
      { title: "Storia di prova", summary: "Nuova sintesi" },
      1,
    );
    const { page, context, consoleErrors } = await web.newPage();
    page.setDefaultTimeout(10_000);
    await loginInBrowser(page, web.baseUrl, coordinator);
    for (const path of [
      "/projects/storia-di-prova/history",
      "/projects/storia-di-prova/diff?from=1&to=2",
      "/curation/tags",
      "/curation/vocabularies/theme/governance-multilivello",
      "/tags/propose",
    ]) {
      const res = await page.goto(`${web.baseUrl}${path}`);
      expect([path, res?.status()]).toEqual([path, 200]);
      expect([path, await seriousA11yViolations(page)]).toEqual([path, []]);
    }
    // A stale edit in the browser: the conflict page is itself accessible.
    await page.goto(`${web.baseUrl}/projects/storia-di-prova/edit`);
    await ctx.services.projects.update(
      actor,
      String(p._id),
      { title: "Storia di prova", summary: "Altra sintesi" },
      2,
    );
    await page.fill("#f-summary", "La mia sintesi");
    await Promise.all([
      page.waitForLoadState("load"),
      page.click("form.atl-project-form button[type=submit]"),
    ]);
    expect(await page.textContent("h1")).toContain("Qualcun altro ha modificato il progetto");
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(consoleErrors.filter((e) => !e.includes("status of 409"))).toEqual([]);
    await context.close();
  }, 60_000);
});
