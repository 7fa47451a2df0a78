// In a real browser, on a 375 px phone: the matrix recommendations × zones scrolls sideways in its own
// focusable region (never the page), and a coordinator records a status through the form; axe finds no
// serious issue on the register's pages.
import { createUser, loginInBrowser } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { seedCatalogue } from "../integration/notes-fixtures";
import { COORDINATOR, publishedNote, publishReport } from "../integration/register-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);
const PHONE = { width: 375, height: 800 };
const ZONES = ["lunigiana", "pisana", "fiorentina", "pratese", "senese", "aretina", "livornese", "mugello"];

beforeAll(async () => {
  await seedCatalogue(ctx);
  const note = await publishedNote("Indicatori comuni (esempio)");
  const slug = await publishReport(ctx, [
    `Adottare pochi indicatori comuni a tutti i progetti della zona [@nota:${note}]`,
    "Riservare a ogni progetto una quota del budget per la valutazione",
    "Pubblicare i dati di monitoraggio in formato aperto",
  ]);
  const register = ctx.services.tables.register;
  await register.syncFromReport(COORDINATOR, slug);
  for (const code of ["R-T3-01", "R-T3-02"]) {
    let version = 1;
    for (const zone of ZONES) {
      const doc = await register.setStatus(
        COORDINATOR,
        code,
        { zone, status: "under_discussion", date: "2026-10-01", note: "Esempio.", link: null },
        version,
      );
      version = doc.version;
    }
  }
}, 60_000);

/** Whether the page itself scrolls sideways. */
const pageScrollsSideways = (page: import("playwright-core").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

test("When the matrix is read on a 375 px phone, then the table scrolls in its own focusable region, not the page, and axe is clean", async () => {
  const { page, context } = await web.newPage();
  await page.setViewportSize(PHONE);
  await page.goto(`${web.baseUrl}/recommendations/matrix`);
  expect(await pageScrollsSideways(page)).toBe(false);
  const region = page.locator(".atl-register-matrix[role=region]");
  expect(await region.getAttribute("tabindex")).toBe("0");
  const { scrollWidth, clientWidth } = await region.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
  }));
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  // The keyboard scrolls it once focused.
  await region.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector(".atl-register-matrix")!.scrollLeft > 0);
  expect(await page.locator("caption").textContent()).toContain("Stato di ogni raccomandazione");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto(`${web.baseUrl}/recommendations`);
  expect(await pageScrollsSideways(page)).toBe(false);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await context.close();
}, 60_000);

test("When a coordinator records a status on a phone, then the item page shows it and the page passes axe", async () => {
  const coordinator = await createUser(ctx, { role: "coordinator" });
  const { page, context } = await web.newPage();
  await page.setViewportSize(PHONE);
  await loginInBrowser(page, web.baseUrl, coordinator);
  await page.goto(`${web.baseUrl}/recommendations/R-T3-03`);
  expect(await pageScrollsSideways(page)).toBe(false);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.selectOption("#f-zone", "elba");
  await page.selectOption("#f-status", "adopted");
  await page.fill("#f-date", "2026-11-30");
  await page.fill("#f-note", "Inserita nel piano (esempio).");
  await page.fill("#f-link", "https://example.org/piano-elba");
  await Promise.all([page.waitForURL(/\/recommendations\/R-T3-03\?saved=1/), page.click("#status-submit")]);
  expect(await page.textContent(".alert-success")).toContain("Stato registrato.");
  expect(await page.textContent("#statuses + *")).toContain("Elba");
  expect(await pageScrollsSideways(page)).toBe(false);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await context.close();
}, 60_000);
