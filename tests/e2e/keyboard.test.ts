// The main journeys with the keyboard alone, on a 375 px phone: search and open a result (through the
// "skip to the results" link, results before filters), post a note, moderate it. Every control that takes
// the focus shows it (WCAG 2.4.7), buttons included.
import type { Page } from "playwright-core";
import { NoteModel } from "../../src/modules/notes/note.model";
import { useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { seedSite, type SiteFixture } from "./site-fixture";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);
let fx: SiteFixture;

beforeAll(async () => {
  fx = await seedSite(ctx);
}, 120_000);

const PHONE = { width: 375, height: 740 };

/** What has the focus, as a short description. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "body";
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
  });

/** Presses Tab until the focused element matches `selector`; returns how many presses it took. */
async function tabTo(page: Page, selector: string, max = 60): Promise<number> {
  for (let n = 1; n <= max; n += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return n;
  }
  throw new Error(`${selector} not reached in ${max} Tab presses (focus on ${await focused(page)})`);
}

/** Whether the focused element draws a focus indicator it does not draw without the focus. */
async function focusIsVisible(page: Page): Promise<{ visible: boolean; what: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const ring = (s: CSSStyleDeclaration) => ({
      outline:
        s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2
          ? `${s.outlineWidth} ${s.outlineColor}`
          : "",
      shadow: s.boxShadow !== "none" ? s.boxShadow : "",
    });
    const now = ring(getComputedStyle(el));
    return {
      visible: !!(now.outline || now.shadow) && el.getBoundingClientRect().width > 0,
      what: `${el.tagName.toLowerCase()}.${String(el.className)} outline=${now.outline} shadow=${now.shadow}`,
    };
  });
}

async function newPhonePage() {
  const session = await web.newPage();
  await session.page.setViewportSize(PHONE);
  return session;
}

/** Signs in with the keyboard only: Tab to the fields, type, Enter. */
async function keyboardLogin(page: Page, user: { email: string; password: string }) {
  await page.goto(`${web.baseUrl}/login`);
  await tabTo(page, "#f-email");
  await page.keyboard.type(user.email);
  await tabTo(page, "#f-password", 3);
  await page.keyboard.type(user.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.keyboard.press("Enter")]);
}

describe("keyboard-only journeys on a phone", () => {
  it("When a visitor searches and opens a result with the keyboard, then the skip link reaches the first result in a few presses, before any filter", async () => {
    const { page, context, consoleErrors } = await newPhonePage();
    await page.goto(`${web.baseUrl}/search`);
    await tabTo(page, "#search-q", 20);
    await page.keyboard.type("mediazione");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll(".atl-hits .atl-hit").length > 0);

    // Coming to the page afresh: skip links first, "Vai ai risultati" second.
    await page.goto(`${web.baseUrl}/search?q=mediazione`);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toContain("Vai al contenuto principale");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toContain("Vai ai risultati");
    expect((await focusIsVisible(page)).visible).toBe(true);
    await page.keyboard.press("Enter");
    const presses = 2 + (await tabTo(page, ".atl-hits .atl-hit a", 5));
    expect(presses).toBeLessThanOrEqual(4);

    // In the tab order, every result link comes before the first filter.
    const order = await page.evaluate(() => {
      const all = [
        ...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea"),
      ].filter((el) => el.tabIndex >= 0);
      const firstFilter = all.findIndex((el) => el.closest(".atl-filters"));
      const lastHit = all.map((el) => !!el.closest(".atl-hits")).lastIndexOf(true);
      return { firstFilter, lastHit };
    });
    expect(order.lastHit).toBeGreaterThan(-1);
    expect(order.firstFilter).toBeGreaterThan(order.lastHit);

    const href = await page.evaluate(() => document.activeElement!.getAttribute("href"));
    // A note's hit links to its place on a page (…#note-…): the page is what opens.
    const target = new URL(href!, web.baseUrl).pathname;
    await Promise.all([page.waitForURL((u) => u.pathname === target), page.keyboard.press("Enter")]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("When a visitor opens the filters on a phone with the keyboard, then the panel opens, takes the focus and closes with Escape", async () => {
    const { page, context } = await newPhonePage();
    await page.goto(`${web.baseUrl}/search?q=mediazione`);
    await tabTo(page, ".atl-filters-toggle", 20);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#search-filters.show");
    await page.waitForFunction(() => !!document.activeElement?.closest("#search-filters"));
    await tabTo(page, "#search-filters input[type=checkbox]", 10);
    expect((await focusIsVisible(page)).visible).toBe(true);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#search-filters.show", { state: "detached" });
    expect(await focused(page)).toContain("atl-filters-toggle");
    await context.close();
  });

  it("When a visitor opens the menu on a phone with the keyboard, then its links can be reached and followed", async () => {
    const { page, context } = await newPhonePage();
    await page.goto(`${web.baseUrl}/`);
    expect(await page.isVisible("#main-nav a[href='/themes']")).toBe(false);
    await tabTo(page, ".custom-navbar-toggler", 10);
    expect((await focusIsVisible(page)).visible).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#main-nav.expanded");
    await tabTo(page, "#main-nav a[href='/themes']", 10);
    await Promise.all([page.waitForURL(/\/themes$/), page.keyboard.press("Enter")]);
    await context.close();
  });

  it("When a member signs in and posts a note with the keyboard only, then it is saved and waits for moderation", async () => {
    const { page, context, consoleErrors } = await newPhonePage();
    await keyboardLogin(page, fx.member);
    await page.goto(`${web.baseUrl}/projects/${fx.project.slug}/notes/new`);
    await tabTo(page, "input[name=kind]");
    await page.keyboard.press("Space");
    await tabTo(page, "#f-theme", 3);
    await page.keyboard.press("ArrowDown");
    await tabTo(page, "#f-title", 3);
    await page.keyboard.type("Lo sportello nel mercato (esempio)");
    await tabTo(page, "#f-body", 2);
    await page.keyboard.type("Abbiamo portato lo sportello al mercato del sabato: più persone, meno attese.");
    await tabTo(page, 'form button[type="submit"]:not([name])', 10);
    expect((await focusIsVisible(page)).visible).toBe(true);
    await Promise.all([page.waitForURL(/notice=posted/), page.keyboard.press("Enter")]);
    const note = await NoteModel.findOne({ title: "Lo sportello nel mercato (esempio)" }).lean();
    expect(note?.status).toBe("pending");
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("When a coordinator moderates with the keyboard only, then the chosen note is approved", async () => {
    const pending = await NoteModel.findById(fx.pendingNoteId).lean();
    expect(pending?.status).toBe("pending");
    const { page, context } = await newPhonePage();
    await keyboardLogin(page, fx.coordinator);
    await page.goto(`${web.baseUrl}/moderation/notes`);
    await tabTo(page, `#sel-${fx.pendingNoteId}`);
    expect((await focusIsVisible(page)).visible).toBe(true);
    await page.keyboard.press("Space");
    expect(await page.isChecked(`#sel-${fx.pendingNoteId}`)).toBe(true);
    // The bulk action comes before the list: back to it with Shift+Tab, "approve" is the first choice.
    for (
      let n = 0;
      n < 40 && !(await page.evaluate(() => document.activeElement?.id === "bulk-action"));
      n += 1
    ) {
      await page.keyboard.press("Shift+Tab");
    }
    expect(await page.inputValue("#bulk-action")).toBe("approve");
    await tabTo(page, '#queue-form button[type="submit"]', 3);
    expect((await focusIsVisible(page)).visible).toBe(true);
    await Promise.all([page.waitForURL(/\/moderation\/notes$/), page.keyboard.press("Enter")]);
    expect(await page.textContent(".alert-success")).toContain("1 ");
    expect((await NoteModel.findById(fx.pendingNoteId).lean())?.status).toBe("published");
    await context.close();
  });
});

describe("visible keyboard focus", () => {
  it.each([
    ["the login button", "/", "a.atl-login", 1366],
    ["the header search button", "/", ".atl-header-search button", 1366],
    ["the search page's button", "/search", '#search-form button[type="submit"]', 1366],
    ["the home page's browse link-button", "/", "main a.btn", 1366],
    ["the menu toggler", "/", ".custom-navbar-toggler", 375],
    ["a result link", "/search?q=mediazione", ".atl-hits a", 375],
  ])(
    "When %s gets the focus from the keyboard, then it shows a focus ring",
    async (_name, path, selector, width) => {
      const { page, context } = await web.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${web.baseUrl}${path}`);
      const before = await page.$eval(
        selector,
        (el) => getComputedStyle(el).outlineStyle + getComputedStyle(el).boxShadow,
      );
      await tabTo(page, selector);
      const ring = await focusIsVisible(page);
      expect(ring).toEqual({ visible: true, what: ring.what });
      expect(ring.what).not.toContain(before === "none" + "none" ? "§" : before);
      await context.close();
    },
  );

  it("When a signed-in member opens the account menu with the keyboard, then its links are reachable and Escape closes it", async () => {
    const { page, context } = await newPhonePage();
    await keyboardLogin(page, fx.member);
    await page.goto(`${web.baseUrl}/`);
    await tabTo(page, "summary.atl-account-toggle", 10);
    expect((await focusIsVisible(page)).visible).toBe(true);
    await page.keyboard.press("Enter");
    await tabTo(page, ".atl-account-links a[href='/me']", 3);
    await page.keyboard.press("Escape");
    expect(
      await page.evaluate(() => document.querySelector("details.atl-account-menu")!.hasAttribute("open")),
    ).toBe(false);
    expect(await focused(page)).toContain("atl-account-toggle");
    await context.close();
  });
});
