// A lease in MongoDB: at most one holder at a time across app processes, until it expires. Whatever must run
// in one place only (the job runner's jobs, a search rebuild) takes one by name.
import crypto from "node:crypto";
import os from "node:os";
import mongoose, { Schema } from "mongoose";

const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: "leases", versionKey: false },
);
export const LeaseModel = mongoose.model("Lease", leaseSchema);

/** A holder name unique to this process and caller: host, pid and a random part. */
export function newHolderId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
}

function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}

/** Takes or renews the lease `name` for `holder`; false while someone else holds an unexpired one. */
export async function acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = new Date();
  try {
    const doc = await LeaseModel.findOneAndUpdate(
      { _id: name, $or: [{ holder }, { expiresAt: { $lte: now } }] },
      { $set: { holder, expiresAt: new Date(now.getTime() + ttlMs) } },
      { upsert: true, returnDocument: "after" },
    ).lean();
    return doc?.holder === holder;
  } catch (err) {
    // The upsert raced with another holder's live lease: it is theirs.
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Gives the lease back (only if still ours), so another process can take it at once. */
export async function releaseLease(name: string, holder: string): Promise<void> {
  await LeaseModel.deleteOne({ _id: name, holder });
}

/** Who holds the lease now, if anyone. */
export async function leaseHolder(name: string): Promise<string | undefined> {
  const doc = await LeaseModel.findOne({ _id: name, expiresAt: { $gt: new Date() } }).lean();
  return doc?.holder;
}

/** The live holders of several leases at once, by name. */
export async function leaseHolders(names: string[]): Promise<Map<string, string>> {
  const docs = await LeaseModel.find({ _id: { $in: names }, expiresAt: { $gt: new Date() } }).lean();
  return new Map(docs.map((d) => [d._id, d.holder]));
}
