// Single-use links (invitations, password resets): only the SHA-256 of the token is stored.
import mongoose, { Schema, type InferSchemaType } from "mongoose";

export const TOKEN_KINDS = ["invite", "reset"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

const tokenSchema = new Schema(
  {
    kind: { type: String, enum: TOKEN_KINDS, required: true },
    hash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
// Kept a while after expiry so that an old link gets "expired", not "unknown"; then MongoDB drops it.
tokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 30 * 24 * 3600 });

export type TokenDoc = InferSchemaType<typeof tokenSchema> & { _id: mongoose.Types.ObjectId };

export const AccountTokenModel = mongoose.model("AccountToken", tokenSchema);
