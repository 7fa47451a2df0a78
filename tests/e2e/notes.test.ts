// In a real browser: a new member posts a note (it waits), a coordinator approves it, and an anonymous
// visitor finds it by searching a word of its body with a typo.
import { NoteModel } from "../../src/modules/notes/note.model";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { createUser, loginInBrowser } from "../support/auth";
import { seriousA11yViolations, useBrowser } from "../support/browser";
import { useTestApp } from "../support/test-app";
import { seedCatalogue } from "../integration/notes-fixtures";
import { waitFor } from "../integration/search-support";

const ctx = useTestApp({ resetBeforeEach: false });
const web = useBrowser(ctx);

beforeAll(async () => {
  await seedCatalogue(ctx);
}, 60_000);

test("When a new member posts a note, it waits; a coordinator approves it; then an anonymous visitor finds it with a typo", async () => {
  const member = await createUser(ctx, { role: "member", name: "Chiara Operatrice" });
  const coordinator = await createUser(ctx, { role: "coordinator" });

  // The member writes the note from the project page, with the live preview.
  const writer = await web.newPage();
  await loginInBrowser(writer.page, web.baseUrl, member);
  await writer.page.goto(`${web.baseUrl}/projects/open`);
  await writer.page.click('a[href="/projects/open/notes/new"]');
  await writer.page.waitForURL(/\/projects\/open\/notes\/new$/);
  await writer.page.click('label[for="f-kind-worked"]');
  await writer.page.selectOption("#f-theme", "coinvolgimento-comunita");
  await writer.page.fill("#f-title", "Il laboratorio di tessitura");
  await writer.page
    .locator("#f-body")
    .pressSequentially("Il laboratorio di **tessitura** ha unito madri e nonne del quartiere.", { delay: 5 });
  await writer.page.waitForSelector("#note-preview strong");
  expect(await writer.page.textContent("#note-preview strong")).toBe("tessitura");
  expect(await seriousA11yViolations(writer.page)).toEqual([]);
  await Promise.all([
    writer.page.waitForURL(/\/notes\/[a-f0-9]{24}\?notice=posted/),
    writer.page.click('form.atl-note-form button[type="submit"]:not([name])'),
  ]);
  const note = await NoteModel.findOne({ title: "Il laboratorio di tessitura" }).lean();
  expect(note!.status).toBe("pending");
  expect(await writer.page.textContent(".alert-success")).toContain(
    "La nota sarà visibile dopo la revisione",
  );
  expect(await seriousA11yViolations(writer.page)).toEqual([]);
  expect(await writer.page.textContent(`#note-${String(note!._id)}`)).toContain("In attesa di moderazione");
  expect(writer.consoleErrors).toEqual([]);
  await writer.context.close();

  // Anonymous visitors do not see it yet.
  const early = await ctx.agent().get("/search?q=tesitura&type=note");
  expect(early.text).not.toContain("Il laboratorio di tessitura");

  // The coordinator approves it from the queue.
  const mod = await web.newPage();
  await loginInBrowser(mod.page, web.baseUrl, coordinator);
  await mod.page.goto(`${web.baseUrl}/moderation/notes`);
  expect(await mod.page.textContent("#queue-counts")).toContain("1 in attesa");
  expect(await seriousA11yViolations(mod.page)).toEqual([]);
  await mod.page.click(`label[for="sel-${String(note!._id)}"]`);
  await mod.page.selectOption("#bulk-action", "approve");
  await Promise.all([
    mod.page.waitForURL(/\/moderation\/notes$/),
    mod.page.click('#queue-form button[type="submit"]'),
  ]);
  expect(await mod.page.textContent(".alert-success")).toContain("1 nota aggiornata.");
  await mod.context.close();

  // An anonymous visitor searches a word of the body with a typo and opens the note in its project.
  await waitFor(
    "note indexed",
    async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
    30_000,
  );
  const visitor = await web.newPage();
  await visitor.page.goto(`${web.baseUrl}/search?q=tesitura`);
  const link = visitor.page.locator(`a[href="/projects/open#note-${String(note!._id)}"]`).first();
  await link.waitFor();
  await Promise.all([visitor.page.waitForURL(/\/projects\/open#note-/), link.click()]);
  expect(await visitor.page.textContent(`#note-${String(note!._id)}`)).toContain("ha unito madri e nonne");
  expect(await seriousA11yViolations(visitor.page)).toEqual([]);
  await visitor.context.close();
}, 120_000);

test("When a member writes on a working table alone, replies and reads «Le mie note», and a coordinator refuses a rejection without reason, then every page works and is accessible", async () => {
  const member = await createUser(ctx, { role: "member", name: "Lucia Mediatrice" });
  const coordinator = await createUser(ctx, { role: "coordinator" });

  // A note on a table alone, from the table's page.
  const writer = await web.newPage();
  await loginInBrowser(writer.page, web.baseUrl, member);
  await writer.page.goto(`${web.baseUrl}/tables/monitoraggio-valutazione`);
  await Promise.all([
    writer.page.waitForURL(/\/tables\/monitoraggio-valutazione\/notes\/new$/),
    writer.page.click('a[href="/tables/monitoraggio-valutazione/notes/new"]'),
  ]);
  expect(await seriousA11yViolations(writer.page)).toEqual([]);
  await writer.page.click('label[for="f-kind-recommendation"]');
  await writer.page.selectOption("#f-question", "t3-q1");
  await writer.page.fill("#f-title", "Indicatori scelti insieme");
  await writer.page.fill("#f-body", "Scegliere gli indicatori con i partner prima di partire.");
  await writer.page.fill("#f-tags", "Mediation");
  await Promise.all([
    writer.page.waitForURL(/\/notes\/[a-f0-9]{24}\?notice=posted/),
    writer.page.click('form.atl-note-form button[type="submit"]:not([name])'),
  ]);
  expect(await writer.page.textContent(".alert-success")).toContain("revisione del coordinamento");
  const tableNote = await NoteModel.findOne({ title: "Indicatori scelti insieme" }).lean();
  expect(tableNote!.project).toBeNull();

  // «Le mie note» lists it as waiting.
  await writer.page.goto(`${web.baseUrl}/me/notes`);
  expect(await writer.page.textContent("main")).toContain("Indicatori scelti insieme");
  expect(await seriousA11yViolations(writer.page)).toEqual([]);

  // A reply to a published note waits too.
  const published = await NoteModel.findOne({ status: "published" }).lean();
  await writer.page.goto(`${web.baseUrl}/notes/${String(published!._id)}`);
  await writer.page.click(".atl-note-actions details:has(textarea) summary");
  await writer.page.fill(`#reply-${String(published!._id)}`, "Anche da noi ha funzionato.");
  await Promise.all([
    writer.page.waitForURL(/notice=reply_pending/),
    writer.page.click(`form[action="/notes/${String(published!._id)}/replies"] button[type="submit"]`),
  ]);
  expect(await writer.page.textContent(".alert-success")).toContain("La risposta sarà visibile a tutti");
  expect(await seriousA11yViolations(writer.page)).toEqual([]);
  expect(writer.consoleErrors).toEqual([]);
  await writer.context.close();

  // The coordinator tries to reject without a reason: the choice stays, the error sits by the field.
  const mod = await web.newPage();
  await loginInBrowser(mod.page, web.baseUrl, coordinator);
  await mod.page.goto(`${web.baseUrl}/moderation/notes`);
  await mod.page.click(`label[for="sel-${String(tableNote!._id)}"]`);
  await mod.page.selectOption("#bulk-action", "reject");
  await mod.page.click('#queue-form button[type="submit"]');
  await mod.page.waitForSelector("#bulk-reason-error");
  expect(await mod.page.isChecked(`#sel-${String(tableNote!._id)}`)).toBe(true);
  expect(await mod.page.textContent("#bulk-reason-error")).toContain("Scrivi un motivo.");
  expect(await mod.page.textContent("#queue-replies")).toContain("Risposte in attesa");
  expect(await seriousA11yViolations(mod.page)).toEqual([]);
  await mod.context.close();
});
