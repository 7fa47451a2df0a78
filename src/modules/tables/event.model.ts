import mongoose, { Schema, type InferSchemaType } from "mongoose";

export const EVENT_TITLE_MAX = 200;
export const EVENT_DESCRIPTION_MAX = 20_000;

const personSchema = new Schema(
  { id: { type: String, required: true }, name: { type: String, required: true } },
  { _id: false },
);

const linkSchema = new Schema(
  { label: { type: String, required: true }, url: { type: String, required: true } },
  { _id: false },
);

/**
 * An event where working tables met (a seminar, a workshop): when, where ("online" or a place), who
 * organised it, how many took part, what it was, and links. Its table sessions are TableSession documents.
 */
const eventSchema = new Schema(
  {
    title: { type: String, required: true, maxlength: EVENT_TITLE_MAX },
    /** The calendar day, at UTC midnight. */
    date: { type: Date, required: true },
    online: { type: Boolean, default: false },
    place: { type: String, default: "" },
    organisers: { type: [String], default: [] },
    participants: { type: Number, default: null },
    description: { type: String, default: "", maxlength: EVENT_DESCRIPTION_MAX },
    links: { type: [linkSchema], default: [] },
    createdBy: { type: personSchema, required: true },
    updatedBy: { type: personSchema, default: null },
    /** Demo content has a fixed key, so that loading it twice adds nothing. */
    demoKey: { type: String, default: null },
    demo: { type: Boolean, default: false },
    deletedAt: { type: Date, default: null },
    version: { type: Number, default: 1, required: true },
  },
  { timestamps: true, collection: "events", versionKey: false },
);

eventSchema.index({ deletedAt: 1, date: -1 });
eventSchema.index(
  { demoKey: 1 },
  { unique: true, partialFilterExpression: { demoKey: { $type: "string" } } },
);

export type EventDoc = InferSchemaType<typeof eventSchema> & { _id: mongoose.Types.ObjectId };
export const EventModel = mongoose.model("TableEvent", eventSchema);
