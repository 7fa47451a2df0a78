// Rate limits as HTTP sees them: over the limit, a 429 with Retry-After.
import { take, type ThrottleRule } from "../infra/throttle";
import { TooManyRequestsError } from "./errors";

export type { ThrottleRule };

/** Counts one attempt for the key; over the rule's limit, throws a 429 carrying `message`. */
export async function enforce(rule: ThrottleRule, key: string, message: string): Promise<void> {
  const attempt = await take(rule, key);
  if (!attempt.ok) throw new TooManyRequestsError(message, attempt.retryAfterSeconds);
}
