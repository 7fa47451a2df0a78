// The recommendations register in search: active items of published reports are documents (found by their
// words, with a typo and by code, filtered and counted by table and zone-distretto), a status change is
// re-indexed, a withdrawn item or report takes items out, and the check and rebuilds cover the type.
import type { Actor } from "../../src/modules/accounts/index";
import { succeeded } from "../../src/modules/search/meili-tasks";
import { indexUid } from "../../src/modules/search/sources";
import { RecommendationModel } from "../../src/modules/tables/register.model";
import { useTestApp } from "../support/test-app";
import { seedCatalogue } from "./notes-fixtures";
import { publishReport, republish } from "./register-fixtures";
import { indexerIdle, waitFor } from "./search-support";

const ctx = useTestApp();
const COORDINATOR: Actor = { id: "c1", name: "Coordinatrice (esempio)", role: "coordinator" };
const TABLE_A = "monitoraggio-valutazione";
const TABLE_B = "accessibilita-servizi";

interface Body {
  total: number;
  hits: { type: string; id: string; code?: string; url: string; reportTitle?: string; zones: string[] }[];
  facets: Record<string, { value: string; count: number }[]>;
}

async function search(qs: string): Promise<Body> {
  const res = await ctx.agent().get(`/api/v1/search?${qs}`);
  expect(res.status).toBe(200);
  return res.body as Body;
}

const codes = (b: Body) => b.hits.map((h) => h.code).sort();

function index() {
  const source = ctx.services.search.registry.get("recommendation")!;
  return ctx.infra.meili.index(indexUid(ctx.config.meiliIndexPrefix, source));
}

async function indexed(id: string): Promise<Record<string, unknown> | undefined> {
  try {
    return await index().getDocument(id);
  } catch {
    return undefined;
  }
}

/** A report of a table published and its recommendations added to the register; returns the codes. */
async function registered(items: string[], theme = TABLE_A): Promise<{ slug: string; codes: string[] }> {
  const slug = await publishReport(ctx, items, { kind: "table", theme });
  const result = await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
  return { slug, codes: result.created };
}

async function setStatus(code: string, zone: string, status: "adopted" | "proposed" = "adopted") {
  const item = (await RecommendationModel.findOne({ code }).lean())!;
  await ctx.services.tables.register.setStatus(
    COORDINATOR,
    code,
    { zone, status, date: "2026-11-30", note: "", link: null },
    item.version,
  );
}

const idOf = async (code: string) => String((await RecommendationModel.findOne({ code }).lean())!._id);

beforeEach(async () => {
  await seedCatalogue(ctx);
  // The harness emptied the indexes: create them with their settings now, so that no rebuild (which
  // a missing index asks for) swaps an index under a test's feet.
  await ctx.services.search.syncSettings();
  await indexerIdle(ctx);
});

test("When a report's recommendations join the register, then type=recommendation finds them by words, typo and code", async () => {
  const { codes: made } = await registered([
    "Prevedere sempre la mediazione linguistica negli sportelli.",
    "Condividere un cruscotto di indicatori fra i comuni.",
  ]);
  expect(made).toEqual(["R-T3-01", "R-T3-02"]);
  await indexerIdle(ctx);
  const byWord = await search("type=recommendation&q=cruscotto");
  expect(byWord.hits.map((h) => [h.type, h.code, h.url, h.reportTitle])).toEqual([
    ["recommendation", "R-T3-02", "/recommendations/R-T3-02", "Sintesi di prova (esempio)"],
  ]);
  expect(codes(await search("type=recommendation&q=mediazone"))).toEqual(["R-T3-01"]);
  expect(codes(await search("type=recommendation&q=R-T3-01"))[0]).toBe("R-T3-01");
  // The default search stays on projects and notes.
  expect((await search("q=cruscotto")).hits.filter((h) => h.type === "recommendation")).toEqual([]);
  // Both types at once.
  const both = await search("type=report&type=recommendation&q=cruscotto");
  expect(both.hits.map((h) => h.type).sort()).toEqual(["recommendation", "report"]);
});

test("When items have statuses in zones and come from two tables, then zone and theme filter and count them", async () => {
  const a = await registered(["Accoglienza con la mediazione linguistica."], TABLE_A);
  const b = await registered(["Accoglienza negli orari serali.", "Accoglienza senza appuntamento."], TABLE_B);
  await setStatus(a.codes[0]!, "lunigiana");
  await setStatus(b.codes[0]!, "apuane");
  await setStatus(b.codes[0]!, "lunigiana", "proposed");
  await indexerIdle(ctx);
  const all = await search("type=recommendation&q=accoglienza");
  expect(all.total).toBe(3);
  expect(all.facets.zone).toEqual(
    expect.arrayContaining([
      { value: "lunigiana", count: 2 },
      { value: "apuane", count: 1 },
    ]),
  );
  expect(all.facets.theme).toEqual(
    expect.arrayContaining([
      { value: TABLE_A, count: 1 },
      { value: TABLE_B, count: 2 },
    ]),
  );
  expect(codes(await search("type=recommendation&zone=apuane"))).toEqual([b.codes[0]]);
  expect(codes(await search("type=recommendation&zone=lunigiana"))).toEqual([a.codes[0], b.codes[0]].sort());
  expect(codes(await search(`type=recommendation&theme=${TABLE_B}`))).toEqual([...b.codes].sort());
  // An item with no status belongs to no zone.
  const zoneless = (await search(`type=recommendation&q=appuntamento`)).hits[0]!;
  expect(zoneless.zones).toEqual([]);
});

test("When an item is withdrawn or its report is, then it leaves the index; published again, it returns", async () => {
  const { slug, codes: made } = await registered([
    "Formare gli operatori all'ascolto.",
    "Tenere un diario di bordo.",
  ]);
  const [keep, drop] = made as [string, string];
  await indexerIdle(ctx);
  const [keepId, dropId] = [await idOf(keep), await idOf(drop)];
  expect(await indexed(dropId)).toBeDefined();

  // A new version of the report without the second item: synchronised, the item is withdrawn.
  await republish(ctx, slug, ["Formare gli operatori all'ascolto."]);
  expect((await ctx.services.tables.register.syncFromReport(COORDINATOR, slug)).withdrawn).toEqual([drop]);
  await waitFor("the withdrawn item out of the index", async () => (await indexed(dropId)) === undefined);
  expect(codes(await search("type=recommendation&q=diario"))).toEqual([]);

  // A status change is re-indexed with its zone.
  await setStatus(keep, "apuane");
  await waitFor(
    "the status in the index",
    async () => (await indexed(keepId))?.zones?.toString() === "apuane",
  );

  // The report withdrawn: its items leave search (the register keeps them); published again, they return.
  const { reports } = ctx.services.tables;
  await reports.transition(COORDINATOR, slug, "unpublish", (await reports.load(slug)).version);
  await waitFor("the item out of the index", async () => (await indexed(keepId)) === undefined);
  expect((await search("type=recommendation&q=ascolto")).total).toBe(0);
  const review = await reports.transition(COORDINATOR, slug, "submit", (await reports.load(slug)).version);
  await reports.transition(COORDINATOR, slug, "publish", review.version);
  await waitFor("the item back in the index", () => indexed(keepId));
  expect(codes(await search("type=recommendation&q=ascolto"))).toEqual([keep]);
});

test("When the recommendations index drifts, then the check finds it and the repair and a rebuild bring it back", async () => {
  const { codes: made } = await registered(["Primo punto del registro.", "Secondo punto del registro."]);
  await indexerIdle(ctx);
  const [one, two] = [await idOf(made[0]!), await idOf(made[1]!)];
  await succeeded(ctx.infra.meili, index().deleteDocument(one));
  await succeeded(ctx.infra.meili, index().updateDocuments([{ id: two, version: 0 }]));
  const check = async () =>
    (await ctx.services.search.check(false)).reports.find((r) => r.type === "recommendation");
  expect(await check()).toMatchObject({ missing: [one], stale: [two], extra: [] });
  expect((await ctx.services.search.check(true)).queued).toBeGreaterThanOrEqual(2);
  await indexerIdle(ctx);
  expect(await check()).toMatchObject({ missing: [], stale: [], extra: [] });
  // Withdrawn past the service: extra in the index until a rebuild of the type.
  await RecommendationModel.updateOne({ _id: two }, { $set: { state: "withdrawn" } });
  expect(await check()).toMatchObject({ extra: [two] });
  const [rebuilt] = await ctx.services.search.reindex(["recommendation"]);
  expect(rebuilt!.type).toBe("recommendation");
  expect(await check()).toMatchObject({ inSource: 1, inIndex: 1, missing: [], stale: [], extra: [] });
});
