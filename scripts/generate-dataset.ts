// `npm run generate-dataset -- --projects N [--notes M] [--seed S] [--outbox]`: writes N synthetic, fictional
// projects and M practitioner notes on them (N and M up to 200,000) for benchmarks, fast: bulk inserts, without
// the services' per-document work. What it writes is what the services would write:
// - projects through the catalogue's bulk write path (insertProjects, as an import): valid projects
//   (vocabulary keys and tag ids that exist, UTC-midnight dates, integer cents, sort keys), revision 1 of
//   each and the tags' usage counts, one transaction per batch;
// - notes as the notes service and moderation leave them: on published projects only, spread unevenly (a
//   Zipf-like law: the busiest project gets about 250 notes, most get a few or none), with a kind, a theme
//   and guiding question of the seeded vocabulary and active tags; about 85% published (some of them approved
//   by a moderator, with replies and "useful" marks), 12% pending and 3% rejected with a reason. `version`
//   counts the changes the service would have made (1, +1 for a moderator's decision, +1 per reply). The
//   authors are fictional member accounts ("(fittizio)", without a password, so nobody can sign in as them),
//   created once per seed so that the member profile pages work.
// Everything is deterministic for a seed (dates are relative to the time of the run); notes draw from their
// own random sequence, so a seed gives the same projects with or without notes. Outbox entries (projects and
// notes) are written only with --outbox (else the app's indexer would start indexing 100,000 documents during
// a benchmark): without it, run `npm run reindex` to make them searchable (it rebuilds both indexes).
import mongoose, { type Connection } from "mongoose";
import { ConfigError, loadConfig } from "../src/config";
import { withSearch } from "../src/composition";
import { UsageError as SearchUsageError } from "../src/modules/search/cli";
import { enqueueIndexingMany } from "../src/modules/search/outbox";
import type { ProjectStatus } from "../src/modules/projects/project.model";
import { newProjectDoc } from "../src/modules/projects/project.stored";
import { insertProjects } from "../src/modules/projects/project.writes";
import { NoteModel, type NoteStatus } from "../src/modules/notes/note.model";
import { NOTE_KINDS, type NoteKind } from "../src/modules/taxonomy/taxonomy.types";
import { UserModel } from "../src/modules/accounts/user.model";
import { createTaxonomyService } from "../src/modules/taxonomy/taxonomy.service";
import type { Term } from "../src/modules/taxonomy/taxonomy.types";

export class UsageError extends Error {}

export const MAX_PROJECTS = 200_000;
export const MAX_NOTES = 200_000;
const USAGE =
  "Usage: npm run generate-dataset -- --projects N (1-200000) [--notes M (0-200000)] [--seed S (0-999999999)] [--outbox]";

export interface DatasetArgs {
  projects: number;
  /** Practitioner notes on the generated published projects (0, the default, writes none). */
  notes?: number;
  seed: number;
  outbox: boolean;
}

/** Parses the command line; throws UsageError with the usage line for anything it does not accept. */
export function parseDatasetArgs(argv: string[]): Required<DatasetArgs> {
  const out: Required<DatasetArgs> = { projects: 0, notes: 0, seed: 1, outbox: false };
  const count = (flag: string, value: string | undefined, min: number, max: number): number => {
    if (value === undefined || value.startsWith("--"))
      throw new UsageError(`${flag} needs a number (${min}-${max}). ${USAGE}`);
    if (!/^\d{1,9}$/.test(value) || +value < min || +value > max)
      throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${value}". ${USAGE}`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === "--projects") out.projects = count(a, v, 1, MAX_PROJECTS);
    else if (a === "--notes") out.notes = count(a, v, 0, MAX_NOTES);
    else if (a === "--seed") out.seed = count(a, v, 0, 999_999_999);
    else if (a === "--outbox") {
      out.outbox = true;
      continue;
    } else throw new UsageError(`Unexpected ${a}${v && !v.startsWith("-") ? ` ${v}` : ""}. ${USAGE}`);
    i++;
  }
  if (!out.projects)
    throw new UsageError(
      `How many projects? ${out.notes ? "Notes are written on generated projects: --notes needs --projects. " : ""}${USAGE}`,
    );
  return out;
}

/** mulberry32: a small deterministic generator, so a seed always gives the same dataset. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "ponti",
  "reti",
  "comunità",
  "accoglienza",
  "lavoro",
  "casa",
  "scuola",
  "salute",
  "parole",
  "orti",
  "quartieri",
  "servizi",
  "mediazione",
  "giovani",
  "famiglie",
  "donne",
  "sport",
  "cultura",
  "diritti",
  "territori",
];
const ORGS = ["Cooperativa", "Associazione", "Consorzio", "Fondazione", "Comune"];

export interface DatasetResult {
  projects: number;
  notes: number;
  /** Fictional member accounts the notes are signed by (created or found). */
  members: number;
  /** The whole run, and the notes' part of it (0 without notes). */
  ms: number;
  notesMs: number;
}

/** Writes `args.projects` synthetic projects and `args.notes` notes; returns the counts and the time taken. */
export async function generateDataset(
  connection: Connection,
  args: DatasetArgs,
  onProgress?: (done: number, total: number, what: "projects" | "notes") => void,
): Promise<DatasetResult> {
  const started = performance.now();
  const noteCount = args.notes ?? 0;
  if (!Number.isInteger(noteCount) || noteCount < 0 || noteCount > MAX_NOTES)
    throw new UsageError(`notes must be a whole number from 0 to ${MAX_NOTES}, not ${noteCount}.`);
  const taxonomy = createTaxonomyService({ connection });
  await taxonomy.seed();
  const [vocab, tagIndex] = await Promise.all([taxonomy.vocabulary(), taxonomy.tags()]);
  const tags = tagIndex.all.filter((t) => t.status === "active");
  const rnd = random(args.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: readonly T[], min: number, max: number): T[] => {
    const n = min + Math.floor(rnd() * (max - min + 1));
    return [...new Set(Array.from({ length: n }, () => pick(list)))];
  };
  const by = { id: "generator", name: "Dataset generator" };
  // 1,000 projects per transaction (with their revisions and outbox entries, a few MB): 5,000 outgrew the
  // embedded mongod's 0.5 GB cache on a busy machine ("oldest pinned transaction ID", a WriteConflict).
  const batchSize = 1000;
  // What the notes need of the published projects (kept in memory: 200,000 projects are a few MB).
  const published: PublishedProject[] = [];
  // Slugs and CUPs carry the seed, so two datasets with different seeds can share a database.
  const tag = `s${args.seed}`;
  for (let start = 0; start < args.projects; start += batchSize) {
    const now = new Date();
    const docs = [];
    for (let i = start; i < Math.min(args.projects, start + batchSize); i++) {
      const words = some(WORDS, 2, 3);
      const title = `Progetto sintetico ${i + 1}: ${words.join(" ")}`;
      const year = 2015 + Math.floor(rnd() * 11);
      const startDate = new Date(Date.UTC(year, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
      const endDate = new Date(startDate.getTime() + (180 + Math.floor(rnd() * 900)) * 86_400_000);
      const zones = some(vocab.zones, 1, 2).map((z) => z.key);
      const projectTags = some(tags, 1, 4).map((t) => t.id);
      const r = rnd();
      const status: ProjectStatus =
        r < 0.85 ? "published" : r < 0.93 ? "draft" : r < 0.97 ? "in_review" : "archived";
      // Catalogued a week to two months before it started (or before today), published within a week.
      const createdAt = new Date(
        Math.min(now.getTime(), startDate.getTime()) - (7 + Math.floor(rnd() * 60)) * DAY,
      );
      const publishedAt = new Date(createdAt.getTime() + Math.floor(rnd() * 7 * DAY));
      const doc = newProjectDoc(
        {
          title,
          slug: `sintetico-${tag}-${i + 1}`,
          summary: `Progetto fittizio generato per le prove di velocità (${words.join(", ")}).`,
          description: `Questo progetto **non esiste**: è generato automaticamente.\n\n- attività su ${words[0]}\n- rete con ${pick(ORGS).toLowerCase()} del territorio`,
          fundingProgramme: pick(vocab.funding).key,
          call: `Avviso ${year}`,
          cup: `S${String(args.seed % 100).padStart(2, "0")}Y${String(i + 1).padStart(11, "0")}`,
          leadOrganisation: `${pick(ORGS)} sintetica ${1 + Math.floor(rnd() * 500)}`,
          partners: some(ORGS, 0, 3).map((o) => `${o} partner (fittizio)`),
          zones,
          provinces: [...new Set(zones.flatMap((z) => vocab.get("zone", z)?.provinces ?? []))],
          startDate,
          endDate,
          budgetCents: (10_000 + Math.floor(rnd() * 490_000)) * 100,
          targetGroups: some(vocab.targetGroups, 1, 3).map((g) => g.key),
          themes: some(vocab.themes, 1, 2).map((t) => t.key),
          tags: projectTags,
          outcomes: "Risultati fittizi.",
          links: [],
          contact: { name: "", email: "", phone: "" },
        },
        {
          status,
          by,
          createdAt,
          updatedAt: status === "draft" ? createdAt : publishedAt,
          ...(status === "published" || status === "archived" ? { publishedAt } : {}),
        },
      );
      docs.push(doc);
      if (status === "published")
        published.push({
          _id: doc._id,
          startMs: startDate.getTime(),
          publishedMs: publishedAt.getTime(),
          themes: doc.themes,
          tags: doc.tags,
        });
    }
    // One transaction per batch, as an import writes (revision "generate"); the tags' usage counts follow.
    await insertProjects({ connection, taxonomy }, docs, {
      action: "generate",
      by,
      queueIndexing: args.outbox,
    });
    onProgress?.(start + docs.length, args.projects, "projects");
  }
  const notesStarted = performance.now();
  const { members } =
    noteCount > 0
      ? await writeNotes({ args, notes: noteCount, published, themes: vocab.themes, tags, onProgress })
      : { members: 0 };
  const done = performance.now();
  return {
    projects: args.projects,
    notes: noteCount,
    members,
    ms: done - started,
    notesMs: noteCount > 0 ? done - notesStarted : 0,
  };
}

interface PublishedProject {
  _id: mongoose.Types.ObjectId;
  startMs: number;
  publishedMs: number;
  themes: string[];
  tags: mongoose.Types.ObjectId[];
}

const DAY = 86_400_000;
/** About how many notes the busiest project gets (the notes service lists up to 500 on a page). */
export const BUSIEST_PROJECT_NOTES = 250;
const NOTE_BATCH = 2500;
/** Who "moderated" the generated notes: not an account, like the projects' generator. */
const MODERATOR = { id: "generator", name: "Moderazione del generatore (fittizia)" };
const FICTIONAL_DOMAIN = "generato.atlante.invalid";

// Fictional members: names, roles and organisations combined by the seed.
const FIRST_NAMES: [string, "f" | "m"][] = [
  ["Giulia", "f"],
  ["Marco", "m"],
  ["Samira", "f"],
  ["Paolo", "m"],
  ["Elena", "f"],
  ["Ibrahim", "m"],
  ["Francesca", "f"],
  ["Luca", "m"],
  ["Aisha", "f"],
  ["Matteo", "m"],
  ["Chiara", "f"],
  ["Omar", "m"],
  ["Sara", "f"],
  ["Andrea", "m"],
  ["Fatima", "f"],
  ["Davide", "m"],
  ["Martina", "f"],
  ["Youssef", "m"],
  ["Irene", "f"],
  ["Stefano", "m"],
];
const SURNAMES = [
  "Bianchi",
  "Rossi",
  "Fabbri",
  "Giannini",
  "Lenzi",
  "Bartolini",
  "Mancini",
  "Pieri",
  "Nesti",
  "Innocenti",
  "Baldi",
  "Cecchi",
  "Diop",
  "El Amrani",
  "Popescu",
  "Hoxha",
];
const ORGS_OF_MEMBERS = [
  "Cooperativa sociale",
  "Associazione di volontariato",
  "Società della Salute",
  "Comune",
  "Consorzio di cooperative",
  "Centro interculturale",
];

// The notes' text: Italian practitioner voice, put together from these lists (fictional facts).
const ACTIVITIES = [
  "lo sportello di mediazione linguistica",
  "il corso di italiano L2 per adulti",
  "gli incontri con le famiglie",
  "il tavolo di zona",
  "la formazione congiunta degli operatori",
  "le visite domiciliari",
  "il gruppo di mutuo aiuto",
  "l'orientamento al lavoro",
  "il doposcuola nel quartiere",
  "l'accompagnamento ai servizi sanitari",
  "il laboratorio di cucina interculturale",
  "l'accompagnamento all'anagrafe",
  "la consulenza legale sui permessi di soggiorno",
  "il corso di preparazione all'esame della patente",
  "la mappa dei servizi del territorio",
  "il diario di bordo condiviso tra operatori",
  "le riunioni di équipe mensili",
  "il questionario di gradimento",
  "la festa di quartiere",
  "lo sportello casa",
];
const PLACES = [
  "in biblioteca",
  "a scuola",
  "al consultorio",
  "nel centro civico",
  "allo sportello del Comune",
  "in parrocchia",
  "nella sede della cooperativa",
  "al centro per l'impiego",
  "nelle case popolari",
  "in piazza",
];
const PARTNERS = [
  "la Società della Salute",
  "il Comune",
  "le scuole del territorio",
  "l'ASL",
  "il centro per l'impiego",
  "le associazioni di comunità",
  "la Prefettura",
  "i medici di base",
  "la biblioteca comunale",
  "i sindacati",
];
const TIMES = [
  "la sera",
  "il sabato mattina",
  "durante le vacanze scolastiche",
  "nei primi tre mesi",
  "al primo colloquio",
  "dopo l'orario di lavoro",
  "nei mesi invernali",
  "a fine progetto",
];
const GOOD = [
  "le persone tornavano agli appuntamenti successivi",
  "la partecipazione è quasi raddoppiata",
  "i tempi di attesa sono scesi da mesi a poche settimane",
  "le famiglie hanno cominciato a passare parola",
  "gli operatori dei servizi ci chiamavano di loro iniziativa",
  "abbiamo raggiunto donne che prima non vedevamo mai",
  "quasi tutti i ragazzi hanno finito il percorso",
];
const BAD = [
  "arrivavano sempre le stesse cinque persone",
  "gli orari non si conciliavano con i turni di lavoro",
  "mancava un referente stabile nei servizi",
  "i moduli erano solo in italiano",
  "la sede era lontana dalle fermate dell'autobus",
  "il passaggio di consegne tra operatori si perdeva",
  "i dati raccolti non li leggeva nessuno",
];
const ADVICE = [
  "coinvolgere i mediatori fin dalla progettazione",
  "fissare un calendario condiviso con i servizi",
  "prevedere un budget per trasporti e baby-sitting",
  "scrivere subito un protocollo d'intesa",
  "tenere un diario di bordo comune",
  "chiedere alle persone quali orari preferiscono",
  "tradurre i materiali nelle lingue più parlate",
  "nominare un referente per ogni servizio",
];
const LESSONS = [
  "la fiducia si costruisce in mesi, non in settimane",
  "senza un mandato istituzionale il tavolo non regge",
  "i numeri da soli non raccontano il cambiamento",
  "la continuità degli operatori conta più degli strumenti",
  "conviene partire in piccolo e allargare dopo",
  "le comunità sanno già dove sono i problemi",
];
const REJECT_REASONS = [
  "Contiene dati personali delle persone seguite: togliere i nomi e ripubblicare.",
  "Ripete una nota già pubblicata sullo stesso progetto.",
  "Non riguarda questo progetto: va scritta sul progetto giusto.",
  "È un testo promozionale, non un'esperienza di lavoro.",
];
const FOOTER = "_Nota generata automaticamente per le prove: persone e fatti sono inventati._";

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Ranks' weights of a Zipf-like law, 1/(rank + q): q = 0 is plain Zipf; a larger q flattens the head, and
 * is chosen so that the busiest project expects about BUSIEST_PROJECT_NOTES notes (a plain Zipf law would
 * put 1 note in 12 on one project of 100,000). Returns the cumulative weights, for sampling.
 */
function zipfCumulative(projects: number, notes: number): Float64Array {
  const head = (q: number) => {
    let sum = 0;
    for (let k = 1; k <= projects; k++) sum += 1 / (k + q);
    return notes / (1 + q) / sum;
  };
  let q = 0;
  if (head(0) > BUSIEST_PROJECT_NOTES) {
    let lo = 0;
    let hi = projects;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (head(mid) > BUSIEST_PROJECT_NOTES) lo = mid;
      else hi = mid;
    }
    q = hi;
  }
  const cumulative = new Float64Array(projects);
  let sum = 0;
  for (let k = 1; k <= projects; k++) cumulative[k - 1] = sum += 1 / (k + q);
  return cumulative;
}

/** The index whose cumulative weight first exceeds `x` (binary search). */
function rankOf(cumulative: Float64Array, x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Fictional member accounts (no password: nobody signs in as them); found again on a second run. */
async function ensureMembers(
  seed: number,
  count: number,
  rnd: () => number,
): Promise<{ id: string; name: string }[]> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const now = new Date();
  const wanted = Array.from({ length: count }, (_, i) => {
    const [first, gender] = pick(FIRST_NAMES);
    const fictional = gender === "f" ? "fittizia" : "fittizio";
    return {
      email: `membro-s${seed}-${i + 1}@${FICTIONAL_DOMAIN}`,
      name: `${first} ${pick(SURNAMES)} (${fictional})`,
      organisation: `${pick(ORGS_OF_MEMBERS)} ${1 + Math.floor(rnd() * 200)} (fittizia)`,
    };
  });
  await UserModel.collection.bulkWrite(
    wanted.map((w) => ({
      updateOne: {
        filter: { email: w.email },
        update: {
          $setOnInsert: {
            ...w,
            role: "member",
            status: "active",
            language: null,
            passwordHash: null,
            lastLoginAt: null,
            createdAt: now,
            updatedAt: now,
          },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  const rows = await UserModel.find(
    { email: { $in: wanted.map((w) => w.email) } },
    { email: 1, name: 1 },
  ).lean();
  const byEmail = new Map(rows.map((r) => [r.email, { id: String(r._id), name: r.name }]));
  return wanted.map((w) => byEmail.get(w.email)!);
}

/** Writes the notes on the published projects just generated; see the header for what they look like. */
async function writeNotes(input: {
  args: DatasetArgs;
  notes: number;
  published: PublishedProject[];
  themes: Term[];
  tags: { id: string }[];
  onProgress?: (done: number, total: number, what: "projects" | "notes") => void;
}): Promise<{ members: number }> {
  const { args, notes: total, themes, onProgress } = input;
  if (input.published.length === 0)
    throw new UsageError(
      `None of the ${args.projects} generated projects is published: no project takes notes. Generate more projects.`,
    );
  // Its own sequence: the projects of a seed do not change when notes are asked for.
  const rnd = random((args.seed ^ 0x5bd1e995) >>> 0);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const now = Date.now();

  const memberCount = Math.min(1000, Math.max(10, Math.ceil(total / 200)));
  const members = await ensureMembers(args.seed, memberCount, rnd);
  // A few members write most notes: the index is skewed towards the first ones.
  const author = () => members[Math.floor(rnd() * rnd() * members.length)]!;
  const others = (of: string, n: number) => {
    const out = new Set<string>();
    for (let tries = 0; out.size < n && tries < n * 4; tries++) {
      const m = pick(members);
      if (m.id !== of) out.add(m.id);
    }
    return [...out];
  };

  const otherThan = (of: string) => {
    for (let tries = 0; tries < 8; tries++) {
      const m = pick(members);
      if (m.id !== of) return m;
    }
    return members.find((m) => m.id !== of) ?? members[0]!;
  };

  // Projects in a seeded random order; rank 1 gets the most notes.
  const ranked = [...input.published];
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [ranked[i], ranked[j]] = [ranked[j]!, ranked[i]!];
  }
  const cumulative = zipfCumulative(ranked.length, total);
  const weight = cumulative[cumulative.length - 1]!;
  const themeByKey = new Map(themes.map((t) => [t.key, t]));
  const allTags = input.tags.map((t) => new mongoose.Types.ObjectId(t.id));

  const noteOf = (project: PublishedProject) => {
    const kind: NoteKind = pick(NOTE_KINDS);
    const ownTheme = project.themes.length > 0 && rnd() < 0.75;
    const theme = (ownTheme ? themeByKey.get(pick(project.themes)) : undefined) ?? pick(themes);
    const question =
      theme.guidingQuestions.length > 0 && rnd() < 0.6 ? pick(theme.guidingQuestions) : undefined;
    const tagPool = project.tags.length > 0 && rnd() < 0.7 ? project.tags : allTags;
    const tagCount = Math.floor(rnd() * 4);
    const tags = [
      ...new Map(
        Array.from({ length: Math.min(tagCount, tagPool.length) }, () => pick(tagPool)).map((t) => [
          String(t),
          t,
        ]),
      ).values(),
    ];
    const [activity, place, partner, time] = [pick(ACTIVITIES), pick(PLACES), pick(PARTNERS), pick(TIMES)];
    const [good, bad, advice, advice2, lesson] = [
      pick(GOOD),
      pick(BAD),
      pick(ADVICE),
      pick(ADVICE),
      pick(LESSONS),
    ];
    let title: string;
    const body: string[] = [];
    if (question) body.push(`> ${question.it}`);
    if (kind === "worked") {
      title = pick([
        `${cap(activity)} ${place}`,
        `${cap(activity)} ${time}: ha funzionato`,
        `Lavorare con ${partner}`,
      ]);
      body.push(
        `Abbiamo avviato ${activity} ${place}, ${time}, lavorando con ${partner}. Dopo qualche mese ${good}.`,
        `**Che cosa ha fatto la differenza:** ${advice}.`,
      );
    } else if (kind === "worked_less") {
      title = pick([
        `${cap(activity)} ${time}`,
        `Le difficoltà con ${activity}`,
        `${cap(activity)} ${place}: poco seguito`,
      ]);
      body.push(
        `Abbiamo provato ${activity} ${place} ${time}, ma ${bad}.`,
        `Con ${partner} abbiamo cercato di correggere il tiro, senza grandi risultati. La prossima volta proveremo a ${advice}.`,
      );
    } else if (kind === "recommendation") {
      title = pick([`Consiglio: ${advice}`, `Prima di cominciare: ${advice}`]);
      body.push(
        `Consiglio a chi parte adesso di ${advice}. Noi ci siamo arrivati tardi: con ${activity}, all'inizio ${bad}.`,
        `Cosa faremmo subito:\n\n- ${cap(advice)}\n- ${cap(advice2)}\n- Sentire ${partner} prima di fissare le date`,
      );
    } else {
      title = pick([`Cosa abbiamo imparato: ${lesson}`, cap(lesson)]);
      body.push(
        `${cap(lesson)}. Lo abbiamo capito con ${activity} ${place}: quando ${bad}, abbiamo dovuto cambiare strada.`,
        `Da allora ${good}, ma solo dopo aver deciso di ${advice2}.`,
      );
    }
    body.push(FOOTER);

    const r = rnd();
    const status: NoteStatus = r < 0.85 ? "published" : r < 0.97 ? "pending" : "rejected";
    const writer = author();
    // Written while the project ran or since (at most three years ago), never before the project was
    // published; pending notes are recent.
    const from = Math.max(project.startMs, project.publishedMs, now - 3 * 365 * DAY);
    const span = Math.max(0, now - DAY - from);
    const createdAt = Math.max(
      project.publishedMs,
      status === "pending" ? now - rnd() * 45 * DAY : now - DAY - rnd() * span,
    );
    const doc = {
      _id: new mongoose.Types.ObjectId(),
      project: project._id,
      author: writer,
      kind,
      theme: theme.key,
      question: question?.id ?? null,
      title,
      body: body.join("\n\n"),
      tags,
      status,
      rejectReason: null as string | null,
      moderatedBy: null as { id: string; name: string } | null,
      publishedAt: null as Date | null,
      revisions: [],
      flags: [],
      flagCount: 0,
      usefulBy: [] as string[],
      usefulCount: 0,
      replies: [] as {
        _id: mongoose.Types.ObjectId;
        author: { id: string; name: string };
        body: string;
        at: Date;
      }[],
      idempotencyKey: null,
      demo: false,
      deletedAt: null,
      version: 1,
      createdAt: new Date(createdAt),
      updatedAt: new Date(createdAt),
    };
    const decidedAt = Math.min(now, createdAt + (0.2 + rnd() * 6) * DAY);
    if (status === "rejected") {
      Object.assign(doc, { rejectReason: pick(REJECT_REASONS), moderatedBy: MODERATOR });
      doc.version += 1;
      doc.updatedAt = new Date(decidedAt);
    } else if (status === "published") {
      // Most authors publish directly (trusted); the others' notes were approved by a moderator.
      const approved = rnd() < 0.3;
      const publishedAt = approved ? decidedAt : createdAt;
      doc.publishedAt = new Date(publishedAt);
      if (approved) {
        doc.moderatedBy = MODERATOR;
        doc.version += 1;
      }
      doc.usefulBy = others(writer.id, Math.floor(rnd() ** 3 * 9));
      doc.usefulCount = doc.usefulBy.length;
      const replies = rnd() < 0.2 ? 1 + Math.floor(rnd() * 3) : 0;
      const ats = Array.from({ length: replies }, () => publishedAt + rnd() * (now - publishedAt)).sort(
        (a, b) => a - b,
      );
      for (const at of ats) {
        doc.replies.push({
          _id: new mongoose.Types.ObjectId(),
          author: otherThan(writer.id),
          body: pick([
            `Anche da noi è andata così, soprattutto ${time}.`,
            `Grazie: proveremo a ${pick(ADVICE)} anche nella nostra zona.`,
            `Da noi ha funzionato meglio coinvolgendo ${pick(PARTNERS)}.`,
            "Avete qualche dato sui costi? Ci servirebbe per il prossimo avviso.",
          ]),
          at: new Date(at),
        });
        doc.version += 1;
      }
      doc.updatedAt = new Date(Math.max(publishedAt, ...ats));
    }
    return doc;
  };

  for (let start = 0; start < total; start += NOTE_BATCH) {
    const docs = [];
    for (let i = start; i < Math.min(total, start + NOTE_BATCH); i++)
      docs.push(noteOf(ranked[rankOf(cumulative, rnd() * weight)]!));
    await NoteModel.collection.insertMany(docs, { ordered: false });
    if (args.outbox) {
      // As the service does for every new note: the indexer adds the published ones, skips the others.
      await enqueueIndexingMany(
        "note",
        docs.map((d) => d._id),
      );
    }
    onProgress?.(start + docs.length, total, "notes");
  }
  return { members: members.length };
}

async function main(): Promise<number> {
  const args = parseDatasetArgs(process.argv.slice(2));
  const config = loadConfig();
  return withSearch(config, async () => {
    const tty = Boolean(process.stderr.isTTY);
    const result = await generateDataset(mongoose.connection, args, (done, total, what) => {
      if (tty) process.stderr.write(`\r${done}/${total} ${what}${done === total ? "\n" : ""}`);
    });
    const notes =
      result.notes > 0
        ? ` and ${result.notes} notes by ${result.members} fictional members (notes: ${(result.notesMs / 1000).toFixed(1)} s)`
        : "";
    process.stdout.write(
      `${result.projects} synthetic projects${notes} written in ${(result.ms / 1000).toFixed(1)} s` +
        `${args.outbox ? " (queued for indexing)" : "; run npm run reindex to make them searchable"}.\n`,
    );
    return 0;
  });
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      const usage =
        err instanceof UsageError || err instanceof SearchUsageError || err instanceof ConfigError;
      process.stderr.write(`generate-dataset failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(usage ? 2 : 1);
    },
  );
}
