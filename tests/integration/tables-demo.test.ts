// The seminar as demo content: loaded on first start with the demo projects, real facts of the event,
// four closed sessions, about 40 fictional contributions marked "esempio"; loading it again adds nothing.
import { NoteModel } from "../../src/modules/notes/note.model";
import { EventModel } from "../../src/modules/tables/event.model";
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
