// The register's data layer: items from a published report (codes stable across versions, rewordings,
// withdrawn and reinstated items), each status change with its history, concurrent edits, who may write.
import type { Actor } from "../../src/modules/accounts/index";
import { RecommendationModel } from "../../src/modules/tables/register.model";
import { createReportService } from "../../src/modules/tables/report.service";
import { REGISTER_STATUSES } from "../../src/modules/tables/index";
import { useTestApp } from "../support/test-app";
import { THEME } from "./notes-fixtures";
import {
  COORDINATOR,
  publishedNote,
  publishReport as publish,
  republish as again,
} from "./register-fixtures";
import { resetTables } from "./tables-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });
const MEMBER: Actor = { id: "m1", name: "Socia (esempio)", role: "member" };
const note = (title: string, theme?: string) => publishedNote(title, theme);
const publishReport = (items: string[], scope?: { kind: "table" | "event" | "all"; theme?: string }) =>
  publish(ctx, items, scope);
const republish = (slug: string, items: string[]) => again(ctx, slug, items);

const status = (zone: string, s: (typeof REGISTER_STATUSES)[number], extra = {}) => ({
  zone,
  status: s,
  date: "2026-11-20",
  note: "Discussa in conferenza dei sindaci (esempio).",
  link: null,
  ...extra,
});

beforeEach(async () => {
  await resetTables(ctx);
  ctx.services.tables.reportQueries.clear();
});

describe("items from a published report", () => {
  test("When a table's report is added to the register, then each recommendation gets the table's next code with its text, report and evidence", async () => {
    const n1 = await note("Mediazione linguistica sempre");
    const slug = await publishReport(
      [`Prevedere la mediazione linguistica [@nota:${n1}] [@progetto:open]`, "Indicatori comuni per tutti"],
      { kind: "table", theme: THEME },
    );
    const result = await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    expect(result.created).toEqual(["R-T3-01", "R-T3-02"]);
    const item = (await ctx.services.tables.registerQueries.byCode("r-t3-01"))!;
    expect(item.theme).toBe(THEME);
    expect(item.text).toContain("Prevedere la mediazione linguistica");
    expect(item.report).toMatchObject({
      slug,
      version: 3,
      firstVersion: 3,
      title: "Sintesi di prova (esempio)",
    });
    expect(item.evidence).toEqual({ notes: [n1], projects: ["open"] });
    expect(item.state).toBe("active");
    const again = await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    expect(again).toEqual({ created: [], reworded: [], withdrawn: [], reinstated: [], unchanged: 2 });
  });

  test("When an event's report cites notes of different tables, then each item is filed under its notes' table, and one citing none under G", async () => {
    const a = await note("Governance", "governance-multilivello");
    const b = await note("Accessibilità", "accessibilita-servizi");
    const slug = await publishReport(
      [`Tavoli zonali stabili [@nota:${a}]`, `Sportelli aperti la sera [@nota:${b}]`, "Formazione comune"],
      {
        kind: "all",
      },
    );
    const result = await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    expect(result.created).toEqual(["R-T1-01", "R-T4-01", "R-G-01"]);
  });

  test("When a new version rewords, drops and adds recommendations, then codes never change: reworded keep theirs, dropped are withdrawn, new ones get the next number", async () => {
    const slug = await publishReport(
      ["Prima raccomandazione sulla mediazione", "Seconda sugli indicatori", "Terza sulle reti"],
      {
        kind: "table",
        theme: THEME,
      },
    );
    await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    await republish(slug, [
      "Prima raccomandazione sulla mediazione linguistica",
      "Terza sulle reti",
      "Quarta, nuova, sui dati aperti",
    ]);
    const result = await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    expect(result).toEqual({
      created: ["R-T3-04"],
      reworded: ["R-T3-01"],
      withdrawn: ["R-T3-02"],
      reinstated: [],
      unchanged: 1,
    });
    const withdrawn = (await ctx.services.tables.registerQueries.byCode("R-T3-02"))!;
    expect(withdrawn.state).toBe("withdrawn");
    expect((await ctx.services.tables.registerQueries.list()).map((i) => i.code)).toEqual([
      "R-T3-01",
      "R-T3-03",
      "R-T3-04",
    ]);
    const history = (await ctx.services.tables.registerQueries.history("R-T3-01"))!;
    expect(history.map((h) => h.action)).toEqual(["create", "text"]);
    expect(history[1]!.text).toBe("Prima raccomandazione sulla mediazione linguistica");

    await republish(slug, ["Prima raccomandazione sulla mediazione linguistica", "Seconda sugli indicatori"]);
    const back = await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    expect(back.reinstated).toEqual(["R-T3-02"]);
    expect(back.withdrawn.sort()).toEqual(["R-T3-03", "R-T3-04"]);
  });

  test("When the report is not published, then nothing is added and the answer is not found", async () => {
    const doc = await ctx.services.tables.reports.create(COORDINATOR, {
      scope: { kind: "table", theme: THEME },
      content: {
        title: "Bozza (esempio)",
        summary: "",
        sections: [{ heading: "R", kind: "recommendations", body: "- Una" }],
      },
    });
    await expect(ctx.services.tables.register.syncFromReport(COORDINATOR, doc.slug)).rejects.toMatchObject({
      status: 404,
    });
    expect(await RecommendationModel.countDocuments()).toBe(0);
  });

  test("When a member tries to add a report or record a status, then it is forbidden and nothing is written", async () => {
    const slug = await publishReport(["Una raccomandazione"], { kind: "table", theme: THEME });
    await expect(ctx.services.tables.register.syncFromReport(MEMBER, slug)).rejects.toMatchObject({
      status: 403,
    });
    await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    await expect(
      ctx.services.tables.register.setStatus(MEMBER, "R-T3-01", status("lunigiana", "adopted"), 1),
    ).rejects.toMatchObject({ status: 403 });
    expect((await ctx.services.tables.registerQueries.byCode("R-T3-01"))!.statuses).toEqual([]);
  });
});

describe("statuses per zone", () => {
  test("When each status is recorded in turn for a zone, then the item shows the latest and the history keeps every change with the one before", async () => {
    const slug = await publishReport(["Una raccomandazione"], { kind: "table", theme: THEME });
    await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    let version = 1;
    for (const s of REGISTER_STATUSES) {
      const doc = await ctx.services.tables.register.setStatus(
        COORDINATOR,
        "R-T3-01",
        status("lunigiana", s, { link: s === "adopted" ? "https://example.org/piano.pdf" : null }),
        version,
      );
      version = doc.version;
    }
    await ctx.services.tables.register.setStatus(
      COORDINATOR,
      "R-T3-01",
      status("alta-val-d-elsa", "adopted"),
      version,
    );
    const item = (await ctx.services.tables.registerQueries.byCode("R-T3-01"))!;
    expect(item.statuses.map((s) => [s.zone, s.status])).toEqual([
      ["lunigiana", "not_adopted"],
      ["alta-val-d-elsa", "adopted"],
    ]);
    const history = (await ctx.services.tables.registerQueries.history("R-T3-01"))!;
    expect(history.filter((h) => h.zone === "lunigiana").map((h) => [h.previous, h.status])).toEqual([
      [null, "proposed"],
      ["proposed", "under_discussion"],
      ["under_discussion", "adopted"],
      ["adopted", "partly_adopted"],
      ["partly_adopted", "not_adopted"],
    ]);
    expect(history.find((h) => h.status === "adopted")!.link).toBe("https://example.org/piano.pdf");
    const zone = await ctx.services.tables.registerQueries.ofZone("lunigiana");
    expect(zone.map((z) => [z.item.code, z.status.status])).toEqual([["R-T3-01", "not_adopted"]]);
    expect(
      (await ctx.services.tables.registerQueries.list({ zone: "alta-val-d-elsa", status: "adopted" })).length,
    ).toBe(1);
    expect(
      (await ctx.services.tables.registerQueries.list({ zone: "lunigiana", status: "adopted" })).length,
    ).toBe(0);
    expect((await ctx.services.tables.registerQueries.list({ status: "adopted" })).length).toBe(1);
    expect(
      (await ctx.services.tables.registerQueries.list({ table: "governance-multilivello" })).length,
    ).toBe(0);
    const changes = await ctx.services.tables.registerQueries.changes({ limit: 2 });
    expect(changes[0]).toMatchObject({ code: "R-T3-01", zone: "alta-val-d-elsa", status: "adopted" });
  });

  test("When two coordinators record a status on the same version, then the second is refused as a conflict and nothing of it is kept", async () => {
    const slug = await publishReport(["Una raccomandazione"], { kind: "table", theme: THEME });
    await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    await ctx.services.tables.register.setStatus(COORDINATOR, "R-T3-01", status("lunigiana", "adopted"), 1);
    await expect(
      ctx.services.tables.register.setStatus(COORDINATOR, "R-T3-01", status("lunigiana", "not_adopted"), 1),
    ).rejects.toMatchObject({ status: 409 });
    const item = (await ctx.services.tables.registerQueries.byCode("R-T3-01"))!;
    expect(item.statuses.map((s) => s.status)).toEqual(["adopted"]);
    expect(item.version).toBe(2);
    expect((await ctx.services.tables.registerQueries.history("R-T3-01"))!.length).toBe(2);
  });

  test("When the zone is unknown or the code does not exist, then the answers are 400 and 404", async () => {
    const slug = await publishReport(["Una raccomandazione"], { kind: "table", theme: THEME });
    await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    await expect(
      ctx.services.tables.register.setStatus(COORDINATOR, "R-T3-01", status("atlantide", "adopted"), 1),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      ctx.services.tables.register.setStatus(COORDINATOR, "R-T3-99", status("lunigiana", "adopted"), 1),
    ).rejects.toMatchObject({ status: 404 });
    expect(await ctx.services.tables.registerQueries.byCode("<script>")).toBeNull();
  });
});

describe("items with the same words", () => {
  test("When a draft's placeholder lines say the same words with different citations, then each is its own item", async () => {
    const a = await note("Prima");
    const b = await note("Seconda");
    const slug = await publishReport(
      [
        `Raccomandazione da scrivere a partire da [@nota:${a}]`,
        `Raccomandazione da scrivere a partire da [@nota:${b}]`,
      ],
      { kind: "table", theme: THEME },
    );
    expect((await ctx.services.tables.register.syncFromReport(COORDINATOR, slug)).created).toEqual([
      "R-T3-01",
      "R-T3-02",
    ]);
    expect((await ctx.services.tables.register.syncFromReport(COORDINATOR, slug)).unchanged).toBe(2);
  });
});

describe("another app process", () => {
  test("When another process publishes a new version, then adding to the register reads that version, not one kept in memory", async () => {
    const slug = await publishReport(["Prima raccomandazione"], { kind: "table", theme: THEME });
    await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
    // This process keeps the published version in memory...
    expect((await ctx.services.tables.reportQueries.recommendationsOf(slug))!.length).toBe(1);
    // ...while a second process (its own report service, its own listeners) publishes the next one.
    const elsewhere = createReportService({
      connection: ctx.infra.mongo,
      sources: { notes: () => Promise.resolve(new Map()), projects: () => Promise.resolve(new Map()) },
    });
    const current = await elsewhere.load(slug);
    const saved = await elsewhere.update(
      COORDINATOR,
      slug,
      {
        title: current.title,
        summary: "",
        sections: [
          { heading: "R", kind: "recommendations", body: "- Prima raccomandazione\n- Seconda, nuova" },
        ],
      },
      current.version,
    );
    const review = await elsewhere.transition(COORDINATOR, slug, "submit", saved.version);
    await elsewhere.transition(COORDINATOR, slug, "publish", review.version);
    expect((await ctx.services.tables.register.syncFromReport(COORDINATOR, slug)).created).toEqual([
      "R-T3-02",
    ]);
  });
});
