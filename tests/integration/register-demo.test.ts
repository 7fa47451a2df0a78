// The register's demo: loaded on first start from the seminar's published example report, twelve
// recommendations (three per table) with statuses across several zones, marked "esempio"; idempotent.
import { RecommendationHistoryModel, RecommendationModel } from "../../src/modules/tables/register.model";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ env: { DEMO_CONTENT: "true" }, resetBeforeEach: false });

test("When the app starts with demo content, then the register holds twelve example recommendations, three per table, with statuses in several zones", async () => {
  const items = await RecommendationModel.find({}).sort({ tableNumber: 1, seq: 1 }).lean();
  expect(items.map((i) => i.code)).toEqual(
    [1, 2, 3, 4].flatMap((t) => [1, 2, 3].map((n) => `R-T${t}-0${n}`)),
  );
  expect(items.every((i) => i.demo && i.state === "active" && i.evidence!.notes.length > 0)).toBe(true);
  const zones = new Set(items.flatMap((i) => i.statuses.map((s) => s.zone)));
  expect(zones.size).toBeGreaterThanOrEqual(5);
  const statuses = new Set(items.flatMap((i) => i.statuses.map((s) => s.status)));
  expect(statuses.size).toBe(5);
  expect(items.flatMap((i) => i.statuses).every((s) => s.note.startsWith("Esempio"))).toBe(true);
  const fiorentina = await RecommendationHistoryModel.find({ code: "R-T1-01", zone: "fiorentina" }).lean();
  expect(fiorentina.map((h) => h.status)).toEqual(["proposed", "under_discussion", "adopted"]);

  const page = await ctx.agent().get("/recommendations");
  expect(page.text).toContain("12 raccomandazioni");
  expect(page.text).toContain("Esempio: queste raccomandazioni e i loro stati nelle zone sono inventati");
  const item = await ctx.agent().get("/recommendations/R-T1-01");
  expect(item.text).toContain("Fiorentina: da «In discussione» a «Adottata»");
  const zone = await ctx.agent().get("/zones/fiorentina");
  expect(zone.text).toContain('href="/recommendations/R-T1-01"');
});

test("When the demo register is loaded again, then nothing is added", async () => {
  const [items, history] = await Promise.all([
    RecommendationModel.countDocuments({}),
    RecommendationHistoryModel.countDocuments({}),
  ]);
  expect(await ctx.services.tables.seedDemoRegister()).toEqual({ created: 0 });
  expect(await RecommendationModel.countDocuments({})).toBe(items);
  expect(await RecommendationHistoryModel.countDocuments({})).toBe(history);
});
