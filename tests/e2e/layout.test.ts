// Phones and tablets: the header collapses behind its toggler below 992 px, the search page shows the
// result count and the results first (the filters are an off-canvas panel), and the English interface
// marks Italian content as Italian. With JavaScript off, everything stays reachable.
import type { Page } from "playwright-core";
import { useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { seedSite, type SiteFixture } from "./site-fixture";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);
let fx: SiteFixture;

beforeAll(async () => {
  fx = await seedSite(ctx);
}, 120_000);

const top = (page: Page, selector: string) =>
  page.$eval(selector, (el) => el.getBoundingClientRect().top + window.scrollY);

describe("the header on phones and tablets", () => {
  it.each([375, 768])(
    "When the home page is %i px wide, then the navigation hides behind the toggler and nothing overlaps the brand",
    async (width) => {
      const { page, context } = await web.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${web.baseUrl}/`);
      expect(await page.isVisible(".custom-navbar-toggler")).toBe(true);
      expect(await page.isVisible("#main-nav a[href='/projects']")).toBe(false);
      // The brand and the search link are where they should be, side by side, not under the menu.
      const brand = await page.$eval(
        ".it-brand-wrapper a",
        (el) => el.getBoundingClientRect().toJSON() as DOMRect,
      );
      const search = await page.$eval(
        ".it-search-wrapper a",
        (el) => el.getBoundingClientRect().toJSON() as DOMRect,
      );
      expect(brand.right).toBeLessThanOrEqual(search.left);
      expect(search.right).toBeLessThanOrEqual(width);
      await page.click(".custom-navbar-toggler");
      await page.waitForSelector("#main-nav.expanded");
      // Once open, the panel holds the focus on its close button (Bootstrap Italia's focus trap).
      await page.waitForFunction(() => !!document.activeElement?.closest("#main-nav .close-menu"));
      for (const href of ["/", "/projects", "/themes", "/tags", "/zones", "/search"]) {
        expect(await page.isVisible(`#main-nav a[href='${href}']`)).toBe(true);
      }
      await page.click("#main-nav .close-menu");
      await page.waitForSelector("#main-nav.expanded", { state: "detached" });
      await context.close();
    },
  );

  it("When the page is 1366 px wide, then the navigation is a bar with every entry and the search box is in the header", async () => {
    const { page, context } = await web.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${web.baseUrl}/`);
    expect(await page.isVisible(".custom-navbar-toggler")).toBe(false);
    expect(await page.isVisible("#main-nav a[href='/zones']")).toBe(true);
    expect(await page.isVisible("#site-search")).toBe(true);
    await context.close();
  });

  it("When an admin's header is 320 px wide, then the account menu opens inside the screen with every admin link", async () => {
    const { page, context } = await web.newPage();
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${web.baseUrl}/login`);
    await page.fill("#f-email", fx.admin.email);
    await page.fill("#f-password", fx.admin.password);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith("/login")),
      page.press("#f-password", "Enter"),
    ]);
    await page.click(".atl-account-toggle");
    const links = await page.$$eval(".atl-account-links a, .atl-account-links button", (els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent?.trim(), left: r.left, right: r.right };
      }),
    );
    expect(links.length).toBe(11);
    for (const l of links) {
      expect(l.left).toBeGreaterThanOrEqual(0);
      expect(l.right).toBeLessThanOrEqual(320);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    await context.close();
  });

  it("When JavaScript is off on a phone, then the navigation is a visible list and the account links need no script", async () => {
    const context = await web.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 375, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${web.baseUrl}/`);
    expect(await page.isVisible(".custom-navbar-toggler")).toBe(false);
    for (const href of ["/projects", "/themes", "/search"]) {
      expect(await page.isVisible(`#main-nav a[href='${href}']`)).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
    await context.close();
  });
});

describe("the search page on phones and tablets", () => {
  it.each([375, 768])(
    "When the search page is %i px wide, then the count and the first result come before the filters, near the top",
    async (width) => {
      const { page, context } = await web.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${web.baseUrl}/search?q=mediazione`);
      const firstHit = await top(page, ".atl-hits .atl-hit");
      expect(await top(page, ".atl-total")).toBeLessThan(firstHit);
      expect(firstHit).toBeLessThan(800);
      // The filters wait in an off-canvas panel, opened by the "Filtri" button above the results.
      expect(await page.isVisible("#search-filters input[type=checkbox]")).toBe(false);
      expect(await top(page, ".atl-filters-toggle")).toBeLessThan(firstHit);
      await page.click(".atl-filters-toggle");
      await page.waitForSelector("#search-filters.show");
      await page.click('#search-filters label[for^="f-theme-"]');
      await page.waitForURL(/theme=/);
      await page.click("#search-filters .btn-close");
      await page.waitForSelector("#search-filters.show", { state: "detached" });
      expect(await page.locator(".atl-hits .atl-hit").count()).toBeGreaterThan(0);
      await context.close();
    },
  );

  it("When the search page is 1366 px wide, then the filters are a column beside the results", async () => {
    const { page, context } = await web.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${web.baseUrl}/search?q=mediazione`);
    expect(await page.isVisible(".atl-filters-toggle")).toBe(false);
    const facets = await page.$eval(".atl-facets", (el) => el.getBoundingClientRect().toJSON() as DOMRect);
    const results = await page.$eval(
      "#search-results",
      (el) => el.getBoundingClientRect().toJSON() as DOMRect,
    );
    expect(facets.right).toBeLessThanOrEqual(results.left + 1);
    expect(await page.isVisible("#search-filters input[type=checkbox]")).toBe(true);
    await context.close();
  });

  it("When JavaScript is off on a phone, then the filters follow the results and the button links to them", async () => {
    const context = await web.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 375, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${web.baseUrl}/search?q=mediazione`);
    expect(await page.getAttribute(".atl-filters-toggle", "href")).toBe("#search-filters");
    expect(await page.isVisible("#search-filters input[type=checkbox]")).toBe(true);
    expect(await top(page, "#search-filters")).toBeGreaterThan(await top(page, ".atl-hits .atl-hit"));
    await context.close();
  });
});

describe("the language of Italian content in the English interface", () => {
  it("When the English interface shows a project, a note and search results, then their Italian text is marked lang=it", async () => {
    const { page, context } = await web.newPage({ locale: "en-GB" });
    const langOf = (selector: string) =>
      page.$eval(selector, (el) => el.closest("[lang]")?.getAttribute("lang") ?? null);
    await page.goto(`${web.baseUrl}/projects/${fx.project.slug}?lang=en`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await langOf("main h1")).toBe("it");
    expect(await langOf("main .atl-markdown")).toBe("it");
    expect(await langOf("main h2")).toBe("en"); // the interface's own headings stay English
    await page.goto(`${web.baseUrl}/notes/${fx.publishedNoteId}?lang=en`);
    expect(await langOf(".atl-note .atl-markdown")).toBe("it");
    await page.goto(`${web.baseUrl}/search?q=mediazione&lang=en`);
    expect(await langOf(".atl-hits .atl-hit h3 a")).toBe("it");
    expect(await langOf(".atl-hits .atl-snippet")).toBe("it");
    await page.goto(`${web.baseUrl}/projects?lang=en`);
    expect(await langOf(".atl-project-card h2 a, .atl-project-card h3 a")).toBe("it");
    await context.close();
  });
});
