// The working tables' Atom feeds: published synthesis reports (escaped, newest first, nothing unpublished
// or withdrawn) and the links that advertise them.
import {
  COORDINATOR,
  TABLE_A,
  TABLE_B,
  content,
  draftReport,
  publishedReport,
} from "./report-search-fixtures";
import { resetMongo, seedCatalogue } from "./notes-fixtures";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ resetBeforeEach: false });

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  "<svg onload=alert(1)>",
  "]]></title><entry><title>iniettato</title>",
  "&amp; &lt;b&gt; \u0000\u0008\uFFFE",
  '"><x xmlns="urn:evil"/>',
];

beforeEach(async () => {
  await resetMongo(ctx);
  await seedCatalogue(ctx);
  ctx.services.tables.reportQueries.clear();
});

/** The entries of a feed, in order: their titles as written in the XML. */
function titles(xml: string): string[] {
  return [...xml.matchAll(/<entry>\s*<id>[^<]*<\/id>\s*<title>([^<]*)<\/title>/g)].map((m) => m[1]!);
}

test("When the reports feed is read, then it lists published reports newest first, and no draft or withdrawn one", async () => {
  const first = await publishedReport(
    ctx,
    TABLE_A,
    content("Primo rapporto", "Testo.", "Sintesi **breve**."),
  );
  const second = await publishedReport(ctx, TABLE_B, content("Secondo rapporto", "Testo."));
  await draftReport(ctx, TABLE_A, content("Rapporto in bozza", "Testo."));
  const withdrawn = await publishedReport(ctx, TABLE_A, content("Rapporto ritirato", "Testo."));
  const { reports } = ctx.services.tables;
  await reports.transition(COORDINATOR, withdrawn, "unpublish", (await reports.load(withdrawn)).version);
  // Edited after publication: the feed keeps the published title until the next publication.
  await reports.update(
    COORDINATOR,
    first,
    content("Titolo non ancora pubblicato", "Testo."),
    (await reports.load(first)).version,
  );

  const res = await ctx.agent().get("/feeds/reports.atom");
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^application\/atom\+xml/);
  expect(res.text).toContain("<title>Atlante: rapporti di sintesi pubblicati</title>");
  expect(titles(res.text)).toEqual(["Secondo rapporto", "Primo rapporto"]);
  expect(res.text).toContain(`/reports/${second}"/>`);
  expect(res.text).toContain('<summary type="text">Sintesi breve.</summary>');
  expect(res.text).toContain(`<category term="${TABLE_B}"/>`);
  expect(res.text).not.toContain("Titolo non ancora pubblicato");
  expect(res.text).not.toContain("Rapporto in bozza");
  expect(res.text).not.toContain("Rapporto ritirato");
  const english = await ctx.agent().get("/feeds/reports.atom?lang=en");
  expect(english.text).toContain("<title>Atlante: published synthesis reports</title>");
});

test("When report titles and summaries carry markup payloads, then the feed escapes every one of them", async () => {
  for (const [i, payload] of PAYLOADS.entries()) {
    await publishedReport(ctx, TABLE_A, content(`Rapporto ${i} ${payload}`, "Testo.", `Sintesi ${payload}`));
  }
  const xml = (await ctx.agent().get("/feeds/reports.atom")).text;
  expect(titles(xml)).toHaveLength(PAYLOADS.length);
  expect(xml).not.toMatch(/<(script|img|svg|a|x)\b/);
  expect(xml).not.toContain("<title>iniettato</title>");
  expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(xml).toContain("&amp;amp; &amp;lt;b&amp;gt;");
  // Characters XML 1.0 forbids are dropped.
  for (const c of ["\u0000", "\u0008", "\uFFFE"]) expect(xml).not.toContain(c);
  expect(xml.match(/<entry>/g)).toHaveLength(PAYLOADS.length);
});

test("When a report page or the reports list is shown, then its head and footer advertise the reports feed", async () => {
  const slug = await publishedReport(ctx, TABLE_A, content("Rapporto con feed", "Testo."));
  for (const path of ["/reports", `/reports/${slug}`]) {
    const page = await ctx.agent().get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      '<link rel="alternate" type="application/atom+xml" href="/feeds/reports.atom"',
    );
    expect(page.text).toMatch(/atl-footer-feeds.*href="\/feeds\/reports\.atom"/s);
  }
  const home = await ctx.agent().get("/");
  expect(home.text).not.toContain('href="/feeds/reports.atom"');
});
