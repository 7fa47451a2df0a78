// The working tables' whole journey in a real browser, as the issue tells it: a facilitator opens a table
// session; two participants on phones (375 px), a member and a guest, contribute; a coordinator approves
// both, starts a synthesis report from the proposed draft, writes its recommendation, publishes it and
// downloads the PDF; then links the recommendation to a zone and marks it adopted; an anonymous visitor
// sees it on the zone's page and in the matrix.
import type { Page } from "playwright-core";
import { NoteModel } from "../../src/modules/notes/note.model";
import { createUser, loginInBrowser } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { readPdf } from "../support/documents";
import { useTestApp } from "../support/test-app";
import { seedCatalogue } from "../integration/notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);
const THEME = "monitoraggio-valutazione";

beforeAll(async () => {
  await seedCatalogue(ctx);
}, 60_000);

/** Nothing on the page is wider than the phone's screen. */
async function fitsThePhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

/** A participant on a phone joins with the code (a guest gives a name) and sends one recommendation. */
async function contribute(page: Page, code: string, body: string, guestName?: string): Promise<void> {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${web.baseUrl}/partecipa`);
  await page.fill("#f-code", code);
  if (guestName) await page.fill("#f-name", guestName);
  await Promise.all([
    page.waitForURL(/\/partecipa\/contributo$/),
    page.click('button[type="submit"].btn-primary'),
  ]);
  await fitsThePhone(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.click('label[for="f-kind-recommendation"]');
  await page.selectOption("#f-question", "t3-q3");
  await page.fill("#f-body", body);
  await Promise.all([
    page.waitForURL(/\/partecipa\/contributo\?sent=1$/),
    page.click('form.atl-contribution-form button[type="submit"]'),
  ]);
  expect(await page.textContent(".alert-success")).toContain("Grazie!");
  await fitsThePhone(page);
}

test("When a session's contributions become a published report and an adopted recommendation, then the public sees it on the zone's page and in the matrix", async () => {
  const coordinator = await createUser(ctx, { role: "coordinator", name: "Carla Coordinatrice" });
  const facilitator = await createUser(ctx, { role: "member", name: "Anna Facilitatrice" });
  const participant = await createUser(ctx, { role: "member", name: "Marco Partecipante" });

  // A coordinator records the event and the table's session with its facilitator.
  const admin = await web.newPage();
  await loginInBrowser(admin.page, web.baseUrl, coordinator);
  await admin.page.goto(`${web.baseUrl}/events/new`);
  await admin.page.fill("#f-title", "Tavolo di prova (esempio)");
  await admin.page.fill("#f-date", "2021-09-17");
  await Promise.all([
    admin.page.waitForURL(/\/events\/[a-f0-9]{24}$/),
    admin.page.click('button[type="submit"].btn-primary'),
  ]);
  const eventUrl = admin.page.url();
  await admin.page.goto(`${eventUrl}/sessions/new`);
  await admin.page.selectOption("#f-theme", THEME);
  await admin.page.fill("#f-facilitatorName", "Anna (esempio)");
  await admin.page.fill("#f-facilitatorEmail", facilitator.email);
  await Promise.all([admin.page.waitForURL(eventUrl), admin.page.click('button[type="submit"].btn-primary')]);

  // The facilitator opens the session for contributions and keeps its page open.
  const host = await web.newPage();
  await loginInBrowser(host.page, web.baseUrl, facilitator);
  await host.page.goto(eventUrl);
  await Promise.all([
    host.page.waitForURL(/\/sessions\/[a-f0-9]{24}$/),
    host.page.click("a.btn-primary[href^='/sessions/']"),
  ]);
  await Promise.all([
    host.page.waitForURL(/\/sessions\/[a-f0-9]{24}$/),
    host.page.click("form[action$='/open'] button"),
  ]);
  const code = (await host.page.getAttribute("#session-code", "data-code"))!;
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  await host.page.waitForSelector(".atl-live-auto:not(.d-none)");

  // Two participants on phones: a signed-in member and a guest.
  const member = await web.newPage();
  await loginInBrowser(member.page, web.baseUrl, participant);
  await contribute(member.page, code, "Indicatori comuni a tutti i progetti, raccolti dal primo giorno.");
  const guest = await web.newPage();
  await contribute(
    guest.page,
    code.toLowerCase(),
    "Restituire i dati del monitoraggio alle famiglie.",
    "Rita (esempio)",
  );
  expect(member.consoleErrors).toEqual([]);
  expect(guest.consoleErrors).toEqual([]);

  // Both reach the facilitator's open page without a reload.
  await host.page.waitForSelector("#contributions li:has-text('Restituire i dati')", { timeout: 5000 });
  await host.page.waitForSelector("#contributions li:has-text('Indicatori comuni')", { timeout: 5000 });
  expect(await host.page.textContent("#contributions-count")).toBe("2");
  expect(host.consoleErrors).toEqual([]);

  // The coordinator approves both from the queue, narrowed to the session.
  const pending = await NoteModel.find({ status: "pending", tableSession: { $ne: null } }).lean();
  expect(pending).toHaveLength(2);
  expect(pending.filter((n) => n.guest)).toHaveLength(1);
  await admin.page.goto(`${web.baseUrl}/moderation/notes?session=${String(pending[0]!.tableSession)}`);
  for (const n of pending) await admin.page.click(`label[for="sel-${String(n._id)}"]`);
  await admin.page.selectOption("#bulk-action", "approve");
  await Promise.all([
    admin.page.waitForURL(/\/moderation\/notes$/),
    admin.page.click('#queue-form button[type="submit"]'),
  ]);
  expect(await NoteModel.countDocuments({ status: "published", tableSession: { $ne: null } })).toBe(2);

  // A report of the table starts from the proposed draft: both contributions are listed and cited.
  await admin.page.goto(`${web.baseUrl}/reports/new`);
  await admin.page.fill("#f-title", "Sintesi del tavolo di prova (esempio)");
  await admin.page.click("label[for=scope-table]");
  await admin.page.selectOption("#f-theme", THEME);
  await Promise.all([
    admin.page.waitForURL(/\/reports\/[a-z0-9-]+\/edit$/),
    admin.page.click("form[action='/reports'] button[type=submit]"),
  ]);
  const slug = /\/reports\/([a-z0-9-]+)\/edit$/.exec(admin.page.url())![1]!;
  const bodies = admin.page.locator("textarea[id^='f-body-']");
  const drafted = (await bodies.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value))).join(
    "\n",
  );
  for (const n of pending) expect(drafted).toContain(`[@nota:${String(n._id)}]`);

  // The coordinator writes the recommendation in the draft's last section (the recommendations), citing both.
  const last = bodies.last();
  const recommendation = "Adottare indicatori comuni e restituirli alle famiglie";
  await last.fill(`- ${recommendation} ${pending.map((n) => `[@nota:${String(n._id)}]`).join(" ")}`);
  await Promise.all([
    admin.page.waitForURL(/\/working$/),
    admin.page.click("form[action$='/edit'] button.btn-primary"),
  ]);
  await Promise.all([admin.page.waitForURL(/\/working$/), admin.page.click("button[value=submit]")]);
  await Promise.all([
    admin.page.waitForURL(/\/reports\/[a-z0-9-]+$/),
    admin.page.click("button[value=publish]"),
  ]);
  expect(await admin.page.textContent("main")).toContain(recommendation);
  expect(await seriousA11yViolations(admin.page)).toEqual([]);

  // The PDF: the report page links it; fetched with the browser's session, opened, with its headings and
  // working source links. (Headless Chromium shows a PDF inline rather than downloading it.)
  const href = await admin.page.getAttribute(`a[href^='/reports/${slug}.pdf']`, "href");
  const res = await admin.page.request.get(`${web.baseUrl}${href!}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const pdf = readPdf(await res.body());
  expect(pdf.text).toContain(recommendation);
  expect(pdf.outline.map((o) => o.title)).toContain("Raccomandazioni");
  const urls = pdf.links.map((l) => l.url ?? "");
  for (const n of pending) expect(urls.some((u) => u.endsWith(`/notes/${String(n._id)}`))).toBe(true);

  // The coordinator adds the report's recommendation to the register, then records that the Pratese
  // zone adopted it in its integrated plan.
  await Promise.all([
    admin.page.waitForURL(/\/reports\/[a-z0-9-]+(#register)?$/),
    admin.page.click(`form[action='/reports/${slug}/register'] button[type=submit]`),
  ]);
  const codeLink = admin.page.locator("section[aria-labelledby=register] a[href^='/recommendations/R-']");
  expect(await codeLink.count()).toBe(1);
  const rcode = (await codeLink.textContent())!.trim();
  expect(rcode).toMatch(/^R-T\d-\d{2}$/);
  await Promise.all([admin.page.waitForURL(new RegExp(`/recommendations/${rcode}$`)), codeLink.click()]);
  expect(await admin.page.textContent("main")).toContain(recommendation);
  await admin.page.selectOption("#f-zone", "pratese");
  await admin.page.selectOption("#f-status", "adopted");
  await admin.page.fill("#f-date", "2022-03-01");
  await admin.page.fill("#f-note", "Inserita nel piano integrato di zona 2022 (esempio).");
  await Promise.all([
    admin.page.waitForURL(new RegExp(`/recommendations/${rcode}(\\?.*)?$`)),
    admin.page.click("#status-submit"),
  ]);
  expect(await seriousA11yViolations(admin.page)).toEqual([]);
  expect(admin.consoleErrors).toEqual([]);

  // An anonymous visitor on a phone finds it adopted on the zone's page and in the matrix.
  const visitor = await web.newPage();
  await visitor.page.setViewportSize({ width: 375, height: 740 });
  await visitor.page.goto(`${web.baseUrl}/zones/pratese`);
  const onZone = visitor.page.locator(".atl-zone-recommendations li", { hasText: rcode });
  expect(await onZone.count()).toBe(1);
  expect(await onZone.textContent()).toContain(recommendation);
  expect(await onZone.textContent()).toContain("Adottata");
  await fitsThePhone(visitor.page);
  expect(await seriousA11yViolations(visitor.page)).toEqual([]);
  await visitor.page.goto(`${web.baseUrl}/recommendations/matrix`);
  const row = visitor.page.locator(".atl-register-matrix tr", { hasText: rcode });
  expect(await row.count()).toBe(1);
  expect(await row.textContent()).toContain("Adottata");
  await fitsThePhone(visitor.page);
  expect(await seriousA11yViolations(visitor.page)).toEqual([]);
  expect(visitor.consoleErrors).toEqual([]);
}, 120_000);
