// Synthesis reports: the proposed draft, citations (resolved, refused, withdrawn), versions with diff and
// restore, concurrent edits, review and publication, the public page, API and exports (the PDF and the
// DOCX opened and read), XSS payloads in every field and output, and who may do what.
import { unzipSync, strFromU8 } from "fflate";
import { NoteModel } from "../../src/modules/notes/note.model";
import { ReportModel } from "../../src/modules/tables/report.model";
import { loginAs, type LoggedIn } from "../support/auth";
import { download, readPdf } from "../support/documents";
import { useTestApp } from "../support/test-app";
import { QUESTION, THEME } from "./notes-fixtures";
import { resetTables } from "./tables-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

let coordinator: LoggedIn;
let notes: string[];

async function publishedNote(
  title: string,
  body: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const [n] = await NoteModel.create([
    {
      author: { id: "u1", name: "Autrice (esempio)" },
      kind: "worked",
      theme: THEME,
      question: QUESTION,
      title,
      body,
      status: "published",
      publishedAt: new Date(),
      ...extra,
    },
  ]);
  return String(n!._id);
}

beforeEach(async () => {
  await resetTables(ctx);
  ctx.services.tables.reportQueries.clear();
  coordinator = await loginAs(ctx, "coordinator");
  notes = [
    await publishedNote(
      "Il diario di bordo condiviso",
      "Un diario di bordo compilato da tutti gli operatori.",
    ),
    await publishedNote("Diario di bordo e riunioni", "Il diario di bordo letto nelle riunioni mensili."),
    await publishedNote("Raccomandazione sulla mediazione", "Prevedere sempre la mediazione linguistica.", {
      kind: "recommendation",
    }),
  ];
});

/** Starts a report of the table through the form; returns its slug. */
async function startReport(title = "Sintesi del tavolo (esempio)"): Promise<string> {
  const res = await coordinator.agent
    .post("/reports")
    .type("form")
    .send({ _csrf: await coordinator.csrf(), title, scope: "table", theme: THEME });
  expect(res.status).toBe(303);
  return /\/reports\/([a-z0-9-]+)\/edit$/.exec(String(res.headers.location))![1]!;
}

async function save(slug: string, fields: Record<string, string | string[]>, version?: number) {
  const v = version ?? (await ReportModel.findOne({ slug }).lean())!.version;
  return coordinator.agent
    .post(`/reports/${slug}/edit`)
    .type("form")
    .send({ _csrf: await coordinator.csrf(), version: String(v), summary: "", ...fields });
}

async function act(slug: string, action: string) {
  const v = (await ReportModel.findOne({ slug }).lean())!.version;
  return coordinator.agent
    .post(`/reports/${slug}/status`)
    .type("form")
    .send({ _csrf: await coordinator.csrf(), version: String(v), action });
}

async function publish(slug: string) {
  expect((await act(slug, "submit")).status).toBe(303);
  expect((await act(slug, "publish")).status).toBe(303);
}

describe("starting a report", () => {
  test("When a coordinator starts a report of a table, then the draft groups its notes per question and kind, citing each", async () => {
    const slug = await startReport();
    const report = (await ReportModel.findOne({ slug }).lean())!;
    expect(report.status).toBe("draft");
    expect(report.scope?.theme).toBe(THEME);
    const body = report.sections.map((s) => s.body).join("\n");
    for (const id of notes) expect(body).toContain(`[@nota:${id}]`);
    expect(body).toContain("### Ha funzionato");
    expect(body).toContain("**Gruppo 1**");
    expect(report.sections.at(-1)!.kind).toBe("recommendations");
    expect(report.sections.at(-1)!.body).toContain(`[@nota:${notes[2]}]`);
    const edit = await coordinator.agent.get(`/reports/${slug}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain("[@nota:IDENTIFICATIVO]");
    expect(edit.text).toContain("report-picker.js");
    const working = await coordinator.agent.get(`/reports/${slug}/working`);
    expect(working.text).toContain('href="#ref-1"');
    expect(working.text).toContain(`href="/notes/${notes[0]}"`);
  });

  test("When a table has more notes than a section can hold, then the draft lists those that fit and says how many more there are", async () => {
    await NoteModel.insertMany(
      Array.from({ length: 600 }, (_, i) => ({
        author: { id: "u1", name: "Autrice (esempio)" },
        kind: "worked",
        theme: THEME,
        question: QUESTION,
        title: `Nota numero ${i} ${"con un titolo lungo ".repeat(9)}`.slice(0, 190),
        body: "Testo.",
        status: "published",
        publishedAt: new Date(),
      })),
    );
    const slug = await startReport();
    const report = (await ReportModel.findOne({ slug }).lean())!;
    expect(report.sections.every((s) => s.body.length <= 50_000)).toBe(true);
    expect(report.sections[0]!.body).toMatch(/\(Altre \d+ note non elencate/);
  });

  test("When the scope names a table or event that does not exist, then the form comes back with the error", async () => {
    const res = await coordinator.agent
      .post("/reports")
      .type("form")
      .send({
        _csrf: await coordinator.csrf(),
        title: "X",
        scope: "event",
        event: "0123456789abcdef01234567",
      });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Scegli un tavolo o un evento esistente.");
    expect(await ReportModel.countDocuments()).toBe(0);
  });
});

describe("citations", () => {
  test("When a section cites notes and a project, then they are numbered in order with a reference list linking to them", async () => {
    const slug = await startReport();
    const res = await save(slug, {
      title: "Sintesi",
      heading: ["Che cosa è emerso", "Raccomandazioni"],
      kind: ["text", "recommendations"],
      body: [
        `Il diario funziona [@nota:${notes[1]}] e si vede nel progetto [@progetto:open]. Ancora [@nota:${notes[1]}].`,
        `- Prevedere la mediazione [@nota:${notes[2]}]\n- Usare il diario [@nota:${notes[0]}] [@note:${notes[1]}]`,
      ],
    });
    expect(res.status).toBe(303);
    const page = (await coordinator.agent.get(`/reports/${slug}/working`)).text;
    expect(page).toMatch(/<a href="#ref-1"[^>]*>\[1\]<\/a>[\s\S]*<a href="#ref-2"[^>]*>\[2\]<\/a>/);
    expect(page).toContain(
      `<li id="ref-1">Nota: <a href="/notes/${notes[1]}">Diario di bordo e riunioni</a>`,
    );
    expect(page).toContain('<li id="ref-2">Progetto: <a href="/projects/open">Sportello aperto</a>');
    await publish(slug);
    const recs = await ctx.services.tables.reportQueries.recommendationsOf(slug);
    expect(recs!.map((r) => [r.text.slice(0, 20), r.references.map((x) => x.n)])).toEqual([
      ["Prevedere la mediazi", [3]],
      ["Usare il diario [@no", [4, 1]],
    ]);
  });

  test("When a save cites a note or project that is missing, pending or a draft, then it is refused naming each, and nothing changes", async () => {
    const slug = await startReport();
    const before = (await ReportModel.findOne({ slug }).lean())!;
    const pending = await publishedNote("In attesa", "Testo.", { status: "pending", publishedAt: null });
    const res = await save(slug, {
      title: "Sintesi",
      heading: "Sezione",
      kind: "text",
      body: `A [@nota:0123456789abcdef01234567] B [@nota:${pending}] C [@progetto:hidden] D [@progetto:nessuno] E [@nota:${notes[0]}]`,
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("La nota 0123456789abcdef01234567 non esiste o non è pubblicata");
    expect(res.text).toContain(`La nota ${pending} non esiste o non è pubblicata`);
    expect(res.text).toContain("Il progetto hidden non esiste o non è pubblicato");
    expect(res.text).toContain("Il progetto nessuno non esiste o non è pubblicato");
    expect(res.text).not.toContain(`La nota ${notes[0]}`);
    // The user's text comes back in the form.
    expect(res.text).toContain("[@progetto:nessuno]");
    const after = (await ReportModel.findOne({ slug }).lean())!;
    expect(after.version).toBe(before.version);
    expect(after.sections).toEqual(before.sections);
    const json = await coordinator.agent
      .post(`/reports/${slug}/edit`)
      .set("accept", "application/json")
      .send({
        _csrf: await coordinator.csrf(),
        version: String(after.version),
        title: "T",
        heading: "S",
        kind: "text",
        body: "[@progetto:nessuno]",
      });
    expect(json.status).toBe(400);
    expect(json.body.details).toEqual([{ field: "citations", message: "project:nessuno" }]);
  });

  test("When a cited note is withdrawn after publication, then the report shows 'source withdrawn' with no link, everywhere", async () => {
    const slug = await startReport();
    await save(slug, {
      title: "Sintesi",
      heading: "S",
      kind: "text",
      body: `Testo [@nota:${notes[0]}] e [@nota:${notes[1]}].`,
    });
    await publish(slug);
    // Read twice, so that the anonymous page is kept rendered: the withdrawal must reach it anyway.
    for (let i = 0; i < 2; i++) expect((await ctx.agent().get(`/reports/${slug}`)).text).toContain(notes[0]);
    await ctx.services.notes.moderation.decide(
      { id: coordinator.user.id, name: coordinator.user.name, role: "coordinator" },
      notes[0]!,
      "reject",
      "Fuori tema",
    );
    const page = (await ctx.agent().get(`/reports/${slug}`)).text;
    expect(page).toContain('<li id="ref-1"><em>fonte ritirata</em></li>');
    expect(page).not.toContain(`/notes/${notes[0]}`);
    expect(page).toContain(`href="/notes/${notes[1]}"`);
    const en = (await ctx.agent().get(`/reports/${slug}.md?lang=en`)).text;
    expect(en).toContain("1. _source withdrawn_");
    expect(en).toContain("Testo \\[1\\] e [\\[2\\]](");
    const api = (await ctx.agent().get(`/api/v1/reports/${slug}`)).body;
    expect(api.citations[0]).toMatchObject({ n: 1, withdrawn: true, url: null, title: null });
    // A withdrawn source cannot be published again.
    expect((await act(slug, "reopen")).status).toBe(303);
    expect((await act(slug, "submit")).status).toBe(303);
    expect((await act(slug, "publish")).status).toBe(400);
  });
});

describe("versions, review and publication", () => {
  test("When a report is edited twice, then its history lists the versions, the diff shows the change and restore brings the first text back", async () => {
    const slug = await startReport();
    await save(slug, { title: "Sintesi", heading: "S", kind: "text", body: "Prima riga\nseconda riga" });
    await save(slug, { title: "Sintesi", heading: "S", kind: "text", body: "Prima riga\nterza riga" });
    const history = await coordinator.agent.get(`/reports/${slug}/history`);
    expect(history.status).toBe(200);
    expect(history.text).toContain(`/reports/${slug}/diff?from=2&amp;to=3`);
    const diff = await coordinator.agent.get(`/reports/${slug}/diff?from=2&to=3`);
    expect(diff.text).toMatch(/<del><span class="visually-hidden">[^<]*<\/span>seconda riga<\/del>/);
    expect(diff.text).toMatch(/<ins><span class="visually-hidden">[^<]*<\/span>terza riga<\/ins>/);
    const restore = await coordinator.agent
      .post(`/reports/${slug}/revisions/2/restore`)
      .type("form")
      .send({ _csrf: await coordinator.csrf(), version: "3" });
    expect(restore.status).toBe(303);
    const doc = (await ReportModel.findOne({ slug }).lean())!;
    expect(doc.version).toBe(4);
    expect(doc.sections[0]!.body).toBe("Prima riga\nseconda riga");
  });

  test("When two coordinators save the same version, then the second is refused with its text kept, and nothing is lost", async () => {
    const slug = await startReport();
    const v = (await ReportModel.findOne({ slug }).lean())!.version;
    expect((await save(slug, { title: "A", heading: "S", kind: "text", body: "testo di A" }, v)).status).toBe(
      303,
    );
    const second = await save(slug, { title: "B", heading: "S", kind: "text", body: "testo di B" }, v);
    expect(second.status).toBe(409);
    expect(second.text).toContain("Qualcun altro ha modificato il rapporto");
    expect(second.text).toContain("testo di B");
    expect((await ReportModel.findOne({ slug }).lean())!.sections[0]!.body).toBe("testo di A");
  });

  test("When a report goes through review to publication, then the public page, list and API show the published version only, and the URL stays through new versions", async () => {
    const slug = await startReport();
    await save(slug, {
      title: "Sintesi pubblica",
      heading: "S",
      kind: "text",
      body: `Testo v1 [@nota:${notes[0]}]`,
    });
    expect((await ctx.agent().get(`/reports/${slug}`)).status).toBe(404);
    expect((await act(slug, "publish")).status).toBe(409);
    await publish(slug);
    const doc = (await ReportModel.findOne({ slug }).lean())!;
    expect(doc.publishedBy!.name).toBe(coordinator.user.name);
    expect(doc.publishedVersion).toBe(doc.version);
    await save(slug, {
      title: "Sintesi pubblica",
      heading: "S",
      kind: "text",
      body: "Testo v2 in lavorazione",
    });
    const page = await ctx.agent().get(`/reports/${slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Testo v1");
    expect(page.text).not.toContain("Testo v2");
    expect(page.text).toContain(`Pubblicato il`);
    const list = await ctx.agent().get("/api/v1/reports");
    expect((list.body as { reports: { slug: string }[] }).reports.map((r) => r.slug)).toEqual([slug]);
    expect((await ctx.agent().get("/reports")).text).toContain(`href="/reports/${slug}"`);
    await publish(slug);
    expect((await ctx.agent().get(`/reports/${slug}`)).text).toContain("Testo v2");
    expect((await act(slug, "unpublish")).status).toBe(303);
    expect((await ctx.agent().get(`/reports/${slug}`)).status).toBe(404);
    expect((await ctx.agent().get(`/api/v1/reports/${slug}`)).status).toBe(404);
    await publish(slug);
    expect((await ctx.agent().get(`/reports/${slug}`)).status).toBe(200);
  });

  test("When the public page has been read twice, then it is served whole from the page cache until something changes", async () => {
    const slug = await startReport();
    await save(slug, { title: "Sintesi", heading: "S", kind: "text", body: `Testo [@nota:${notes[0]}]` });
    await publish(slug);
    for (let i = 0; i < 2; i++) await ctx.agent().get(`/reports/${slug}`);
    // Behind the app's back: the cached page does not see it...
    await ReportModel.updateOne({ slug }, { publishedVersion: null });
    expect((await ctx.agent().get(`/reports/${slug}`)).status).toBe(200);
    // ...until the caches are cleared, as every report, note or project change made here does.
    ctx.services.catalogueCache.clear();
    ctx.services.tables.reportQueries.clear();
    expect((await ctx.agent().get(`/reports/${slug}`)).status).toBe(404);
  });

  test("When the OpenAPI document is read, then it describes the reports' API", async () => {
    const doc = (await ctx.agent().get("/api/v1/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/reports", "/api/v1/reports/{slug}"]),
    );
    expect(doc.components.schemas.Report.properties.citations).toBeDefined();
  });
});

describe("permissions", () => {
  test("When members or visitors try to start, edit, publish or read a working report, then they are refused and nothing changes", async () => {
    const slug = await startReport();
    const member = await loginAs(ctx, "member");
    const csrf = await member.csrf();
    expect(
      (await member.agent.post("/reports").type("form").send({ _csrf: csrf, title: "X", scope: "all" }))
        .status,
    ).toBe(403);
    const v = String((await ReportModel.findOne({ slug }).lean())!.version);
    expect(
      (
        await member.agent
          .post(`/reports/${slug}/edit`)
          .type("form")
          .send({ _csrf: csrf, version: v, title: "Preso" })
      ).status,
    ).toBe(403);
    expect(
      (
        await member.agent
          .post(`/reports/${slug}/status`)
          .type("form")
          .send({ _csrf: csrf, version: v, action: "submit" })
      ).status,
    ).toBe(403);
    expect((await member.agent.get(`/reports/${slug}/working`)).status).toBe(403);
    expect((await ctx.agent().get(`/reports/${slug}/edit`)).status).not.toBe(200);
    expect((await ctx.agent().get(`/api/v1/reports/${slug}`)).status).toBe(404);
    const doc = (await ReportModel.findOne({ slug }).lean())!;
    expect(String(doc.version)).toBe(v);
    expect(doc.status).toBe("draft");
  });
});

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  "![x](javascript:alert(1))",
  "<svg onload=alert(1)>",
  '[x](https://ok.example/" onmouseover="alert(1))',
];

describe("exports", () => {
  let slug: string;

  beforeEach(async () => {
    slug = await startReport("Sintesi: perché è così (esempio)");
    const res = await save(slug, {
      title: `Sintesi: perché è così ${PAYLOADS[0]}`,
      summary: `Introduzione con città e qualità ${PAYLOADS.join(" ")}`,
      heading: ["Che cosa ha funzionato", `Attività ${PAYLOADS[1]}`, "Raccomandazioni"],
      kind: ["text", "text", "recommendations"],
      body: [
        `Il diario [@nota:${notes[0]}] e il progetto [@progetto:open].\n\n## Dettaglio\n\nVedi [sito](https://example.org/x).`,
        PAYLOADS.join("\n\n"),
        `- Mediazione sempre [@nota:${notes[2]}]`,
      ],
    });
    expect(res.status).toBe(303);
    await publish(slug);
  });

  test("When the PDF is downloaded, then it has the headings as outline, the references as working links and Italian accents", async () => {
    const res = await download(ctx.agent(), `/reports/${slug}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const read = readPdf(res.body as Buffer);
    const titles = read.outline.map((o) => `${o.depth}:${o.title}`);
    expect(titles).toEqual(
      expect.arrayContaining(["0:Che cosa ha funzionato", "1:Dettaglio", "0:Raccomandazioni", "0:Fonti"]),
    );
    expect(read.text).toContain("perché è così");
    expect(read.text).toContain("città e qualità");
    const urls = read.links.map((l) => l.url ?? l.unsafeUrl ?? "");
    expect(urls.some((u) => u.endsWith(`/notes/${notes[0]}`))).toBe(true);
    expect(urls.some((u) => u.endsWith("/projects/open"))).toBe(true);
    expect(urls).toContain("https://example.org/x");
    for (const u of urls) expect(u).toMatch(/^(https?:|mailto:)/);
    expect(read.links.every((l) => l.action === null)).toBe(true);
    expect((res.body as Buffer).toString("latin1")).not.toMatch(/\/JavaScript|\/JS\s*\(/);
  });

  test("When the DOCX is downloaded, then it has heading styles, the references as hyperlinks, and no payload as markup or link", async () => {
    const res = await download(ctx.agent(), `/reports/${slug}.docx`);
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const xml = strFromU8(files["word/document.xml"]!);
    const rels = strFromU8(files["word/_rels/document.xml.rels"]!);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?Che cosa ha funzionato/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>[\s\S]*?Dettaglio/);
    expect(xml).toContain("perché è così");
    expect(xml).toContain("&lt;script&gt;");
    expect(xml).not.toMatch(/<script|<img|<svg/i);
    expect(rels).toMatch(new RegExp(`Target="[^"]*/notes/${notes[0]}"[^>]*TargetMode="External"`));
    expect(rels).toContain("/projects/open");
    const targets = [
      ...rels.matchAll(/TargetMode="External"[^>]*|Target="([^"]+)"[^>]*TargetMode="External"/g),
    ].map((m) => m[1] ?? "");
    for (const t of targets.filter(Boolean)) expect(t).toMatch(/^(https?:|mailto:)/);
    expect(rels).not.toMatch(/javascript:|vbscript:|data:/i);
    expect(xml).toMatch(/<w:hyperlink [^>]*r:id="[^"]+"/);
  });

  test("When the page, the Markdown and the JSON are read, then citations are resolved and no payload survives as markup", async () => {
    const page = (await ctx.agent().get(`/reports/${slug}`)).text;
    // The report itself, up to the end of <main> (the footer's icons are ours, not the report's).
    const body = page.slice(page.indexOf('class="container my-4 atl-report"'), page.indexOf("</main>"));
    expect(body).not.toMatch(
      /<script|<(img|svg|iframe)\b|<[a-z][^>]*\son\w+\s*=|<[a-z][^>]*\s(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i,
    );
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const md = (await ctx.agent().get(`/reports/${slug}.md`)).text;
    expect(md).toMatch(new RegExp(`\\[\\\\\\[1\\\\\\]\\]\\([^)]*/notes/${notes[0]}\\)`));
    expect(md).toContain("## Fonti");
    expect(md).not.toMatch(/<script|<img|<svg|\]\(\s*(javascript|vbscript|data):/i);
    const json = (await ctx.agent().get(`/reports/${slug}.json`)).body as {
      citations: { kind: string; ref: string }[];
      sections: { resolved: string }[];
    };
    expect(json.citations.map((c) => `${c.kind}:${c.ref}`)).toEqual([
      `note:${notes[0]}`,
      "project:open",
      `note:${notes[2]}`,
    ]);
    expect(json.sections[0]!.resolved).toContain(`/notes/${notes[0]})`);
    expect((await ctx.agent().get(`/reports/${slug}.exe`)).status).toBe(400);
    expect((await ctx.agent().get(`/reports/nessuno.pdf`)).status).toBe(404);
  });
});
