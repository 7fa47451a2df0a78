// The "known browser" of an account (OWASP's device cookies): a browser that once signed in to an
// account gets a signed token naming it. When wrong passwords from elsewhere have spent the account-wide
// limit, that browser is still let through, so an attacker cannot lock the owner out.
import crypto from "node:crypto";

export const DEVICE_COOKIE = "atl.device";
/** A browser stays known for this long after its last successful sign-in. */
export const DEVICE_MAX_AGE_MS = 180 * 24 * 3600 * 1000;

function mac(secret: string, email: string, nonce: string): string {
  return crypto.createHmac("sha256", secret).update(`device|${email}|${nonce}`).digest("base64url");
}

/** A new token for a browser that just signed in to `email` (holds no personal data in clear). */
export function issueDeviceToken(secret: string, email: string): string {
  const nonce = crypto.randomBytes(12).toString("base64url");
  return `${nonce}.${mac(secret, email, nonce)}`;
}

/** The token's nonce (its per-browser key) when it was issued by us for `email`; otherwise undefined. */
export function deviceNonce(secret: string, token: unknown, email: string): string | undefined {
  if (typeof token !== "string" || token.length > 100) return undefined;
  const [nonce, given] = token.split(".");
  if (!nonce || !given) return undefined;
  const expected = Buffer.from(mac(secret, email, nonce));
  const actual = Buffer.from(given);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual) ? nonce : undefined;
}
