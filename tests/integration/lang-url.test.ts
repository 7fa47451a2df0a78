// The language in the address: `?lang=en` opens any page in English for that request, whatever the
// cookie or the browser says, without changing the visitor's own choice; cached pages keep languages apart.
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ resetBeforeEach: false });

beforeAll(async () => {
  await ctx.services.taxonomy.seed();
});

const htmlLang = (text: string) => /<html lang="(\w+)">/.exec(text)?.[1];

describe("language in the address", () => {
  it("When a shared link says ?lang=en and the visitor's cookie says Italian, then the page is English and the cookie stays", async () => {
    const res = await ctx
      .agent()
      .get("/themes?lang=en")
      .set("Cookie", "lang=it")
      .set("Accept-Language", "it");
    expect(res.status).toBe(200);
    expect(htmlLang(res.text)).toBe("en");
    expect(res.headers["set-cookie"]).toBeUndefined();
    const next = await ctx.agent().get("/themes").set("Cookie", "lang=it");
    expect(htmlLang(next.text)).toBe("it");
  });

  it("When ?lang=it is given to an English browser, then the page is Italian", async () => {
    const res = await ctx.agent().get("/?lang=it").set("Accept-Language", "en-GB,en;q=0.9");
    expect(htmlLang(res.text)).toBe("it");
  });

  it.each([
    "/projects?lang=en",
    "/projects?page=1&lang=en",
    "/search?q=scuola&lang=en",
    "/api/v1/projects?lang=en",
  ])(
    "When %s is asked for, then routes with strict query schemas accept the language parameter",
    async (url) => {
      const res = await ctx.agent().get(url);
      expect(res.status).toBe(200);
    },
  );

  it("When the language parameter is unknown, empty or repeated, then it is ignored or the first one counts", async () => {
    const unknown = await ctx.agent().get("/themes?lang=de").set("Accept-Language", "it");
    expect(unknown.status).toBe(200);
    expect(htmlLang(unknown.text)).toBe("it");
    const empty = await ctx.agent().get("/themes?lang=").set("Accept-Language", "it");
    expect(htmlLang(empty.text)).toBe("it");
    const twice = await ctx.agent().get("/themes?lang=en&lang=it").set("Accept-Language", "it");
    expect(twice.status).toBe(200);
    expect(htmlLang(twice.text)).toBe("en");
    const odd = await ctx.agent().get("/themes?lang=%3Cscript%3E").set("Accept-Language", "it");
    expect(odd.status).toBe(200);
    expect(odd.text).not.toContain("<script>");
  });

  it("When the same cached page is asked for in both languages in turn, then each answer keeps its language", async () => {
    for (let round = 0; round < 3; round += 1) {
      const en = await ctx.agent().get("/zones?lang=en");
      const it = await ctx.agent().get("/zones?lang=it");
      const cookieEn = await ctx.agent().get("/zones").set("Cookie", "lang=en");
      const cookieIt = await ctx.agent().get("/zones").set("Cookie", "lang=it");
      const homeEn = await ctx.agent().get("/?lang=en").set("Accept-Language", "it");
      const homeIt = await ctx.agent().get("/").set("Accept-Language", "it");
      expect([en, it, cookieEn, cookieIt, homeEn, homeIt].map((r) => htmlLang(r.text))).toEqual([
        "en",
        "it",
        "en",
        "it",
        "en",
        "it",
      ]);
    }
  });

  it("When a page is rendered, then its canonical and alternate links carry the language, and the switch keeps the address", async () => {
    const res = await ctx.agent().get("/themes?x=1&lang=en");
    expect(res.text).toContain('<link rel="canonical" href="/themes?x=1&amp;lang=en"/>');
    expect(res.text).toContain('<link rel="alternate" hreflang="it" href="/themes?x=1&amp;lang=it"/>');
    expect(res.text).toContain('<link rel="alternate" hreflang="en" href="/themes?x=1&amp;lang=en"/>');
    expect(res.text).toContain('<link rel="alternate" hreflang="x-default" href="/themes?x=1"/>');
    expect(res.text).toContain(`href="/lang/it?next=${encodeURIComponent("/themes?x=1&lang=it")}"`);
  });

  it("When the language switch is used, then the cookie is set and the page opens with the language in its address", async () => {
    const agent = ctx.agent();
    const res = await agent.get(`/lang/en?next=${encodeURIComponent("/themes?lang=it")}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/themes?lang=en");
    expect(String(res.headers["set-cookie"])).toMatch(/lang=en;/);
  });

  it("When a page opened with ?lang=en has a search form, then the form sends the language along", async () => {
    const page = await ctx.agent().get("/themes?lang=en");
    expect(page.text).toMatch(
      /<form class="atl-header-search[^>]*><input type="hidden" name="lang" value="en"\/>/,
    );
    const search = await ctx.agent().get("/search?q=x&lang=en");
    expect(search.text).toMatch(/id="search-form"[^>]*><input type="hidden" name="lang" value="en"\/>/);
    const plain = await ctx.agent().get("/themes");
    expect(plain.text).not.toContain('name="lang"');
  });
});
