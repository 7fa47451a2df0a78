// Reports (and, later, recommendations) while Meilisearch is down: publishing still works (the change waits
// in the outbox) and type=report is answered from MongoDB with the same visibility and filters.
import { useTestApp } from "../support/test-app";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import {
  TABLE_A,
  TABLE_B,
  ZONE_A,
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
  hits: { type: string; slug: string; url: string }[];
  facets: Record<string, { value: string; count: number }[]>;
}

const slugs = (b: Body) => b.hits.map((h) => h.slug);

let a: string;
let b: string;

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

test("When Meilisearch is unreachable, then the search page lists reports with the notice and no error", async () => {
  const page = await ctx.agent().get("/search?type=report&q=cruscotto").set("accept", "text/html");
  expect(page.status).toBe(200);
  expect(page.text).toContain("atl-search-fallback");
  expect(page.text).toContain(`href="/reports/${a}"`);
  expect(page.text).not.toContain("Bozza sul cruscotto");
});

test("When Meilisearch comes back, then the reports' outbox drains and type=report is answered by it", async () => {
  await own.start();
  await waitFor(
    "outbox drained",
    async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
    60_000,
  );
  const res = await ctx.agent().get("/api/v1/search?type=report&q=crusctto");
  expect((res.body as Body).engine).toBe("meilisearch");
  expect(slugs(res.body as Body).sort()).toEqual([a, b].sort());
  const { reports } = await ctx.services.search.check(false);
  expect(reports.find((r) => r.type === "report")).toMatchObject({ missing: [], extra: [], stale: [] });
}, 90_000);
