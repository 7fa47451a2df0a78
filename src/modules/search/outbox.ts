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
 * Outbox entries for documents written in bulk straight through the driver (imports, the dataset
 * generator): the fields the model's defaults would have filled, due at once.
 */
export function outboxRows(type: IndexedType, ids: { toString(): string }[], at = new Date()) {
  return ids.map((id) => ({
    type,
    docId: String(id),
    status: "pending",
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    updatedAt: at,
  }));
}
