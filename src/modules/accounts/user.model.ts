// Users: one document per person; the email is stored lower-cased, so uniqueness is case-insensitive.
import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { ROLES } from "./actor";

export const USER_STATUSES = ["invited", "active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true, maxlength: 254 },
    name: { type: String, required: true, trim: true, maxlength: 120 },
    organisation: { type: String, trim: true, maxlength: 200, default: "" },
    role: { type: String, enum: ROLES, required: true, default: "member" },
    status: { type: String, enum: USER_STATUSES, required: true, default: "active" },
    language: { type: String, enum: ["it", "en", null], default: null },
    passwordHash: { type: String, default: null },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: true },
);
userSchema.index({ role: 1, status: 1 });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };

export const UserModel = mongoose.model("User", userSchema);
