import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { VOCABULARY_KINDS } from "./taxonomy.types";

const questionSchema = new Schema({ id: String, it: String, en: String }, { _id: false });

/**
 * One term of a vocabulary. `key` is the stable id from the seed data, referenced by projects;
 * labels and descriptions are editable. `editedAt` marks terms a coordinator changed.
 */
const termSchema = new Schema(
  {
    kind: { type: String, enum: VOCABULARY_KINDS, required: true },
    key: { type: String, required: true },
    order: { type: Number, default: 0 },
    label_it: { type: String, required: true },
    label_en: { type: String, required: true },
    description_it: { type: String, default: "" },
    description_en: { type: String, default: "" },
    /** Themes: the guiding questions of the working table. */
    guidingQuestions: { type: [questionSchema], default: undefined },
    /** Zones: province codes; provinces: nothing. */
    provinces: { type: [String], default: undefined },
    /** Zones: other spellings; target groups: everyday words for the group. */
    aliases: { type: [String], default: undefined },
    /** Zones: the main towns whose names people use for the zone. */
    towns: { type: [String], default: undefined },
    role: { type: String },
    editedAt: { type: Date },
    editedBy: { type: String },
  },
  { timestamps: true, collection: "vocabulary_terms" },
);
termSchema.index({ kind: 1, key: 1 }, { unique: true });

export type VocabularyTerm = InferSchemaType<typeof termSchema>;
export const VocabularyTermModel = mongoose.model("VocabularyTerm", termSchema);
