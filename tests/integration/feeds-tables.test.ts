// The working tables' Atom feeds: published synthesis reports and the recommendations register's changes
// (escaped, newest first, nothing unpublished or withdrawn) and the links that advertise them.
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
import { publishReport, republish } from "./register-fixtures";

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

/** A register item's status in a zone, through the service. */
async function setStatus(code: string, zone: string, status: "adopted" | "under_discussion") {
  const { register, registerQueries } = ctx.services.tables;
  const item = (await registerQueries.byCode(code))!;
  await register.setStatus(
    COORDINATOR,
    code,
    { zone, status, date: "2026-11-30", note: "Delibera **n. 3**", link: null },
    item.version,
  );
}

test("When the register changes, then its feed lists new items and statuses per zone, newest first, and nothing withdrawn", async () => {
  const slug = await publishReport(ctx, [
    "Prevedere la mediazione linguistica.",
    "Tenere un diario di bordo.",
  ]);
  const { register } = ctx.services.tables;
  const { created } = await register.syncFromReport(COORDINATOR, slug);
  const [first, second] = created as [string, string];
  await setStatus(first, "lunigiana", "under_discussion");
  await setStatus(first, "lunigiana", "adopted");
  await setStatus(second, "apuane", "adopted");
  // The second item leaves the report's next version: withdrawn, it leaves the feed with its changes.
  await republish(ctx, slug, ["Prevedere la mediazione linguistica."]);
  await register.syncFromReport(COORDINATOR, slug);

  const res = await ctx.agent().get("/feeds/recommendations.atom");
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^application\/atom\+xml/);
  expect(res.text).toContain("<title>Atlante: registro delle raccomandazioni</title>");
  expect(titles(res.text)).toEqual([
    `${first}, Lunigiana: Adottata`,
    `${first}, Lunigiana: In discussione`,
    `Nuova raccomandazione ${first}: Prevedere la mediazione linguistica.`,
  ]);
  expect(res.text).toContain(`/recommendations/${first}"/>`);
  expect(res.text).toContain(
    '<summary type="text">Delibera n. 3 — Prevedere la mediazione linguistica.</summary>',
  );
  expect(res.text).not.toContain(second);
  const english = await ctx.agent().get("/feeds/recommendations.atom?lang=en");
  expect(titles(english.text)[0]).toBe(`${first}, Lunigiana zone-district: Adopted`);

  // The report withdrawn: its items leave the feed.
  const { reports } = ctx.services.tables;
  await reports.transition(COORDINATOR, slug, "unpublish", (await reports.load(slug)).version);
  expect(titles((await ctx.agent().get("/feeds/recommendations.atom")).text)).toEqual([]);
});

test("When register items carry markup payloads, then the register's feed escapes every one of them", async () => {
  const slug = await publishReport(
    ctx,
    PAYLOADS.map((p, i) => `Raccomandazione ${i} ${p}`),
  );
  const { created } = await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
  expect(created.length).toBeGreaterThan(3);
  const xml = (await ctx.agent().get("/feeds/recommendations.atom")).text;
  expect(titles(xml)).toHaveLength(created.length);
  expect(xml).not.toMatch(/<(script|img|svg|a|x)\b/);
  expect(xml).not.toContain("<title>iniettato</title>");
  for (const c of ["\u0000", "\u0008", "\uFFFE"]) expect(xml).not.toContain(c);
});

test("When a register page is shown, then its head and footer advertise the register's feed", async () => {
  const slug = await publishReport(ctx, ["Una raccomandazione con feed."]);
  const { created } = await ctx.services.tables.register.syncFromReport(COORDINATOR, slug);
  for (const path of ["/recommendations", `/recommendations/${created[0]!}`]) {
    const page = await ctx.agent().get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      '<link rel="alternate" type="application/atom+xml" href="/feeds/recommendations.atom"',
    );
    expect(page.text).toMatch(/atl-footer-feeds.*href="\/feeds\/recommendations\.atom"/s);
  }
});
