// Requests to join, waiting for a coordinator.
import mongoose, { Schema, type InferSchemaType } from "mongoose";

export const JOIN_STATUSES = ["pending", "approved", "rejected"] as const;

const joinRequestSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
    name: { type: String, required: true, trim: true, maxlength: 120 },
    organisation: { type: String, trim: true, maxlength: 200, default: "" },
    message: { type: String, trim: true, maxlength: 2000, default: "" },
    status: { type: String, enum: JOIN_STATUSES, required: true, default: "pending" },
    decidedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    decidedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
joinRequestSchema.index({ status: 1, createdAt: -1 });

export type JoinRequestDoc = InferSchemaType<typeof joinRequestSchema> & { _id: mongoose.Types.ObjectId };

export const JoinRequestModel = mongoose.model("JoinRequest", joinRequestSchema);
