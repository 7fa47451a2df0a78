// Search in a real browser: typing with a typo, a facet, a result, back: the state is intact.
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { writeFixture } from "../integration/search-fixtures";
import { waitFor } from "../integration/search-support";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);

beforeAll(async () => {
  await ctx.services.taxonomy.seed();
  await writeFixture();
  await waitFor(
    "indexed",
    async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
    30_000,
  );
}, 60_000);

const hitSlugs = (page: import("playwright-core").Page) =>
  page.$$eval(".atl-hits .atl-hit h3 a", (links) => links.map((a) => a.getAttribute("href")));

describe("search page in a real browser", () => {
  it("When a visitor types a query with a typo, picks a facet, opens a result and goes back, then the state is intact", async () => {
    const { page, context, consoleErrors } = await web.newPage();
    await page.goto(`${web.baseUrl}/search`);
    await page.locator("#search-q").pressSequentially("mediazzione", { delay: 30 });
    await page.waitForURL(/q=mediazzione/);
    await page.waitForFunction(() => document.querySelectorAll(".atl-hits .atl-hit").length >= 3);
    expect(await hitSlugs(page)).toEqual(
      expect.arrayContaining(["/projects/linguistico", "/projects/mediazione"]),
    );
    expect(await page.locator(".atl-hits mark").count()).toBeGreaterThan(0);

    await page.locator('label[for="f-theme-coinvolgimento-comunita"]').click();
    await page.waitForURL(/theme=coinvolgimento-comunita/);
    await page.waitForFunction(() => document.querySelectorAll(".atl-hits .atl-hit").length === 1);
    expect(await hitSlugs(page)).toEqual(["/projects/linguistico"]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);

    await page.click('.atl-hits a[href="/projects/linguistico"]');
    await page.waitForURL(/\/projects\/linguistico$/);
    await page.goBack();
    await page.waitForURL(/\/search\?q=mediazzione&theme=coinvolgimento-comunita/);
    await page.waitForSelector(".atl-hits .atl-hit");
    expect(await page.inputValue("#search-q")).toBe("mediazzione");
    expect(await page.isChecked("#f-theme-coinvolgimento-comunita")).toBe(true);
    expect(await hitSlugs(page)).toEqual(["/projects/linguistico"]);
    await context.close();
  });

  it("When a selected filter is removed, then results widen and the back button restores the filter", async () => {
    const { page, context } = await web.newPage();
    await page.goto(`${web.baseUrl}/search?q=mediazione&zone=versilia`);
    expect(await hitSlugs(page)).toEqual(["/projects/linguistico"]);
    await page.click(".atl-selected a.atl-chip");
    await page.waitForURL(`${web.baseUrl}/search?q=mediazione`);
    await page.waitForFunction(() => document.querySelectorAll(".atl-hits .atl-hit").length > 1);
    await page.goBack();
    await page.waitForURL(/zone=versilia/);
    await page.waitForFunction(() => document.querySelectorAll(".atl-hits .atl-hit").length === 1);
    expect(await page.isChecked("#f-zone-versilia")).toBe(true);
    await context.close();
  });

  it("When a facet has many values, then its values can be searched", async () => {
    const { page, context } = await web.newPage();
    await page.goto(`${web.baseUrl}/search`);
    const box = page.locator("#fs-zone");
    await box.fill("pra");
    const visible = await page.$$eval('[data-facet="zone"] li.form-check', (items) =>
      items.filter((li) => !(li as HTMLElement).hidden).map((li) => li.querySelector("input")!.value),
    );
    expect(visible).toEqual(["pratese"]);
    await context.close();
  });

  it("When JavaScript is off, then the form still searches and filters", async () => {
    const context = await web.browser.newContext({ javaScriptEnabled: false, locale: "it-IT" });
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${web.baseUrl}/`);
    await page.fill("#site-search", "citta");
    await Promise.all([page.waitForURL(/\/search\?q=citta/), page.press("#site-search", "Enter")]);
    // First: the project that says it; others may follow by their working table's name ("cittadinanza").
    expect((await hitSlugs(page))[0]).toBe("/projects/citta");
    await page.fill("#search-q", "mediazione");
    await Promise.all([page.waitForURL(/q=mediazione/), page.press("#search-q", "Enter")]);
    await page.click(`label[for="f-theme-accessibilita-servizi"]`);
    expect(await page.isChecked("#f-theme-accessibilita-servizi")).toBe(true);
    await Promise.all([page.waitForURL(/theme=accessibilita-servizi/), page.click(".atl-apply")]);
    expect(await hitSlugs(page)).toEqual(
      expect.arrayContaining(["/projects/mediazione", "/projects/interculturale"]),
    );
    expect(await hitSlugs(page)).not.toContain("/projects/linguistico");
    await context.close();
  });
});
