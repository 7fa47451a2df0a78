// The search module as the composition root sees it: the sources it is given, the indexer, rebuilds and
// the query service.
import type { Meilisearch } from "meilisearch";
import type { Logger } from "../../infra/logger";
import type { ReadinessCheck } from "../../infra/health-check";
import { checkSource, driftCount, queueRepairs, type DriftReport } from "./check";
import { ensureLiveIndex, indexExists, syncSettings } from "./index-admin";
import { Indexer, backlogStats, type IndexerOptions } from "./indexer";
import { acquireLease, releaseLease } from "../../infra/lease";
import { reindexSource, type ReindexOptions, type ReindexResult } from "./reindex";
import { createSearchService, type SearchTaxonomy } from "./search.service";
import { SourceRegistry, indexUid, type SearchSource } from "./sources";

export const REBUILD_LEASE = "search-rebuild";

export interface SearchModuleDeps {
  meili: Meilisearch;
  prefix: string;
  logger: Logger;
  taxonomy: SearchTaxonomy;
  /** What is indexed: one source per document type (projects, notes), implemented by their modules. */
  sources: SearchSource[];
  indexer?: Partial<IndexerOptions>;
  /** How often the indexer's holder checks that settings and synonyms are current. */
  settingsCheckMs?: number;
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
      onIndexCreated: () => void syncInBackground(),
    },
    deps.indexer,
  );
  const service = createSearchService({
    meili: deps.meili,
    projectsIndex: indexUid(deps.prefix, registry.get("project")!),
    notesIndex: registry.get("note") ? indexUid(deps.prefix, registry.get("note")!) : undefined,
    ensureIndexes: async () => {
      let created = false;
      for (const source of registry.all()) {
        const uid = indexUid(deps.prefix, source);
        if (await indexExists(deps.meili, uid)) continue;
        created = (await ensureLiveIndex(deps.meili, uid, source, await source.settings())) || created;
      }
      if (created) void syncInBackground();
    },
    taxonomy: deps.taxonomy,
    logger: deps.logger,
    fallback: registry.get("project")?.fallback,
  });
  let settingsTimer: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | undefined;

  /** Rebuilds one type (or all) unless another instance is rebuilding; the indexer keeps running. */
  async function reindex(types = registry.types(), options: ReindexOptions = {}): Promise<ReindexResult[]> {
    const holder = `${indexer.holder}:rebuild`;
    if (!(await acquireLease(REBUILD_LEASE, holder, 24 * 3600_000))) {
      throw new Error("another rebuild is running (lease search-rebuild is held)");
    }
    try {
      const results: ReindexResult[] = [];
      for (const type of types) {
        results.push(await reindexSource(deps.meili, deps.prefix, registry.get(type)!, options));
      }
      indexer.invalidate();
      indexer.poke();
      return results;
    } finally {
      await releaseLease(REBUILD_LEASE, holder);
    }
  }

  /** Applies changed settings in place, or rebuilds when documents would change (thesaurus, tags). */
  async function syncAll(): Promise<void> {
    for (const source of registry.all()) {
      const action = await syncSettings(deps.meili, indexUid(deps.prefix, source), source);
      if (action === "rebuild") {
        deps.logger.info(
          { type: source.type },
          "search: rebuilding the index (created while missing, or projection or vocabulary changed)",
        );
        await reindex([source.type]);
      } else if (action === "settings") {
        deps.logger.info({ type: source.type }, "search: index settings updated");
      }
    }
  }

  function syncInBackground(): Promise<void> {
    syncing ??= syncAll()
      .catch((err: unknown) =>
        deps.logger.warn({ err: (err as Error).message }, "search: settings sync failed"),
      )
      .finally(() => {
        syncing = undefined;
      });
    return syncing;
  }

  async function check(fix = false): Promise<{ reports: DriftReport[]; queued: number }> {
    const reports: DriftReport[] = [];
    let queued = 0;
    for (const source of registry.all()) {
      const report = await checkSource(deps.meili, deps.prefix, source);
      reports.push(report);
      if (fix && driftCount(report) > 0) queued += await queueRepairs(report);
    }
    if (queued > 0) indexer.poke();
    return { reports, queued };
  }

  return {
    registry,
    indexer,
    service,
    reindex,
    check,
    /** Re-reads settings and synonyms now (after a thesaurus edit, say). */
    syncSettings: syncInBackground,
    async start(options: { indexer?: boolean } = {}): Promise<void> {
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
      if (options.indexer === false) return;
      indexer.start();
      void syncInBackground();
      settingsTimer = setInterval(() => void syncInBackground(), deps.settingsCheckMs ?? 30_000);
      settingsTimer.unref();
    },
    async stop(): Promise<void> {
      if (settingsTimer) clearInterval(settingsTimer);
      await indexer.stop();
      await syncing;
    },
    readiness(): ReadinessCheck {
      return {
        name: "indexer",
        check: async () => {
          const stats = await backlogStats();
          // Failed entries need an admin; a backlog alone (Meilisearch down) does not make us unready.
          return { ok: true, running: indexer.isRunning, ...stats };
        },
      };
    },
  };
}

export type SearchModule = ReturnType<typeof createSearchModule>;
