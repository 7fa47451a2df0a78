// The working tables' pages: guiding questions with their notes by kind, counts by zone, target group and
// year (only of projects readers may see), the charts as accessible SVG with the same numbers as a table,
// and the page following note changes.
import { NoteModel } from "../../src/modules/notes/note.model";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { resetTables } from "./tables-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });
const THEME = "accessibilita-servizi";

/** Projects with zones, target groups and years, and notes on the table: the counts below follow from them. */
async function seedTable() {
  const base = {
    summary: "Progetto di prova (fittizio).",
    themes: [THEME],
    status: "published" as const,
    publishedAt: new Date() as Date | null,
  };
  const [lunigiana, twoZones, draft] = await ProjectModel.insertMany([
    {
      ...base,
      title: "Lunigiana inclusiva",
      sortTitle: "lunigiana",
      slug: "lunigiana-inclusiva",
      zones: ["lunigiana"],
      targetGroups: ["donne-migranti"],
      startYear: 2019,
    },
    {
      ...base,
      title: "Due zone insieme",
      sortTitle: "due zone",
      slug: "due-zone",
      zones: ["lunigiana", "apuane"],
      targetGroups: ["msna"],
      startYear: 2021,
    },
    {
      ...base,
      title: "Bozza",
      sortTitle: "bozza",
      slug: "bozza-nascosta",
      zones: ["elba"],
      startYear: 2018,
      status: "draft" as const,
      publishedAt: null,
    },
  ]);
  const note = (
    project: unknown,
    kind: string,
    question: string | null,
    title: string,
    status = "published",
  ) => ({
    project,
    author: { id: "a1", name: "Autrice (esempio)" },
    kind,
    theme: THEME,
    question,
    title,
    body: `Testo di ${title}`,
    status,
    publishedAt: status === "published" ? new Date() : null,
  });
  await NoteModel.insertMany([
    note(lunigiana!._id, "worked", "t4-q2", "Mediazione al primo colloquio"),
    note(lunigiana!._id, "worked", "t4-q2", "Sportello il sabato"),
    note(twoZones!._id, "recommendation", "t4-q4", "Glossario condiviso"),
    note(twoZones!._id, "worked_less", "t4-q3", "Orari scomodi"),
    note(null, "lesson", "t4-q1", "Contributo senza progetto"),
    note(draft!._id, "worked", "t4-q2", "Nota su una bozza"),
    note(lunigiana!._id, "worked", "t4-q2", "Nota in attesa", "pending"),
    { ...note(lunigiana!._id, "lesson", null, "Nota di un altro tavolo"), theme: "governance-multilivello" },
  ]);
  ctx.services.tables.pages.clear();
}

/** The rows of the HTML table of a chart, as [label, ...numbers]. */
function tableRows(html: string, chartId: string): string[][] {
  const table =
    new RegExp(`<table[^>]*data-chart="${chartId}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? "";
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!),
  );
}

function svgOf(html: string, chartId: string): string {
  return new RegExp(`<svg[^>]*id="${chartId}-svg"[\\s\\S]*?</svg>`).exec(html)?.[0] ?? "";
}

beforeEach(async () => {
  await resetTables(ctx);
  await seedTable();
});

test("When the tables index is asked for, then it lists the four tables with their published notes", async () => {
  const res = await ctx.agent().get("/tables");
  expect(res.status).toBe(200);
  expect(res.text).toContain("Tavolo 1: Governance multilivello e multistakeholder");
  expect(res.text).toContain("Tavolo 4: Accessibilità dei servizi: universalismo e specificità");
  expect(res.text).toContain("5 note");
  expect(res.text).toContain("1 nota");
});

test("When a table's page is asked for, then its guiding questions list the published notes by kind, with their projects", async () => {
  const res = await ctx.agent().get(`/tables/${THEME}`);
  expect(res.status).toBe(200);
  expect(res.text).toContain("Quali elementi hanno funzionato?");
  expect(res.text).toContain("Mediazione al primo colloquio");
  expect(res.text).toContain("Glossario condiviso");
  expect(res.text).toContain("Contributo senza progetto");
  expect(res.text).not.toContain("Nota su una bozza");
  expect(res.text).not.toContain("Nota in attesa");
  expect(res.text).not.toContain("Nota di un altro tavolo");
  expect(res.text).toContain('href="/projects/lunigiana-inclusiva"');
  expect(res.text).toContain("5 in tutto; 1 senza un progetto collegato");
});

test("When the charts are drawn, then each is an SVG image with a title and a description, and its table has the same numbers", async () => {
  const res = await ctx.agent().get(`/tables/${THEME}`);
  const prefix = `chart-${THEME}`;
  for (const kind of ["kinds", "zones", "groups", "years"]) {
    const svg = svgOf(res.text, `${prefix}-${kind}`);
    expect(svg).toMatch(/role="img"/);
    expect(svg).toMatch(
      new RegExp(`aria-labelledby="${prefix}-${kind}-svg-title ${prefix}-${kind}-svg-desc"`),
    );
    expect(svg).toMatch(/<title id="[^"]+">[^<]+<\/title>/);
    expect(svg).toMatch(/<desc id="[^"]+">[^<]+<\/desc>/);
    expect(svg).not.toContain("<style");
  }
  // Lunigiana: 2 notes of its own project + 2 of the project in two zones; Apuane: 2; the draft's Elba: none.
  const zones = tableRows(res.text, `${prefix}-zones`);
  expect(zones).toEqual([
    ["Lunigiana", "4"],
    ["Apuane", "2"],
  ]);
  expect(svgOf(res.text, `${prefix}-zones`)).toContain("Lunigiana: 4; Apuane: 2.");
  expect(tableRows(res.text, `${prefix}-years`)).toEqual([
    ["2019", "2"],
    ["2021", "2"],
  ]);
  const kinds = tableRows(res.text, `${prefix}-kinds`);
  expect(kinds).toEqual([
    ["Domanda 1", "0", "0", "0", "1", "1"],
    ["Domanda 2", "2", "0", "0", "0", "2"],
    ["Domanda 3", "0", "1", "0", "0", "1"],
    ["Domanda 4", "0", "0", "1", "0", "1"],
  ]);
  // The bars' value labels are the same numbers.
  const zoneLabels = [...svgOf(res.text, `${prefix}-zones`).matchAll(/<text[^>]*>(\d+)<\/text>/g)].map(
    (m) => m[1],
  );
  expect(zoneLabels).toEqual(expect.arrayContaining(["4", "2"]));
});

test("When the page is asked for in English, then the charts are labelled in English", async () => {
  const res = await ctx.agent().get(`/tables/${THEME}`).set("cookie", "lang=en");
  expect(res.text).toContain("Notes by zone-distretto");
  expect(res.text).toContain("Question 2");
});

test("When the page is narrowed to a guiding question, then the counts and charts are of that question", async () => {
  const res = await ctx.agent().get(`/tables/${THEME}?question=t4-q4`);
  expect(res.status).toBe(200);
  expect(res.text).toContain("Glossario condiviso");
  expect(res.text).not.toContain("Mediazione al primo colloquio");
  expect(tableRows(res.text, `chart-${THEME}-t4-q4-zones`)).toEqual([
    ["Apuane", "1"],
    ["Lunigiana", "1"],
  ]);
});

test("When a table, a question or a page does not exist, or the query is bad, then the answer is 404 or 400, not 500", async () => {
  expect((await ctx.agent().get("/tables/nessuno")).status).toBe(404);
  expect((await ctx.agent().get(`/tables/${THEME}?question=t1-q1`)).status).toBe(404);
  expect((await ctx.agent().get(`/tables/${THEME}?question[]=x`)).status).toBe(400);
  expect((await ctx.agent().get(`/tables/${THEME}?other=1`)).status).toBe(400);
  expect((await ctx.agent().get(`/tables/${THEME}/notes?page=0`)).status).toBe(400);
  expect((await ctx.agent().get(`/tables/${THEME}/notes?page=99`)).status).toBe(404);
  expect((await ctx.agent().get(`/tables/${THEME}/notes?kind=nope`)).status).toBe(400);
});

test("When a table's notes are listed by kind, then only that kind's published notes are shown", async () => {
  const res = await ctx.agent().get(`/tables/${THEME}/notes?kind=worked`);
  expect(res.status).toBe(200);
  expect(res.text).toContain("Mediazione al primo colloquio");
  expect(res.text).toContain("Sportello il sabato");
  expect(res.text).not.toContain("Glossario condiviso");
  expect(res.text).not.toContain("Nota su una bozza");
});

test("When a pending note is approved, then the table's page counts it at once", async () => {
  const before = await ctx.agent().get(`/tables/${THEME}`);
  expect(tableRows(before.text, `chart-${THEME}-zones`)[0]).toEqual(["Lunigiana", "4"]);
  const coordinator = await loginAs(ctx, "coordinator");
  const pending = await NoteModel.findOne({ status: "pending" }).lean();
  await coordinator.agent
    .post("/moderation/notes")
    .type("form")
    .send({ _csrf: await coordinator.csrf(), action: "approve", ids: String(pending!._id) })
    .expect(200);
  const after = await ctx.agent().get(`/tables/${THEME}`);
  expect(tableRows(after.text, `chart-${THEME}-zones`)[0]).toEqual(["Lunigiana", "5"]);
  expect(after.text).toContain("Nota in attesa");
});
