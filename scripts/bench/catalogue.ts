// Issue 4: with N projects (100,000 by default) in a fresh embedded MongoDB, 20 concurrent clients:
// project page p95 (< 30 ms; measured for first visits and for Zipf-distributed visits) and browse page
// with filters and counts p95 (< 60 ms); importing 10,000
// rows (< 30 s). The bench starts mongod and Meilisearch itself, generates the dataset in-process, then
// spawns the built server on them, so it can also time the import service against the same database.
import crypto from "node:crypto";
import autocannon from "autocannon";
import { connectMongo, disconnectMongo } from "../../src/infra/mongo";
import { createImportService } from "../../src/modules/projects/import.service";
import { parseImportFile } from "../../src/modules/projects/import.format";
import { createProjectService } from "../../src/modules/projects/project.service";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { createTaxonomyService } from "../../src/modules/taxonomy/taxonomy.service";
import { translator } from "../../src/web/i18n/index";
import { generateDataset } from "../generate-dataset";
import { createMeiliClient } from "../../src/infra/meili";
import { JobRunner } from "../../src/infra/jobs";
import { createSearchModule } from "../../src/modules/search/search.module";
import { searchSources } from "../../src/composition";
import { createProjectQueries } from "../../src/modules/projects/project.queries";
import { loadResultOf, report, startAppOn, startBenchServers, targetLine, type LoadResult } from "./util";

const CONNECTIONS = 20;
const PREFIX = "bench_";
/** Practitioner notes spread over the projects (a few projects have hundreds, most none). */
const NOTES = 20_000;

/**
 * autocannon over paths, percentiles in ms. With one list, every connection walks it from the start;
 * with one list per connection, each walks its own (so that no two ask for the same page).
 */
async function loadPaths(base: string, paths: string[] | string[][], seconds: number): Promise<LoadResult> {
  const lists = (Array.isArray(paths[0]) ? paths : [paths]) as string[][];
  const requestsOf = (list: string[]) => list.map((p) => ({ method: "GET" as const, path: p }));
  let nextClient = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: requestsOf(lists[0]!),
    setupClient: (client: { setRequests(r: ReturnType<typeof requestsOf>): void }) => {
      const list = lists[nextClient++ % lists.length]!;
      if (lists.length > 1) client.setRequests(requestsOf(list));
    },
  });
  return loadResultOf(result);
}

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

export async function benchCatalogue(seconds: number, options: { projects?: number } = {}): Promise<void> {
  const projects = options.projects ?? 100_000;
  const bench = await startBenchServers("catalogue");
  const { logger, meiliKey, servers } = bench;
  let app: Awaited<ReturnType<typeof startAppOn>> | undefined;
  try {
    const connection = await connectMongo(servers.mongoUri!);
    await ProjectModel.init(); // the indexes exist before the bulk inserts
    const generated = await generateDataset(connection, { projects, notes: NOTES, seed: 1, outbox: false });
    // Build the search index before the server starts: else its first start rebuilds it in the
    // background, and Meilisearch indexing N documents would share the CPU with the measured requests.
    const indexStarted = performance.now();
    const indexTaxonomy = createTaxonomyService({ connection });
    const search = createSearchModule({
      meili: createMeiliClient(servers.meiliUrl!, meiliKey),
      prefix: PREFIX,
      logger,
      taxonomy: indexTaxonomy,
      sources: searchSources(indexTaxonomy, createProjectQueries({ taxonomy: indexTaxonomy })),
      jobs: new JobRunner({ logger }), // never started: only its rebuild is used
    });
    await search.reindex();
    const indexMs = performance.now() - indexStarted;

    app = await startAppOn(bench, "catalogue", { MEILI_INDEX_PREFIX: PREFIX });

    const taxonomy = createTaxonomyService({ connection });
    const vocab = await taxonomy.vocabulary();
    // Project pages: each connection walks its own slugs, so every request is a first visit to a project
    // (the page cache and the notes-section cache miss): the cost of a page nobody asked for recently.
    const PER_CONNECTION = 2500;
    const published = await ProjectModel.aggregate<{ slug: string }>([
      { $match: { status: "published", deletedAt: null } },
      { $sample: { size: (CONNECTIONS + 1) * PER_CONNECTION } },
      { $project: { slug: 1 } },
    ]);
    const projectPaths = shuffle(published.map((p) => `/projects/${p.slug}`));
    const warmupPaths = projectPaths.slice(0, PER_CONNECTION);
    const coldPaths = Array.from({ length: CONNECTIONS }, (_, i) =>
      projectPaths.slice((i + 1) * PER_CONNECTION, (i + 2) * PER_CONNECTION),
    );
    // Visits as a catalogue gets them: a few projects are asked for often, most rarely (Zipf, s = 1,
    // over all the sampled projects): each connection draws its own sequence.
    const weights = projectPaths.map((_, rank) => 1 / (rank + 1));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const cumulative: number[] = [];
    weights.reduce((sum, w) => (cumulative.push(sum + w), sum + w), 0);
    const draw = () => {
      const x = Math.random() * totalWeight;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return projectPaths[lo]!;
    };
    const zipfPaths = Array.from({ length: CONNECTIONS }, () => Array.from({ length: 20_000 }, draw));
    const browsePaths: string[] = [];
    for (const theme of vocab.themes)
      for (const zone of vocab.zones)
        for (const year of [2016, 2019, 2022, 2024])
          for (const page of [1, 2])
            browsePaths.push(`/projects?theme=${theme.key}&zone=${zone.key}&year=${year}&page=${page}`);
    for (const zone of vocab.zones) browsePaths.push(`/projects?zone=${zone.key}&sort=title`);
    for (let page = 1; page <= 50; page++) browsePaths.push(`/projects?page=${page}`);
    shuffle(browsePaths);

    // A short warm-up (connections, JIT), then the measured runs.
    await loadPaths(app.base, warmupPaths, 2);
    const projectRun = await loadPaths(app.base, coldPaths, seconds);
    const zipfRun = await loadPaths(app.base, zipfPaths, seconds);
    const browseRun = await loadPaths(app.base, browsePaths, seconds);
    // Import 10,000 rows (3% bad) through the import service, against the same database.
    const rows = ["cup,title,status,themes,zones,tags,startDate,endDate,budget"];
    const tags = (await taxonomy.tags()).all.filter((t) => t.status === "active");
    for (let i = 0; i < 10_000; i++) {
      const bad = i % 100 < 3;
      rows.push(
        [
          `B99X${String(i).padStart(11, "0")}`,
          `Importato ${i}`,
          "published",
          vocab.themes[i % vocab.themes.length]!.key,
          vocab.zones[i % vocab.zones.length]!.key,
          tags[i % tags.length]!.slug,
          bad ? "2023-02-30" : `20${10 + (i % 14)}-03-01`,
          "",
          String(1000 + i),
        ].join(","),
      );
    }
    const projectsSvc = createProjectService({ connection, taxonomy });
    const imports = createImportService({ connection, taxonomy, projects: projectsSvc });
    const started = performance.now();
    const parsed = parseImportFile(Buffer.from(rows.join("\n")), "bench.csv");
    const result = await imports.importRows(
      { id: "bench", name: "Bench", role: "admin" },
      parsed.rows,
      translator("en"),
    );
    const importMs = performance.now() - started;
    const startedAgain = performance.now();
    const again = await imports.importRows(
      { id: "bench", name: "Bench", role: "admin" },
      parseImportFile(Buffer.from(rows.join("\n")), "bench.csv").rows,
      translator("en"),
    );
    const againMs = performance.now() - startedAgain;

    report(
      `catalogue (${projects.toLocaleString("en")} projects, ${CONNECTIONS} connections, ${seconds} s each)`,
      {
        [`dataset generated (${NOTES.toLocaleString("en")} notes too) in`]: `${(generated.ms / 1000).toFixed(1)} s`,
        "search index built (before the server starts) in": `${(indexMs / 1000).toFixed(1)} s`,
        "caches on (as in production)": "anonymous page cache 30 s, facet counts 60 s",
        "project page, anonymous, every request a project not seen before": `${targetLine(projectRun, 30)}${projectRun.requests >= CONNECTIONS * PER_CONNECTION ? " (a connection ran out of slugs: some were repeats)" : ""}`,
        [`project page, anonymous, Zipf visits over ${projectPaths.length.toLocaleString("en")} projects (page cache helps)`]:
          targetLine(zipfRun, 30),
        [`browse, filters + counts (${browsePaths.length} URLs)`]: targetLine(browseRun, 60),
        "import 10,000 rows (3% bad), new projects": `${(importMs / 1000).toFixed(1)} s (target < 30 s: ${importMs < 30_000 ? "met" : "MISSED"}); ${result.created} created, ${result.failed} refused`,
        "same file again (all unchanged)": `${(againMs / 1000).toFixed(1)} s; ${again.unchanged} unchanged, ${again.failed} refused`,
      },
    );
  } finally {
    await app?.stop();
    await disconnectMongo().catch(() => undefined);
    await servers.stop();
  }
}
