// Synthesis reports in search: only published versions are documents (found by their words and with a
// typo, filtered and counted by table and zone), they leave the index when withdrawn, follow a new
// publication, and are covered by the consistency check and rebuilds.
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { succeeded } from "../../src/modules/search/meili-tasks";
import { indexUid } from "../../src/modules/search/sources";
import { ReportModel } from "../../src/modules/tables/report.model";
import { useTestApp } from "../support/test-app";
import {
  COORDINATOR,
  TABLE_A,
  TABLE_B,
  ZONE_A,
  ZONE_B,
  content,
  draftReport,
  publishedNoteOn,
  publishedReport,
  seedZones,
} from "./report-search-fixtures";
import { indexerIdle, waitFor } from "./search-support";

const ctx = useTestApp();

interface Body {
  total: number;
  hits: {
    type: string;
    id: string;
    slug: string;
    url: string;
    title: string;
    themes: string[];
    zones: string[];
  }[];
  facets: Record<string, { value: string; count: number }[]>;
}

function reportsIndex() {
  const source = ctx.services.search.registry.get("report")!;
  return ctx.infra.meili.index(indexUid(ctx.config.meiliIndexPrefix, source));
}

async function indexed(id: string): Promise<Record<string, unknown> | undefined> {
  try {
    return await reportsIndex().getDocument(id);
  } catch {
    return undefined;
  }
}

const idOf = async (slug: string) => String((await ReportModel.findOne({ slug }).lean())!._id);

async function search(qs: string): Promise<Body> {
  const res = await ctx.agent().get(`/api/v1/search?${qs}`);
  expect(res.status).toBe(200);
  return res.body as Body;
}

let noteA: string;
let noteB: string;

beforeEach(async () => {
  await seedZones(ctx);
  noteA = await publishedNoteOn("open", "Il quaderno dei mediatori");
  noteB = await publishedNoteOn("second", "Sportelli aperti il sabato", TABLE_B);
  // The harness emptied the indexes: create them with their settings now, so that no rebuild (which
  // a missing index asks for) swaps an index under a test's feet.
  await ctx.services.search.syncSettings();
  await indexerIdle(ctx);
});

test("When a report is published, then type=report finds it by the words of its text and with a typo, linking to its page", async () => {
  const slug = await publishedReport(
    ctx,
    TABLE_A,
    content(
      "Sintesi del monitoraggio partecipato",
      `Il **cruscotto** condiviso fra i comuni ha reso visibili i progressi [@nota:${noteA}].`,
    ),
  );
  const id = await idOf(slug);
  await waitFor("the report in the index", () => indexed(id));
  const byWord = await search("type=report&q=cruscotto");
  expect(byWord.hits.map((h) => [h.type, h.slug, h.url])).toEqual([["report", slug, `/reports/${slug}`]]);
  expect(byWord.hits[0]!.themes).toEqual([TABLE_A]);
  expect(byWord.hits[0]!.zones).toEqual([ZONE_A]);
  // A typo in a word of the title, and one in the body.
  expect((await search("type=report&q=monitoragio")).hits.map((h) => h.slug)).toEqual([slug]);
  expect((await search("type=report&q=crusctto")).hits.map((h) => h.slug)).toEqual([slug]);
  // Citations are not text: a note's id finds nothing.
  expect((await search(`type=report&q=${noteA}`)).total).toBe(0);
  // The default search stays on projects and notes.
  expect((await search("q=cruscotto")).hits.filter((h) => h.type === "report")).toEqual([]);
});

test("When reports of two tables and zones are published, then theme and zone filter them and count them", async () => {
  const a = await publishedReport(
    ctx,
    TABLE_A,
    content("Rapporto uno", `Accoglienza diffusa [@nota:${noteA}].`),
  );
  const b = await publishedReport(
    ctx,
    TABLE_B,
    content("Rapporto due", `Accoglienza serale [@nota:${noteB}].`),
  );
  // A report citing no note has no zone.
  const c = await publishedReport(ctx, TABLE_B, content("Rapporto tre", "Accoglienza senza citazioni."));
  await indexerIdle(ctx);
  const all = await search("type=report&q=accoglienza");
  expect(all.hits.map((h) => h.slug).sort()).toEqual([a, b, c].sort());
  expect(all.facets.theme).toEqual(
    expect.arrayContaining([
      { value: TABLE_A, count: 1 },
      { value: TABLE_B, count: 2 },
    ]),
  );
  expect(all.facets.zone).toEqual(
    expect.arrayContaining([
      { value: ZONE_A, count: 1 },
      { value: ZONE_B, count: 1 },
    ]),
  );
  expect((await search(`type=report&q=accoglienza&theme=${TABLE_B}`)).hits.map((h) => h.slug).sort()).toEqual(
    [b, c].sort(),
  );
  const zoned = await search(`type=report&zone=${ZONE_A}`);
  expect(zoned.hits.map((h) => h.slug)).toEqual([a]);
  // The zone facet is counted as if it were not selected (disjunctive), the theme one within the zone.
  expect(zoned.facets.zone).toEqual(expect.arrayContaining([{ value: ZONE_B, count: 1 }]));
  // A filter reports cannot answer (a tag, a year) leaves them out rather than failing.
  expect((await search("type=report&year=2021")).total).toBe(0);
});

test("When a report is a draft or in review, then it is not indexed; withdrawn, it leaves; published again, the index follows", async () => {
  const slug = await draftReport(ctx, TABLE_A, content("Rapporto riservato", "Testo sulla formazione."));
  const id = await idOf(slug);
  const { reports } = ctx.services.tables;
  const review = await reports.transition(COORDINATOR, slug, "submit", (await reports.load(slug)).version);
  await indexerIdle(ctx);
  expect(await OutboxModel.countDocuments({ type: "report", docId: id })).toBe(0);
  expect(await indexed(id)).toBeUndefined();
  expect((await search("type=report&q=formazione")).total).toBe(0);

  await reports.transition(COORDINATOR, slug, "publish", review.version);
  const first = await waitFor("the report in the index", () => indexed(id));
  expect((await search("type=report&q=formazione")).total).toBe(1);

  // Editing the published report prepares its next version: the index keeps the published one.
  const edited = await reports.update(
    COORDINATOR,
    slug,
    content("Rapporto riservato", "Testo sul tutoraggio."),
    (await reports.load(slug)).version,
  );
  await indexerIdle(ctx);
  expect((await indexed(id))!.version).toBe(first.version);
  expect((await search("type=report&q=tutoraggio")).total).toBe(0);

  // Publishing it replaces the indexed version.
  const again = await reports.transition(COORDINATOR, slug, "submit", edited.version);
  await reports.transition(COORDINATOR, slug, "publish", again.version);
  await waitFor("the new version in the index", async () => (await indexed(id))?.version !== first.version);
  expect((await search("type=report&q=tutoraggio")).hits.map((h) => h.slug)).toEqual([slug]);
  expect((await search("type=report&q=formazione")).total).toBe(0);

  await reports.transition(COORDINATOR, slug, "unpublish", (await reports.load(slug)).version);
  await waitFor("the report out of the index", async () => (await indexed(id)) === undefined);
  expect((await search("type=report&q=tutoraggio")).total).toBe(0);
});

test("When the type is unknown, then the API answers 400 naming the valid types and the page shows the error", async () => {
  const res = await ctx.agent().get("/api/v1/search?type=rapporto");
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ code: "validation_failed" });
  expect(JSON.stringify(res.body.details)).toContain("project, note, report, recommendation");
  for (const bad of ["type=report&type=%3Cscript%3E", "type[]=report", "type=REPORT"]) {
    expect((await ctx.agent().get(`/api/v1/search?${bad}`)).status).toBe(400);
  }
  const page = await ctx
    .agent()
    .get("/search?type=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    .set("accept", "text/html");
  expect(page.status).toBe(400);
  expect(page.text).not.toContain("<script>alert(1)");
});

test("When the search page asks for reports, then hits carry the report label and the type stays chosen", async () => {
  const slug = await publishedReport(
    ctx,
    TABLE_A,
    content("Sintesi sul cruscotto", "Il cruscotto dei comuni."),
  );
  await waitFor("the report in the index", async () => indexed(await idOf(slug)));
  const page = await ctx.agent().get("/search?q=cruscotto&type=report").set("accept", "text/html");
  expect(page.status).toBe(200);
  expect(page.text).toContain(`href="/reports/${slug}"`);
  expect(page.text).toContain("Rapporto di sintesi</span>");
  expect(page.text).toMatch(/<option value="report" selected>/);
});

test("When the reports index drifts, then the check finds it and the repair and a rebuild bring it back", async () => {
  const a = await publishedReport(ctx, TABLE_A, content("Primo rapporto", "Testo del primo."));
  const b = await publishedReport(ctx, TABLE_B, content("Secondo rapporto", "Testo del secondo."));
  await indexerIdle(ctx);
  const [idA, idB] = [await idOf(a), await idOf(b)];
  await succeeded(ctx.infra.meili, reportsIndex().deleteDocument(idA));
  await succeeded(ctx.infra.meili, reportsIndex().updateDocuments([{ id: idB, version: 0 }]));
  const { reports } = await ctx.services.search.check(false);
  expect(reports.find((r) => r.type === "report")).toMatchObject({ missing: [idA], stale: [idB], extra: [] });

  // Other types may be settling still: the repair queues at least the two reports.
  const fixed = await ctx.services.search.check(true);
  expect(fixed.queued).toBeGreaterThanOrEqual(2);
  await indexerIdle(ctx);
  expect((await ctx.services.search.check(false)).reports.find((r) => r.type === "report")).toMatchObject({
    missing: [],
    stale: [],
    extra: [],
  });
  // An indexed report withdrawn past the service is extra; a rebuild of the type alone brings both sides level.
  await ReportModel.updateOne({ _id: idB }, { $set: { publishedVersion: null } });
  expect((await ctx.services.search.check(false)).reports.find((r) => r.type === "report")).toMatchObject({
    extra: [idB],
  });
  // A rebuild of the type alone brings both sides level.
  const [rebuilt] = await ctx.services.search.reindex(["report"]);
  expect(rebuilt!.type).toBe("report");
  expect((await ctx.services.search.check(false)).reports.find((r) => r.type === "report")).toMatchObject({
    inSource: 1,
    inIndex: 1,
    missing: [],
    extra: [],
    stale: [],
  });
});
