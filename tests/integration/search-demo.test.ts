// Relevance with the demo catalogue (about 40 fictional projects loaded through the project service).
import { useTestApp } from "../support/test-app";
import { seedDemoProjects } from "../../src/seed/demo/seed-demo";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { waitFor } from "./search-support";

const ctx = useTestApp({ resetBeforeEach: false });

async function slugs(query: string): Promise<string[]> {
  const res = await ctx.agent().get(`/api/v1/search?type=project&limit=50&${query}`);
  expect(res.status).toBe(200);
  return (res.body.hits as { slug: string }[]).map((h) => h.slug);
}
const q = (text: string) => `q=${encodeURIComponent(text)}`;

beforeAll(async () => {
  await ctx.services.taxonomy.seed();
  const { created } = await seedDemoProjects(ctx.services);
  expect(created).toBeGreaterThan(30);
  await waitFor(
    "demo indexed",
    async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
    60_000,
  );
}, 90_000);

describe("search relevance with the demo catalogue", () => {
  it("When a word has a typo (mediazzione), then the mediation projects are found", async () => {
    expect(await slugs(q("mediazzione"))).toEqual(
      expect.arrayContaining([
        "ponti-di-parole-lunigiana",
        "valli-etrusche-mediare",
        "valdera-scuola-aperta",
      ]),
    );
  });

  it("When an accent is missing (citta), then the project that says città is found", async () => {
    expect(await slugs(q("citta"))).toContain("prato-giovani-protagonisti");
  });

  it("When an elision is typed with either apostrophe or none, then the same project is found", async () => {
    for (const text of ["dell'infanzia", "dell’infanzia", "infanzia"]) {
      expect(await slugs(q(text))).toContain("valdichiana-aretina-famiglie-in-rete");
    }
  });

  it("When the plural is searched, then the singular matches (scuole -> scuola)", async () => {
    expect(await slugs(q("scuole"))).toEqual(
      expect.arrayContaining(["valdera-scuola-aperta", "alta-valdelsa-tutti-a-scuola"]),
    );
  });

  it("When a synonym or an acronym is searched, then the projects using the other form are found", async () => {
    expect(await slugs(q("mediazione interculturale"))).toContain("ponti-di-parole-lunigiana");
    expect(await slugs(q("italiano per stranieri"))).toContain("ponti-di-parole-lunigiana");
    expect(await slugs(q("MSNA"))).toContain("firenze-msna-verso-l-autonomia");
  });

  it("When a zone filter is set, then projects outside the zone are excluded", async () => {
    const all = await slugs(q("mediazione"));
    expect(all.length).toBeGreaterThan(2);
    expect(await slugs(`${q("mediazione")}&zone=lunigiana`)).toEqual(["ponti-di-parole-lunigiana"]);
  });
});
