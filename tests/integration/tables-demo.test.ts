// The seminar as demo content: loaded on first start with the demo projects, real facts of the event,
// four closed sessions, about 40 fictional contributions marked "esempio", two example synthesis reports;
// loading it again adds nothing.
import { NoteModel } from "../../src/modules/notes/note.model";
import { EventModel } from "../../src/modules/tables/event.model";
import { ReportModel } from "../../src/modules/tables/report.model";
import { TableSessionModel } from "../../src/modules/tables/session.model";
import { seedDemoSeminar } from "../../src/seed/demo/seminar-seed";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ env: { DEMO_CONTENT: "true" }, resetBeforeEach: false });

test("When the app starts with demo content, then the seminar, its four sessions and about 40 example contributions are there", async () => {
  const events = await EventModel.find({}).lean();
  expect(events).toHaveLength(1);
  const event = events[0]!;
  expect(event).toMatchObject({
    online: true,
    participants: 60,
    organisers: ["Regione Toscana", "ANCI Toscana"],
    demo: true,
  });
  expect(event.date.toISOString().slice(0, 10)).toBe("2021-09-17");
  const sessions = await TableSessionModel.find({ event: event._id }).lean();
  expect(sessions.map((s) => s.theme).sort()).toEqual([
    "accessibilita-servizi",
    "coinvolgimento-comunita",
    "governance-multilivello",
    "monitoraggio-valutazione",
  ]);
  expect(sessions.every((s) => s.status === "closed" && s.facilitator.name.includes("(esempio)"))).toBe(true);
  const notes = await NoteModel.find({ event: event._id }).lean();
  expect(notes.length).toBeGreaterThanOrEqual(35);
  expect(notes.length).toBeLessThanOrEqual(45);
  expect(notes.every((n) => n.demo && n.guest && n.body.includes("Contributo di esempio"))).toBe(true);
  expect(notes.every((n) => n.author.name.includes("(esempio)"))).toBe(true);
  expect(new Set(notes.map((n) => n.kind)).size).toBe(4);
  expect(new Set(notes.map((n) => String(n.tableSession))).size).toBe(4);
  expect(notes.filter((n) => n.project).length).toBeGreaterThan(20);
  const page = await ctx.agent().get(`/events/${String(event._id)}`);
  expect(page.text).toContain("Esempio: i contributi di questo evento sono inventati.");
  const table = await ctx.agent().get("/tables/accessibilita-servizi");
  expect(table.text).toContain("Contributo di esempio");
});

test("When the demo seminar is loaded again, then nothing is added", async () => {
  const before = await NoteModel.countDocuments({});
  expect(await seedDemoSeminar(ctx.infra.mongo)).toEqual({ created: 0 });
  expect(await NoteModel.countDocuments({})).toBe(before);
  expect(await TableSessionModel.countDocuments({})).toBe(4);
});

test("When the app starts with demo content, then a published and a draft example report of the seminar cite its contributions", async () => {
  const reports = await ReportModel.find({ demo: true }).sort({ slug: 1 }).lean();
  expect(reports.map((r) => [r.title, r.status])).toEqual([
    ["Bozza: sintesi del tavolo 1 (esempio)", "draft"],
    ["Sintesi dei tavoli di lavoro del seminario (esempio)", "published"],
  ]);
  const published = reports[1]!;
  expect(published.citedNotes.length).toBeGreaterThan(20);
  const page = await ctx.agent().get(`/reports/${published.slug}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain("Contenuto di esempio");
  expect(page.text).toContain('href="#ref-1"');
  expect(page.text).not.toContain("fonte ritirata");
  expect((await ctx.agent().get(`/reports/${reports[0]!.slug}`)).status).toBe(404);
});
