import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { TAG_STATUSES } from "./taxonomy.types";

/**
 * A curated tag. Projects reference tags by _id, so a rename never touches them; `oldSlugs`
 * keeps earlier addresses working (301), and a merged tag points at its survivor.
 */
const tagSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    oldSlugs: { type: [String], default: [] },
    label_it: { type: String, required: true },
    label_en: { type: String, default: "" },
    description_it: { type: String, default: "" },
    description_en: { type: String, default: "" },
    synonyms: { type: [String], default: [] },
    status: { type: String, enum: TAG_STATUSES, default: "active", required: true },
    /** Published, not deleted projects carrying the tag (kept up to date by the catalogue). */
    usageCount: { type: Number, default: 0 },
    mergedInto: { type: Schema.Types.ObjectId },
    proposedBy: { id: String, name: String },
    createdBy: { id: String, name: String },
    updatedBy: { id: String, name: String },
  },
  { timestamps: true, collection: "tags" },
);
tagSchema.index({ oldSlugs: 1 });
tagSchema.index({ status: 1, label_it: 1 });

export type Tag = InferSchemaType<typeof tagSchema> & { _id: mongoose.Types.ObjectId };
export const TagModel = mongoose.model("Tag", tagSchema);
