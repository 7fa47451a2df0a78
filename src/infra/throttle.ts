// Named rate limits kept in MongoDB (shared by every app process), on rate-limiter-flexible's Mongo store:
// each attempt is counted atomically *before* the work it guards (a password check, a mail, a post), so
// concurrent requests cannot all slip under a limit that was read before any of them was counted.
import mongoose from "mongoose";
import { RateLimiterMongo, RateLimiterRes } from "rate-limiter-flexible";

/** A limit: at most `points` attempts per key in a fixed window of `windowSeconds`. */
export interface ThrottleRule {
  /** Stable name, also the stored keys' prefix. */
  readonly name: string;
  readonly points: number;
  readonly windowSeconds: number;
}

export type Attempt = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

const COLLECTION = "rate_limits";
const limiters = new Map<string, { db: unknown; limiter: RateLimiterMongo }>();

function limiterFor(rule: ThrottleRule): RateLimiterMongo {
  const db = mongoose.connection.db;
  if (!db) throw new Error("MongoDB is not connected");
  const cached = limiters.get(rule.name);
  // A new database (tests connect one per file; a reconnect) gets its own limiter.
  if (cached && cached.db === db) return cached.limiter;
  const limiter = new RateLimiterMongo({
    storeClient: mongoose.connection.getClient(),
    dbName: db.databaseName,
    tableName: COLLECTION,
    keyPrefix: rule.name,
    points: rule.points,
    duration: rule.windowSeconds,
  });
  limiters.set(rule.name, { db, limiter });
  return limiter;
}

function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Counts one attempt (or `points`) for a key; refused when the key's window is spent. */
export async function take(rule: ThrottleRule, key: string, points = 1): Promise<Attempt> {
  try {
    const res = await limiterFor(rule).consume(key, points);
    return { ok: true, remaining: res.remainingPoints };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: retryAfter(err) };
    throw err;
  }
}

/** Gives back attempts counted for work that turned out fine (a successful login). */
export async function refund(rule: ThrottleRule, key: string, points = 1): Promise<void> {
  await limiterFor(rule).reward(key, points);
}

/** Forgets a key's attempts. */
export async function reset(rule: ThrottleRule, key: string): Promise<void> {
  await limiterFor(rule).delete(key);
}

/** Attempts counted for a key in its current window (without counting one). */
export async function used(rule: ThrottleRule, key: string): Promise<number> {
  const res = await limiterFor(rule).get(key);
  return res?.consumedPoints ?? 0;
}
