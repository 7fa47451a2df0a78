import mongoose, { Schema, type InferSchemaType } from "mongoose";

export const REPORT_TITLE_MAX = 200;
export const REPORT_SUMMARY_MAX = 5_000;
export const SECTION_HEADING_MAX = 200;
export const SECTION_BODY_MAX = 50_000;
export const SECTIONS_MAX = 40;
/** How the working copy moves: draft -> review -> published (and back to draft to start a new version). */
export const REPORT_STATUSES = ["draft", "review", "published"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** A "recommendations" section holds a list: each item is one recommendation (the register reads them). */
export const SECTION_KINDS = ["text", "recommendations"] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];
export const SCOPE_KINDS = ["all", "table", "event"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

const personSchema = new Schema(
  { id: { type: String, required: true }, name: { type: String, required: true } },
  { _id: false },
);

const sectionSchema = new Schema(
  {
    heading: { type: String, required: true, maxlength: SECTION_HEADING_MAX },
    kind: { type: String, enum: SECTION_KINDS, default: "text" },
    body: { type: String, default: "", maxlength: SECTION_BODY_MAX },
  },
  { _id: false },
);

/**
 * A synthesis report of the working tables: of one event, one table (theme) or all of them. The document
 * is the working copy (its `status` moves draft -> review -> published); every change is a revision
 * (`report_revisions`), and the public page shows the revision `publishedVersion`, so editing a published
 * report prepares its next version without touching what the public reads. The slug never changes.
 */
const reportSchema = new Schema(
  {
    slug: { type: String, required: true },
    title: { type: String, required: true, maxlength: REPORT_TITLE_MAX },
    scope: {
      kind: { type: String, enum: SCOPE_KINDS, required: true },
      theme: { type: String, default: null },
      event: { type: Schema.Types.ObjectId, default: null },
    },
    summary: { type: String, default: "", maxlength: REPORT_SUMMARY_MAX },
    sections: { type: [sectionSchema], default: [] },
    status: { type: String, enum: REPORT_STATUSES, default: "draft", required: true },
    /** The revision the public page shows; null: not published (never, or withdrawn). */
    publishedVersion: { type: Number, default: null },
    publishedAt: { type: Date, default: null },
    publishedBy: { type: personSchema, default: null },
    /** Everything the working copy cites, for "which reports cite this note" look-ups. */
    citedNotes: { type: [Schema.Types.ObjectId], default: [] },
    citedProjects: { type: [String], default: [] },
    createdBy: { type: personSchema, required: true },
    updatedBy: { type: personSchema, default: null },
    demoKey: { type: String, default: null },
    demo: { type: Boolean, default: false },
    version: { type: Number, default: 1, required: true },
  },
  { timestamps: true, collection: "reports", versionKey: false },
);
reportSchema.index({ slug: 1 }, { unique: true });
reportSchema.index({ publishedVersion: 1, publishedAt: -1 });
reportSchema.index({ citedNotes: 1 });
reportSchema.index(
  { demoKey: 1 },
  { unique: true, partialFilterExpression: { demoKey: { $type: "string" } } },
);

export type ReportDoc = InferSchemaType<typeof reportSchema> & { _id: mongoose.Types.ObjectId };
export const ReportModel = mongoose.model("Report", reportSchema);

/** The content of one version of a report (what history, diffs, restores and the public page read). */
export interface ReportSnapshot {
  title: string;
  summary: string;
  sections: { heading: string; kind: SectionKind; body: string }[];
}

const reportRevisionSchema = new Schema(
  {
    reportId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    action: { type: String, required: true },
    status: { type: String, enum: REPORT_STATUSES, required: true },
    snapshot: { type: Schema.Types.Mixed, required: true },
    by: { id: String, name: String },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: "report_revisions", versionKey: false },
);
reportRevisionSchema.index({ reportId: 1, version: -1 }, { unique: true });

export type ReportRevisionDoc = InferSchemaType<typeof reportRevisionSchema>;
export const ReportRevisionModel = mongoose.model("ReportRevision", reportRevisionSchema);
