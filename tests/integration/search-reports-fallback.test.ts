// Reports and register items while Meilisearch is down: publishing still works (the change waits
// in the outbox) and type=report or type=recommendation is answered from MongoDB, with the same visibility and filters.
import { useTestApp } from "../support/test-app";
import { OutboxModel } from "../../src/modules/search/outbox.model";
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
import { OwnMeili, waitFor } from "./search-support";

const own = new OwnMeili();
const env: NodeJS.ProcessEnv = {};
beforeAll(async () => {
  await own.start();
  await own.stop();
  env.MEILI_URL = `http://127.0.0.1:${own.port}`;
  env.MEILI_MASTER_KEY = own.key;
}, 60_000);
const ctx = useTestApp({ env, resetBeforeEach: false });

afterAll(async () => {
  await own.stop();
});

interface Body {
  engine: string;
  total: number;
  hits: { type: string; slug: string; url: string; code?: string }[];
  facets: Record<string, { value: string; count: number }[]>;
}

const slugs = (b: Body) => b.hits.map((h) => h.slug);

let a: string;
let b: string;
let code: string;

beforeAll(async () => {
  await seedZones(ctx);
  const note = await publishedNoteOn("open", "Il quaderno dei mediatori");
  a = await publishedReport(
    ctx,
    TABLE_A,
    content("Sintesi del monitoraggio", `Il cruscotto condiviso dei comuni [@nota:${note}].`),
  );
  b = await publishedReport(ctx, TABLE_B, content("Accessibilità degli sportelli", "Un cruscotto serale."));
  await draftReport(ctx, TABLE_A, content("Bozza sul cruscotto", "Il cruscotto ancora in bozza."));
  // Report a's recommendation joins the register and gets a status in a zone; b's stays out of it.
  const { created } = await ctx.services.tables.register.syncFromReport(COORDINATOR, a);
  code = created[0]!;
  await ctx.services.tables.register.setStatus(
    COORDINATOR,
    code,
    { zone: ZONE_A, status: "adopted", date: "2026-11-30", note: "", link: null },
    1,
  );
}, 60_000);

test("When Meilisearch is unreachable, then published reports are found from MongoDB by their words, table and zone", async () => {
  // The publications wait in the outbox.
  expect(await OutboxModel.countDocuments({ type: "report", status: "pending" })).toBe(2);
  const res = await ctx.agent().get("/api/v1/search?type=report&q=cruscotto");
  expect(res.status).toBe(200);
  const body = res.body as Body;
  expect(body.engine).toBe("mongodb");
  expect(slugs(body).sort()).toEqual([a, b].sort());
  expect(body.hits.find((h) => h.slug === a)!.url).toBe(`/reports/${a}`);
  expect(body.facets.zone).toEqual([{ value: ZONE_A, count: 1 }]);
  // Accents and case as typed, words of the title weighing more than the text.
  expect(slugs((await ctx.agent().get("/api/v1/search?type=report&q=ACCESSIBILITA")).body as Body)).toEqual([
    b,
  ]);
  const zoned = (await ctx.agent().get(`/api/v1/search?type=report&zone=${ZONE_A}`)).body as Body;
  expect(slugs(zoned)).toEqual([a]);
  const themed = (await ctx.agent().get(`/api/v1/search?type=report&q=cruscotto&theme=${TABLE_B}`))
    .body as Body;
  expect(slugs(themed)).toEqual([b]);
  expect(((await ctx.agent().get("/api/v1/search?type=report&q=nessunaparola")).body as Body).total).toBe(0);
  // The default search stays on projects and notes.
  const plain = (await ctx.agent().get("/api/v1/search?q=cruscotto")).body as Body;
  expect(plain.hits.filter((h) => h.type === "report")).toEqual([]);
});

test("When Meilisearch is unreachable, then register items of published reports are found from MongoDB by words, code, table and zone", async () => {
  expect(await OutboxModel.countDocuments({ type: "recommendation", status: "pending" })).toBeGreaterThan(0);
  const res = await ctx.agent().get("/api/v1/search?type=recommendation&q=lavoro%20comune");
  const body = res.body as Body;
  expect(body.engine).toBe("mongodb");
  expect(body.hits.map((h) => [h.type, h.code, h.url])).toEqual([
    ["recommendation", code, `/recommendations/${code}`],
  ]);
  expect(body.facets.zone).toEqual([{ value: ZONE_A, count: 1 }]);
  expect(body.facets.theme).toEqual([{ value: TABLE_A, count: 1 }]);
  const byCode = (await ctx.agent().get(`/api/v1/search?type=recommendation&q=${code}`)).body as Body;
  expect(byCode.total).toBe(1);
  expect(
    ((await ctx.agent().get(`/api/v1/search?type=recommendation&zone=${ZONE_B}`)).body as Body).total,
  ).toBe(0);
  expect(
    ((await ctx.agent().get(`/api/v1/search?type=recommendation&theme=${TABLE_B}`)).body as Body).total,
  ).toBe(0);
});

test("When Meilisearch is unreachable, then the search page lists reports with the notice and no error", async () => {
  const page = await ctx.agent().get("/search?type=report&q=cruscotto").set("accept", "text/html");
  expect(page.status).toBe(200);
  expect(page.text).toContain("atl-search-fallback");
  expect(page.text).toContain(`href="/reports/${a}"`);
  expect(page.text).not.toContain("Bozza sul cruscotto");
});

test("When Meilisearch comes back, then the outbox drains and reports and recommendations are answered by it", async () => {
  await own.start();
  await waitFor(
    "outbox drained",
    async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
    60_000,
  );
  const res = await ctx.agent().get("/api/v1/search?type=report&q=crusctto");
  expect((res.body as Body).engine).toBe("meilisearch");
  expect(slugs(res.body as Body).sort()).toEqual([a, b].sort());
  const recommendations = (await ctx.agent().get("/api/v1/search?type=recommendation&q=lavoro")).body as Body;
  expect(recommendations.engine).toBe("meilisearch");
  expect(recommendations.total).toBe(1);
  const { reports } = await ctx.services.search.check(false);
  for (const type of ["report", "recommendation"]) {
    expect(reports.find((r) => r.type === type)).toMatchObject({ missing: [], extra: [], stale: [] });
  }
}, 90_000);
