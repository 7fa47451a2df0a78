import mongoose, { Schema, type InferSchemaType } from "mongoose";

export const SESSION_STATUSES = ["planned", "open", "closed"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * One working table at an event: its facilitator (a name; with an account, they may open and close it),
 * participants, the guiding questions used and the projects offered in the contribution form. While
 * open it has a short code that guests type to contribute; the code stops working when it closes (or at
 * `openUntil`, whichever comes first).
 */
const sessionSchema = new Schema(
  {
    event: { type: Schema.Types.ObjectId, required: true },
    /** The working table: a theme vocabulary key. */
    theme: { type: String, required: true },
    facilitator: {
      type: new Schema(
        { name: { type: String, default: "" }, userId: { type: String, default: null } },
        { _id: false },
      ),
      default: () => ({ name: "", userId: null }),
    },
    participants: { type: Number, default: null },
    /** Ids of the table's guiding questions used in the session (all of them when empty). */
    questions: { type: [String], default: [] },
    /** Slugs of projects offered in the contribution form. */
    projects: { type: [String], default: [] },
    status: { type: String, enum: SESSION_STATUSES, default: "planned", required: true },
    code: { type: String, default: null },
    /** Codes of earlier openings: a guest who types one is told it expired (not that it is wrong). */
    pastCodes: { type: [String], default: [] },
    openedAt: { type: Date, default: null },
    openUntil: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    demo: { type: Boolean, default: false },
    version: { type: Number, default: 1, required: true },
  },
  { timestamps: true, collection: "table_sessions", versionKey: false },
);

// One session per table and event.
sessionSchema.index({ event: 1, theme: 1 }, { unique: true });
// A code names one open session; closed ones keep theirs, to tell a late guest that it expired.
sessionSchema.index({ code: 1 }, { unique: true, partialFilterExpression: { status: "open" } });
sessionSchema.index({ code: 1, closedAt: -1 });
sessionSchema.index({ pastCodes: 1 });
sessionSchema.index({ "facilitator.userId": 1, status: 1 });

export type TableSessionDoc = InferSchemaType<typeof sessionSchema> & { _id: mongoose.Types.ObjectId };
export const TableSessionModel = mongoose.model("TableSession", sessionSchema);
