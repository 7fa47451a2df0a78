import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * One saved version of a project: the editable fields as they were after the change, who made it,
 * and what kind of change it was. History, diffs and restores read these.
 */
const revisionSchema = new Schema(
  {
    projectId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    action: { type: String, required: true },
    snapshot: { type: Schema.Types.Mixed, required: true },
    by: { id: String, name: String },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: "project_revisions", versionKey: false },
);
revisionSchema.index({ projectId: 1, version: -1 }, { unique: true });

export type RevisionDoc = InferSchemaType<typeof revisionSchema>;
export const RevisionModel = mongoose.model("ProjectRevision", revisionSchema);
