// Issue 5: the app's search API against the same queries sent straight to Meilisearch (1 and 20 clients),
// full reindex throughput against raw Meilisearch ingestion of the same documents, and edit-to-searchable
// latency. Starts its own mongod and Meilisearch, generates the dataset, spawns the built server on them.
import crypto from "node:crypto";
import autocannon from "autocannon";
import mongoose from "mongoose";
import { createMeiliClient } from "../../src/infra/meili";
import { connectMongo, disconnectMongo } from "../../src/infra/mongo";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { createIndexWithSettings } from "../../src/modules/search/index-admin";
import { succeeded } from "../../src/modules/search/meili-tasks";
import { enqueueIndexing } from "../../src/modules/search/outbox";
import { JobRunner } from "../../src/infra/jobs";
import { createSearchModule } from "../../src/modules/search/search.module";
import { searchSources } from "../../src/composition";
import { createProjectQueries } from "../../src/modules/projects/project.queries";
import { HIGHLIGHT, PROJECT_RESULT_PARAMS } from "../../src/modules/search/search.service";
import type { SearchDocument } from "../../src/modules/search/documents";
import { createTaxonomyService } from "../../src/modules/taxonomy/taxonomy.service";
import { generateDataset } from "../generate-dataset";
import { loadResultOf, report, startAppOn, startBenchServers, type LoadResult } from "./util";

const PREFIX = "atlante";
const QUERIES: { q: string; theme?: string }[] = [
  { q: "mediazione" },
  { q: "mediazzione" },
  { q: "casa lavoro" },
  { q: "giovani", theme: "coinvolgimento-comunita" },
  { q: "scuola famiglie" },
  { q: "accoglenza" },
  { q: "salute", theme: "accessibilita-servizi" },
  { q: "orti quartieri" },
  { q: "diritti" },
  { q: "progetto sintetico 42" },
  { q: "donne sport" },
  { q: "territori", theme: "governance-multilivello" },
];

async function drive(
  base: string,
  requests: autocannon.Request[],
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  return loadResultOf(await autocannon({ url: base, connections, duration: seconds, requests, headers }));
}

const fmt = (r: LoadResult) =>
  `p50 ${r.p50} ms, p97.5 ${r.p95} ms, p99 ${r.p99} ms, ${r.rps} req/s, ${r.errors} errors, ${r.non2xx} non-2xx`;

/** The body the app sends for a single-index project search (type=project), sent straight to Meilisearch. */
function rawBody(q: { q: string; theme?: string }): string {
  const filter: string[][] = [['visibility = "public"']];
  if (q.theme) filter.push([`themes = "${q.theme}"`]);
  return JSON.stringify({
    q: q.q,
    filter,
    facets: q.theme
      ? ["tags", "zones", "targetGroups", "years"]
      : ["themes", "tags", "zones", "targetGroups", "years"],
    hitsPerPage: 20,
    page: 1,
    ...PROJECT_RESULT_PARAMS,
    ...HIGHLIGHT,
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

export async function benchSearch(seconds: number, options: { projects?: number } = {}): Promise<void> {
  const projects = options.projects ?? Number(process.env.BENCH_SEARCH_PROJECTS ?? 100_000);
  const bench = await startBenchServers("search");
  const { logger, meiliKey, servers } = bench;
  let app: Awaited<ReturnType<typeof startAppOn>> | undefined;
  try {
    const connection = await connectMongo(servers.mongoUri!);
    await ProjectModel.init();
    const generated = await generateDataset(connection, { projects, seed: 1, outbox: false });
    const meili = createMeiliClient(servers.meiliUrl!, meiliKey);
    const taxonomy = createTaxonomyService({ connection });
    const sources = searchSources(taxonomy, createProjectQueries({ taxonomy }));
    // The runner is never started: only the rebuild is used here.
    const jobs = new JobRunner({ logger });
    const search = createSearchModule({ meili, prefix: PREFIX, logger, taxonomy, sources, jobs });
    const source = search.registry.get("project")!;

    // Raw ingestion: the same documents, already built, straight into a fresh index with the same settings.
    const docs: SearchDocument[] = [];
    for await (const batch of source.iterate(5000)) docs.push(...batch);
    const bytes = Buffer.byteLength(JSON.stringify(docs.slice(0, 1000))) / Math.min(1000, docs.length);
    await createIndexWithSettings(meili, "raw_ingest", await source.settings());
    const rawStarted = performance.now();
    const tasks = [];
    for (let i = 0; i < docs.length; i += 5000) {
      tasks.push(meili.index("raw_ingest").addDocuments(docs.slice(i, i + 5000), { primaryKey: "id" }));
    }
    for (const t of tasks) await succeeded(meili, t, 600_000);
    const rawMs = performance.now() - rawStarted;
    await succeeded(meili, meili.deleteIndex("raw_ingest"));
    docs.length = 0;

    // The app's rebuild: read MongoDB in batches, project, ingest, swap.
    const [rebuild] = await search.reindex(["project"], { batchSize: 5000, taskTimeoutMs: 600_000 });

    app = await startAppOn(bench, "search", { MEILI_INDEX_PREFIX: PREFIX });

    const appProjectRequests = QUERIES.map((q) => ({
      method: "GET" as const,
      path: `/api/v1/search?type=project&q=${encodeURIComponent(q.q)}${q.theme ? `&theme=${q.theme}` : ""}`,
    }));
    const appAllRequests = QUERIES.map((q) => ({
      method: "GET" as const,
      path: `/api/v1/search?q=${encodeURIComponent(q.q)}${q.theme ? `&theme=${q.theme}` : ""}`,
    }));
    const rawRequests = QUERIES.map((q) => ({
      method: "POST" as const,
      path: `/indexes/${PREFIX}_projects/search`,
      body: rawBody(q),
    }));
    const rawHeaders = { authorization: `Bearer ${meiliKey}`, "content-type": "application/json" };
    await drive(app.base, appProjectRequests, 4, 2); // warm-up
    await drive(servers.meiliUrl!, rawRequests, 4, 2, rawHeaders);
    const raw1 = await drive(servers.meiliUrl!, rawRequests, 1, seconds, rawHeaders);
    const app1 = await drive(app.base, appProjectRequests, 1, seconds);
    const raw20 = await drive(servers.meiliUrl!, rawRequests, 20, seconds, rawHeaders);
    const app20 = await drive(app.base, appProjectRequests, 20, seconds);
    const all1 = await drive(app.base, appAllRequests, 1, seconds);

    // Edit to searchable: a unique word in a title, through a transaction with its outbox entry (as the
    // catalogue writes), then polling the app's API until it finds it. The app's own indexer does the work.
    const sample = await ProjectModel.aggregate<{ _id: mongoose.Types.ObjectId; title: string }>([
      { $match: { status: "published", deletedAt: null } },
      { $sample: { size: 40 } },
      { $project: { title: 1 } },
    ]);
    const latencies: number[] = [];
    for (const p of sample) {
      const word = `zq${crypto.randomBytes(5).toString("hex").replace(/\d/g, "x")}`;
      const started = performance.now();
      await connection.transaction(async (session) => {
        await ProjectModel.updateOne(
          { _id: p._id },
          { $set: { title: `${p.title} ${word}` }, $inc: { version: 1 } },
          { session },
        );
        await enqueueIndexing(session, "project", String(p._id));
      });
      for (;;) {
        const res = await fetch(`${app.base}/api/v1/search?type=project&q=${word}`);
        const body = (await res.json()) as { total: number };
        if (body.total > 0) break;
        if (performance.now() - started > 10_000) throw new Error("edit not searchable after 10 s");
        await new Promise((r) => setTimeout(r, 10));
      }
      latencies.push(performance.now() - started);
    }

    const rawRate = Math.round(projects / (rawMs / 1000));
    const appRate = Math.round(rebuild!.documents / (rebuild!.ms / 1000));
    report(
      `search (${projects.toLocaleString("en")} projects, ~${Math.round(bytes)} bytes each as indexed)`,
      {
        "dataset generated in": `${(generated.ms / 1000).toFixed(1)} s`,
        "raw Meilisearch, 1 client": fmt(raw1),
        "app /api/v1/search?type=project, 1 client": fmt(app1),
        "  p50 difference (target <= 2 ms)": `${(app1.p50 - raw1.p50).toFixed(1)} ms; p99 ${app1.p99} ms (target < 15)`,
        "app /api/v1/search (projects + notes), 1 client": fmt(all1),
        "raw Meilisearch, 20 clients": fmt(raw20),
        "app /api/v1/search?type=project, 20 clients": fmt(app20),
        "  throughput ratio (target >= 75%)": `${Math.round((app20.rps / raw20.rps) * 100)}%`,
        "  p97.5 ratio (target <= 1.3x)": `${(app20.p95 / raw20.p95).toFixed(2)}x`,
        "raw ingestion of the same documents": `${rawRate} docs/s (${(rawMs / 1000).toFixed(1)} s)`,
        "npm run reindex equivalent (read, project, ingest, swap)": `${appRate} docs/s (${(rebuild!.ms / 1000).toFixed(1)} s)`,
        "  reindex / raw (target >= 80%)": `${Math.round((appRate / rawRate) * 100)}%`,
        [`edit to searchable (${latencies.length} edits)`]: `p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms (target < 1000)`,
      },
    );
  } finally {
    await app?.stop();
    await disconnectMongo().catch(() => undefined);
    await servers.stop();
  }
}
