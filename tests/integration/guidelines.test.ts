// Guidelines for the zonal plans: a document started by a coordinator, register items chosen table by
// table (unknown codes refused by name, withdrawn ones not choosable, a chosen one withdrawn later shown as
// such), versions with diff and restore, review and publication, concurrent edits, who may write, and the
// public page, API and exports (the PDF and the DOCX opened and read) with XSS payloads in every field.
import { unzipSync, strFromU8 } from "fflate";
import type { Actor } from "../../src/modules/accounts/index";
import { NoteModel } from "../../src/modules/notes/note.model";
import { GuidelinesModel } from "../../src/modules/tables/guidelines.model";
import { loginAs, type LoggedIn } from "../support/auth";
import { download, readPdf } from "../support/documents";
import { useTestApp } from "../support/test-app";
import { QUESTION, THEME } from "./notes-fixtures";
import { resetTables } from "./tables-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });
const COORDINATOR: Actor = { id: "c1", name: "Coordinatrice (esempio)", role: "coordinator" };
const THEMES = ["governance-multilivello", "coinvolgimento-comunita", THEME, "accessibilita-servizi"];

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

let coordinator: LoggedIn;
let notes: string[];
let reportSlug: string;

async function note(title: string): Promise<string> {
  const [n] = await NoteModel.create([
    {
      author: { id: "u1", name: "Autrice (esempio)" },
      kind: "recommendation",
      theme: THEME,
      question: QUESTION,
      title,
      body: "Testo di esempio.",
      status: "published",
      publishedAt: new Date(),
    },
  ]);
  return String(n!._id);
}

/** Publishes the table's report with these recommendations and brings them into the register. */
async function publishRecommendations(items: string[], slug?: string): Promise<string> {
  const reports = ctx.services.tables.reports;
  const content = {
    title: "Sintesi del tavolo 3 (esempio)",
    summary: "Esempio.",
    sections: [
      {
        heading: "Raccomandazioni",
        kind: "recommendations" as const,
        body: items.map((i) => `- ${i}`).join("\n"),
      },
    ],
  };
  const doc = slug
    ? await reports.update(COORDINATOR, slug, content, (await reports.load(slug)).version)
    : await reports.create(COORDINATOR, { scope: { kind: "table", theme: THEME }, content });
  const review = await reports.transition(COORDINATOR, doc.slug, "submit", doc.version);
  await reports.transition(COORDINATOR, doc.slug, "publish", review.version);
  await ctx.services.tables.register.syncFromReport(COORDINATOR, doc.slug);
  return doc.slug;
}

beforeEach(async () => {
  await resetTables(ctx);
  ctx.services.tables.reportQueries.clear();
  ctx.services.tables.guidelinesQueries.clear();
  coordinator = await loginAs(ctx, "coordinator");
  notes = [await note("Mediazione linguistica sempre"), await note("Indicatori condivisi")];
  reportSlug = await publishRecommendations([
    `Prevedere la mediazione linguistica [@nota:${notes[0]}] [@progetto:open]`,
    `Indicatori comuni per tutti i progetti [@nota:${notes[1]}]`,
    "Una terza raccomandazione senza fonti",
  ]);
});

/** Starts a document through the form; returns its slug. */
async function start(title = "Linee guida 2026 (esempio)"): Promise<string> {
  const res = await coordinator.agent
    .post("/guidelines")
    .type("form")
    .send({ _csrf: await coordinator.csrf(), title, intro: "Introduzione." });
  expect(res.status).toBe(303);
  return /\/guidelines\/([a-z0-9-]+)\/edit$/.exec(String(res.headers.location))![1]!;
}

const version = async (slug: string) => (await GuidelinesModel.findOne({ slug }).lean())!.version;

async function save(
  slug: string,
  fields: { title?: string; intro?: string; sectionIntro?: string[]; item?: string[] },
  v?: number,
) {
  return coordinator.agent
    .post(`/guidelines/${slug}/edit`)
    .type("form")
    .send({
      _csrf: await coordinator.csrf(),
      version: String(v ?? (await version(slug))),
      title: fields.title ?? "Linee guida 2026 (esempio)",
      intro: fields.intro ?? "Introduzione.",
      theme: THEMES,
      sectionIntro: fields.sectionIntro ?? ["", "", "", ""],
      item: fields.item ?? [],
    });
}

async function act(slug: string, action: string) {
  return coordinator.agent
    .post(`/guidelines/${slug}/status`)
    .type("form")
    .send({ _csrf: await coordinator.csrf(), version: String(await version(slug)), action });
}

async function publish(slug: string) {
  expect((await act(slug, "submit")).status).toBe(303);
  expect((await act(slug, "publish")).status).toBe(303);
}

describe("writing guidelines", () => {
  test("When a coordinator starts a document, then it has a section per table in order and the editor lists the register's items by table", async () => {
    const slug = await start();
    const doc = (await GuidelinesModel.findOne({ slug }).lean())!;
    expect(doc.status).toBe("draft");
    expect(doc.sections.map((s) => s.theme)).toEqual([...THEMES, ""]);
    const edit = await coordinator.agent.get(`/guidelines/${slug}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).toMatch(
      /Metodi e strumenti di monitoraggio[\s\S]*value="R-T3-01"[\s\S]*value="R-T3-03"/,
    );
    expect(edit.text).toContain("Prevedere la mediazione linguistica");
    // A second document (a new edition) gets a slug of its own.
    expect(await start()).not.toBe(slug);
  });

  test("When items are chosen, then the working page shows each under its table with its text, numbered sources and report", async () => {
    const slug = await start();
    const res = await save(slug, {
      sectionIntro: ["", "", "Il tavolo sul **monitoraggio**.", ""],
      item: ["R-T3-02", "R-T3-01"],
    });
    expect(res.status).toBe(303);
    const doc = (await GuidelinesModel.findOne({ slug }).lean())!;
    expect(doc.sections[2]!.items).toEqual(["R-T3-01", "R-T3-02"]);
    const page = (await coordinator.agent.get(`/guidelines/${slug}/working`)).text;
    expect(page).toContain("<strong>monitoraggio</strong>");
    expect(page).toMatch(/<a href="\/recommendations\/R-T3-01">R-T3-01<\/a>[\s\S]*R-T3-02/);
    expect(page).toMatch(/mediazione linguistica <a href="#ref-1"[^>]*>\[1\]<\/a> <a href="#ref-2"/);
    expect(page).toContain(`<li id="ref-1">Nota: <a href="/notes/${notes[0]}">`);
    expect(page).toContain('<li id="ref-2">Progetto: <a href="/projects/open">');
    expect(page).toContain(`href="/reports/${reportSlug}"`);
    expect(page).toContain("Nessuna raccomandazione scelta per questo tavolo.");
  });

  test("When a recommendation of no single table is chosen, then it has its own section after the four tables, and only then", async () => {
    const reports = ctx.services.tables.reports;
    const doc = await reports.create(COORDINATOR, {
      scope: { kind: "all" },
      content: {
        title: "Sintesi di tutti i tavoli (esempio)",
        summary: "Esempio.",
        sections: [
          { heading: "Raccomandazioni", kind: "recommendations", body: "- Formazione comune per tutti" },
        ],
      },
    });
    const review = await reports.transition(COORDINATOR, doc.slug, "submit", doc.version);
    await reports.transition(COORDINATOR, doc.slug, "publish", review.version);
    await ctx.services.tables.register.syncFromReport(COORDINATOR, doc.slug);
    const slug = await start();
    const empty = (await coordinator.agent.get(`/guidelines/${slug}/working`)).text;
    expect(empty).not.toContain("Raccomandazioni per tutti i tavoli");
    const edit = (await coordinator.agent.get(`/guidelines/${slug}/edit`)).text;
    expect(edit).toMatch(/Raccomandazioni per tutti i tavoli[\s\S]*value="R-G-01"/);
    expect((await save(slug, { item: ["R-G-01", "R-T3-01"] })).status).toBe(303);
    const saved = (await GuidelinesModel.findOne({ slug }).lean())!;
    expect(saved.sections.map((x) => [x.theme, x.items])).toEqual([
      [THEMES[0], []],
      [THEMES[1], []],
      [THEME, ["R-T3-01"]],
      [THEMES[3], []],
      ["", ["R-G-01"]],
    ]);
    const page = (await coordinator.agent.get(`/guidelines/${slug}/working`)).text;
    expect(page).toMatch(/Accessibilità dei servizi[\s\S]*Raccomandazioni per tutti i tavoli[\s\S]*R-G-01/);
  });

  test("When a save names codes the register does not have, then it is refused naming each, the input is kept and nothing changes", async () => {
    const slug = await start();
    const before = await version(slug);
    const res = await save(slug, { title: "Titolo nuovo", item: ["R-T3-01", "R-T9-99", "<b>x</b>"] });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Il registro non ha una raccomandazione R-T9-99.");
    expect(res.text).toContain("Il registro non ha una raccomandazione &lt;b>x&lt;/b>.");
    expect(res.text).not.toContain("<b>x</b>");
    expect(res.text).toContain('value="Titolo nuovo"');
    expect(res.text).toMatch(/value="R-T3-01"[^>]*checked/);
    expect(await version(slug)).toBe(before);
    const json = await coordinator.agent
      .post(`/guidelines/${slug}/edit`)
      .set("accept", "application/json")
      .send({ _csrf: await coordinator.csrf(), version: String(before), title: "T", item: "R-T9-99" });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({
      code: "validation_failed",
      details: [{ field: "items", message: "unknown:R-T9-99" }],
    });
    const bad = await coordinator.agent
      .post(`/guidelines/${slug}/edit`)
      .type("form")
      .send({ _csrf: await coordinator.csrf(), version: "x", title: "", item: ["a"] });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Scrivi un titolo");
  });

  test("When the input is malformed, oversized or stale, then each gets a clear 4xx and nothing changes", async () => {
    const slug = await start();
    const v = await version(slug);
    const tooMany = await save(slug, { item: Array.from({ length: 201 }, (_, i) => `R-T3-${i}`) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain("Un documento raccoglie al massimo 200 raccomandazioni.");
    const long = await save(slug, { title: "x".repeat(201) });
    expect(long.status).toBe(400);
    expect(long.text).toContain("Scrivi un titolo (al massimo 200 caratteri).");
    const json = await coordinator.agent
      .post(`/guidelines/${slug}/edit`)
      .set("accept", "application/json")
      .send({ _csrf: await coordinator.csrf(), version: String(v), title: ["a", "b"], item: [{}], extra: 1 });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe("validation_failed");
    const mismatch = await coordinator.agent
      .post(`/guidelines/${slug}/edit`)
      .type("form")
      .send({
        _csrf: await coordinator.csrf(),
        version: String(v),
        title: "T",
        theme: THEMES,
        sectionIntro: "solo una",
      });
    expect(mismatch.status).toBe(400);
    const stale = await coordinator.agent
      .post(`/guidelines/${slug}/status`)
      .type("form")
      .send({ _csrf: await coordinator.csrf(), version: String(v + 5), action: "submit" });
    expect(stale.status).toBe(409);
    const restore = await coordinator.agent
      .post(`/guidelines/${slug}/revisions/99/restore`)
      .type("form")
      .send({ _csrf: await coordinator.csrf(), version: String(v) });
    expect(restore.status).toBe(404);
    expect((await coordinator.agent.get(`/guidelines/${slug}/diff?from=a&to=1`)).status).toBe(400);
    expect((await coordinator.agent.get("/guidelines/nessuna/edit")).status).toBe(404);
    const doc = (await GuidelinesModel.findOne({ slug }).lean())!;
    expect(doc.version).toBe(v);
    expect(doc.status).toBe("draft");
    expect(doc.title).toBe("Linee guida 2026 (esempio)");
  });

  test("When a chosen item is withdrawn from the register, then the document shows it as withdrawn with no link, and it cannot be chosen anew", async () => {
    const slug = await start();
    const other = await start("Altra edizione (esempio)");
    expect((await save(slug, { item: ["R-T3-01", "R-T3-03"] })).status).toBe(303);
    await publish(slug);
    await publishRecommendations(
      [
        `Prevedere la mediazione linguistica [@nota:${notes[0]}] [@progetto:open]`,
        `Indicatori comuni per tutti i progetti [@nota:${notes[1]}]`,
      ],
      reportSlug,
    );
    const page = (await ctx.agent().get(`/guidelines/${slug}`)).text;
    expect(page).toContain("R-T3-03 (ritirata)");
    expect(page).toContain("Raccomandazione ritirata dal registro.");
    expect(page).not.toContain("/recommendations/R-T3-03");
    expect(page).not.toContain("senza fonti");
    const md = (await ctx.agent().get(`/guidelines/${slug}.md`)).text;
    expect(md).toContain("### R-T3-03\n\n*Raccomandazione ritirata dal registro.*");
    // Still held by the first document: it may stay; the other cannot choose it.
    const edit = (await coordinator.agent.get(`/guidelines/${other}/edit`)).text;
    expect(edit).toMatch(/value="R-T3-03"[^>]*disabled/);
    const refused = await save(other, { item: ["R-T3-03"] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("La raccomandazione R-T3-03 è stata ritirata: non si può scegliere.");
    expect((await save(slug, { item: ["R-T3-01", "R-T3-03"] })).status).toBe(303);
  });
});

describe("versions, review and publication", () => {
  test("When a document is edited twice, then its history lists the versions, the diff shows the change and restore brings the first choice back", async () => {
    const slug = await start();
    await save(slug, { item: ["R-T3-01"] });
    await save(slug, { item: ["R-T3-02"], intro: "Introduzione riscritta." });
    const history = await coordinator.agent.get(`/guidelines/${slug}/history`);
    expect(history.status).toBe(200);
    expect(history.text).toContain(`/guidelines/${slug}/diff?from=2&amp;to=3`);
    const diff = (await coordinator.agent.get(`/guidelines/${slug}/diff?from=2&to=3`)).text;
    expect(diff).toContain("## Metodi e strumenti di monitoraggio, valutazione e reporting");
    expect(diff).toMatch(/<del><span class="visually-hidden">[^<]*<\/span>- R-T3-01<\/del>/);
    expect(diff).toMatch(/<ins><span class="visually-hidden">[^<]*<\/span>- R-T3-02<\/ins>/);
    expect(diff).toMatch(/<ins><span class="visually-hidden">[^<]*<\/span>Introduzione riscritta.<\/ins>/);
    expect((await coordinator.agent.get(`/guidelines/${slug}/diff?from=2&to=99`)).status).toBe(404);
    const restore = await coordinator.agent
      .post(`/guidelines/${slug}/revisions/2/restore`)
      .type("form")
      .send({ _csrf: await coordinator.csrf(), version: "3" });
    expect(restore.status).toBe(303);
    const doc = (await GuidelinesModel.findOne({ slug }).lean())!;
    expect(doc.version).toBe(4);
    expect(doc.sections[2]!.items).toEqual(["R-T3-01"]);
    expect(doc.intro).toBe("Introduzione.");
  });

  test("When two coordinators save the same version, then the second is refused with both versions shown, and nothing is overwritten", async () => {
    const slug = await start();
    const v = await version(slug);
    expect((await save(slug, { intro: "Testo di A", item: ["R-T3-01"] }, v)).status).toBe(303);
    const second = await save(slug, { intro: "Testo di B", item: ["R-T3-02"] }, v);
    expect(second.status).toBe(409);
    expect(second.text).toContain("Qualcun altro ha modificato queste linee guida");
    expect(second.text).toContain("Testo di B");
    expect(second.text).toContain("La versione attuale, salvata da altri");
    expect(second.text).toContain("Testo di A");
    const doc = (await GuidelinesModel.findOne({ slug }).lean())!;
    expect(doc.intro).toBe("Testo di A");
    expect(doc.sections[2]!.items).toEqual(["R-T3-01"]);
  });

  test("When a document goes through review to publication, then the public page, list and API show the published version only, at a stable address", async () => {
    const slug = await start();
    await save(slug, { intro: "Versione uno.", item: ["R-T3-01"] });
    expect((await ctx.agent().get(`/guidelines/${slug}`)).status).toBe(404);
    expect((await ctx.agent().get(`/guidelines/${slug}.pdf`)).status).toBe(404);
    expect((await act(slug, "publish")).status).toBe(409);
    await publish(slug);
    await save(slug, { intro: "Versione due in lavorazione." });
    const page = await ctx.agent().get(`/guidelines/${slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Versione uno.");
    expect(page.text).not.toContain("Versione due");
    expect(page.text).toContain("Pubblicate il");
    const index = (await ctx.agent().get("/guidelines")).text;
    expect(index).toContain(`href="/guidelines/${slug}"`);
    expect(index).toContain('href="/recommendations"');
    expect((await ctx.agent().get("/reports")).text).toContain('href="/guidelines"');
    const list = (await ctx.agent().get("/api/v1/guidelines")).body as { guidelines: { slug: string }[] };
    expect(list.guidelines.map((g) => g.slug)).toEqual([slug]);
    const api = (await ctx.agent().get(`/api/v1/guidelines/${slug}?lang=en`)).body;
    expect(api.sections[2]).toMatchObject({
      table: THEME,
      label: "Methods and tools for monitoring, evaluation and reporting",
      recommendations: [{ code: "R-T3-01", withdrawn: false }],
    });
    expect(api.citations[0]).toMatchObject({ n: 1, kind: "note", ref: notes[0], withdrawn: false });
    await publish(slug);
    expect((await ctx.agent().get(`/guidelines/${slug}`)).text).toContain("Versione due");
    expect((await act(slug, "unpublish")).status).toBe(303);
    expect((await ctx.agent().get(`/guidelines/${slug}`)).status).toBe(404);
    expect((await ctx.agent().get(`/api/v1/guidelines/${slug}`)).status).toBe(404);
    const doc = await ctx.agent().get("/api/v1/openapi.json");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(["/api/v1/guidelines", "/api/v1/guidelines/{slug}"]),
    );
  });
});

describe("permissions", () => {
  test("When members or visitors try every write route or a working page, then they are refused and nothing changes", async () => {
    const slug = await start();
    const v = String(await version(slug));
    const member = await loginAs(ctx, "member");
    const csrf = await member.csrf();
    const writes: [string, Record<string, unknown>][] = [
      ["/guidelines", { title: "Presa" }],
      [`/guidelines/${slug}/edit`, { version: v, title: "Presa", item: "R-T3-01" }],
      [`/guidelines/${slug}/status`, { version: v, action: "submit" }],
      [`/guidelines/${slug}/revisions/1/restore`, { version: v }],
    ];
    for (const [url, body] of writes) {
      expect(
        (
          await member.agent
            .post(url)
            .type("form")
            .send({ _csrf: csrf, ...body })
        ).status,
      ).toBe(403);
      const anonymous = await ctx.agent().post(url).type("form").send(body);
      expect([302, 303, 401, 403]).toContain(anonymous.status);
      expect(String(anonymous.headers.location ?? "/login")).toMatch(/^\/login/);
    }
    // Without the CSRF token, even a coordinator is refused.
    const noToken = await coordinator.agent
      .post(`/guidelines/${slug}/edit`)
      .type("form")
      .send({ version: v, title: "Senza token" });
    expect(noToken.status).toBe(403);
    for (const page of ["new", `${slug}/edit`, `${slug}/working`, `${slug}/history`]) {
      expect((await member.agent.get(`/guidelines/${page}`)).status).toBe(403);
    }
    const doc = (await GuidelinesModel.findOne({ slug }).lean())!;
    expect(String(doc.version)).toBe(v);
    expect(doc.title).toBe("Linee guida 2026 (esempio)");
    expect(await GuidelinesModel.countDocuments()).toBe(1);
    expect((await ctx.agent().get("/guidelines/nessuna")).status).toBe(404);
    expect((await ctx.agent().get("/guidelines/Non_Valido")).status).toBe(400);
  });
});

describe("exports", () => {
  let slug: string;

  beforeEach(async () => {
    // The payloads in the register's text too (it comes from a report's Markdown).
    await publishRecommendations(
      [
        `Prevedere la mediazione linguistica [@nota:${notes[0]}] [@progetto:open]`,
        `Indicatori comuni per tutti i progetti [@nota:${notes[1]}]`,
        "Una terza raccomandazione senza fonti",
        `Nel registro: ${PAYLOADS.join(" ")}`,
      ],
      reportSlug,
    );
    slug = await start();
    const res = await save(slug, {
      title: `Linee guida: perché così ${PAYLOADS[0]}`,
      intro: `Introduzione con città e qualità ${PAYLOADS.join(" ")}\n\nVedi [sito](https://example.org/x).`,
      sectionIntro: [PAYLOADS.join("\n\n"), "", `Monitoraggio ${PAYLOADS[1]}`, ""],
      item: ["R-T3-01", "R-T3-02", "R-T3-04"],
    });
    expect(res.status).toBe(303);
    await publish(slug);
  });

  const get = (url: string) => download(ctx.agent(), url);

  test("When the PDF is downloaded, then tables and items make its outline, sources are working links, and no payload is a link or script", async () => {
    const res = await get(`/guidelines/${slug}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const read = readPdf(res.body as Buffer);
    const titles = read.outline.map((o) => `${o.depth}:${o.title}`);
    expect(titles).toEqual(
      expect.arrayContaining([
        "0:Governance multilivello e multistakeholder",
        "0:Metodi e strumenti di monitoraggio, valutazione e reporting",
        "1:R-T3-01",
        "1:R-T3-04",
        "0:Accessibilità dei servizi: universalismo e specificità",
        "0:Fonti",
      ]),
    );
    expect(read.text).toContain("perché così");
    expect(read.text).toContain("città e qualità");
    expect(read.text).toContain("<script>alert(1)</script>");
    const urls = read.links.map((l) => l.url ?? l.unsafeUrl ?? "");
    expect(urls.some((u) => u.endsWith(`/notes/${notes[0]}`))).toBe(true);
    expect(urls.some((u) => u.endsWith("/projects/open"))).toBe(true);
    expect(urls.some((u) => u.endsWith(`/reports/${reportSlug}`))).toBe(true);
    expect(urls).toContain("https://example.org/x");
    for (const u of urls) expect(u).toMatch(/^(https?:|mailto:)/);
    expect(read.links.every((l) => l.action === null)).toBe(true);
    expect((res.body as Buffer).toString("latin1")).not.toMatch(/\/JavaScript|\/JS\s*\(/);
  });

  test("When the DOCX is downloaded, then tables and items are headings, sources are hyperlinks, and no payload is markup or link", async () => {
    const res = await get(`/guidelines/${slug}.docx?lang=en`);
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const xml = strFromU8(files["word/document.xml"]!);
    const rels = strFromU8(files["word/_rels/document.xml.rels"]!);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?Methods and tools for monitoring/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading3"\/>[\s\S]*?R-T3-01/);
    expect(xml).toContain("perché così");
    expect(xml).toContain("&lt;script&gt;");
    expect(xml).toContain("From the report:");
    expect(xml).not.toMatch(/<script|<img|<svg/i);
    expect(rels).toMatch(new RegExp(`Target="[^"]*/notes/${notes[0]}"[^>]*TargetMode="External"`));
    const targets = [...rels.matchAll(/Target="([^"]+)"[^>]*TargetMode="External"/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(2);
    for (const t of targets) expect(t).toMatch(/^(https?:|mailto:)/);
    expect(rels).not.toMatch(/javascript:|vbscript:|data:/i);
  });

  test("When the page, the Markdown and the JSON are read, then sources are resolved and no payload survives as markup", async () => {
    const page = (await ctx.agent().get(`/guidelines/${slug}`)).text;
    const body = page.slice(page.indexOf('class="container my-4 atl-report'), page.indexOf("</main>"));
    expect(body).not.toMatch(
      /<script|<(img|svg|iframe)\b|<[a-z][^>]*\son\w+\s*=|<[a-z][^>]*\s(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i,
    );
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).toContain("R-T3-04");
    const head = page.slice(0, page.indexOf("<body"));
    expect(head).not.toMatch(/<script>alert/);
    // The coordinators' pages too: the working copy and the editor holding every field's payloads.
    for (const url of [`/guidelines/${slug}/working`, `/guidelines/${slug}/edit`]) {
      const html = (await coordinator.agent.get(url)).text;
      const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
      expect(main).not.toMatch(
        /<script|<(img|svg|iframe)\b|<[a-z][^>]*\son\w+\s*=|<[a-z][^>]*\s(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i,
      );
      expect(main).toContain("&lt;script>alert(1)&lt;/script>");
    }
    const md = (await ctx.agent().get(`/guidelines/${slug}.md`)).text;
    expect(md).toMatch(new RegExp(`\\[\\\\\\[1\\\\\\]\\]\\([^)]*/notes/${notes[0]}\\)`));
    expect(md).toContain("## Metodi e strumenti di monitoraggio, valutazione e reporting");
    expect(md).toContain("## Fonti");
    expect(md).not.toMatch(/<script|<img|<svg|\]\(\s*(javascript|vbscript|data):/i);
    const json = (await ctx.agent().get(`/guidelines/${slug}.json`)).body as {
      title: string;
      citations: { kind: string; ref: string }[];
    };
    expect(json.title).toContain(PAYLOADS[0]);
    expect(json.citations.map((c) => `${c.kind}:${c.ref}`)).toEqual([
      `note:${notes[0]}`,
      "project:open",
      `note:${notes[1]}`,
    ]);
    expect((await ctx.agent().get(`/guidelines/${slug}.exe`)).status).toBe(400);
    expect((await ctx.agent().get(`/guidelines/nessuna.pdf`)).status).toBe(404);
  });
});
