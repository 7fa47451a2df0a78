// Fictional projects ("esempio") written the way the catalogue writes them: the project and its outbox
// entry in one transaction. Chosen to exercise Italian search: accents, apostrophes, acronyms, synonyms.
import mongoose from "mongoose";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { enqueueIndexing } from "../../src/modules/search/outbox";
import { TagModel } from "../../src/modules/taxonomy/tag.model";

export interface FixtureProject {
  key: string;
  title: string;
  summary: string;
  description?: string;
  themes: string[];
  zones: string[];
  targetGroups?: string[];
  tags?: string[];
  start: string;
  end?: string;
  status?: "draft" | "in_review" | "published" | "archived";
  budgetCents?: number;
}

export const FIXTURE: FixtureProject[] = [
  {
    key: "mediazione",
    title: "Mediazione nei servizi sanitari della Piana",
    summary: "Mediatori nei consultori e negli ambulatori per chi arriva da poco (esempio fittizio).",
    themes: ["accessibilita-servizi"],
    zones: ["piana-di-lucca"],
    tags: ["salute"],
    start: "2019-03-01",
    end: "2021-06-30",
    budgetCents: 12_000_000,
  },
  {
    key: "abitare",
    title: "Laboratorio dell’abitare solidale",
    summary:
      "Un laboratorio di coabitazione tra famiglie e giovani in uscita dall'accoglienza (esempio fittizio).",
    themes: ["coinvolgimento-comunita"],
    zones: ["fiorentina"],
    tags: ["abitare"],
    start: "2020-01-15",
    end: "2022-12-31",
    budgetCents: 8_000_000,
  },
  {
    key: "citta",
    title: "Città che accoglie: reti di quartiere",
    summary: "Reti di vicinato e associazioni in tre quartieri (esempio fittizio).",
    themes: ["governance-multilivello"],
    zones: ["pisana"],
    tags: ["reti-territoriali"],
    start: "2018-10-01",
    end: "2020-09-30",
    budgetCents: 5_000_000,
  },
  {
    key: "msna-long",
    title: "Tutela dei minori stranieri non accompagnati a Prato",
    summary: "Tutori volontari e comunità per ragazzi soli (esempio fittizio).",
    themes: ["accessibilita-servizi"],
    zones: ["pratese"],
    targetGroups: ["msna"],
    tags: ["accoglienza-autonomia"],
    start: "2021-02-01",
    end: "2023-03-31",
    budgetCents: 9_500_000,
  },
  {
    key: "msna-short",
    title: "Percorsi MSNA verso l'autonomia",
    summary: "Accompagnamento al lavoro per neomaggiorenni (esempio fittizio).",
    themes: ["monitoraggio-valutazione"],
    zones: ["senese"],
    targetGroups: ["msna", "neomaggiorenni"],
    tags: ["inserimento-lavorativo"],
    start: "2019-09-01",
    end: "2021-08-31",
    budgetCents: 7_000_000,
  },
  {
    key: "l2",
    title: "Corsi di italiano L2 per madri",
    summary: "Lezioni con servizio di custodia dei bambini (esempio fittizio).",
    themes: ["accessibilita-servizi"],
    zones: ["livornese"],
    targetGroups: ["donne-migranti"],
    start: "2020-09-01",
    end: "2021-06-30",
    budgetCents: 3_000_000,
  },
  {
    key: "scuole",
    title: "Scuole aperte il pomeriggio",
    summary: "Doposcuola e laboratori per ragazze e ragazzi (esempio fittizio).",
    themes: ["coinvolgimento-comunita"],
    zones: ["aretina"],
    start: "2021-10-01",
    end: "2022-06-30",
    budgetCents: 2_000_000,
  },
  {
    key: "interculturale",
    title: "Sportello di mediazione interculturale",
    summary: "Uno sportello in Comune con mediatrici di sei lingue (esempio fittizio).",
    themes: ["accessibilita-servizi"],
    zones: ["empolese-valdarno-inferiore"],
    start: "2019-01-01",
    end: "2020-12-31",
    budgetCents: 4_000_000,
  },
  {
    key: "linguistico",
    title: "Mediazione linguistico-culturale a scuola",
    summary: "Mediatrici nelle classi e nei colloqui con le famiglie (esempio fittizio).",
    themes: ["coinvolgimento-comunita"],
    zones: ["versilia"],
    start: "2022-01-10",
    end: "2023-01-10",
    budgetCents: 2_500_000,
  },
  {
    key: "draft",
    title: "Bozza riservata sulla mediazione in carcere",
    summary: "Una bozza che solo i coordinatori vedono (esempio fittizio).",
    themes: ["accessibilita-servizi"],
    zones: ["livornese"],
    start: "2023-01-01",
    status: "draft",
  },
];

/** Writes the fixture (vocabularies must be seeded); answers the ids by key. */
export async function writeFixture(projects = FIXTURE): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const tags = new Map((await TagModel.find({}, { slug: 1 }).lean()).map((t) => [t.slug, t._id]));
  for (const p of projects) {
    await mongoose.connection.transaction(async (session) => {
      const start = new Date(`${p.start}T00:00:00Z`);
      const [doc] = await ProjectModel.create(
        [
          {
            title: p.title,
            sortTitle: p.title.toLowerCase(),
            slug: p.key,
            summary: p.summary,
            description: p.description ?? "",
            themes: p.themes,
            zones: p.zones,
            targetGroups: p.targetGroups ?? [],
            tags: (p.tags ?? []).map((slug) => {
              const id = tags.get(slug);
              if (!id) throw new Error(`fixture: unknown tag ${slug}`);
              return id;
            }),
            startDate: start,
            endDate: p.end ? new Date(`${p.end}T00:00:00Z`) : undefined,
            startYear: start.getUTCFullYear(),
            budgetCents: p.budgetCents,
            status: p.status ?? "published",
            demo: true,
          },
        ],
        { session },
      );
      await enqueueIndexing(session, "project", String(doc!._id));
      ids.set(p.key, String(doc!._id));
    });
  }
  return ids;
}

/** Edits a project as the catalogue does: fields, version + 1, and an outbox entry, in one transaction. */
export async function editProject(id: string, set: Record<string, unknown>): Promise<void> {
  await mongoose.connection.transaction(async (session) => {
    await ProjectModel.updateOne({ _id: id }, { $set: set, $inc: { version: 1 } }, { session });
    await enqueueIndexing(session, "project", id);
  });
}
