// Full rebuild: a fresh index filled from MongoDB in batches, then swapped in atomically.
import type { Meilisearch } from "meilisearch";
import { createIndexWithSettings, indexExists, rebuildToken, saveState, settingsHash } from "./index-admin";
import { succeeded } from "./meili-tasks";
import { enqueueIndexingMany } from "./outbox";
import { OutboxModel } from "./outbox.model";
import { indexUid, type SearchSource } from "./sources";

/**
 * MongoDB aborts transactions older than this (transactionLifetimeLimitSeconds), so a change
 * committed after the rebuild read its document has an outbox entry created at most this long before.
 */
const TRANSACTION_MARGIN_MS = 60_000;

export interface ReindexOptions {
  batchSize?: number;
  /** Batches sent to Meilisearch before waiting for the oldest one (ingestion overlaps reading). */
  inFlight?: number;
  taskTimeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ReindexResult {
  type: string;
  documents: number;
  requeued: number;
  ms: number;
}

/**
 * Rebuilds one type's index: searches keep using the live index until the swap. Changes made while the
 * rebuild ran are re-queued after the swap, so the single indexer writes their latest version.
 */
export async function reindexSource(
  meili: Meilisearch,
  prefix: string,
  source: SearchSource,
  options: ReindexOptions = {},
): Promise<ReindexResult> {
  const started = Date.now();
  const since = new Date(started - TRANSACTION_MARGIN_MS);
  const batchSize = options.batchSize ?? 2000;
  const inFlight = options.inFlight ?? 3;
  const timeout = options.taskTimeoutMs ?? 300_000;
  const live = indexUid(prefix, source);
  const next = `${live}__rebuild`;
  const settings = await source.settings();
  const projectionKey = await source.projectionKey();
  // Read before any document: this rebuild answers the marks made until now (see rebuildToken).
  const token = await rebuildToken(source.type);

  if (await indexExists(meili, next)) await succeeded(meili, meili.deleteIndex(next), timeout);
  await createIndexWithSettings(meili, next, settings, timeout);
  const total = await source.count();
  let done = 0;
  const pending: { size: number; task: ReturnType<typeof succeeded> }[] = [];
  options.onProgress?.(0, total);
  for await (const batch of source.iterate(batchSize)) {
    if (batch.length === 0) continue;
    const enqueued = meili.index(next).addDocuments(batch, { primaryKey: "id" });
    pending.push({ size: batch.length, task: succeeded(meili, enqueued, timeout) });
    // Attach a handler now: a failure surfaces when we await it, not as an unhandled rejection.
    pending.at(-1)!.task.catch(() => undefined);
    while (pending.length >= inFlight) {
      const first = pending.shift()!;
      await first.task;
      done += first.size;
      options.onProgress?.(done, total);
    }
  }
  for (const p of pending) {
    await p.task;
    done += p.size;
    options.onProgress?.(done, total);
  }

  if (!(await indexExists(meili, live))) await createIndexWithSettings(meili, live, settings, timeout);
  await succeeded(meili, meili.swapIndexes([{ indexes: [live, next], rename: false }]), timeout);
  await saveState(source, settingsHash(settings), projectionKey, token);
  await succeeded(meili, meili.deleteIndex(next), timeout);

  const changed: string[] = await OutboxModel.distinct("docId", {
    type: source.type,
    createdAt: { $gte: since },
  });
  await enqueueIndexingMany(source.type, changed);
  return { type: source.type, documents: done, requeued: changed.length, ms: Date.now() - started };
}
