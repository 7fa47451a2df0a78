import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { NOTE_KINDS } from "../taxonomy/index";

export const NOTE_STATUSES = ["pending", "published", "rejected"] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;
export const REPLY_MAX = 3_000;
export const REASON_MAX = 500;

const personSchema = new Schema(
  { id: { type: String, required: true }, name: { type: String, required: true } },
  { _id: false },
);

/** What a note looked like before an edit, who changed it and why. */
const revisionSchema = new Schema(
  {
    version: { type: Number, required: true },
    kind: String,
    theme: String,
    question: String,
    title: String,
    body: String,
    tags: [Schema.Types.ObjectId],
    editedBy: personSchema,
    /** "author" or "moderator": a moderator's edit is recorded as such. */
    role: { type: String, enum: ["author", "moderator"] },
    reason: String,
    at: { type: Date, default: () => new Date() },
  },
  { _id: false },
);

const flagSchema = new Schema(
  {
    by: personSchema,
    reason: { type: String, maxlength: REASON_MAX },
    at: { type: Date, default: () => new Date() },
  },
  { _id: false },
);

/** A reply goes through the same moderation rule as a note: a member still under moderation waits. */
const replySchema = new Schema({
  author: { type: personSchema, required: true },
  body: { type: String, required: true, maxlength: REPLY_MAX },
  at: { type: Date, default: () => new Date() },
  /** Replies written before replies were moderated have no status: they count as published. */
  status: { type: String, enum: NOTE_STATUSES, default: "published" },
  rejectReason: { type: String, default: null },
  moderatedBy: { type: personSchema, default: null },
});

/**
 * A practitioner's note on a project. `theme` is a theme vocabulary key (the working table) and
 * `question` the id of one of its guiding questions. Replies are one level deep, embedded.
 * A contribution sent during a working-table session (see the tables module) carries its session and
 * event, may have no project, and may come from a guest: a display name without an account.
 */
const noteSchema = new Schema(
  {
    /** Null only for a session's contribution that names no project. */
    project: { type: Schema.Types.ObjectId, default: null },
    author: { type: personSchema, required: true },
    /** The author is a guest of a table session: no account, never linked, never trusted. */
    guest: { type: Boolean, default: false },
    /** The table session (tables module) the note was contributed in, and that session's event. */
    tableSession: { type: Schema.Types.ObjectId, default: null },
    event: { type: Schema.Types.ObjectId, default: null },
    kind: { type: String, enum: NOTE_KINDS, required: true },
    theme: { type: String, required: true },
    question: { type: String, default: null },
    title: { type: String, required: true, maxlength: TITLE_MAX },
    body: { type: String, required: true, maxlength: BODY_MAX },
    tags: { type: [Schema.Types.ObjectId], default: [] },
    status: { type: String, enum: NOTE_STATUSES, default: "pending", required: true },
    rejectReason: { type: String, default: null },
    moderatedBy: { type: personSchema, default: null },
    publishedAt: { type: Date, default: null },
    revisions: { type: [revisionSchema], default: [] },
    flags: { type: [flagSchema], default: [] },
    flagCount: { type: Number, default: 0 },
    usefulBy: { type: [String], default: [] },
    usefulCount: { type: Number, default: 0 },
    replies: { type: [replySchema], default: [] },
    /** The form's one-time key: a second submission of the same form finds the first note. */
    idempotencyKey: { type: String, default: null },
    demo: { type: Boolean, default: false },
    deletedAt: { type: Date, default: null },
    version: { type: Number, default: 1, required: true },
  },
  { timestamps: true, collection: "notes", versionKey: false },
);

noteSchema.index({ project: 1, status: 1, deletedAt: 1, createdAt: -1 });
noteSchema.index({ "author.id": 1, status: 1, deletedAt: 1, createdAt: -1 });
noteSchema.index({ theme: 1, status: 1, deletedAt: 1, publishedAt: -1 });
noteSchema.index({ tags: 1, status: 1, deletedAt: 1, publishedAt: -1 });
noteSchema.index({ status: 1, deletedAt: 1, createdAt: 1 });
// A working table's notes by guiding question and kind (the table pages), a session's contributions as
// they arrive (the facilitator's live view) and an event's notes.
noteSchema.index({ theme: 1, question: 1, kind: 1, status: 1, deletedAt: 1, publishedAt: -1 });
noteSchema.index(
  { tableSession: 1, _id: 1 },
  { partialFilterExpression: { tableSession: { $type: "objectId" } } },
);
noteSchema.index(
  { event: 1, status: 1, deletedAt: 1, publishedAt: -1 },
  { partialFilterExpression: { event: { $type: "objectId" } } },
);
noteSchema.index({ flagCount: 1, deletedAt: 1 });
// The moderation queue's replies waiting for a decision.
noteSchema.index(
  { "replies.status": 1, deletedAt: 1 },
  { partialFilterExpression: { "replies.status": "pending" } },
);
noteSchema.index(
  { "author.id": 1, idempotencyKey: 1 },
  { unique: true, partialFilterExpression: { idempotencyKey: { $type: "string" } } },
);

export type NoteDoc = InferSchemaType<typeof noteSchema> & { _id: mongoose.Types.ObjectId };
export const NoteModel = mongoose.model("Note", noteSchema);

/** A note's text kept for its author when the session expired under the form (30 days). */
const draftSchema = new Schema(
  {
    userId: { type: String, required: true },
    projectSlug: { type: String, required: true },
    fields: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, default: () => new Date(), expires: 30 * 24 * 3600 },
  },
  { collection: "note_drafts", versionKey: false },
);
draftSchema.index({ userId: 1, projectSlug: 1 });

export const NoteDraftModel = mongoose.model("NoteDraft", draftSchema);
