// When Meilisearch is down: pages work, search falls back to MongoDB with the same filters, writes keep
// succeeding, and the outbox drains once Meilisearch is back. The app here uses a meilisearch of its own.
import { useTestApp } from "../support/test-app";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { writeFixture } from "./search-fixtures";
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

const slugsOf = (body: { hits: { slug: string }[] }) => body.hits.map((h) => h.slug);

describe("search with Meilisearch down", () => {
  beforeAll(async () => {
    await ctx.services.taxonomy.seed();
    // Writes succeed while Meilisearch is down: the changes wait in the outbox.
    await writeFixture();
  }, 60_000);

  it("When Meilisearch is unreachable, then the API answers from MongoDB with the same filters and visibility", async () => {
    const res = await ctx.agent().get("/api/v1/search?q=mediazione");
    expect(res.status).toBe(200);
    expect(res.body.engine).toBe("mongodb");
    expect(slugsOf(res.body)).toEqual(
      expect.arrayContaining(["mediazione", "interculturale", "linguistico"]),
    );
    expect(slugsOf(res.body)).not.toContain("draft");
    const filtered = await ctx.agent().get("/api/v1/search?q=mediazione&theme=coinvolgimento-comunita");
    expect(slugsOf(filtered.body)).toEqual(["linguistico"]);
    const years = await ctx.agent().get("/api/v1/search?year=2022&limit=50");
    expect(slugsOf(years.body).sort()).toEqual(["abitare", "linguistico", "msna-long", "scuole"]);
    expect(years.body.facets.theme.length).toBeGreaterThan(0);
    const bad = await ctx.agent().get("/api/v1/search?zone=atlantide");
    expect(bad.status).toBe(400);
  });

  it("When Meilisearch is unreachable, then the page shows a notice, results and no error", async () => {
    const res = await ctx.agent().get("/search?q=abitare").set("accept", "text/html");
    expect(res.status).toBe(200);
    expect(res.text).toContain("La ricerca avanzata non è disponibile in questo momento");
    expect(res.text).toContain('href="/projects/abitare"');
    expect((await ctx.agent().get("/").set("accept", "text/html")).status).toBe(200);
  });

  it("When Meilisearch is unreachable, then readiness shows the backlog waiting", async () => {
    const res = await ctx.agent().get("/readyz");
    expect(JSON.stringify(res.body)).toMatch(/"pending":10/);
  });

  it("When Meilisearch comes back, then the outbox drains and search uses it again", async () => {
    await own.start();
    await waitFor(
      "outbox drained",
      async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
      60_000,
    );
    const res = await ctx.agent().get("/api/v1/search?q=mediazzione");
    expect(res.body.engine).toBe("meilisearch");
    expect(slugsOf(res.body)).toEqual(expect.arrayContaining(["mediazione", "linguistico"]));
    const report = await ctx.services.search.check(false);
    expect(report.reports[0]).toMatchObject({ missing: [], extra: [], stale: [] });
  }, 90_000);
});
