// Reports and recommendations on the search page in a real browser: the type selector narrows results to
// them (with JavaScript, at once; the page's address keeps the type), hits say their type, axe is clean.
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { publishReport } from "../integration/register-fixtures";
import { COORDINATOR } from "../integration/report-search-fixtures";
import { seedCatalogue } from "../integration/notes-fixtures";
import { indexerIdle } from "../integration/search-support";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);

let slug: string;
let code: string;

beforeAll(async () => {
  await seedCatalogue(ctx);
  slug = await publishReport(ctx, ["Un cruscotto di indicatori condiviso fra i comuni."]);
  code = (await ctx.services.tables.register.syncFromReport(COORDINATOR, slug)).created[0]!;
  await ctx.services.search.syncSettings();
  await indexerIdle(ctx);
}, 60_000);

const hitLinks = (page: import("playwright-core").Page) =>
  page.$$eval(".atl-hits .atl-hit h3 a", (links) => links.map((a) => a.getAttribute("href")));

it("When a visitor chooses reports, then recommendations, in the type selector, then each list shows that type with its label", async () => {
  const { page, context, consoleErrors } = await web.newPage();
  await page.goto(`${web.baseUrl}/search?q=cruscotto`);
  // Projects and notes by default: neither the report nor the recommendation.
  expect(await hitLinks(page)).toEqual([]);

  await page.selectOption("#search-type", "report");
  await page.waitForURL(/type=report/);
  await page.waitForFunction(() => document.querySelectorAll(".atl-hits .atl-hit").length === 1);
  expect(await hitLinks(page)).toEqual([`/reports/${slug}`]);
  expect(await page.locator(".atl-hit .badge").first().textContent()).toBe("Rapporto di sintesi");
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.selectOption("#search-type", "recommendation");
  await page.waitForURL(/type=recommendation/);
  await page.waitForFunction(() => !!document.querySelector('.atl-hits a[href^="/recommendations/"]'));
  expect(await hitLinks(page)).toEqual([`/recommendations/${code}`]);
  expect(await page.locator(".atl-hit .badge").first().textContent()).toBe("Raccomandazione del registro");

  // Reloaded, the page keeps the chosen type.
  await page.reload();
  expect(await page.inputValue("#search-type")).toBe("recommendation");
  expect(consoleErrors).toEqual([]);
  await context.close();
});
