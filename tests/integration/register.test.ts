// The register over HTTP: "add to the register" on a report, the status form (each status, errors shown
// again with the input, a stale form refused), who may write, XSS payloads in the note and link on every
// page and export, filters (bad ones are 400), the CSV and JSON exports, the API and its OpenAPI entry,
// the matrix, the zone page's section and the report page's codes.
import { RecommendationModel } from "../../src/modules/tables/register.model";
import { REGISTER_STATUSES } from "../../src/modules/tables/index";
import { csrfFrom, loginAs, type LoggedIn } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { THEME } from "./notes-fixtures";
import { COORDINATOR, publishedNote, publishReport, republish } from "./register-fixtures";
import { resetTables } from "./tables-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

interface ApiList {
  total: number;
  recommendations: {
    code: string;
    statuses: { zone: string; status: string; note: string; link: string | null }[];
  }[];
}
interface OpenApi {
  paths: Record<string, { get: { operationId: string; parameters: { name: string }[] } }>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

let coordinator: LoggedIn;
let slug: string;
let noteId: string;

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
const MARKUP =
  /<script|<(img|svg|iframe)\b|<[a-z][^>]*\son\w+\s*=|<[a-z][^>]*\s(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i;

/** The page's own content: from <main> to its end (the layout's icons and scripts are ours). */
const mainOf = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));

async function postStatus(who: LoggedIn, code: string, fields: Record<string, string>) {
  const item = await RecommendationModel.findOne({ code }).lean();
  return who.agent
    .post(`/recommendations/${code}/status`)
    .type("form")
    .send({
      _csrf: await who.csrf(),
      version: String(item?.version ?? 1),
      zone: "lunigiana",
      status: "adopted",
      date: "2026-11-20",
      note: "",
      link: "",
      ...fields,
    });
}

beforeEach(async () => {
  await resetTables(ctx);
  ctx.services.tables.reportQueries.clear();
  coordinator = await loginAs(ctx, "coordinator");
  noteId = await publishedNote("Mediazione linguistica sempre");
  slug = await publishReport(ctx, [
    `Prevedere la **mediazione** linguistica [@nota:${noteId}] [@progetto:open]`,
    "Indicatori comuni per tutti i progetti",
  ]);
});

describe("adding a report to the register", () => {
  test("When a coordinator adds a published report, then its page lists the codes linking to the items", async () => {
    const before = await ctx.agent().get(`/reports/${slug}`);
    expect(before.text).toContain("non sono ancora nel registro");
    expect(before.text).not.toContain(`action="/reports/${slug}/register"`);
    const page = await coordinator.agent.get(`/reports/${slug}`);
    expect(page.text).toContain(`action="/reports/${slug}/register"`);
    const res = await coordinator.agent
      .post(`/reports/${slug}/register`)
      .type("form")
      .send({ _csrf: await coordinator.csrf() });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/reports/${slug}#register`);
    const after = await ctx.agent().get(`/reports/${slug}`);
    expect(after.text).toContain('href="/recommendations/R-T3-01"');
    expect(after.text).toContain('href="/recommendations/R-T3-02"');
  });

  test("When anyone but a coordinator posts to the register, or without a CSRF token, then nothing is written", async () => {
    const anon = ctx.agent();
    const token = await csrfFrom(anon, "/login");
    const a = await anon.post(`/reports/${slug}/register`).type("form").send({ _csrf: token });
    expect([302, 303, 401]).toContain(a.status);
    const member = await loginAs(ctx, "member");
    const m = await member.agent
      .post(`/reports/${slug}/register`)
      .type("form")
      .send({ _csrf: await member.csrf() });
    expect(m.status).toBe(403);
    const noCsrf = await coordinator.agent.post(`/reports/${slug}/register`).type("form").send({});
    expect(noCsrf.status).toBe(403);
    expect(await RecommendationModel.countDocuments()).toBe(0);
    const missing = await coordinator.agent
      .post(`/reports/nessuno/register`)
      .type("form")
      .send({ _csrf: await coordinator.csrf() });
    expect(missing.status).toBe(404);
  });
});

test("When the working tables' and the reports' pages are shown, then they link to the register", async () => {
  for (const path of ["/tables", "/reports"]) {
    expect(mainOf((await ctx.agent().get(path)).text)).toContain('href="/recommendations"');
  }
});

describe("the status form", () => {
  beforeEach(async () => {
    await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
  });

  test("When a coordinator records each status in turn, then the page shows the latest and the history each change", async () => {
    const form = await coordinator.agent.get("/recommendations/R-T3-01");
    expect(form.text).toContain('id="f-zone"');
    expect(form.text).toContain('id="f-status"');
    expect(form.text).toContain('id="status-submit"');
    for (const status of REGISTER_STATUSES) {
      const res = await postStatus(coordinator, "R-T3-01", { status, note: `Passaggio ${status}` });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe("/recommendations/R-T3-01?saved=1#statuses");
    }
    const page = await ctx.agent().get("/recommendations/R-T3-01");
    expect(page.status).toBe(200);
    const main = mainOf(page.text);
    expect(main).toContain("Non adottata");
    expect(main).toContain("Lunigiana: da «Adottata in parte» a «Non adottata»");
    expect(main).toContain("Lunigiana: da «Proposta» a «In discussione»");
    expect(main).toContain("Lunigiana: Proposta");
    expect(main).toContain("Passaggio proposed");
    expect(main).toContain("<strong>mediazione</strong>");
    expect(main).toContain('href="/notes/');
    expect(main).not.toContain('id="status-form"');
    expect(main).toContain("Aggiunta al registro dalla versione 3 del rapporto");
  });

  test("When the form has bad values, then it comes back (400) with the input and an error next to each field, and nothing is kept", async () => {
    const res = await postStatus(coordinator, "R-T3-01", {
      zone: "atlantide",
      status: "forse",
      date: "2026-02-31",
      link: "javascript:alert(1)",
      note: "Nota scritta con cura",
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Scegli uno stato dell'elenco.");
    expect(res.text).toContain("Scrivi una data valida");
    expect(res.text).toContain("Il collegamento deve essere un indirizzo web");
    expect(res.text).toContain("Nota scritta con cura");
    expect(res.text).toMatch(/id="f-date-error"/);
    const zone = await postStatus(coordinator, "R-T3-01", { zone: "atlantide" });
    expect(zone.status).toBe(400);
    expect(zone.text).toContain("Scegli una zona-distretto dell'elenco.");
    expect(zone.text).toMatch(/id="f-zone-error"/);
    const long = await postStatus(coordinator, "R-T3-01", { note: "x".repeat(5001) });
    expect(long.status).toBe(400);
    expect(long.text).toContain("La nota può avere al massimo 5.000 caratteri.");
    const item = (await RecommendationModel.findOne({ code: "R-T3-01" }).lean())!;
    expect(item.statuses).toEqual([]);
    expect(item.version).toBe(1);
  });

  test("When two coordinators send the form from the same version, then the second gets 409 with its input and the current statuses", async () => {
    const other = await loginAs(ctx, "coordinator");
    const token = await other.csrf();
    expect((await postStatus(coordinator, "R-T3-01", { status: "adopted" })).status).toBe(303);
    const stale = await other.agent.post("/recommendations/R-T3-01/status").type("form").send({
      _csrf: token,
      version: "1",
      zone: "lunigiana",
      status: "not_adopted",
      date: "2026-11-21",
      note: "La mia nota",
      link: "",
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain("un'altra persona ha modificato");
    expect(stale.text).toContain("La mia nota");
    expect(stale.text).toContain('name="version" value="2"');
    const item = (await RecommendationModel.findOne({ code: "R-T3-01" }).lean())!;
    expect(item.statuses.map((s) => s.status)).toEqual(["adopted"]);
  });

  test("When an anonymous visitor or a member posts a status, then it is refused and nothing is kept; JSON clients get 400 with details", async () => {
    const anon = ctx.agent();
    const token = await csrfFrom(anon, "/login");
    const a = await anon
      .post("/recommendations/R-T3-01/status")
      .type("form")
      .send({ _csrf: token, version: "1", zone: "lunigiana", status: "adopted", date: "2026-11-20" });
    expect([302, 303, 401]).toContain(a.status);
    const member = await loginAs(ctx, "member");
    expect((await postStatus(member, "R-T3-01", {})).status).toBe(403);
    expect((await RecommendationModel.findOne({ code: "R-T3-01" }).lean())!.statuses).toEqual([]);
    const json = await coordinator.agent
      .post("/recommendations/R-T3-01/status")
      .set("accept", "application/json")
      .set("x-csrf-token", await coordinator.csrf())
      .send({ version: "1", zone: "lunigiana", status: "maybe", date: "2026-11-20" });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ code: "validation_failed" });
    expect((json.body as { details: { field: string }[] }).details.map((d) => d.field)).toContain("status");
    expect((await coordinator.agent.get("/recommendations/R-T3-99")).status).toBe(404);
    expect((await postStatus(coordinator, "R-T3-99", {})).status).toBe(404);
    expect((await ctx.agent().get("/recommendations/not-a-code")).status).toBe(400);
  });

  test("When the text, note and link carry XSS payloads, then no page, export or API answer carries them as markup or a link", async () => {
    const other = await publishReport(ctx, [`Raccomandazione ${PAYLOADS.join(" ")}`]);
    expect((await ctx.services.tables.register.syncFromReport(COORDINATOR, other)).created).toEqual([
      "R-T3-03",
    ]);
    const res = await postStatus(coordinator, "R-T3-01", {
      note: PAYLOADS.join("\n\n"),
      link: "https://example.org/piano?a=<script>",
    });
    expect(res.status).toBe(303);
    for (const link of [
      "javascript:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "//evil.example",
      "ftp://x.example",
    ]) {
      expect((await postStatus(coordinator, "R-T3-01", { link })).status).toBe(400);
    }
    for (const path of [
      "/recommendations/R-T3-01",
      "/recommendations/R-T3-03",
      `/reports/${other}`,
      "/recommendations",
      "/recommendations/matrix",
      "/zones/lunigiana",
    ]) {
      const page = await ctx.agent().get(path);
      expect(page.status).toBe(200);
      expect(mainOf(page.text)).not.toMatch(MARKUP);
    }
    const item = mainOf((await ctx.agent().get("/recommendations/R-T3-01")).text);
    expect(item).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(item).toContain('href="https://example.org/piano?a=%3Cscript%3E"');
    const csv = (await ctx.agent().get("/recommendations.csv")).text;
    expect(csv).not.toMatch(/^[=+\-@]/m);
    const json = await ctx.agent().get("/recommendations.json");
    expect(json.headers["content-type"]).toMatch(/application\/json/);
    const status = (json.body as ApiList).recommendations[0]!.statuses[0]!;
    expect(status.note).toContain("<script>alert(1)</script>");
    expect(status.link).toBe("https://example.org/piano?a=%3Cscript%3E");
  });
});

describe("public views, exports and the API", () => {
  beforeEach(async () => {
    await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    const register = ctx.services.tables.register;
    const first = await register.setStatus(
      COORDINATOR,
      "R-T3-01",
      { zone: "lunigiana", status: "adopted", date: "2026-10-01", note: "=1+1", link: null },
      1,
    );
    await register.setStatus(
      COORDINATOR,
      "R-T3-01",
      { zone: "pratese", status: "under_discussion", date: "2026-10-02", note: "", link: null },
      first.version,
    );
    await register.setStatus(
      COORDINATOR,
      "R-T3-02",
      { zone: "pratese", status: "adopted", date: "2026-10-03", note: "", link: "https://example.org/p" },
      1,
    );
  });

  test("When the register is filtered by table, zone and status, then it lists the matching items with counts, and unknown values are 400", async () => {
    const all = mainOf((await ctx.agent().get("/recommendations")).text);
    expect(all).toContain("2 raccomandazioni");
    expect(all).toContain("Adottata (2)");
    const adoptedInPrato = mainOf(
      (await ctx.agent().get("/recommendations?zone=pratese&status=adopted")).text,
    );
    expect(adoptedInPrato).toContain("1 raccomandazione");
    expect(adoptedInPrato).toContain('href="/recommendations/R-T3-02"');
    expect(adoptedInPrato).not.toContain('href="/recommendations/R-T3-01"');
    const emptyTable = mainOf((await ctx.agent().get("/recommendations?table=governance-multilivello")).text);
    expect(emptyTable).toContain("Nessuna raccomandazione corrisponde");
    const blank = await ctx.agent().get("/recommendations?table=&zone=&status=");
    expect(blank.status).toBe(200);
    for (const q of [
      "table=atlantide",
      "zone=atlantide",
      "status=forse",
      "colour=red",
      "zone[$ne]=x",
      "state=gone",
    ]) {
      expect((await ctx.agent().get(`/recommendations?${q}`)).status).toBe(400);
      expect((await ctx.agent().get(`/api/v1/recommendations?${q}`)).status).toBe(400);
      expect((await ctx.agent().get(`/recommendations.csv?${q}`)).status).toBe(400);
    }
    const api400 = await ctx.agent().get("/api/v1/recommendations?zone=atlantide");
    expect(api400.body).toMatchObject({ code: "validation_failed", details: [{ field: "zone" }] });
  });

  test("When the API is asked with filters, then each item comes with its statuses per zone, and one item with its history", async () => {
    const res = await ctx.agent().get("/api/v1/recommendations?table=monitoraggio-valutazione&zone=pratese");
    expect(res.status).toBe(200);
    expect((res.body as ApiList).total).toBe(2);
    const body = res.body as ApiList;
    const first = body.recommendations[0]!;
    expect(first).toMatchObject({
      code: "R-T3-01",
      state: "active",
      table: { key: THEME, number: 3 },
      report: { slug, version: 3 },
      evidence: { notes: [{ id: noteId }], projects: [{ slug: "open" }] },
    });
    expect(first.statuses.map((s) => [s.zone, s.status])).toEqual([
      ["lunigiana", "adopted"],
      ["pratese", "under_discussion"],
    ]);
    const adopted = await ctx.agent().get("/api/v1/recommendations?status=under_discussion");
    expect((adopted.body as ApiList).recommendations.map((r) => r.code)).toEqual(["R-T3-01"]);
    const one = await ctx.agent().get("/api/v1/recommendations/r-t3-01");
    expect(one.status).toBe(200);
    const history = (one.body as { history: Record<string, unknown>[] }).history;
    expect(history.map((h) => h.action)).toEqual(["create", "status", "status"]);
    expect(history[0]!.by).toBeUndefined();
    expect((await ctx.agent().get("/api/v1/recommendations/R-T3-77")).status).toBe(404);
    expect((await ctx.agent().get("/api/v1/recommendations/DROP")).status).toBe(400);
    const doc = (await ctx.agent().get("/api/v1/openapi.json")).body as OpenApi;
    expect(doc.paths["/api/v1/recommendations"]!.get.operationId).toBe("listRecommendations");
    const names = doc.paths["/api/v1/recommendations"]!.get.parameters.map((p) => p.name);
    expect(names).toEqual(["table", "zone", "status", "state"]);
    expect(doc.paths["/api/v1/recommendations/{code}"]!.get.operationId).toBe("getRecommendation");
    expect(doc.components.schemas.Recommendation?.properties.statuses).toBeDefined();
  });

  test("When the register is exported, then the CSV has a row per item and zone, formulas neutralised, and the JSON matches the API", async () => {
    const csv = await ctx.agent().get("/recommendations.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    const lines = csv.text
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "code,state,table,table_name,text,report,report_version,evidence_notes,evidence_projects,zone,zone_name,status,date,note,link,url",
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^R-T3-01,active,3,/);
    expect(lines[1]).toContain(",lunigiana,Lunigiana,adopted,2026-10-01,'=1+1,");
    expect(lines[3]).toContain(",pratese,");
    const filtered = await ctx.agent().get("/recommendations.csv?zone=lunigiana");
    expect(filtered.text.trim().split("\r\n")).toHaveLength(3);
    const json = await ctx.agent().get("/recommendations.json");
    const api = await ctx.agent().get("/api/v1/recommendations");
    expect((json.body as ApiList).recommendations).toEqual((api.body as ApiList).recommendations);
  });

  test("When the matrix is shown, then it is a table with a caption, zone columns and code rows, in a focusable region", async () => {
    const page = mainOf((await ctx.agent().get("/recommendations/matrix")).text);
    expect(page).toMatch(/role="region"[^>]*tabindex="0"|tabindex="0"[^>]*role="region"/i);
    expect(page).toContain("<caption>Stato di ogni raccomandazione nei piani integrati zonali</caption>");
    expect(page).toMatch(/<th scope="col"><a href="\/zones\/lunigiana">Lunigiana<\/a><\/th>/);
    expect(page).toMatch(/<th scope="row"><a href="\/recommendations\/R-T3-01">R-T3-01<\/a><\/th>/);
    expect(page).not.toContain('href="/zones/mugello"');
    expect((await ctx.agent().get("/recommendations/matrix?table=nessuno")).status).toBe(400);
  });

  test("When a zone's page is shown, then it lists the recommendations whose status the zone recorded, and none elsewhere", async () => {
    const prato = mainOf((await ctx.agent().get("/zones/pratese")).text);
    expect(prato).toContain("Raccomandazioni nel piano integrato zonale");
    expect(prato).toContain('href="/recommendations/R-T3-01"');
    expect(prato).toContain('href="/recommendations/R-T3-02"');
    expect(prato).toContain("In discussione");
    expect(prato).toContain('href="https://example.org/p"');
    const luni = mainOf((await ctx.agent().get("/zones/lunigiana")).text);
    expect(luni).not.toContain('href="/recommendations/R-T3-02"');
    const mugello = mainOf((await ctx.agent().get("/zones/mugello")).text);
    expect(mugello).not.toContain("Raccomandazioni nel piano integrato zonale");
    // A recommendation the report drops stays on the zone's page, marked withdrawn.
    await republish(ctx, slug, ["Indicatori comuni per tutti i progetti"]);
    ctx.services.tables.reportQueries.clear();
    expect((await ctx.services.tables.register.syncFromReport(COORDINATOR, slug)).withdrawn).toEqual([
      "R-T3-01",
    ]);
    const after = mainOf((await ctx.agent().get("/zones/pratese")).text);
    expect(after).toMatch(
      /R-T3-01<\/strong><\/a> <small[^>]*>[^<]*<\/small> <span class="badge bg-secondary">Ritirate<\/span>/,
    );
    expect(after).not.toMatch(/R-T3-02<\/strong><\/a> <small[^>]*>[^<]*<\/small> <span class="badge/);
  });

  test("When a status changes, then the cached anonymous pages show it at once", async () => {
    expect(mainOf((await ctx.agent().get("/zones/mugello")).text)).not.toContain("R-T3-01");
    expect(mainOf((await ctx.agent().get("/zones/mugello")).text)).not.toContain("R-T3-01");
    const res = await postStatus(coordinator, "R-T3-01", { zone: "mugello", status: "proposed" });
    expect(res.status).toBe(303);
    expect(mainOf((await ctx.agent().get("/zones/mugello")).text)).toContain("R-T3-01");
  });
});
