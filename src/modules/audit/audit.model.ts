// Security events (logins, password and role changes, disabling...): written once, read by admins.
import mongoose, { Schema, type InferSchemaType } from "mongoose";

const auditSchema = new Schema(
  {
    at: { type: Date, required: true, default: () => new Date() },
    actorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    action: { type: String, required: true, maxlength: 80 },
    targetType: { type: String, maxlength: 40, default: null },
    targetId: { type: String, maxlength: 80, default: null },
    details: { type: Schema.Types.Mixed, default: null },
    ip: { type: String, maxlength: 64, default: null },
  },
  { versionKey: false },
);
auditSchema.index({ at: -1 });
/** Security events are kept this long, then MongoDB drops them (stated in the privacy notice). */
export const AUDIT_RETENTION_DAYS = 365;
auditSchema.index(
  { at: 1 },
  { expireAfterSeconds: AUDIT_RETENTION_DAYS * 24 * 3600, name: "audit_retention" },
);
auditSchema.index({ action: 1, at: -1 });
auditSchema.index({ actorId: 1, at: -1 });

export type AuditDoc = InferSchemaType<typeof auditSchema> & { _id: mongoose.Types.ObjectId };

export const AuditModel = mongoose.model("AuditEvent", auditSchema);
