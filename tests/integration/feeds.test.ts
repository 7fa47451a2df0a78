// Atom feeds of newly published projects and notes, and their links in page heads.
import { ProjectModel } from "../../src/modules/projects/project.model";
import { TagModel } from "../../src/modules/taxonomy/tag.model";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { noteBy, resetMongo, seedCatalogue } from "./notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

beforeEach(async () => {
  await resetMongo(ctx);
  await seedCatalogue(ctx);
});

test("When the overall feed is read, then it lists published projects and notes, escaped, and nothing unpublished", async () => {
  const coordinator = await loginAs(ctx, "coordinator");
  const member = await loginAs(ctx, "member");
  await noteBy(ctx, coordinator, { title: "Nota <b>pubblica</b> & utile" });
  await noteBy(ctx, member, { title: "Nota in attesa" });
  const res = await ctx.agent().get("/feeds/atlante.atom");
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^application\/atom\+xml/);
  expect(res.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  expect(res.text).toContain("Nota &lt;b&gt;pubblica&lt;/b&gt; &amp; utile (Sportello aperto)");
  expect(res.text).toContain("<title>Sportello aperto</title>");
  expect(res.text).not.toContain("Nota in attesa");
  expect(res.text).not.toContain("Bozza interna");
});

test("When a theme or tag feed is read, then it only has that theme's or tag's entries", async () => {
  const coordinator = await loginAs(ctx, "coordinator");
  await noteBy(ctx, coordinator, { title: "Sul monitoraggio", tags: [] });
  await noteBy(ctx, coordinator, { title: "Sull'accessibilità", theme: "accessibilita-servizi" });
  const theme = await ctx.agent().get("/feeds/themes/accessibilita-servizi.atom");
  expect(theme.status).toBe(200);
  expect(theme.text).toContain("Sull'accessibilità");
  expect(theme.text).not.toContain("Sul monitoraggio");
  const tag = await TagModel.findOne({ slug: "salute" }).lean();
  await ProjectModel.updateOne({ slug: "open" }, { $set: { tags: [tag!._id] } });
  const tagged = await ctx.agent().get("/feeds/tags/salute.atom");
  expect(tagged.status).toBe(200);
  expect(tagged.text).toContain("<title>Sportello aperto</title>");
  expect(tagged.text).not.toContain("Sul monitoraggio");
  expect((await ctx.agent().get("/feeds/themes/nessuno.atom")).status).toBe(404);
  expect((await ctx.agent().get("/feeds/tags/nessuno.atom")).status).toBe(404);
  expect((await ctx.agent().get("/feeds/themes/accessibilita-servizi.rss")).status).toBe(400);
});

test("When any page is shown, then its head advertises the overall feed, and theme and tag pages their own", async () => {
  const home = await ctx.agent().get("/");
  expect(home.text).toContain('<link rel="alternate" type="application/atom+xml" href="/feeds/atlante.atom"');
  const theme = await ctx.agent().get("/themes/accessibilita-servizi");
  expect(theme.text).toContain('href="/feeds/themes/accessibilita-servizi.atom"');
  const tag = await ctx.agent().get("/tags/salute");
  expect(tag.text).toContain('href="/feeds/tags/salute.atom"');
});
