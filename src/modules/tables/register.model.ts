import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** Where a recommendation stands in a zone-distretto's integrated plan (piano integrato zonale). */
export const REGISTER_STATUSES = [
  "proposed",
  "under_discussion",
  "adopted",
  "partly_adopted",
  "not_adopted",
] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

/** An item is active while the report's published version still holds it; withdrawn once it does not. */
export const ITEM_STATES = ["active", "withdrawn"] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_TEXT_MAX = 5_000;
export const STATUS_NOTE_MAX = 5_000;
export const STATUS_LINK_MAX = 2_000;

const personSchema = new Schema(
  { id: { type: String, required: true }, name: { type: String, required: true } },
  { _id: false },
);

/** The current status of an item in one zone (the history keeps every earlier one). */
const zoneStatusSchema = new Schema(
  {
    zone: { type: String, required: true },
    status: { type: String, enum: REGISTER_STATUSES, required: true },
    /** The day of the decision or discussion, YYYY-MM-DD (not when it was recorded). */
    date: { type: String, required: true },
    /** Markdown, rendered through web/markdown (sanitised). */
    note: { type: String, default: "", maxlength: STATUS_NOTE_MAX },
    /** The plan's text (http or https only), or null. */
    link: { type: String, default: null, maxlength: STATUS_LINK_MAX },
    by: { type: personSchema, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * One recommendation of a published synthesis report, as an item of the register. Its `code`
 * (`R-T2-03`: the table's number in the themes' order, then a counter per table; `R-G-01` for one that
 * concerns no single table) is given once and never changes. `textKey` (the normalised text) is how a new
 * version of the report finds the same item again. `version` goes up with every change (concurrent edits).
 */
const itemSchema = new Schema(
  {
    code: { type: String, required: true },
    /** The working table (theme key), or null for a recommendation of no single table. */
    theme: { type: String, default: null },
    /** The table's number (1..4) when the code was given; 0 for none. */
    tableNumber: { type: Number, required: true },
    seq: { type: Number, required: true },
    /** Markdown as written in the report (citations `[@nota:id]` / `[@progetto:slug]` included). */
    text: { type: String, required: true, maxlength: ITEM_TEXT_MAX },
    textKey: { type: String, required: true },
    /** The heading of the report section the item came from. */
    section: { type: String, default: "" },
    /** Its place in the report (order of the register within one report). */
    position: { type: Number, default: 0 },
    report: {
      slug: { type: String, required: true },
      title: { type: String, default: "" },
      /** The published version the item was last read from. */
      version: { type: Number, required: true },
      /** The published version that first held it. */
      firstVersion: { type: Number, required: true },
    },
    /** What the item rests on: the notes (ids) and projects (slugs) it cites. */
    evidence: {
      notes: { type: [String], default: [] },
      projects: { type: [String], default: [] },
    },
    state: { type: String, enum: ITEM_STATES, default: "active", required: true },
    withdrawnAt: { type: Date, default: null },
    statuses: { type: [zoneStatusSchema], default: [] },
    createdBy: { type: personSchema, required: true },
    updatedBy: { type: personSchema, default: null },
    demo: { type: Boolean, default: false },
    version: { type: Number, default: 1, required: true },
  },
  { timestamps: true, collection: "recommendations", versionKey: false },
);
itemSchema.index({ code: 1 }, { unique: true });
itemSchema.index({ "report.slug": 1, textKey: 1 }, { unique: true });
itemSchema.index({ tableNumber: 1, seq: 1 });
itemSchema.index({ "statuses.zone": 1, "statuses.status": 1 });

export type RecommendationDoc = InferSchemaType<typeof itemSchema> & { _id: mongoose.Types.ObjectId };
export const RecommendationModel = mongoose.model("Recommendation", itemSchema);

/** The next number of each code prefix (`T2`, `G`): codes are never given twice, even after withdrawal. */
const counterSchema = new Schema(
  { _id: { type: String, required: true }, n: { type: Number, required: true } },
  { collection: "recommendation_counters", versionKey: false },
);
export const RecommendationCounterModel = mongoose.model("RecommendationCounter", counterSchema);

export const HISTORY_ACTIONS = ["create", "text", "withdraw", "reinstate", "status"] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/**
 * Every change to an item, oldest first: its creation from a report, a new wording in a later version,
 * withdrawal and reinstatement, and each status recorded for a zone (with its date, note and link).
 */
const historySchema = new Schema(
  {
    itemId: { type: Schema.Types.ObjectId, required: true },
    code: { type: String, required: true },
    /** The item's version after this change. */
    version: { type: Number, required: true },
    action: { type: String, enum: HISTORY_ACTIONS, required: true },
    zone: { type: String, default: null },
    status: { type: String, enum: [...REGISTER_STATUSES, null], default: null },
    /** The zone's status before this change (null: none recorded). */
    previous: { type: String, enum: [...REGISTER_STATUSES, null], default: null },
    date: { type: String, default: null },
    note: { type: String, default: "" },
    link: { type: String, default: null },
    /** For create and text: the wording; report version it came from. */
    text: { type: String, default: null },
    reportVersion: { type: Number, default: null },
    by: { type: personSchema, required: true },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: "recommendation_history", versionKey: false },
);
historySchema.index({ itemId: 1, version: 1 }, { unique: true });
historySchema.index({ at: -1, _id: -1 });

export type RecommendationHistoryDoc = InferSchemaType<typeof historySchema> & {
  _id: mongoose.Types.ObjectId;
};
export const RecommendationHistoryModel = mongoose.model("RecommendationHistory", historySchema);
