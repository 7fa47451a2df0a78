import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** Kinds of documents kept in Meilisearch. */
export const INDEXED_TYPES = ["project", "note", "report", "recommendation"] as const;
export type IndexedType = (typeof INDEXED_TYPES)[number];

/** Done entries are kept a week (for "what happened to my edit?"), then MongoDB removes them. */
const DONE_TTL_SECONDS = 7 * 24 * 3600;

/**
 * One change to an indexed document, written in the same transaction as the change itself.
 * The indexer re-reads the current document, so an entry carries no payload: only what changed.
 * `type` is not an enum here: the indexer only takes the types it has a source for.
 */
const outboxSchema = new Schema(
  {
    type: { type: String, required: true },
    docId: { type: String, required: true },
    status: { type: String, enum: ["pending", "done", "failed"], default: "pending", required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: () => new Date() },
    lastError: { type: String },
    /** "unavailable": Meilisearch could not be reached (never marks an entry failed); "refused": it said no. */
    lastErrorKind: { type: String, enum: ["unavailable", "refused"] },
  },
  { timestamps: true, collection: "search_outbox" },
);
outboxSchema.index({ status: 1, nextAttemptAt: 1 });
outboxSchema.index({ type: 1, docId: 1 });
outboxSchema.index({ createdAt: 1 });
outboxSchema.index(
  { updatedAt: 1 },
  { expireAfterSeconds: DONE_TTL_SECONDS, partialFilterExpression: { status: "done" } },
);

export type OutboxEntry = InferSchemaType<typeof outboxSchema>;
export const OutboxModel = mongoose.model("SearchOutbox", outboxSchema);
