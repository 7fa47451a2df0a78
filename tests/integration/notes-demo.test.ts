// Demo notes: loaded with the demo projects, fictional and labelled, every kind and working table.
import { NoteModel } from "../../src/modules/notes/note.model";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { seedDemoNotes } from "../../src/seed/demo/notes-seed";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ env: { DEMO_CONTENT: "true" }, resetBeforeEach: false });

test("When the app starts with demo content, then about 80 published demo notes cover every kind and working table", async () => {
  const notes = await NoteModel.find({ demo: true, tableSession: null }).lean();
  expect(notes.length).toBeGreaterThanOrEqual(75);
  expect(notes.length).toBeLessThanOrEqual(90);
  expect(notes.every((n) => n.status === "published")).toBe(true);
  expect(new Set(notes.map((n) => n.kind))).toEqual(
    new Set(["worked", "worked_less", "recommendation", "lesson"]),
  );
  expect(new Set(notes.map((n) => n.theme)).size).toBe(4);
  expect(notes.every((n) => n.body.includes("Nota di esempio"))).toBe(true);
  const vocab = await ctx.services.taxonomy.vocabulary();
  for (const n of notes) {
    const theme = vocab.get("theme", n.theme);
    expect(theme).toBeDefined();
    if (n.question) expect(theme!.guidingQuestions.map((q) => q.id)).toContain(n.question);
  }
  const project = await ProjectModel.findById(notes[0]!.project).lean();
  const page = await ctx.agent().get(`/projects/${project!.slug}`);
  expect(page.text).toContain(notes[0]!.title.replace(/'/g, "&#39;"));
  expect(page.text).toContain("Nota di esempio (contenuto fittizio)");
});

test("When demo seeding runs again, then no note is added twice", async () => {
  const before = await NoteModel.countDocuments({ demo: true });
  expect((await seedDemoNotes(ctx.infra.mongo)).created).toBe(0);
  expect(await NoteModel.countDocuments({ demo: true })).toBe(before);
});
