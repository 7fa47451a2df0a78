// Password rules and hashing: argon2id on libuv's threadpool, so the event loop never waits for it.
import os from "node:os";
import argon2 from "argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/**
 * OWASP's memory (19 MiB) with more passes than its minimum of 2: about 50-60 ms per hash on this
 * class of machine (see scripts/bench/accounts.ts), the 50-300 ms the issue asks for.
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 6,
  parallelism: 1,
} as const;

// At most (cores - 1) hashes at once: a burst of logins then queues here instead of taking every
// core from the event loop (page latency stays low) or every libuv thread (file and DNS work goes on).
const MAX_CONCURRENT = Math.max(1, os.availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

// The most common passwords from leaked-password corpora, maintained by the zxcvbn-ts project.
const COMMON = new Set<string>(
  (dictionary as Record<string, string[]>)["passwords-common"]!.map((p) => p.toLowerCase()),
);

export type PasswordProblem = "too_short" | "too_long" | "common" | "like_email";

/** The first rule a password breaks, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "too_short";
  if (length > PASSWORD_MAX) return "too_long";
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\d!.?]+$/, ""))) return "common";
  if (email && lower.includes(email.toLowerCase().split("@")[0]!) && email.split("@")[0]!.length >= 6)
    return "like_email";
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => argon2.hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await limited(() => argon2.verify(hash, password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the time of a real verification, so that unknown accounts answer as slowly as known ones. */
export async function verifyDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password-for-timing-only");
  await verifyPassword(await dummyHash, password);
}
