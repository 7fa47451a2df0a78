// In a real browser: a facilitator opens a table session; a guest joins with its code from a phone
// (375 px) and sends a contribution; the facilitator's open page shows it arrive without a reload; a
// coordinator approves it in the queue, filtered by session; the table's page then charts it.
import { NoteModel } from "../../src/modules/notes/note.model";
import { createUser, loginInBrowser } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { seedCatalogue } from "../integration/notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);

beforeAll(async () => {
  await seedCatalogue(ctx);
}, 60_000);

test("When a guest contributes from a phone, then the facilitator sees it arrive live and a coordinator approves it", async () => {
  const coordinator = await createUser(ctx, { role: "coordinator" });
  const facilitator = await createUser(ctx, { role: "member", name: "Anna Facilitatrice" });

  // A coordinator records the event and the table's session, naming the facilitator's account.
  const admin = await web.newPage();
  await loginInBrowser(admin.page, web.baseUrl, coordinator);
  await admin.page.goto(`${web.baseUrl}/events/new`);
  expect(await seriousA11yViolations(admin.page)).toEqual([]);
  await admin.page.fill("#f-title", "Seminario di prova (esempio)");
  await admin.page.fill("#f-date", "2021-09-17");
  await Promise.all([
    admin.page.waitForURL(/\/events\/[a-f0-9]{24}$/),
    admin.page.click('button[type="submit"].btn-primary'),
  ]);
  const eventUrl = admin.page.url();
  await admin.page.goto(`${eventUrl}/sessions/new`);
  await admin.page.selectOption("#f-theme", "monitoraggio-valutazione");
  await admin.page.fill("#f-facilitatorName", "Anna (esempio)");
  await admin.page.fill("#f-facilitatorEmail", facilitator.email);
  await Promise.all([admin.page.waitForURL(eventUrl), admin.page.click('button[type="submit"].btn-primary')]);
  expect(await seriousA11yViolations(admin.page)).toEqual([]);

  // The facilitator opens the session and keeps its page open.
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
  const code = await host.page.getAttribute("#session-code", "data-code");
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  await host.page.waitForSelector(".atl-live-auto:not(.d-none)");
  expect(await seriousA11yViolations(host.page)).toEqual([]);

  // A guest on a phone joins with the code and contributes.
  const phone = await web.newPage();
  await phone.page.setViewportSize({ width: 375, height: 740 });
  await phone.page.goto(`${web.baseUrl}/partecipa`);
  await phone.page.fill("#f-code", `${code!.slice(0, 3).toLowerCase()} ${code!.slice(3)}`);
  await phone.page.fill("#f-name", "Rita (esempio)");
  await Promise.all([
    phone.page.waitForURL(/\/partecipa\/contributo$/),
    phone.page.click('button[type="submit"].btn-primary'),
  ]);
  expect(await seriousA11yViolations(phone.page)).toEqual([]);
  // Nothing is wider than the phone's screen.
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await phone.page.click('label[for="f-kind-recommendation"]');
  await phone.page.selectOption("#f-question", "t3-q3");
  await phone.page.fill("#f-body", "Pochi indicatori comuni a tutti i progetti, raccolti dal primo giorno.");
  const sentAt = Date.now();
  await Promise.all([
    phone.page.waitForURL(/\/partecipa\/contributo\?sent=1$/),
    phone.page.click('form.atl-contribution-form button[type="submit"]'),
  ]);
  expect(await phone.page.textContent(".alert-success")).toContain("Grazie!");
  expect(phone.consoleErrors).toEqual([]);

  // It appears on the facilitator's page without a reload.
  await host.page.waitForSelector("#contributions li:has-text('Pochi indicatori comuni')", { timeout: 5000 });
  expect(Date.now() - sentAt).toBeLessThan(5000);
  expect(await host.page.textContent("#contributions-count")).toBe("1");
  expect(host.consoleErrors).toEqual([]);

  // A coordinator approves it in the queue, narrowed to the session.
  const note = await NoteModel.findOne({ guest: true }).lean();
  expect(note!.status).toBe("pending");
  await admin.page.goto(`${web.baseUrl}/moderation/notes?session=${String(note!.tableSession)}`);
  expect(await admin.page.textContent(".atl-queue-session")).toContain("Seminario di prova (esempio)");
  await admin.page.click(`label[for="sel-${String(note!._id)}"]`);
  await admin.page.selectOption("#bulk-action", "approve");
  await Promise.all([
    admin.page.waitForURL(/\/moderation\/notes$/),
    admin.page.click('#queue-form button[type="submit"]'),
  ]);
  expect((await NoteModel.findById(note!._id).lean())!.status).toBe("published");

  // The table's page now lists and charts it.
  await admin.page.goto(`${web.baseUrl}/tables/monitoraggio-valutazione`);
  expect(await admin.page.textContent("main")).toContain("Pochi indicatori comuni");
  expect(await admin.page.locator("svg[role='img'] title").count()).toBeGreaterThan(0);
  expect(await seriousA11yViolations(admin.page)).toEqual([]);
  expect(admin.consoleErrors).toEqual([]);
});
