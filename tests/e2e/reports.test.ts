// In a real browser: a coordinator starts a report of a table, cites a project with the picker (which
// inserts the plain-text citation), saves, sends it to review and publishes it; the public page shows the
// numbered reference. Every page passes axe's serious checks.
import { NoteModel } from "../../src/modules/notes/note.model";
import { createUser, loginInBrowser } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { QUESTION, THEME, seedCatalogue } from "../integration/notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);

beforeAll(async () => {
  await seedCatalogue(ctx);
  await NoteModel.create({
    author: { id: "u1", name: "Autrice (esempio)" },
    kind: "worked",
    theme: THEME,
    question: QUESTION,
    title: "Il diario di bordo condiviso",
    body: "Un diario di bordo compilato da tutti.",
    status: "published",
    publishedAt: new Date(),
  });
  await ctx.services.search.reindex(["project"]);
}, 60_000);

test("When a coordinator writes a report with the picker and publishes it, then its public page cites the source", async () => {
  const coordinator = await createUser(ctx, { role: "coordinator" });
  const { page } = await web.newPage();
  await loginInBrowser(page, web.baseUrl, coordinator);
  await page.goto(`${web.baseUrl}/reports/new`);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.fill("#f-title", "Sintesi di prova (esempio)");
  await page.click("label[for=scope-table]");
  await page.selectOption("#f-theme", THEME);
  await Promise.all([
    page.waitForURL(/\/reports\/[a-z0-9-]+\/edit$/),
    page.click("form[action='/reports'] button[type=submit]"),
  ]);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The picker appears with JavaScript, and inserts the citation into the section last worked in.
  await page.waitForSelector("[data-report-picker]:not([hidden])");
  await page.fill("#f-body-0", "Lo sportello ha funzionato ");
  await page.focus("#f-body-0");
  await page.fill("#report-picker-q", "Sportello");
  const insert = page.locator("[data-results] button", { hasText: "[@progetto:open]" });
  await insert.waitFor();
  await page.evaluate(() => {
    const el = document.querySelector<HTMLTextAreaElement>("#f-body-0")!;
    el.selectionStart = el.selectionEnd = el.value.length;
  });
  await insert.click();
  expect(await page.inputValue("#f-body-0")).toBe("Lo sportello ha funzionato [@progetto:open]");
  await Promise.all([page.waitForURL(/\/working$/), page.click("form[action$='/edit'] button.btn-primary")]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await Promise.all([page.waitForURL(/\/working$/), page.click("button[value=submit]")]);
  await Promise.all([page.waitForURL(/\/reports\/[a-z0-9-]+$/), page.click("button[value=publish]")]);
  expect(await page.textContent("#ref-1")).toContain("Progetto: Sportello aperto");
  expect(await page.getAttribute("a[href='#ref-1']", "href")).toBe("#ref-1");
  expect(await seriousA11yViolations(page)).toEqual([]);
}, 60_000);
