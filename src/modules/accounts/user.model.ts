// Users: one document per person; the email is stored lower-cased, so uniqueness is case-insensitive.
import mongoose, { Schema, type InferSchemaType } from "mongoose";
import { ROLES } from "./actor";

export const USER_STATUSES = ["invited", "active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A passkey (WebAuthn credential) registered as a second factor. */
const passkeySchema = new Schema(
  {
    /** The credential id, base64url. */
    credentialId: { type: String, required: true },
    /** The COSE public key, base64url. */
    publicKey: { type: String, required: true },
    counter: { type: Number, required: true, default: 0 },
    transports: { type: [String], default: [] },
    name: { type: String, trim: true, maxlength: 80, default: "" },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
  },
  { _id: false },
);

/** Second factors: TOTP (its secret encrypted), passkeys, recovery codes (hashed), and the grace period. */
const twoFactorSchema = new Schema(
  {
    /** AES-256-GCM box of the base32 TOTP secret (see secret-box.ts); null when TOTP is not set up. */
    totpSecret: { type: String, default: null },
    /** The last time step whose code was accepted: a code is never accepted twice. */
    totpLastStep: { type: Number, default: 0 },
    totpEnabledAt: { type: Date, default: null },
    /** HMAC-SHA-256 of each unused recovery code (peppered); a used one is removed. */
    recoveryCodes: { type: [String], default: [] },
    passkeys: { type: [passkeySchema], default: [] },
    /** When the user was first told their role needs a second factor: the grace period runs from here. */
    requiredSince: { type: Date, default: null },
  },
  { _id: false },
);

/** An account at an OpenID Connect provider linked to this user (issuer + subject). */
const oidcLinkSchema = new Schema(
  {
    issuer: { type: String, required: true },
    subject: { type: String, required: true },
    linkedAt: { type: Date, required: true },
  },
  { _id: false },
);

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
    twoFactor: { type: twoFactorSchema, default: () => ({}) },
    oidcLinks: { type: [oidcLinkSchema], default: [] },
  },
  { timestamps: true },
);
userSchema.index({ role: 1, status: 1 });
userSchema.index(
  { "oidcLinks.issuer": 1, "oidcLinks.subject": 1 },
  { unique: true, partialFilterExpression: { "oidcLinks.subject": { $exists: true } } },
);

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };

export const UserModel = mongoose.model("User", userSchema);
