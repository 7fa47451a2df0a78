// Finding what people type, not only what the text says: vocabulary values a project carries (working
// tables, everyday words for target groups, provinces, towns naming a zone, every name of a zone, the
// programme), CUP codes, and proper names that typo tolerance must not turn into other words. Notes inherit
// their project's zones, target groups and tags. A fixture of fictional projects ("esempio"), against the
// real indexer, MongoDB and Meilisearch.
import type { Actor } from "../../src/modules/accounts/index";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { useTestApp } from "../support/test-app";
import { waitFor } from "./search-support";

const ctx = useTestApp({ resetBeforeEach: false });
const coordinator: Actor = { id: "find-coord", name: "Carla Coordinatrice", role: "coordinator" };

const base = {
  summary: "Un progetto di esempio (fittizio).",
  description: "",
  themes: ["accessibilita-servizi"],
  zones: [] as string[],
  startDate: "2021-01-01",
  leadOrganisation: "Cooperativa di esempio",
};

/** Each project carries one piece of metadata, or only mentions its words in prose (the looser match). */
const PROJECTS: Record<string, Record<string, unknown>> = {
  // Target group in everyday words: "rifugiati" is only in the group's label.
  "case-ponte": {
    title: "Case ponte verso l'autonomia",
    targetGroups: ["titolari-protezione-internazionale"],
    zones: ["valdarno"],
  },
  "rifugiati-in-prosa": {
    title: "Orti condivisi di quartiere",
    description: "Tra i partecipanti anche alcuni rifugiati, insieme ai residenti storici.",
  },
  // Province by name (through the zone) against a prose mention of one of its words.
  "lunigiana-lavoro": { title: "Botteghe artigiane in rete", zones: ["lunigiana"] },
  "marmo-in-prosa": {
    title: "Laboratorio del marmo",
    description: "Un laboratorio a Massa con un artigiano di Carrara per ragazze e ragazzi.",
  },
  // A town naming a zone.
  "pratese-scuola": { title: "Doposcuola diffuso", zones: ["pratese"], tags: ["scuola"] },
  "prato-in-prosa": {
    title: "Giardini aperti",
    description: "Un prato urbano curato dalle famiglie del quartiere.",
  },
  // Words a typo away from the place names: never found for them.
  "quasi-nomi": {
    title: "Sostegno alla nascita",
    description: "Accompagnamento al parto, la mediatrice Lucia e una scena teatrale, la messa in rete.",
  },
  // Every name of a zone.
  "valdera-salute": { title: "Ambulatori di prossimità", zones: ["alta-val-di-cecina-valdera"] },
  // A working table's name.
  "tavolo-monitoraggio": { title: "Cruscotto dei servizi", themes: ["monitoraggio-valutazione"] },
  "reporting-in-prosa": {
    title: "Bilancio sociale partecipato",
    description: "Alla fine un reporting semplice per i finanziatori.",
  },
  // The funding programme.
  "programma-teams": { title: "Volontariato e cittadinanza", fundingProgramme: "teams" },
  // CUP codes: two a digit apart, and one project that only cites the first.
  "cup-uno": { title: "Sportello unico", cup: "E13D21000010001" },
  "cup-due": { title: "Sportello doppio", cup: "E13D21000010002" },
  "cup-citato": {
    title: "Seconda fase dello sportello",
    description: "Riprende il progetto con CUP E13D21000010001 a due anni dalla fine.",
  },
};

const ids = new Map<string, string>();

async function drained(): Promise<void> {
  await waitFor(
    "outbox drained",
    async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
    30_000,
  );
}

async function search(
  query: Record<string, string>,
): Promise<{ type: string; slug: string; title: string }[]> {
  const res = await ctx
    .agent()
    .get("/api/v1/search")
    .query({ limit: "50", ...query });
  expect(res.status).toBe(200);
  return res.body.hits as { type: string; slug: string; title: string }[];
}

const projects = async (q: string) => (await search({ q, type: "project" })).map((h) => h.slug);

const note = (slug: string, title: string) =>
  ctx.services.notes.core.create(coordinator, slug, {
    kind: "worked",
    theme: "accessibilita-servizi",
    question: null,
    title,
    body: "Una nota di esempio (fittizia) su cosa ha funzionato.",
    tags: [],
  } as never);

beforeAll(async () => {
  await ctx.services.taxonomy.seed();
  for (const [slug, fields] of Object.entries(PROJECTS)) {
    const doc = await ctx.services.projects.create(
      coordinator,
      { ...base, slug, ...fields },
      {
        status: "published",
        demo: true,
      },
    );
    ids.set(slug, String(doc._id));
  }
  await note("pratese-scuola", "Il doposcuola del giovedì");
  await note("case-ponte", "La casa ponte e il lavoro");
  await drained();
}, 90_000);

describe("finding projects by the vocabulary values they carry", () => {
  it("When a target group is searched in everyday words (rifugiati), then the projects of that group come first, prose mentions after", async () => {
    const found = await projects("rifugiati");
    expect(found.slice(0, 2)).toEqual(["case-ponte", "rifugiati-in-prosa"]);
  });

  it("When a province is searched by name (Massa-Carrara), then projects in its zones come before a prose mention of one of its words", async () => {
    for (const q of ["Massa-Carrara", "massa carrara"]) {
      const found = await projects(q);
      expect([q, found[0]]).toEqual([q, "lunigiana-lavoro"]);
      expect(found.indexOf("lunigiana-lavoro")).toBeLessThan(found.indexOf("marmo-in-prosa"));
    }
  });

  it("When a town that names a zone is searched (Prato), then the zone's projects come before a prose mention", async () => {
    const found = await projects("Prato");
    expect(found.slice(0, 2)).toEqual(["pratese-scuola", "prato-in-prosa"]);
  });

  it("When a zone-distretto is searched by any of its names, aliases or towns, then its projects come first", async () => {
    for (const q of [
      "Alta Val di Cecina - Valdera",
      "Valdera",
      "Val d'Era",
      "SdS Alta Valdicecina-Valdera",
      "Valdera e Alta Val di Cecina",
      "Pontedera",
      "Volterra",
    ]) {
      expect([q, (await projects(q))[0]]).toEqual([q, "valdera-salute"]);
    }
  });

  it("When a working table's name or words of it are searched, then its projects come before prose mentions", async () => {
    const found = await projects("reporting");
    expect(found.slice(0, 2)).toEqual(["tavolo-monitoraggio", "reporting-in-prosa"]);
    expect((await projects("Metodi e strumenti di monitoraggio"))[0]).toBe("tavolo-monitoraggio");
  });

  it("When a funding programme is searched by its name, then the projects it funds are found", async () => {
    expect(await projects("Tuscany Empowerment")).toEqual(["programma-teams"]);
  });
});

describe("CUP codes", () => {
  it("When the exact CUP is searched, then its project comes first, the one citing it after, and the CUP a digit apart not at all", async () => {
    const found = await projects("E13D21000010001");
    expect(found).toEqual(["cup-uno", "cup-citato"]);
  });

  it("When the CUP is typed in lower case, with spaces, dashes or dots, then it is normalised and its project comes first", async () => {
    for (const q of ["e13d21000010001", "E13D 2100 0010 001", "e13d-21000-010001", "E.13.D.21000010001"]) {
      expect([q, (await projects(q))[0]]).toEqual([q, "cup-uno"]);
    }
    expect((await projects("progetto E13D 2100 0010 002"))[0]).toBe("cup-due");
  });

  it("When a CUP with one wrong digit is searched, then no project with a neighbouring CUP is found by it", async () => {
    const found = await projects("E13D21000010003");
    expect(found).not.toContain("cup-uno");
    expect(found).not.toContain("cup-due");
  });
});

describe("typo tolerance and proper names", () => {
  it("When a place's name is searched, then words a typo away (parto, Lucia, scena, messa) do not match it", async () => {
    for (const q of ["Prato", "Lucca", "Siena", "Massa"]) {
      expect([q, await projects(q)]).toEqual([q, expect.not.arrayContaining(["quasi-nomi"])]);
    }
  });

  it("When an ordinary word has a typo, then typo tolerance still finds it", async () => {
    expect(await projects("laboratorrio")).toContain("marmo-in-prosa");
  });
});

describe("notes inherit their project's zones, target groups and tags", () => {
  it("When search is filtered by zone, target group or tag, then the notes of matching projects are found, others not", async () => {
    const titles = async (query: Record<string, string>) =>
      (await search({ ...query, type: "note" })).map((h) => h.title);
    expect(await titles({ zone: "pratese" })).toEqual(["Il doposcuola del giovedì"]);
    expect(await titles({ target: "titolari-protezione-internazionale" })).toEqual([
      "La casa ponte e il lavoro",
    ]);
    expect(await titles({ tag: "scuola" })).toEqual(["Il doposcuola del giovedì"]);
    // Both types at once: the zone filter narrows notes instead of leaving them out.
    const mixed = await search({ zone: "pratese" });
    expect(mixed.map((h) => `${h.type}:${h.slug}`).sort()).toEqual([
      "note:pratese-scuola",
      "project:pratese-scuola",
    ]);
  });

  it("When a project's zones change, then its notes are re-indexed and follow it", async () => {
    const id = ids.get("case-ponte")!;
    const before = (await ProjectModel.findById(id, { version: 1 }).lean())!;
    const project = await ctx.services.projects.update(
      coordinator,
      id,
      { ...base, slug: "case-ponte", ...PROJECTS["case-ponte"], zones: ["elba"] },
      before.version,
    );
    expect(project.zones).toEqual(["elba"]);
    await drained();
    const titles = (await search({ zone: "elba", type: "note" })).map((h) => h.title);
    expect(titles).toEqual(["La casa ponte e il lavoro"]);
    expect(await search({ zone: "valdarno", type: "note" })).toEqual([]);
  });

  it("When a tag of a project is renamed, then the project's notes are found under its new address", async () => {
    await ctx.services.taxonomy.updateTag(coordinator, "scuola", {
      slug: "scuola-e-successo-scolastico",
      label_it: "Scuola e successo scolastico",
      label_en: "School and school success",
      description_it: "",
      description_en: "",
      synonyms: [],
    });
    await drained();
    const titles = (await search({ tag: "scuola-e-successo-scolastico", type: "note" })).map((h) => h.title);
    expect(titles).toEqual(["Il doposcuola del giovedì"]);
  });

  it("When a zone's or a tag's page is visited, then it lists the notes of its projects", async () => {
    const zone = await ctx.agent().get("/zones/pratese").set("accept", "text/html");
    expect(zone.status).toBe(200);
    expect(zone.text).toContain("Il doposcuola del giovedì");
    expect(zone.text).not.toContain("La casa ponte e il lavoro");
    const tag = await ctx.agent().get("/tags/scuola-e-successo-scolastico").set("accept", "text/html");
    expect(tag.status).toBe(200);
    expect(tag.text).toContain("Il doposcuola del giovedì");
    const empty = await ctx.agent().get("/zones/mugello").set("accept", "text/html");
    expect(empty.text).toContain("Le note di chi ha lavorato a questi progetti");
    expect(empty.text).not.toContain("Il doposcuola del giovedì");
  });
});
