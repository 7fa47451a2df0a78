// In a real browser, without a script of ours: a coordinator starts a guidelines document, writes a
// table's introduction, ticks two of the register's recommendations, saves, sends it to review and
// publishes it; the public page shows them under their table with their numbered sources. Every page
// passes axe's serious checks.
import type { Actor } from "../../src/modules/accounts/index";
import { NoteModel } from "../../src/modules/notes/note.model";
import { createUser, loginInBrowser } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { QUESTION, THEME, seedCatalogue } from "../integration/notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);
const COORDINATOR: Actor = { id: "c1", name: "Coordinatrice (esempio)", role: "coordinator" };

beforeAll(async () => {
  await seedCatalogue(ctx);
  const [n] = await NoteModel.create([
    {
      author: { id: "u1", name: "Autrice (esempio)" },
      kind: "recommendation",
      theme: THEME,
      question: QUESTION,
      title: "Mediazione linguistica sempre",
      body: "Testo di esempio.",
      status: "published",
      publishedAt: new Date(),
    },
  ]);
  const reports = ctx.services.tables.reports;
  const doc = await reports.create(COORDINATOR, {
    scope: { kind: "table", theme: THEME },
    content: {
      title: "Sintesi del tavolo 3 (esempio)",
      summary: "Esempio.",
      sections: [
        {
          heading: "Raccomandazioni",
          kind: "recommendations",
          body: `- Prevedere la mediazione linguistica [@nota:${String(n!._id)}]\n- Indicatori comuni\n- Reti stabili`,
        },
      ],
    },
  });
  const review = await reports.transition(COORDINATOR, doc.slug, "submit", doc.version);
  await reports.transition(COORDINATOR, doc.slug, "publish", review.version);
  await ctx.services.tables.register.syncFromReport(COORDINATOR, doc.slug);
}, 60_000);

test("When a coordinator chooses recommendations and publishes the guidelines, then the public page shows them under their table with their sources", async () => {
  const coordinator = await createUser(ctx, { role: "coordinator" });
  const { page } = await web.newPage();
  await loginInBrowser(page, web.baseUrl, coordinator);
  await page.goto(`${web.baseUrl}/guidelines/new`);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.fill("#f-title", "Linee guida 2026 (esempio)");
  await Promise.all([
    page.waitForURL(/\/guidelines\/[a-z0-9-]+\/edit$/),
    page.click("form[action='/guidelines'] button[type=submit]"),
  ]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.fill("#f-section-2", "Il tavolo sul monitoraggio (esempio).");
  // Bootstrap Italia draws the box with the label, which takes the click.
  await page.click("label[for=item-R-T3-01]");
  await page.click("label[for=item-R-T3-03]");
  expect(await page.isChecked("#item-R-T3-01")).toBe(true);
  await Promise.all([page.waitForURL(/\/working$/), page.click("form[action$='/edit'] button.btn-primary")]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await Promise.all([page.waitForURL(/\/working$/), page.click("button[value=submit]")]);
  await Promise.all([page.waitForURL(/\/guidelines\/[a-z0-9-]+$/), page.click("button[value=publish]")]);
  const section = page.locator("section", { hasText: "Metodi e strumenti di monitoraggio" });
  expect(await section.locator("h3").allTextContents()).toEqual(["R-T3-01", "R-T3-03"]);
  expect(await page.textContent("#ref-1")).toContain("Nota: Mediazione linguistica sempre");
  expect(await seriousA11yViolations(page)).toEqual([]);
  const publicPath = new URL(page.url()).pathname;
  await page.goto(`${web.baseUrl}/guidelines`);
  expect(await page.locator(`a[href='${publicPath}']`).textContent()).toBe("Linee guida 2026 (esempio)");
  expect(await seriousA11yViolations(page)).toEqual([]);
}, 60_000);
