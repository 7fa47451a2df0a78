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
