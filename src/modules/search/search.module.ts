// The search module as the composition root sees it: the sources it is given, the indexer, rebuilds and
// the query service. Its background work runs as jobs of the runner it is given: the indexer, the settings
// sync and the nightly consistency check.
import type { Meilisearch } from "meilisearch";
import type { JobRunner } from "../../infra/jobs";
import type { Logger } from "../../infra/logger";
import type { ReadinessCheck } from "../../infra/health-check";
import { checkSource, driftCount, queueRepairs, type DriftReport } from "./check";
import { ensureLiveIndex, indexExists, syncSources } from "./index-admin";
import { Indexer, backlogStats, type IndexerOptions } from "./indexer";
import { acquireLease, newHolderId, releaseLease } from "../../infra/lease";
import { reindexSource, type ReindexOptions, type ReindexResult } from "./reindex";
import { createSearchService, type SearchTaxonomy } from "./search.service";
import { SourceRegistry, indexUid, type SearchSource } from "./sources";

export const REBUILD_LEASE = "search-rebuild";
export const SETTINGS_JOB = "search-settings";
export const CHECK_JOB = "search-check";

export interface SearchModuleDeps {
  meili: Meilisearch;
  prefix: string;
  logger: Logger;
  taxonomy: SearchTaxonomy;
  /** What is indexed: one source per document type (projects, notes), implemented by their modules. */
  sources: SearchSource[];
  /** Runs the module's jobs (the composition root's runner; a command-line tool's own). */
  jobs: JobRunner;
  indexer?: Partial<IndexerOptions>;
  /** How often settings and synonyms are checked (and missing or outdated indexes rebuilt). */
  settingsCheckMs?: number;
  /** When the consistency check runs and queues repairs (cron, Italian time): nightly by default. */
  checkCron?: string;
}

export function createSearchModule(deps: SearchModuleDeps) {
  const registry = new SourceRegistry();
  for (const source of deps.sources) registry.register(source);
  const indexer = new Indexer(
    {
      meili: deps.meili,
      prefix: deps.prefix,
      registry,
      logger: deps.logger,
      // The check rebuilds the index the indexer has just created (at once, rather than at its next round).
      onIndexCreated: () => void deps.jobs.trigger(SETTINGS_JOB),
    },
    deps.indexer,
  );
  const uidOf = (type: string) => {
    const source = registry.get(type);
    return source ? indexUid(deps.prefix, source) : undefined;
  };
  const service = createSearchService({
    meili: deps.meili,
    projectsIndex: indexUid(deps.prefix, registry.get("project")!),
    notesIndex: uidOf("note"),
    reportsIndex: uidOf("report"),
    recommendationsIndex: uidOf("recommendation"),
    ensureIndexes: async () => {
      let created = false;
      for (const source of registry.all()) {
        const uid = indexUid(deps.prefix, source);
        if (await indexExists(deps.meili, uid)) continue;
        created = (await ensureLiveIndex(deps.meili, uid, source, await source.settings())) || created;
      }
      if (created) void deps.jobs.trigger(SETTINGS_JOB);
    },
    taxonomy: deps.taxonomy,
    logger: deps.logger,
    fallbacks: Object.fromEntries(
      registry.all().flatMap((source) => (source.fallback ? [[source.type, source.fallback]] : [])),
    ),
  });

  /** Rebuilds one type (or all) unless another instance is rebuilding; the indexer keeps running. */
  async function reindex(types = registry.types(), options: ReindexOptions = {}): Promise<ReindexResult[]> {
    const holder = newHolderId();
    if (!(await acquireLease(REBUILD_LEASE, holder, 24 * 3600_000))) {
      throw new Error("another rebuild is running (lease search-rebuild is held)");
    }
    try {
      const results: ReindexResult[] = [];
      for (const type of types) {
        results.push(await reindexSource(deps.meili, deps.prefix, registry.get(type)!, options));
      }
      indexer.invalidate();
      poke();
      return results;
    } finally {
      await releaseLease(REBUILD_LEASE, holder);
    }
  }

  async function check(fix = false): Promise<{ reports: DriftReport[]; queued: number }> {
    const reports: DriftReport[] = [];
    let queued = 0;
    for (const source of registry.all()) {
      const report = await checkSource(deps.meili, deps.prefix, source);
      reports.push(report);
      if (fix && driftCount(report) > 0) queued += await queueRepairs(report);
    }
    if (queued > 0) poke();
    return { reports, queued };
  }

  /** A document changed here: its outbox entry is committed, the indexer need not wait for its next round. */
  function poke(): void {
    void deps.jobs.trigger(indexer.options.jobName);
  }

  deps.jobs.define(indexer.job());
  deps.jobs.define({
    name: SETTINGS_JOB,
    schedule: { everyMs: deps.settingsCheckMs ?? 30_000 },
    // A new version may bring new settings or a new projection: apply them at once.
    runAtStart: true,
    // A rebuild can take minutes (it holds the rebuild lease meanwhile).
    leaseTtlMs: 10 * 60_000,
    run: () => syncSources(deps.meili, deps.prefix, registry.all(), (type) => reindex([type]), deps.logger),
  });
  deps.jobs.define({
    name: CHECK_JOB,
    schedule: { cron: deps.checkCron ?? "30 3 * * *" },
    leaseTtlMs: 10 * 60_000,
    run: async () => {
      const { reports, queued } = await check(true);
      return reports.map((r) => `${r.type}: ${driftCount(r)} drifting`).join("; ") + `; ${queued} queued`;
    },
  });

  return {
    registry,
    indexer,
    /** The runner the module's jobs are defined on. */
    jobs: deps.jobs,
    service,
    reindex,
    check,
    poke,
    /**
     * Re-reads settings and synonyms now (after a thesaurus edit, say); resolves when done here, at once
     * when another process runs the sync (it sees the change on its next round).
     */
    syncSettings: async (): Promise<void> => {
      await deps.jobs.trigger(SETTINGS_JOB);
    },
    /** Prepares what searches need before the first request (the MongoDB fallbacks' text indexes). */
    async start(): Promise<void> {
      for (const source of registry.all()) {
        await source.fallback
          ?.prepare()
          .catch((err: unknown) =>
            deps.logger.warn(
              { err: (err as Error).message },
              "search: could not create the fallback text index",
            ),
          );
      }
    },
    readiness(): ReadinessCheck {
      return {
        name: "indexer",
        check: async () => {
          const stats = await backlogStats();
          // Failed entries need an admin; a backlog alone (Meilisearch down) does not make us unready.
          return { ok: true, running: deps.jobs.isStarted(indexer.options.jobName), ...stats };
        },
      };
    },
  };
}

export type SearchModule = ReturnType<typeof createSearchModule>;
