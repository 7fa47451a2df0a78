// The guidelines' demo: loaded on first start from the demo register, published, marked "esempio",
// exported like any document; idempotent.
import { GuidelinesModel } from "../../src/modules/tables/guidelines.model";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ env: { DEMO_CONTENT: "true" }, resetBeforeEach: false });

test("When the app starts with demo content, then a published example guidelines document gathers two register items per table", async () => {
  const docs = await GuidelinesModel.find({}).lean();
  expect(docs).toHaveLength(1);
  const doc = docs[0]!;
  expect(doc.demo).toBe(true);
  expect(doc.publishedVersion).toBe(doc.version);
  expect(doc.sections.slice(0, 4).map((s) => s.items)).toEqual(
    [1, 2, 3, 4].map((t) => [`R-T${t}-01`, `R-T${t}-02`]),
  );
  const page = await ctx.agent().get(`/guidelines/${doc.slug}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain(
    "Contenuto di esempio: le linee guida e le raccomandazioni che raccolgono sono fittizie.",
  );
  expect(page.text).toContain('href="/recommendations/R-T4-02"');
  expect(page.text).toMatch(/<li id="ref-1">Nota: <a href="\/notes\/[a-f0-9]{24}">/);
  expect((await ctx.agent().get("/guidelines")).text).toContain(`href="/guidelines/${doc.slug}"`);
  const md = (await ctx.agent().get(`/guidelines/${doc.slug}.md`)).text;
  expect(md).toContain("_Contenuto di esempio");
});

test("When the demo guidelines are loaded again, then nothing is added", async () => {
  const before = await GuidelinesModel.findOne({}).lean();
  expect(await ctx.services.tables.seedDemoGuidelines()).toEqual({ created: 0 });
  expect(await GuidelinesModel.countDocuments({})).toBe(1);
  expect((await GuidelinesModel.findOne({}).lean())!.version).toBe(before!.version);
});
