import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { REPORT_STATUSES, type ReportStatus } from "./report.model";

export const GUIDELINES_TITLE_MAX = 200;
export const GUIDELINES_INTRO_MAX = 20_000;
export const GUIDELINES_SECTION_INTRO_MAX = 10_000;
/** Chosen recommendations per document (all tables together). */
export const GUIDELINES_ITEMS_MAX = 200;

const personSchema = new Schema(
  { id: { type: String, required: true }, name: { type: String, required: true } },
  { _id: false },
);

/** One table's section: its optional introduction and the register codes chosen for it, in order. */
const sectionSchema = new Schema(
  {
    /** A theme key, or "" for the recommendations of no single table. */
    theme: { type: String, default: "" },
    intro: { type: String, default: "", maxlength: GUIDELINES_SECTION_INTRO_MAX },
    items: { type: [String], default: [] },
  },
  { _id: false },
);

/**
 * A guidelines document for the zonal integrated plans ("linee guida per l'aggiornamento dei piani
 * integrati zonali"): an introduction and one section per working table with the recommendations chosen
 * from the register (by code). Like a report, the document is the working copy (draft -> review ->
 * published); every change is a revision (`guidelines_revisions`) and the public page shows the revision
 * `publishedVersion`. Several documents may exist (an edition per year); the slug never changes.
 */
const guidelinesSchema = new Schema(
  {
    slug: { type: String, required: true },
    title: { type: String, required: true, maxlength: GUIDELINES_TITLE_MAX },
    intro: { type: String, default: "", maxlength: GUIDELINES_INTRO_MAX },
    sections: { type: [sectionSchema], default: [] },
    status: { type: String, enum: REPORT_STATUSES, default: "draft", required: true },
    publishedVersion: { type: Number, default: null },
    publishedAt: { type: Date, default: null },
    publishedBy: { type: personSchema, default: null },
    createdBy: { type: personSchema, required: true },
    updatedBy: { type: personSchema, default: null },
    demoKey: { type: String, default: null },
    demo: { type: Boolean, default: false },
    version: { type: Number, default: 1, required: true },
  },
  { timestamps: true, collection: "guidelines", versionKey: false },
);
guidelinesSchema.index({ slug: 1 }, { unique: true });
guidelinesSchema.index({ publishedVersion: 1, publishedAt: -1 });
guidelinesSchema.index(
  { demoKey: 1 },
  { unique: true, partialFilterExpression: { demoKey: { $type: "string" } } },
);

export type GuidelinesDoc = InferSchemaType<typeof guidelinesSchema> & {
  _id: mongoose.Types.ObjectId;
  status: ReportStatus;
};
export const GuidelinesModel = mongoose.model("Guidelines", guidelinesSchema);

/** The content of one version (what history, diffs, restores and the public page read). */
export interface GuidelinesSnapshot {
  title: string;
  intro: string;
  sections: { theme: string; intro: string; items: string[] }[];
}

const revisionSchema = new Schema(
  {
    guidelinesId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    action: { type: String, required: true },
    status: { type: String, enum: REPORT_STATUSES, required: true },
    snapshot: { type: Schema.Types.Mixed, required: true },
    by: { id: String, name: String },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: "guidelines_revisions", versionKey: false },
);
revisionSchema.index({ guidelinesId: 1, version: -1 }, { unique: true });

export const GuidelinesRevisionModel = mongoose.model("GuidelinesRevision", revisionSchema);
