// Search API and relevance with fictional projects, against the real indexer, MongoDB and Meilisearch.
import { useTestApp } from "../support/test-app";
import { loginAs } from "../support/auth";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { editProject, writeFixture } from "./search-fixtures";
import { waitFor } from "./search-support";

const ctx = useTestApp({ resetBeforeEach: false });
let ids: Map<string, string>;

async function drained(): Promise<void> {
  await waitFor(
    "outbox drained",
    async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
    30_000,
  );
}

async function slugs(query: string): Promise<string[]> {
  const res = await ctx.agent().get(`/api/v1/search?${query}`);
  expect(res.status).toBe(200);
  return (res.body.hits as { slug: string }[]).map((h) => h.slug);
}

const q = (text: string) => `q=${encodeURIComponent(text)}`;

beforeAll(async () => {
  await ctx.services.taxonomy.seed();
  ids = await writeFixture();
  await drained();
}, 60_000);

describe("search relevance (Italian as people type it)", () => {
  it("When the query has a typo (mediazzione), then the mediation projects are found", async () => {
    const found = await slugs(q("mediazzione"));
    expect(found).toEqual(expect.arrayContaining(["mediazione", "interculturale", "linguistico"]));
  });

  it("When the query misses an accent (citta), then the project about the città is found", async () => {
    expect((await slugs(q("citta")))[0]).toBe("citta");
  });

  it("When an elision is typed with a straight, a curly or no apostrophe, then the same project is found", async () => {
    for (const text of ["dell'abitare", "dell’abitare", "abitare"]) {
      expect(await slugs(q(text))).toContain("abitare");
    }
  });

  it("When a singular is searched, then the plural matches too (and the other way)", async () => {
    expect(await slugs(q("scuola"))).toEqual(expect.arrayContaining(["scuole", "linguistico"]));
    expect(await slugs(q("laboratori"))).toContain("abitare");
    expect(await slugs(q("madre"))).toContain("l2");
  });

  it("When a synonym of the thesaurus is searched, then projects that use the other expression are found", async () => {
    expect(await slugs(q("mediazione interculturale"))).toContain("linguistico");
    expect(await slugs(q("mediazione linguistico-culturale"))).toContain("interculturale");
    expect(await slugs(q("italiano per stranieri"))).toContain("l2");
  });

  it("When an acronym or its expansion is searched, then both spellings are found", async () => {
    expect(await slugs(q("MSNA"))).toEqual(expect.arrayContaining(["msna-long", "msna-short"]));
    expect(await slugs(q("minori stranieri non accompagnati"))).toEqual(
      expect.arrayContaining(["msna-long", "msna-short"]),
    );
  });

  it("When a synonym of a tag is searched, then the projects with that tag are found", async () => {
    expect(await slugs(q("housing sociale"))).toContain("abitare");
  });

  it("When a filter is set, then it excludes the projects outside it", async () => {
    const all = await slugs(q("mediazione"));
    expect(all).toEqual(expect.arrayContaining(["mediazione", "linguistico"]));
    const filtered = await slugs(`${q("mediazione")}&theme=coinvolgimento-comunita`);
    expect(filtered).toContain("linguistico");
    expect(filtered).not.toContain("mediazione");
    expect(filtered).not.toContain("interculturale");
    const years = await slugs("year=2022&limit=50");
    expect(years.sort()).toEqual(["abitare", "linguistico", "msna-long", "scuole"]);
  });
});

describe("search visibility", () => {
  it("When an anonymous visitor searches, then drafts are never returned; a coordinator finds them", async () => {
    expect(await slugs(q("bozza riservata"))).toEqual([]);
    const coordinator = await loginAs(ctx, "coordinator");
    const res = await coordinator.agent.get(`/api/v1/search?${q("bozza riservata")}`);
    expect((res.body.hits as { slug: string }[]).map((h) => h.slug)).toEqual(["draft"]);
    const member = await loginAs(ctx, "member");
    const asMember = await member.agent.get(`/api/v1/search?${q("bozza riservata")}`);
    expect(asMember.body.hits).toEqual([]);
  });

  it("When a project is published and later unpublished, then it enters and leaves the public results", async () => {
    const id = ids.get("draft")!;
    await editProject(id, { status: "published" });
    await waitFor("published draft searchable", async () =>
      (await slugs(q("bozza riservata"))).includes("draft"),
    );
    await editProject(id, { status: "archived" });
    await waitFor("archived draft gone", async () => !(await slugs(q("bozza riservata"))).includes("draft"));
  });
});

describe("search API", () => {
  it("When the API is asked, then it answers query, total, page, hits and facets", async () => {
    const res = await ctx.agent().get(`/api/v1/search?${q("mediazione")}&limit=2`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ query: "mediazione", page: 1, limit: 2, engine: "meilisearch" });
    expect(res.body.total).toBeGreaterThanOrEqual(3);
    expect(res.body.hits).toHaveLength(2);
    const hit = res.body.hits[0];
    expect(hit).toEqual(
      expect.objectContaining({
        type: "project",
        id: expect.any(String),
        slug: expect.any(String),
        title: expect.any(String),
      }),
    );
    expect(hit.url).toBe(`/projects/${hit.slug}`);
    expect(hit.snippetHtml + hit.titleHtml).toMatch(/<mark>/);
    expect(hit.marked).toBeUndefined();
    expect(res.body.facets.theme).toEqual(
      expect.arrayContaining([{ value: "accessibilita-servizi", count: expect.any(Number) }]),
    );
    const page2 = await ctx.agent().get(`/api/v1/search?${q("mediazione")}&limit=2&page=2`);
    expect(page2.body.hits[0].id).not.toBe(hit.id);
  });

  it("When a client takes gzip, then the JSON comes gzipped in one piece; otherwise plain, the same", async () => {
    const ask = (encoding: string) =>
      ctx
        .agent()
        .get(`/api/v1/search?${q("mediazione")}`)
        .set("Accept-Encoding", encoding);
    const [zipped, plain] = [await ask("gzip"), await ask("identity")];
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(Number(zipped.headers["content-length"])).toBeGreaterThan(0);
    expect(zipped.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(zipped.headers["cache-control"]).toBe("no-store");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(zipped.body).toEqual(plain.body);
    expect(plain.body.total).toBeGreaterThanOrEqual(3);
  });

  it("When a facet is selected, then its other values keep their counts (several values of a facet combine)", async () => {
    const one = await ctx.agent().get("/api/v1/search?zone=pratese");
    const zones = (one.body.facets.zone as { value: string }[]).map((z) => z.value);
    expect(zones).toEqual(expect.arrayContaining(["pratese", "senese", "pisana"]));
    expect(await slugs("zone=pratese&zone=senese")).toEqual(
      expect.arrayContaining(["msna-long", "msna-short"]),
    );
  });

  it("When results are sorted by date, then the newest start comes first", async () => {
    expect((await slugs("sort=date&limit=3"))[0]).toBe("linguistico");
    expect((await slugs("sort=budget&limit=1"))[0]).toBe("mediazione");
  });

  it("When a filter names an unknown value, then the answer is 400 listing the valid values", async () => {
    const res = await ctx.agent().get("/api/v1/search?theme=nessuno&zone=pratese");
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.details[0].field).toBe("theme");
    expect(res.body.details[0].message).toContain("governance-multilivello");
  });

  it("When filters try to inject an expression or an object, then the answer is a clear 400", async () => {
    const injection = encodeURIComponent('abitare" OR visibility = "internal');
    for (const url of [
      `/api/v1/search?tag=${injection}`,
      "/api/v1/search?theme[$ne]=x",
      "/api/v1/search?page=0",
      "/api/v1/search?limit=1000",
      "/api/v1/search?sort=random",
      "/api/v1/search?year=duemila",
      "/api/v1/search?type=user",
      `/api/v1/search?q=${"x".repeat(201)}`,
    ]) {
      const res = await ctx.agent().get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.error).toEqual(expect.any(String));
    }
  });

  it("When only notes are asked for and none is published, then the answer is empty", async () => {
    const res = await ctx.agent().get("/api/v1/search?type=note&q=mediazione");
    expect(res.status).toBe(200);
    expect(res.body.hits).toEqual([]);
  });

  it("When a facet's values are searched, then matching labels come back", async () => {
    const res = await ctx.agent().get("/api/v1/search/facets?facet=tag&q=abit");
    expect(res.status).toBe(200);
    expect(res.body.values).toEqual(expect.arrayContaining([expect.objectContaining({ value: "abitare" })]));
    expect((await ctx.agent().get("/api/v1/search/facets?facet=colour")).status).toBe(400);
  });

  it("When /readyz is asked, then it reports the indexer backlog", async () => {
    const res = await ctx.agent().get("/readyz");
    expect(JSON.stringify(res.body)).toMatch(/indexer/);
    expect(JSON.stringify(res.body)).toMatch(/"failed":0/);
  });
});

describe("search API description", () => {
  it("When the OpenAPI description is fetched, then it documents the search endpoints", async () => {
    const res = await ctx.agent().get("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const params = res.body.paths["/api/v1/search"].get.parameters as { name: string }[];
    expect(params.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "q",
        "theme",
        "tag",
        "zone",
        "target",
        "year",
        "type",
        "sort",
        "page",
        "limit",
      ]),
    );
    expect(res.body.components.schemas.SearchResult.required).toEqual([
      "query",
      "total",
      "page",
      "hits",
      "facets",
    ]);
  });
});
