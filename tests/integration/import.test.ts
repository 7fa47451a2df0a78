// Import of CSV/JSON files through the import service (the path of both the CLI and the upload),
// against real MongoDB: good rows in, bad rows reported by line and field, stored projects untouched.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { RevisionModel } from "../../src/modules/projects/revision.model";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { TagModel } from "../../src/modules/taxonomy/tag.model";
import { ImportFileError, parseImportFile } from "../../src/modules/projects/import.format";
import {
  importCommand,
  parseImportArgs,
  UsageError,
  type CliOutput,
} from "../../src/modules/projects/import.cli";
import { translator } from "../../src/web/i18n/index";
import type { Actor } from "../../src/modules/accounts/actor";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();
const coordinator: Actor = { id: "c1", name: "Carla Coordinatrice", role: "coordinator" };
const t = translator("en");

beforeEach(async () => {
  await ctx.services.taxonomy.seed();
});

const HEADER = "cup,slug,title,status,themes,zones,tags,startDate,endDate,budget,partners";
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join("\n") + "\n", "utf8");

async function importBuffer(bytes: Buffer, name = "file.csv", dryRun = false) {
  const parsed = parseImportFile(bytes, name);
  return ctx.services.imports.importRows(coordinator, parsed.rows, t, { dryRun });
}

function fileErrorOf(bytes: Buffer, name = "file.csv"): string {
  try {
    parseImportFile(bytes, name);
  } catch (err) {
    if (err instanceof ImportFileError) return t(err.key, err.params);
    throw err;
  }
  throw new Error("expected a file error");
}

describe("import: good files", () => {
  it("When a CSV is imported, then each row is a project with a revision and an outbox entry, and a second import changes nothing", async () => {
    const file = csv(
      'J12B34000000001,ponti,Ponti di parole,published,accessibilita-servizi,lunigiana,italiano-l2,2020-01-15,2021-06-30,"125.000,50","Comune di Aulla\nAssociazione Voci"',
      ",,Casa comune,draft,governance-multilivello,versilia,,2021-03-01,,,",
    );
    const first = await importBuffer(file);
    expect(first).toMatchObject({ rows: 2, created: 2, updated: 0, failed: 0, errors: [] });
    const ponti = await ProjectModel.findOne({ cup: "J12B34000000001" }).lean();
    expect(ponti).toMatchObject({
      slug: "ponti",
      status: "published",
      budgetCents: 12500050,
      partners: ["Comune di Aulla", "Associazione Voci"],
      provinces: ["MS"],
      version: 1,
    });
    expect(ponti!.publishedAt).toBeInstanceOf(Date);
    const casa = await ProjectModel.findOne({ title: "Casa comune" }).lean();
    expect(casa).toMatchObject({ slug: "casa-comune", status: "draft" });
    expect(await RevisionModel.countDocuments()).toBe(2);
    expect(await OutboxModel.countDocuments({ type: "project" })).toBe(2);
    const tag = await TagModel.findOne({ slug: "italiano-l2" }).lean();
    expect(tag!.usageCount).toBe(1);

    const again = await importBuffer(
      csv(
        'J12B34000000001,ponti,Ponti di parole,published,accessibilita-servizi,lunigiana,italiano-l2,2020-01-15,2021-06-30,"125.000,50","Comune di Aulla\nAssociazione Voci"',
        ",casa-comune,Casa comune,draft,governance-multilivello,versilia,,2021-03-01,,,",
      ),
    );
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 0 });
    expect(await ProjectModel.countDocuments()).toBe(2);
    expect(await RevisionModel.countDocuments()).toBe(2);
  });

  it("When a row has the CUP of a stored project, then that project is updated (new version, old slug kept), else the slug matches", async () => {
    await importBuffer(
      csv("J12B34000000001,ponti,Ponti di parole,draft,,,,,,,", ",casa,Casa comune,draft,,,,,,,"),
    );
    const report = await importBuffer(
      csv(
        "J12B34000000001,ponti-nuovi,Ponti nuovi,published,,,,,,,",
        ",casa,Casa comune rinnovata,draft,,,,,,,",
      ),
    );
    expect(report).toMatchObject({ created: 0, updated: 2, failed: 0 });
    const ponti = await ProjectModel.findOne({ cup: "J12B34000000001" }).lean();
    expect(ponti).toMatchObject({
      slug: "ponti-nuovi",
      oldSlugs: ["ponti"],
      title: "Ponti nuovi",
      status: "published",
    });
    expect(ponti!.version).toBeGreaterThan(1);
    expect(await ProjectModel.findOne({ slug: "casa" }).lean()).toMatchObject({
      title: "Casa comune rinnovata",
    });
    expect(await ProjectModel.countDocuments()).toBe(2);
  });

  it("When a file has a BOM, semicolons as separators and CRLF line ends, then it imports", async () => {
    const text =
      "\ufefftitle;zones;startDate\r\nPrimo;lunigiana;2020-01-01\r\nSecondo;versilia;2021-02-02\r\n";
    const report = await importBuffer(Buffer.from(text, "utf8"));
    expect(report).toMatchObject({ created: 2, failed: 0 });
    expect(await ProjectModel.findOne({ title: "Primo" }).lean()).toMatchObject({ zones: ["lunigiana"] });
  });

  it("When a JSON file is imported, then arrays, link objects and budgetCents are read", async () => {
    const json = JSON.stringify([
      {
        title: "Rete JSON",
        slug: "rete-json",
        status: "published",
        zones: ["lunigiana"],
        tags: ["italiano-l2"],
        partners: ["A", "B"],
        links: [{ label: "Sito", url: "https://example.org/rete" }],
        budgetCents: 1234567,
      },
    ]);
    const report = await importBuffer(Buffer.from(json), "progetti.json");
    expect(report).toMatchObject({ created: 1, failed: 0 });
    expect(await ProjectModel.findOne({ slug: "rete-json" }).lean()).toMatchObject({
      partners: ["A", "B"],
      links: [{ label: "Sito", url: "https://example.org/rete" }],
      budgetCents: 1234567,
      status: "published",
    });
  });

  it("When a dry run is asked, then the report counts what would happen and nothing is stored", async () => {
    const report = await importBuffer(
      csv(",,Solo prova,draft,,,,,,,", ",,Data falsa,draft,,,,2023-02-30,,,"),
      "f.csv",
      true,
    );
    expect(report).toMatchObject({ dryRun: true, created: 1, failed: 1 });
    expect(await ProjectModel.countDocuments()).toBe(0);
  });
});

describe("import: bad files", () => {
  it("When the file is empty, binary, UTF-16 or not a project table, then it is refused with a clear message", () => {
    expect(fileErrorOf(Buffer.alloc(0))).toBe("The file is empty.");
    expect(fileErrorOf(Buffer.from("  \n\n"))).toBe("The file is empty.");
    expect(fileErrorOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toMatch(
      /not a CSV or JSON file/,
    );
    expect(fileErrorOf(Buffer.from([0xff, 0xfe, 0x74, 0x00]))).toMatch(/UTF-16/);
    expect(fileErrorOf(Buffer.from("name,age\nMario,4\n"))).toMatch(/does not look like a project file/);
    expect(fileErrorOf(Buffer.from("%PDF-1.4 hello"), "report.pdf")).toMatch(/Only .csv and .json/);
    expect(fileErrorOf(Buffer.from("[1,2"), "x.json")).toMatch(/not valid JSON/);
    expect(fileErrorOf(Buffer.from('{"a":1}'), "x.json")).toMatch(/array of projects/);
    expect(fileErrorOf(Buffer.from('title\n"never closed\n'))).toMatch(/line 2 is never closed/);
  });

  it("When the file is Latin-1 instead of UTF-8, then it is refused naming the encoding and the line", () => {
    const latin1 = Buffer.from("title,zones\nCittà aperta,lunigiana\nPerché no,versilia\n", "latin1");
    expect(fileErrorOf(latin1)).toMatch(/not valid UTF-8 \(first invalid byte on line 2\).*Latin-1/);
    expect(translator("it")("import.file.latin1", { line: 2 })).toMatch(/Latin-1/);
  });

  it("When columns are missing, unknown or repeated, then the file is refused and names them", () => {
    expect(fileErrorOf(Buffer.from("slug,zones\nx,lunigiana\n"))).toBe("Missing columns: title.");
    expect(fileErrorOf(Buffer.from("title,zone\nx,lunigiana\n"))).toMatch(
      /Unknown columns: zone\. Known columns: cup, slug, title/,
    );
    expect(fileErrorOf(Buffer.from("title,title\nx,y\n"))).toMatch(/title appears twice/);
  });

  it("When rows are bad (impossible date, unknown zone and tag, bad CUP, short row), then each is reported by line and field, and no zone or tag is invented", async () => {
    const tagsBefore = await TagModel.countDocuments();
    const report = await importBuffer(
      csv(
        ",,Buono,draft,,lunigiana,,2020-01-01,,,",
        ",,Data impossibile,draft,,,,2023-02-30,,,",
        ",,Zona inventata,draft,,atlantide,tag-inventato,,,,",
        "XYZ,,CUP sbagliato,draft,,,,,,,",
        ",,Riga corta",
        ",,Stato strano,pubblicato,,,,,,,",
      ),
    );
    expect(report).toMatchObject({ rows: 6, created: 1, failed: 5 });
    const at = (line: number) =>
      report.errors.filter((e) => e.line === line).map((e) => `${e.field}: ${e.message}`);
    expect(at(3)).toEqual([expect.stringMatching(/^startDate: /)]);
    expect(at(4)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^zones: .*atlantide/),
        expect.stringMatching(/^tags: .*tag-inventato/),
      ]),
    );
    expect(at(5)).toEqual([expect.stringMatching(/^cup: /)]);
    expect(at(6)).toEqual([expect.stringMatching(/^row: has 3 cells, the header has 11 columns/)]);
    expect(at(7)).toEqual([
      expect.stringMatching(/^status: must be one of draft, in_review, published, archived/),
    ]);
    expect(await ProjectModel.countDocuments()).toBe(1);
    expect(await TagModel.countDocuments()).toBe(tagsBefore);
  });

  it("When a multi-line quoted cell precedes a bad row, then the reported line is the line the bad record starts on", async () => {
    const report = await importBuffer(
      csv(',,"Titolo\nsu\ntre righe",draft,,,,,,,', ",,Data impossibile,draft,,,,2023-13-01,,,"),
    );
    expect(report.errors).toEqual([expect.objectContaining({ line: 5, field: "startDate" })]);
  });

  it("When a cell holds 50 MB, then that row is refused as too long and the other rows import", async () => {
    const huge = "x".repeat(50 * 1024 * 1024);
    const bytes = Buffer.from(`title,description\nPiccolo,ok\nEnorme,"${huge}"\nAltro,ok\n`, "utf8");
    const report = await importBuffer(bytes);
    expect(report).toMatchObject({ created: 2, failed: 1 });
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 3,
        field: "description",
        message: expect.stringMatching(/too long \(52428800 characters; at most 100000\)/),
      }),
    ]);
  }, 60_000);

  it("When cells look like formulas, then they are stored as plain text and reported as warnings", async () => {
    const report = await importBuffer(
      Buffer.from('title,summary\n"=HYPERLINK(""http://evil.example"",""click"")",@SUM(A1)\n'),
    );
    expect(report).toMatchObject({ created: 1, failed: 0 });
    expect(report.warnings.map((w) => w.field)).toEqual(["title", "summary"]);
    const p = await ProjectModel.findOne().lean();
    expect(p).toMatchObject({ title: '=HYPERLINK("http://evil.example","click")', summary: "@SUM(A1)" });
  });

  it("When slugs or CUPs collide (in the file, or with another stored project), then the later row is refused and the stored project is untouched", async () => {
    await importBuffer(csv("J12B34000000001,ponti,Ponti di parole,draft,,,,,,,"));
    const before = await ProjectModel.findOne({ slug: "ponti" }).lean();
    const report = await importBuffer(
      csv(
        "J12B34000000002,ponti,Altro progetto stesso slug,draft,,,,,,,",
        ",doppio,Primo doppio,draft,,,,,,,",
        ",doppio,Secondo doppio,draft,,,,,,,",
        "J12B34000000003,,Terzo,draft,,,,,,,",
        "J12B34000000003,,Terzo ripetuto,draft,,,,,,,",
      ),
    );
    const byLine = Object.fromEntries(report.errors.map((e) => [e.line, `${e.field}: ${e.message}`]));
    expect(byLine).toEqual({
      2: "slug: the slug ponti already belongs to another project (CUP J12B34000000001)",
      4: "slug: repeats the project of line 3 (same slug)",
      6: "cup: repeats the project of line 5 (same CUP)",
    });
    expect(report).toMatchObject({ created: 2, failed: 3 });
    expect(await ProjectModel.findOne({ slug: "ponti" }).lean()).toEqual(before);
  });

  it("When a row for a stored project is invalid, then the stored project does not change at all", async () => {
    await importBuffer(csv("J12B34000000001,ponti,Ponti di parole,published,,lunigiana,,2020-01-01,,,"));
    const before = await ProjectModel.findOne({ slug: "ponti" }).lean();
    const report = await importBuffer(
      csv("J12B34000000001,ponti,Titolo nuovo,published,,lunigiana,,2020-02-30,,,"),
    );
    expect(report).toMatchObject({ updated: 0, failed: 1 });
    expect(await ProjectModel.findOne({ slug: "ponti" }).lean()).toEqual(before);
    expect(await RevisionModel.countDocuments()).toBe(1);
  });

  it("When a file of 10,000 rows has 3% bad rows, then the 9,700 good rows import and each of the 300 bad rows is reported", async () => {
    const lines: string[] = [];
    const bad = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const isBad = i % 100 < 3;
      if (isBad) bad.add(i + 2);
      const date = isBad ? "2023-02-30" : `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`;
      lines.push(
        `,,Progetto sintetico ${i},published,accessibilita-servizi,lunigiana,italiano-l2,${date},,${1000 + i},`,
      );
    }
    const report = await importBuffer(csv(...lines));
    expect(report).toMatchObject({ rows: 10_000, created: 9_700, failed: 300 });
    expect(new Set(report.errors.map((e) => e.line))).toEqual(bad);
    expect(await ProjectModel.countDocuments()).toBe(9_700);
    expect(await RevisionModel.countDocuments()).toBe(9_700);
    // One entry per created project. (The first entry makes the indexer create the search index, which is
    // then rebuilt from MongoDB in the background; what the rebuild re-queues meanwhile may repeat some.)
    const queued = await OutboxModel.distinct("docId", { type: "project" });
    const created = await ProjectModel.distinct("_id");
    expect(new Set(queued)).toEqual(new Set(created.map(String)));
    expect((await TagModel.findOne({ slug: "italiano-l2" }).lean())!.usageCount).toBe(9_700);
  }, 120_000);
});

describe("import: command line", () => {
  const capture = (isTTY = false): CliOutput & { stdout: string; stderr: string } => {
    const io = {
      stdout: "",
      stderr: "",
      isTTY,
      out: (s: string) => void (io.stdout += s),
      err: (s: string) => void (io.stderr += s),
    };
    return io;
  };

  it("When the flags are wrong, then a usage error says what is accepted", () => {
    expect(() => parseImportArgs([])).toThrow(/Which file\? Usage: npm run import/);
    expect(() => parseImportArgs(["a.csv", "--force"])).toThrow(UsageError);
    expect(() => parseImportArgs(["a.csv", "--force"])).toThrow(/Unknown option --force/);
    expect(() => parseImportArgs(["a.csv", "b.csv"])).toThrow(/Only one file/);
    expect(() => parseImportArgs(["a.csv", "--lang", "fr"])).toThrow(/--lang needs it or en/);
    expect(parseImportArgs(["a.csv", "--dry-run", "--lang", "it"])).toEqual({
      file: "a.csv",
      dryRun: true,
      lang: "it",
    });
  });

  it("When a file with a bad row is imported from the command line, then each problem is printed as file:line and the exit code is 1; a progress bar is drawn only on a terminal", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlante-import-"));
    const file = path.join(dir, "p.csv");
    const rows = Array.from(
      { length: 300 },
      (_, i) => `,,Riga ${i},draft,,,,${i === 7 ? "2023-02-30" : ""},,,`,
    );
    fs.writeFileSync(file, csv(...rows));
    const io = capture(true);
    const code = await importCommand(ctx.services.imports, coordinator, [file], io);
    expect(code).toBe(1);
    expect(io.stdout).toContain(`${file}:9: error: startDate: `);
    expect(io.stdout).toMatch(/300 rows: 299 created, 0 updated, 0 unchanged, 1 refused/);
    expect(io.stderr).toMatch(/\r\[#+\] 300\/300 rows 100%/);

    const quiet = capture(false);
    expect(await importCommand(ctx.services.imports, coordinator, [file, "--dry-run"], quiet)).toBe(1);
    expect(quiet.stderr).toBe("");
    expect(quiet.stdout).toMatch(
      /Dry run \(nothing saved\): 300 rows: 299 created, 0 updated, 0 unchanged, 1 refused/,
    );

    fs.writeFileSync(file, Buffer.from("title\nCittà\n", "latin1"));
    const latin = capture();
    expect(await importCommand(ctx.services.imports, coordinator, [file], latin)).toBe(1);
    expect(latin.stderr).toMatch(/Latin-1/);
    await expect(
      importCommand(ctx.services.imports, coordinator, [path.join(dir, "none.csv")], capture()),
    ).rejects.toThrow(/No such file/);
  });
});

describe("import: documented example", () => {
  it("When the example file of docs/import-format.md is imported, then every row imports without errors", async () => {
    const bytes = fs.readFileSync(path.join(__dirname, "../../docs/examples/progetti-esempio.csv"));
    const report = await importBuffer(bytes, "progetti-esempio.csv");
    expect(report).toMatchObject({ rows: 2, created: 2, failed: 0, errors: [] });
    expect(await ProjectModel.findOne({ cup: "J12B19000000001" }).lean()).toMatchObject({
      status: "published",
      budgetCents: 9_800_000,
      contact: { phone: "+39 0187 000000" },
      links: [{ label: "Sito del progetto", url: "https://example.org/ponti" }],
    });
  });
});
