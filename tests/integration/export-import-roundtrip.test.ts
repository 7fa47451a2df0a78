// Export of the catalogue (CSV/JSON, from the UI route) and the round trip: export -> import into an
// empty catalogue -> the same projects; and the coordinators' upload page.
import { ProjectModel } from "../../src/modules/projects/project.model";
import { RevisionModel } from "../../src/modules/projects/revision.model";
import { parseCsv, parseImportFile } from "../../src/modules/projects/import.format";
import { snapshotOf } from "../../src/modules/projects/project.snapshot";
import { translator } from "../../src/web/i18n/index";
import type { Actor } from "../../src/modules/accounts/actor";
import { useTestApp } from "../support/test-app";
import { loginAs } from "../support/auth";

const ctx = useTestApp();
const coordinator: Actor = { id: "c1", name: "Carla Coordinatrice", role: "coordinator" };

beforeEach(async () => {
  await ctx.services.taxonomy.seed();
});

async function catalogue() {
  const projects = await ProjectModel.find().sort({ slug: 1 }).lean();
  return projects.map((p) => snapshotOf(p));
}

async function seedCatalogue() {
  const full = {
    title: '=HYPERLINK("http://evil.example","clic") Ponti, "parole" e righe',
    cup: "J12B34000000001",
    summary: "- inizia con un trattino\nsu due righe; con punto e virgola",
    description: "Testo **Markdown**\n\n<script>alert(1)</script>",
    fundingProgramme: "fami-2014-2020",
    call: "Avviso 2019",
    leadOrganisation: "+Cooperativa Il Mandorlo",
    partners: "Comune di Aulla\n@Associazione Voci",
    zones: ["lunigiana", "versilia"],
    provinces: ["MS", "LU"],
    startDate: "2020-01-15",
    endDate: "2021-06-30",
    budget: "125.000,50",
    targetGroups: ["richiedenti-asilo"],
    themes: ["accessibilita-servizi", "governance-multilivello"],
    tags: ["italiano-l2"],
    outcomes: "Risultati",
    links: "Sito del progetto|https://example.org/ponti?a=1&b=2\nhttps://example.org/altro",
    contactName: "Anna",
    contactEmail: "anna@example.org",
    contactPhone: "+39 055 123456",
  };
  await ctx.services.projects.create(coordinator, full, { status: "published" });
  await ctx.services.projects.create(coordinator, { title: "Bozza minima" });
  await ctx.services.projects.create(
    coordinator,
    { title: "In revisione", zones: ["versilia"] },
    { status: "in_review" },
  );
  const archived = await ctx.services.projects.create(
    coordinator,
    { title: "Archiviato" },
    { status: "published" },
  );
  await ctx.services.projects.transition(coordinator, String(archived._id), "archive", archived.version);
}

describe("export", () => {
  it("When an anonymous visitor exports, then only published projects are in the file; a coordinator gets every status", async () => {
    await seedCatalogue();
    const anon = await ctx.agent().get("/export/projects.json").expect(200);
    expect(anon.headers["content-disposition"]).toMatch(
      /attachment; filename="atlante-progetti-\d{4}-\d{2}-\d{2}\.json"/,
    );
    expect((JSON.parse(anon.text) as { status: string }[]).map((p) => p.status)).toEqual(["published"]);
    const { agent } = await loginAs(ctx, "coordinator");
    const all = await agent.get("/export/projects.json").expect(200);
    expect((JSON.parse(all.text) as { status: string }[]).map((p) => p.status).sort()).toEqual([
      "archived",
      "draft",
      "in_review",
      "published",
    ]);
    await ctx.agent().get("/export/projects.xml").expect(400);
  });

  it("When an anonymous visitor exports, then contacts are left out; a signed-in member gets them", async () => {
    await seedCatalogue();
    for (const format of ["json", "csv"]) {
      const anon = await ctx.agent().get(`/export/projects.${format}`).expect(200);
      expect(anon.text).not.toContain("anna@example.org");
      expect(anon.text).not.toContain("+39 055 123456");
    }
    const { agent } = await loginAs(ctx, "member");
    const member = await agent.get("/export/projects.json").expect(200);
    expect(member.text).toContain("anna@example.org");
  });

  it("When the catalogue is exported as CSV, then formula-looking cells are neutralised with an apostrophe", async () => {
    await seedCatalogue();
    const { agent } = await loginAs(ctx, "coordinator");
    const res = await agent.get("/export/projects.csv").expect(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.text.startsWith("\ufeffcup,slug,title,status,")).toBe(true);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""clic"") Ponti, ""parole"" e righe"`);
    expect(res.text).toContain(`'+Cooperativa Il Mandorlo`);
    expect(res.text).toContain(`"'+39 055 123456"`.replace(/"/g, "")); // the phone, neutralised
    // No cell of the file starts with a formula character.
    const cells = parseCsv(res.text.slice(1)).flatMap((r) => r.cells);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  for (const format of ["csv", "json"] as const) {
    it(`When the ${format.toUpperCase()} export is imported into an empty catalogue, then the catalogue is identical`, async () => {
      await seedCatalogue();
      const before = await catalogue();
      const { agent } = await loginAs(ctx, "coordinator");
      const file = await agent
        .get(`/export/projects.${format}`)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => cb(null, Buffer.concat(chunks)));
        });
      await ProjectModel.deleteMany({});
      await RevisionModel.deleteMany({});
      const parsed = parseImportFile(file.body as Buffer, `export.${format}`);
      const report = await ctx.services.imports.importRows(coordinator, parsed.rows, translator("en"));
      expect(report).toMatchObject({ created: 4, failed: 0, errors: [] });
      expect(await catalogue()).toEqual(before);
      // And importing the same export again changes nothing.
      const again = await ctx.services.imports.importRows(
        coordinator,
        parseImportFile(file.body as Buffer, `export.${format}`).rows,
        translator("en"),
      );
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, failed: 0 });
    });
  }
});

describe("import page", () => {
  const upload = async (
    agent: import("supertest").Agent,
    csrf: string,
    body: Buffer,
    name: string,
    dryRun = false,
  ) => {
    const req = agent.post(`/admin/import?_csrf=${encodeURIComponent(csrf)}`).set("accept", "text/html");
    if (dryRun) void req.field("dryRun", "1");
    return req.attach("file", body, name);
  };

  it("When a coordinator uploads a file with a bad row, then the page reports the line and field, and the good row is stored", async () => {
    const login = await loginAs(ctx, "coordinator");
    const { agent } = login;
    const csrf = () => login.csrf();
    const page = await agent.get("/admin/import").expect(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    const file = Buffer.from("title,startDate\nBuono,2020-01-01\n<script>alert(1)</script>,2023-02-30\n");
    const res = await upload(agent, await csrf(), file, "progetti.csv");
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/2 righe: 1 progetto creato, 0 aggiornati, 0 invariati, 1 con errori/);
    const created = await ProjectModel.findOne().lean();
    expect(res.text).toContain(`<a href="/projects/${created!.slug}">Buono</a>`);
    expect(res.text).toMatch(/<td>3<\/td><td><code>startDate<\/code><\/td>/);
    expect(res.text).not.toContain("<script>alert(1)</script>");
    expect(await ProjectModel.countDocuments()).toBe(1);
  });

  it("When the upload is a dry run, Latin-1, empty or missing, then nothing is stored and the page says why next to the field", async () => {
    const login = await loginAs(ctx, "coordinator");
    const { agent } = login;
    const csrf = () => login.csrf();
    const dry = await upload(agent, await csrf(), Buffer.from("title\nProva\n"), "p.csv", true);
    expect(dry.text).toMatch(/nessun progetto è stato modificato/);
    const latin = await upload(agent, await csrf(), Buffer.from("title\nCittà\n", "latin1"), "p.csv");
    expect(latin.status).toBe(400);
    expect(latin.text).toMatch(/id="import-file-error"[^>]*>[^<]*Latin-1/);
    expect(latin.text).toContain('aria-describedby="import-file-error"');
    const empty = await upload(agent, await csrf(), Buffer.alloc(0), "p.csv");
    expect(empty.status).toBe(400);
    const none = await agent
      .post(`/admin/import?_csrf=${encodeURIComponent(await csrf())}`)
      .field("dryRun", "1");
    expect(none.status).toBe(400);
    expect(none.text).toMatch(/Scegli un file da importare/);
    expect(await ProjectModel.countDocuments()).toBe(0);
  });

  it("When a coordinator opens the import page, then it links the format document and a template to download", async () => {
    const { agent } = await loginAs(ctx, "coordinator");
    const page = await agent.get("/admin/import");
    expect(page.text).toContain('href="/admin/import/format"');
    expect(page.text).toContain('href="/admin/import/template.csv"');
    const format = await agent.get("/admin/import/format");
    expect(format.status).toBe(200);
    expect(format.text).toContain("Import and export format of the catalogue");
    expect(format.text).toContain('href="/admin/import/template.csv"');
    const template = await agent.get("/admin/import/template.csv");
    expect(template.status).toBe(200);
    expect(template.headers["content-disposition"]).toContain("attachment");
    expect(template.text.split("\n")[0]).toMatch(/^cup,slug,title,status,/);
    expect(template.text).toContain("(esempio)");
    const member = await loginAs(ctx, "member");
    expect((await member.agent.get("/admin/import/template.csv")).status).toBe(403);
  });

  it("When a member or a request without CSRF token uploads, then it is refused", async () => {
    const member = await loginAs(ctx, "member");
    const res = await upload(member.agent, await member.csrf(), Buffer.from("title\nX\n"), "p.csv");
    expect(res.status).toBe(403);
    const { agent } = await loginAs(ctx, "coordinator");
    const noToken = await agent.post("/admin/import").attach("file", Buffer.from("title\nX\n"), "p.csv");
    expect(noToken.status).toBe(403);
    expect(await ProjectModel.countDocuments()).toBe(0);
  });
});
