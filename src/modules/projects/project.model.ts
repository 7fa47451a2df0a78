import mongoose, { Schema, type InferSchemaType } from "mongoose";
import type { ContentField } from "./project.fields";
import { PROJECT_STATUSES } from "./project.workflow";

export { PROJECT_STATUSES, type ProjectStatus } from "./project.workflow";

const personSchema = new Schema({ id: String, name: String }, { _id: false });
const linkSchema = new Schema({ label: String, url: { type: String, required: true } }, { _id: false });

/**
 * A funded project. Vocabulary fields hold the stable keys of vocabulary terms; `tags` holds tag ids
 * (a tag rename never touches projects). Budget is in integer euro cents; dates are UTC midnights.
 */
const projectSchema = new Schema(
  {
    title: { type: String, required: true, maxlength: 300 },
    /** Lowercased, accent-free title: the sort key of the browse page. */
    sortTitle: { type: String, required: true },
    slug: { type: String, required: true, unique: true },
    oldSlugs: { type: [String], default: [] },
    summary: { type: String, default: "" },
    description: { type: String, default: "" },
    fundingProgramme: { type: String },
    call: { type: String, default: "" },
    cup: { type: String },
    leadOrganisation: { type: String, default: "" },
    partners: { type: [String], default: [] },
    zones: { type: [String], default: [] },
    provinces: { type: [String], default: [] },
    startDate: { type: Date },
    endDate: { type: Date },
    /** Year of the start date: the "year" filter. */
    startYear: { type: Number },
    budgetCents: {
      type: Number,
      validate: { validator: (v: unknown) => v == null || Number.isSafeInteger(v), message: "integer cents" },
      min: 0,
    },
    targetGroups: { type: [String], default: [] },
    themes: { type: [String], default: [] },
    tags: { type: [Schema.Types.ObjectId], default: [] },
    outcomes: { type: String, default: "" },
    links: { type: [linkSchema], default: [] },
    contact: { name: String, email: String, phone: String },
    status: { type: String, enum: PROJECT_STATUSES, default: "draft", required: true },
    /** Demo content ("esempio"): fictional, shown with a visible label. */
    demo: { type: Boolean, default: false },
    createdBy: { type: personSchema },
    updatedBy: { type: personSchema },
    publishedAt: { type: Date },
    deletedAt: { type: Date, default: null },
    deletedBy: { type: personSchema },
    /** Incremented on every change: the optimistic lock of the edit form and the indexer's check. */
    version: { type: Number, default: 1, required: true },
  },
  { timestamps: true, collection: "projects", versionKey: false },
);

// Addresses.
projectSchema.index({ oldSlugs: 1 });
projectSchema.index({ cup: 1 }, { unique: true, partialFilterExpression: { cup: { $type: "string" } } });
// Browse: each filter leads an index that then serves the visibility test and the default sort.
// The sorts end with _id (a stable order for paging), so the indexes do too: no in-memory sort.
projectSchema.index({ status: 1, deletedAt: 1, startDate: -1, _id: -1 });
projectSchema.index({ status: 1, deletedAt: 1, sortTitle: 1, _id: 1 });
projectSchema.index({ status: 1, deletedAt: 1, updatedAt: -1, _id: -1 });
projectSchema.index({ themes: 1, status: 1, deletedAt: 1, startDate: -1, _id: -1 });
projectSchema.index({ tags: 1, status: 1, deletedAt: 1, startDate: -1, _id: -1 });
projectSchema.index({ zones: 1, status: 1, deletedAt: 1, startDate: -1, _id: -1 });
projectSchema.index({ targetGroups: 1, status: 1, deletedAt: 1, startDate: -1, _id: -1 });
projectSchema.index({ startYear: 1, status: 1, deletedAt: 1, startDate: -1, _id: -1 });
// Zone and year together (the common pair): the counts and the page read only their few hundred projects.
projectSchema.index({ zones: 1, startYear: 1, status: 1, deletedAt: 1, startDate: -1, _id: -1 });
// Sorted by title under one selective filter: the page comes straight from the index, no in-memory sort.
projectSchema.index({ zones: 1, status: 1, deletedAt: 1, sortTitle: 1, _id: 1 });
projectSchema.index({ tags: 1, status: 1, deletedAt: 1, sortTitle: 1, _id: 1 });
projectSchema.index({ targetGroups: 1, status: 1, deletedAt: 1, sortTitle: 1, _id: 1 });

export type ProjectDoc = InferSchemaType<typeof projectSchema> & { _id: mongoose.Types.ObjectId };
// Every field of the field list (project.fields.ts) has its path above: a new field fails here until it does.
const _everyFieldStored: ContentField extends keyof ProjectDoc ? true : never = true;
export const ProjectModel = mongoose.model("Project", projectSchema);
