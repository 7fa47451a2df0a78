// Fixed-window counters in MongoDB (shared by every app process): login throttling and rate limits.
import mongoose, { Schema } from "mongoose";
import { TooManyRequestsError } from "../../web/errors";

const counterSchema = new Schema(
  {
    _id: { type: String },
    count: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
counterSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
export const RateCounterModel = mongoose.model("RateCounter", counterSchema);

export interface Window {
  count: number;
  retryAfterSeconds: number;
}

interface CounterRow {
  _id: string;
  count: number;
  expiresAt: Date;
}

function toWindow(row: CounterRow | null, now: number): Window {
  if (!row || row.expiresAt.getTime() <= now) return { count: 0, retryAfterSeconds: 0 };
  return {
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil((row.expiresAt.getTime() - now) / 1000)),
  };
}

/** The current count of a key (without adding to it). */
export async function peek(key: string): Promise<Window> {
  const row = await RateCounterModel.collection.findOne<CounterRow>({ _id: key as never });
  return toWindow(row, Date.now());
}

/** Adds one to a key in its window (a new window starts when the old one is over); returns the new count. */
export async function increment(key: string, windowMs: number): Promise<Window> {
  const now = new Date();
  const live = { $gt: ["$expiresAt", now] };
  const row = await RateCounterModel.collection.findOneAndUpdate(
    { _id: key as never },
    [
      {
        $set: {
          count: { $cond: [live, { $add: ["$count", 1] }, 1] },
          expiresAt: { $cond: [live, "$expiresAt", new Date(now.getTime() + windowMs)] },
        },
      },
    ],
    { upsert: true, returnDocument: "after" },
  );
  return toWindow(row as CounterRow | null, now.getTime());
}

export async function clear(key: string): Promise<void> {
  await RateCounterModel.collection.deleteOne({ _id: key as never });
}

/** Counts one request against `limit` per window; over the limit, throws a 429 with Retry-After. */
export async function consume(key: string, limit: number, windowMs: number, message: string): Promise<void> {
  const w = await increment(key, windowMs);
  if (w.count > limit) throw new TooManyRequestsError(message, w.retryAfterSeconds);
}
