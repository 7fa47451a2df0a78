// `npm run generate-dataset -- --projects N [--seed S] [--outbox]`: writes N synthetic, fictional projects
// (N up to 200,000) for benchmarks, fast: bulk inserts straight into MongoDB, bypassing the project service.
// What it writes is what the service would write for a create: valid projects (vocabulary keys and tag ids
// that exist, UTC-midnight dates, integer cents, sort keys), revision 1 of each, and the tags' usage
// counts. Outbox entries are written only with --outbox (else the app's indexer would start indexing
// 100,000 documents during a benchmark): without it, run `npm run reindex` to make them searchable.
// --notes is refused: the generator does not write notes yet.
import mongoose, { type Connection } from "mongoose";
import { ConfigError, loadConfig } from "../src/config";
import { withSearch, UsageError as SearchUsageError } from "../src/modules/search/cli";
import { OutboxModel } from "../src/modules/search/outbox.model";
import { ProjectModel, type ProjectStatus } from "../src/modules/projects/project.model";
import { RevisionModel } from "../src/modules/projects/revision.model";
import { snapshotOf } from "../src/modules/projects/project.snapshot";
import type { ProjectDoc } from "../src/modules/projects/project.model";
import { sortKey } from "../src/modules/projects/project.service";
import { createTaxonomyService } from "../src/modules/taxonomy/taxonomy.service";

export class UsageError extends Error {}

const USAGE = "Usage: npm run generate-dataset -- --projects N (1-200000) [--seed S] [--outbox]";

export interface DatasetArgs {
  projects: number;
  seed: number;
  outbox: boolean;
}

export function parseDatasetArgs(argv: string[]): DatasetArgs {
  const out: DatasetArgs = { projects: 0, seed: 1, outbox: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === "--projects" && v && /^\d+$/.test(v) && +v >= 1 && +v <= 200_000) {
      out.projects = Number(v);
      i++;
    } else if (a === "--seed" && v && /^\d{1,9}$/.test(v)) {
      out.seed = Number(v);
      i++;
    } else if (a === "--outbox") out.outbox = true;
    else if (a === "--notes")
      throw new UsageError(
        "--notes: notes are not available yet in the generator (it writes projects only).",
      );
    else throw new UsageError(`Unexpected ${a}${v && !v.startsWith("-") ? ` ${v}` : ""}. ${USAGE}`);
  }
  if (!out.projects) throw new UsageError(`How many projects? ${USAGE}`);
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

/** Writes `n` synthetic projects; returns how many were written and how long it took. */
export async function generateDataset(
  connection: Connection,
  args: DatasetArgs,
  onProgress?: (done: number, total: number) => void,
): Promise<{ projects: number; ms: number }> {
  const started = performance.now();
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
  const counts = new Map<string, number>();
  const batchSize = 5000;
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
      if (status === "published") for (const t of projectTags) counts.set(t, (counts.get(t) ?? 0) + 1);
      docs.push({
        _id: new mongoose.Types.ObjectId(),
        title,
        sortTitle: sortKey(title),
        slug: `sintetico-${tag}-${i + 1}`,
        oldSlugs: [],
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
        startYear: year,
        budgetCents: (10_000 + Math.floor(rnd() * 490_000)) * 100,
        targetGroups: some(vocab.targetGroups, 1, 3).map((g) => g.key),
        themes: some(vocab.themes, 1, 2).map((t) => t.key),
        tags: projectTags.map((id) => new mongoose.Types.ObjectId(id)),
        outcomes: "Risultati fittizi.",
        links: [],
        contact: { name: "", email: "", phone: "" },
        status,
        demo: false,
        createdBy: by,
        updatedBy: by,
        ...(status === "published" || status === "archived" ? { publishedAt: now } : {}),
        deletedAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    }
    await ProjectModel.collection.insertMany(docs, { ordered: false });
    await RevisionModel.collection.insertMany(
      docs.map((d) => ({
        projectId: d._id,
        version: 1,
        action: "generate",
        snapshot: snapshotOf(d as unknown as ProjectDoc),
        by,
        at: now,
      })),
      { ordered: false },
    );
    if (args.outbox)
      await OutboxModel.collection.insertMany(
        docs.map((d) => ({
          type: "project",
          docId: String(d._id),
          status: "pending",
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        })),
        { ordered: false },
      );
    onProgress?.(start + docs.length, args.projects);
  }
  // Usage counts: what the service keeps for published projects (recounted, so earlier data counts too).
  const all = await ProjectModel.aggregate<{ _id: mongoose.Types.ObjectId; n: number }>([
    { $match: { status: "published", deletedAt: null } },
    { $unwind: "$tags" },
    { $group: { _id: "$tags", n: { $sum: 1 } } },
  ]);
  const usage = new Map(tags.map((t) => [t.id, 0]));
  for (const r of all) usage.set(String(r._id), r.n);
  await connection.transaction((session) => taxonomy.setTagUsage(session, usage));
  return { projects: args.projects, ms: performance.now() - started };
}

async function main(): Promise<number> {
  const args = parseDatasetArgs(process.argv.slice(2));
  const config = loadConfig();
  return withSearch(config, async () => {
    const tty = Boolean(process.stderr.isTTY);
    const result = await generateDataset(mongoose.connection, args, (done, total) => {
      if (tty) process.stderr.write(`\r${done}/${total} projects`);
    });
    if (tty) process.stderr.write("\n");
    process.stdout.write(
      `${result.projects} synthetic projects written in ${(result.ms / 1000).toFixed(1)} s` +
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
