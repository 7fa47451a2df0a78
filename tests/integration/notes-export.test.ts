// Notes in bulk: the CSV/JSON download (published for everyone, every status for coordinators, hidden
// projects' notes left out, spreadsheet formulas neutralised) and the paged JSON API.
import mongoose from "mongoose";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { loginAs, type LoggedIn } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { noteBy, QUESTION, resetMongo, seedCatalogue, THEME } from "./notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

let member: LoggedIn;
let coordinator: LoggedIn;
let ids: Record<string, string>;

/** A contribution to a working table that names no project (as a session's form sends it). */
async function tableContribution(who: LoggedIn, body: string): Promise<string> {
  const actor = { id: who.user.id, name: who.user.name, role: who.user.role };
  const note = await ctx.services.notes.core.contribute(
    { actor },
    {
      kind: "recommendation",
      theme: THEME,
      question: QUESTION,
      body,
      tableSession: String(new mongoose.Types.ObjectId()),
      event: String(new mongoose.Types.ObjectId()),
    },
  );
  return String(note._id);
}

beforeEach(async () => {
  await resetMongo(ctx);
  await seedCatalogue(ctx);
  member = await loginAs(ctx, "member");
  coordinator = await loginAs(ctx, "coordinator");
  ids = {
    published: await noteBy(ctx, coordinator, {
      title: '=HYPERLINK("http://evil.example","clic")',
      kind: "worked",
      question: QUESTION,
      tags: ["mediazione"],
    }),
    pending: await noteBy(ctx, member, { title: "Nota in attesa" }),
    table: await tableContribution(coordinator, "Serve un referente unico per tavolo"),
  };
});

function csvRows(text: string): string[] {
  return text
    .replace(/^\ufeff/, "")
    .trim()
    .split("\r\n");
}

test("When anyone downloads the notes as CSV, then only published notes come, with project, table, question and kind, formulas neutralised", async () => {
  const res = await ctx.agent().get("/export/notes.csv");
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toContain("text/csv");
  expect(res.headers["content-disposition"]).toMatch(
    /attachment; filename="atlante-note-\d{4}-\d{2}-\d{2}\.csv"/,
  );
  const rows = csvRows(res.text);
  expect(rows[0]).toBe(
    "id,url,status,kind,kindLabel,table,tableLabel,question,questionText,project,projectTitle,title,body,tags,author,guest,publishedAt,createdAt,useful,replies,rejectReason,demo",
  );
  expect(rows).toHaveLength(3);
  expect(res.text).not.toContain("Nota in attesa");
  const published = rows.find((r) => r.startsWith(ids.published!))!;
  expect(published).toContain(`,worked,Ha funzionato,${THEME},`);
  expect(published).toContain(`,${QUESTION},`);
  expect(published).toContain(",open,Sportello aperto,");
  expect(published).toContain(`"'=HYPERLINK(""http://evil.example"",""clic"")"`);
  expect(published).toContain(",mediazione,");
  const table = rows.find((r) => r.startsWith(ids.table!))!;
  expect(table).toContain(",recommendation,Raccomandazione,");
  expect(table).toMatch(/,,,Serve un referente unico per tavolo,/);
});

test("When a coordinator downloads the notes as JSON, then every status comes, a table's note with no project", async () => {
  const res = await coordinator.agent.get("/export/notes.json");
  expect(res.status).toBe(200);
  const notes = JSON.parse(res.text) as { id: string; status: string; project: unknown; table: string }[];
  expect(notes.map((n) => n.id).sort()).toEqual(Object.values(ids).sort());
  expect(notes.find((n) => n.id === ids.pending)!.status).toBe("pending");
  const table = notes.find((n) => n.id === ids.table)!;
  expect(table.project).toBeNull();
  expect(table.table).toBe(THEME);
  const anon = JSON.parse((await ctx.agent().get("/export/notes.json")).text) as { id: string }[];
  expect(anon.map((n) => n.id)).not.toContain(ids.pending);
});

test("When a project goes back to draft, then its notes leave the public export and API but not the coordinators' export", async () => {
  await ProjectModel.updateOne({ slug: "open" }, { $set: { status: "draft" } });
  ctx.services.notes.core.changed();
  const anon = JSON.parse((await ctx.agent().get("/export/notes.json")).text) as { id: string }[];
  expect(anon.map((n) => n.id)).toEqual([ids.table]);
  const api = await ctx.agent().get("/api/v1/notes");
  expect(api.body.total).toBe(1);
  const coord = JSON.parse((await coordinator.agent.get("/export/notes.json")).text) as { id: string }[];
  expect(coord).toHaveLength(3);
});

test("When the notes API is paged and filtered, then it answers the right page, total and notes", async () => {
  const first = await ctx.agent().get("/api/v1/notes?limit=1");
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ page: 1, limit: 1, total: 2, pages: 2 });
  const second = await ctx.agent().get("/api/v1/notes?limit=1&page=2");
  expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
  const idsOf = (body: unknown) => (body as { data: { id: string }[] }).data.map((n) => n.id);
  expect(idsOf((await ctx.agent().get("/api/v1/notes?project=none")).body)).toEqual([ids.table]);
  const onProject = await ctx.agent().get("/api/v1/notes?project=open&kind=worked");
  expect(idsOf(onProject.body)).toEqual([ids.published]);
  expect(onProject.body.data[0].project).toEqual({ slug: "open", title: "Sportello aperto" });
  expect((await ctx.agent().get("/api/v1/notes?tag=mediazione")).body.total).toBe(1);
  // A signed-in coordinator still reads only published notes through the public API.
  expect((await coordinator.agent.get("/api/v1/notes")).body.total).toBe(2);
});

test("When the notes API gets bad or unknown filters, then it answers 400 or 404 in JSON", async () => {
  const bad = await ctx.agent().get("/api/v1/notes?limit=1000");
  expect(bad.status).toBe(400);
  expect(bad.body.code).toBe("validation_failed");
  expect((await ctx.agent().get("/api/v1/notes?kind=%24where")).status).toBe(400);
  expect((await ctx.agent().get("/api/v1/notes?project[$ne]=x")).status).toBe(400);
  expect((await ctx.agent().get("/api/v1/notes?extra=1")).status).toBe(400);
  expect((await ctx.agent().get("/api/v1/notes?project=nope")).status).toBe(404);
  expect((await ctx.agent().get("/export/notes.xml")).status).toBe(400);
});

test("When the OpenAPI document is read, then it describes the notes API", async () => {
  const doc = (await ctx.agent().get("/api/v1/openapi.json")).body;
  expect(doc.paths["/api/v1/notes"].get.operationId).toBe("listNotes");
  expect(doc.components.schemas.NoteRecord.properties.project.type).toEqual(["object", "null"]);
});
