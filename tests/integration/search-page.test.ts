// The search page as a browser without JavaScript sees it: server-rendered, state in the URL.
import { useTestApp } from "../support/test-app";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { TagModel } from "../../src/modules/taxonomy/tag.model";
import { FIXTURE, writeFixture } from "./search-fixtures";
import { waitFor } from "./search-support";

const ctx = useTestApp({ resetBeforeEach: false });

beforeAll(async () => {
  await ctx.services.taxonomy.seed();
  await TagModel.updateOne({ slug: "abitare" }, { $set: { usageCount: 7 } });
  ctx.services.taxonomy.invalidate();
  await writeFixture([
    ...FIXTURE,
    {
      key: "xss",
      title: `<img src=x onerror=alert(1)> Mediazione "sicura"`,
      summary: "<script>alert('x')</script> mediazione con i genitori (esempio fittizio).",
      themes: ["governance-multilivello"],
      zones: ["elba"],
      start: "2020-01-01",
    },
  ]);
  await waitFor(
    "indexed",
    async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
    30_000,
  );
}, 60_000);

const page = (url: string) => ctx.agent().get(url).set("accept", "text/html");

describe("search page", () => {
  it("When a query with a typo is sent, then results show highlighted snippets, the total and facet counts", async () => {
    const res = await page("/search?q=mediazzione");
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<mark>Mediazione<\/mark>/);
    expect(res.text).toMatch(/<strong>\d+ risultati<\/strong>/);
    expect(res.text).toContain('href="/projects/linguistico"');
    // A facet as a checkbox of the GET form, with its count and label.
    expect(res.text).toMatch(/name="theme" value="accessibilita-servizi"[^>]*>/);
    expect(res.text).toMatch(/<form method="get" action="\/search" id="search-form"/);
    expect(res.text).toContain('src="/static/js/search.js');
  });

  it("When a title or summary holds HTML, then it is shown as text and only the highlights become <mark>", async () => {
    const res = await page("/search?q=sicura");
    expect(res.status).toBe(200);
    expect(res.text).toContain("&lt;img src=x onerror=alert(1)> Mediazione &quot;<mark>sicura</mark>&quot;");
    expect(res.text).not.toContain("<img src=x");
    expect(res.text).not.toContain("<script>alert");
    const api = await ctx.agent().get("/api/v1/search?q=sicura");
    expect(api.body.hits[0].titleHtml).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(api.body.hits[0].titleHtml).toContain("<mark>sicura</mark>");
  });

  it("When filters are selected, then they are listed with links that remove each one", async () => {
    const res = await page("/search?q=mediazione&theme=coinvolgimento-comunita&zone=versilia");
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/search?q=mediazione&amp;zone=versilia"');
    expect(res.text).toContain('href="/search?q=mediazione&amp;theme=coinvolgimento-comunita"');
    expect(res.text).toMatch(/Filtri attivi/);
    expect(res.text).toMatch(/name="zone" value="versilia"[^>]*checked/);
  });

  it("When nothing matches, then the page helps: remove a filter, popular tags", async () => {
    const res = await page("/search?q=mediazione&zone=mugello");
    expect(res.status).toBe(200);
    expect(res.text).toContain("Nessun risultato");
    expect(res.text).toContain('href="/search?q=mediazione"');
    expect(res.text).toContain("Tag più usati");
    expect(res.text).toContain('href="/search?q=mediazione&amp;tag=abitare&amp;zone=mugello"');
  });

  it("When results span pages, then the pager links keep the query and the sort", async () => {
    const res = await page("/search?sort=title&limit=3");
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/search?sort=title&amp;limit=3&amp;page=2"');
  });

  it("When the query string is invalid, then the page answers 400 with the problem and keeps the input", async () => {
    const bad = await page("/search?q=casa&theme=inesistente");
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("«inesistente» non è fra i valori previsti");
    expect(bad.text).not.toContain("Unknown theme");
    expect(bad.text).toMatch(/id="search-q"[^>]*value="casa"/);
    const malformed = await page("/search?page=zero&q=casa");
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain("Controlla «pagina»: il valore indicato non è valido.");
  });

  it("When any page is opened, then the header holds a search box that works without JavaScript", async () => {
    const res = await page("/");
    expect(res.text).toMatch(/<form[^>]*role="search"[^>]*method="get"[^>]*action="\/search"/);
    expect(res.text).toMatch(/<label for="site-search"/);
  });
});
