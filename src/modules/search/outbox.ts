// The search outbox: every module that changes an indexed document records it here, in the same
// transaction as the change; the indexer reads the entries and re-reads the documents.
import type { ClientSession } from "mongoose";
import { OutboxModel, type IndexedType } from "./outbox.model";

/** Records that a document changed; call inside the transaction that changes it. */
export async function enqueueIndexing(
  session: ClientSession,
  type: IndexedType,
  docId: string,
): Promise<void> {
  await OutboxModel.create([{ type, docId }], { session });
}

/**
 * Records that many documents changed, in one write: inside the transaction that changed them when given
 * its session (imports, tag merges and renames), else at once (repairs, the dataset generator). The
 * entries are written by the driver with the fields the model's defaults would fill (an import writes
 * thousands), due at `at`.
 */
export async function enqueueIndexingMany(
  type: IndexedType,
  ids: { toString(): string }[],
  options: { session?: ClientSession; at?: Date } = {},
): Promise<void> {
  if (ids.length === 0) return;
  const at = options.at ?? new Date();
  const rows = ids.map((id) => ({
    type,
    docId: String(id),
    status: "pending",
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    updatedAt: at,
  }));
  await OutboxModel.collection.insertMany(rows, { session: options.session });
}
