// The indexer drains the outbox into Meilisearch. It is a job of the runner (src/infra/jobs.ts), so one
// process at a time runs it across app instances: a round every poll, at once after a local write.
import type { Index, Meilisearch } from "meilisearch";
import type { JobContext, JobDefinition } from "../../infra/jobs";
import { meiliApiError, meiliHealth } from "../../infra/meili";
import type { Logger } from "../../infra/logger";
import { ensureLiveIndex } from "./index-admin";
import { TaskFailedError, succeededPatiently } from "./meili-tasks";
import { OutboxModel } from "./outbox.model";
import { indexUid, type SourceRegistry } from "./sources";

export const INDEXER_JOB = "search-indexer";

export interface IndexerOptions {
  /** The job's name, and so its lease: one indexer runs per database. */
  jobName: string;
  /** Pause between rounds when the outbox is empty. */
  pollMs: number;
  batchSize: number;
  leaseTtlMs: number;
  /** First retry delay; doubles on every attempt up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** After this many failed attempts an entry is marked failed (and shown to admins). */
  maxAttempts: number;
  taskTimeoutMs: number;
}

export const DEFAULT_INDEXER_OPTIONS: IndexerOptions = {
  jobName: INDEXER_JOB,
  pollMs: 100,
  batchSize: 500,
  leaseTtlMs: 60_000,
  backoffMs: 500,
  maxBackoffMs: 60_000,
  maxAttempts: 10,
  taskTimeoutMs: 15_000,
};

export interface IndexerDeps {
  meili: Meilisearch;
  prefix: string;
  registry: SourceRegistry;
  logger: Logger;
  /** The indexer created a missing index (marked for a rebuild): the owner runs the rebuild. */
  onIndexCreated?: (type: string) => void;
}

interface Entry {
  _id: unknown;
  docId: string;
  attempts?: number | null;
}

export interface BacklogStats {
  pending: number;
  failed: number;
  oldestPendingAgeMs: number | null;
}

/** Outbox backlog: what /readyz and the admin page show. */
export async function backlogStats(): Promise<BacklogStats> {
  const [pending, failed, oldest] = await Promise.all([
    OutboxModel.countDocuments({ status: "pending" }),
    OutboxModel.countDocuments({ status: "failed" }),
    OutboxModel.findOne({ status: "pending" }, { createdAt: 1 }).sort({ createdAt: 1 }).lean(),
  ]);
  const created = (oldest as { createdAt?: Date } | null)?.createdAt;
  return { pending, failed, oldestPendingAgeMs: created ? Date.now() - created.getTime() : null };
}

export class Indexer {
  readonly options: IndexerOptions;
  /** Entries this instance has marked done (tests and the bench read it). */
  processed = 0;
  private readonly ready = new Set<string>();
  /** Set while Meilisearch is unreachable: entries wait without using up their attempts. */
  private unavailable = false;

  constructor(
    private readonly deps: IndexerDeps,
    options: Partial<IndexerOptions> = {},
  ) {
    this.options = { ...DEFAULT_INDEXER_OPTIONS, ...options };
  }

  /**
   * The indexer as a job: a round every pollMs; a full batch asks for the next one at once. Triggering the
   * job after a local write starts a round at once, or right after the running one (which may have read
   * the outbox before the write committed).
   */
  job(): JobDefinition {
    return {
      name: this.options.jobName,
      schedule: { everyMs: this.options.pollMs },
      leaseTtlMs: this.options.leaseTtlMs,
      run: async (ctx) => {
        if ((await this.processBatch(ctx)) >= this.options.batchSize) ctx.runAgain();
      },
    };
  }

  /** Forgets which indexes were checked, e.g. after a rebuild replaced them. */
  invalidate(): void {
    this.ready.clear();
  }

  /**
   * Processes one batch of due entries (the caller holds the lease); answers how many entries it read.
   * Entries are grouped by type and de-duplicated by document; each document is re-read as it is now.
   */
  async processBatch(lease?: Pick<JobContext, "keepLease">): Promise<number> {
    const types = this.deps.registry.types();
    const entries = await OutboxModel.find(
      { status: "pending", nextAttemptAt: { $lte: new Date() }, type: { $in: types } },
      { type: 1, docId: 1, attempts: 1 },
    )
      .sort({ nextAttemptAt: 1, _id: 1 })
      .limit(this.options.batchSize)
      .lean();
    if (entries.length === 0) {
      if (this.unavailable) await this.resumeWhenBack();
      return 0;
    }
    const byType = new Map<string, typeof entries>();
    for (const entry of entries) {
      const list = byType.get(entry.type) ?? [];
      list.push(entry);
      byType.set(entry.type, list);
    }
    for (const [type, list] of byType) {
      try {
        await this.applyType(type, [...new Set(list.map((e) => e.docId))], lease);
        await this.markDone(list);
      } catch (err) {
        this.ready.delete(type);
        if (err instanceof TaskFailedError && list.length > 1) await this.isolate(type, list, lease);
        else await this.recordFailure(list, err);
      }
    }
    return entries.length;
  }

  /** Meilisearch refused a batch: retry document by document, so one bad document holds back no other. */
  private async isolate(type: string, list: Entry[], lease?: Pick<JobContext, "keepLease">): Promise<void> {
    const byDoc = new Map<string, Entry[]>();
    for (const e of list) byDoc.set(e.docId, [...(byDoc.get(e.docId) ?? []), e]);
    for (const [docId, entries] of byDoc) {
      try {
        await this.applyType(type, [docId], lease);
        await this.markDone(entries);
      } catch (err) {
        await this.recordFailure(entries, err);
      }
    }
  }

  private async markDone(list: Entry[]): Promise<void> {
    await OutboxModel.updateMany(
      { _id: { $in: list.map((e) => e._id) }, status: "pending" },
      { $set: { status: "done" }, $unset: { lastError: 1 } },
    );
    this.processed += list.length;
  }

  private async applyType(type: string, ids: string[], lease?: Pick<JobContext, "keepLease">): Promise<void> {
    const source = this.deps.registry.get(type)!;
    const uid = indexUid(this.deps.prefix, source);
    if (!this.ready.has(type)) {
      // Settings before any document: adding to a missing index would create it bare. A created index is
      // marked for a rebuild: documents written without an outbox entry are not in it.
      const created = await ensureLiveIndex(
        this.deps.meili,
        uid,
        source,
        await source.settings(),
        this.options.taskTimeoutMs,
      );
      this.ready.add(type);
      if (created) this.deps.onIndexCreated?.(type);
    }
    const docs = await source.load(ids);
    const index = this.deps.meili.index(uid);
    const timeout = this.options.taskTimeoutMs;
    const meili = this.deps.meili;
    // A long wait keeps the lease: no other instance may start writing the same documents meanwhile.
    const renew = lease ? () => lease.keepLease() : undefined;
    if (docs.size > 0) {
      await succeededPatiently(
        meili,
        index.addDocuments([...docs.values()], { primaryKey: "id" }),
        timeout,
        renew,
      );
    }
    const gone = await inIndex(
      index,
      ids.filter((id) => !docs.has(id)),
    );
    if (gone.length > 0) await succeededPatiently(meili, index.deleteDocuments(gone), timeout, renew);
  }

  /** Once Meilisearch answers again, entries that waited for it are due at once. */
  private async resumeWhenBack(): Promise<void> {
    const health = await meiliHealth(this.deps.meili).catch(() => ({ ok: false }));
    if (!health.ok) return;
    this.unavailable = false;
    await OutboxModel.updateMany(
      { status: "pending", lastErrorKind: "unavailable" },
      { $set: { nextAttemptAt: new Date() } },
    );
    this.deps.logger.info("search indexer: Meilisearch is back, catching up");
  }

  private async recordFailure(list: Entry[], err: unknown): Promise<void> {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    const refused = isRefusal(err);
    if (!refused) this.unavailable = true;
    this.deps.logger.warn(
      { err: message, entries: list.length, refused },
      "search indexer: entries will be retried",
    );
    const { backoffMs, maxBackoffMs, maxAttempts } = this.options;
    const now = Date.now();
    await OutboxModel.bulkWrite(
      list.map((entry) => {
        const attempts = (entry.attempts ?? 0) + 1;
        const delay = Math.min(maxBackoffMs, backoffMs * 2 ** (attempts - 1));
        return {
          updateOne: {
            filter: { _id: entry._id, status: "pending" },
            update: {
              $set: {
                attempts,
                lastError: message,
                lastErrorKind: refused ? "refused" : "unavailable",
                nextAttemptAt: new Date(now + delay),
                // Only a refusal uses up attempts: an outage ends, and the backlog then drains by itself.
                status: refused && attempts >= maxAttempts ? "failed" : "pending",
              },
            },
          },
        };
      }),
    );
  }
}

/**
 * Which of these ids the index holds. A document search must not know is deleted only if it is there: a
 * note waiting for moderation never was, and its delete would only queue a task.
 */
async function inIndex(index: Index, ids: string[]): Promise<string[]> {
  const present: string[] = [];
  // The ids go in the query string: a few at a time keeps the URL short.
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const { results } = await index.getDocuments<{ id: string }>({
      ids: chunk,
      fields: ["id"],
      limit: chunk.length,
    });
    present.push(...results.map((d) => String(d.id)));
  }
  return present;
}

/** Whether Meilisearch answered and said no (a bad document, bad settings), as opposed to not answering. */
export function isRefusal(err: unknown): boolean {
  if (err instanceof TaskFailedError) return true;
  const api = meiliApiError(err);
  if (api) return (api.response?.status ?? 500) < 500;
  return false;
}

/** Puts failed entries back in the queue (an admin action after fixing the cause). */
export async function retryFailed(): Promise<number> {
  const res = await OutboxModel.updateMany(
    { status: "failed" },
    { $set: { status: "pending", attempts: 0, nextAttemptAt: new Date() } },
  );
  return res.modifiedCount;
}
