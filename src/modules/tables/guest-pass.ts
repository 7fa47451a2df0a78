// The pass a participant gets after typing a session's code: which session, who (a guest's display name
// and a random id, or nobody for a signed-in member) and until when, signed with the app's secret so that
// it cannot be made up or moved to another session. Kept in an HttpOnly cookie; nothing on the server.
import crypto from "node:crypto";

export const GUEST_COOKIE = "atl.tablepass";

export interface GuestPass {
  /** The table session. */
  session: string;
  /** A random id for this guest (their contributions' author id), or "" for a signed-in member. */
  guest: string;
  /** The guest's display name ("" for a member). */
  name: string;
  /** Expiry, in ms since the epoch. */
  until: number;
}

function mac(secret: string, payload: string): string {
  return crypto.createHmac("sha256", secret).update(`table-pass|${payload}`).digest("base64url");
}

export function signPass(secret: string, pass: GuestPass): string {
  const payload = Buffer.from(JSON.stringify([pass.session, pass.guest, pass.name, pass.until])).toString(
    "base64url",
  );
  return `${payload}.${mac(secret, payload)}`;
}

/** The pass in a cookie value, if we signed it and it has not expired. */
export function readPass(secret: string, value: unknown, now = Date.now()): GuestPass | undefined {
  if (typeof value !== "string" || value.length > 1000) return undefined;
  const [payload, given] = value.split(".");
  if (!payload || !given) return undefined;
  const expected = Buffer.from(mac(secret, payload));
  const got = Buffer.from(given);
  if (expected.length !== got.length || !crypto.timingSafeEqual(expected, got)) return undefined;
  try {
    const [session, guest, name, until] = JSON.parse(
      Buffer.from(payload, "base64url").toString(),
    ) as unknown[];
    if (typeof session !== "string" || typeof guest !== "string" || typeof name !== "string")
      return undefined;
    if (typeof until !== "number" || until <= now) return undefined;
    return { session, guest, name, until };
  } catch {
    return undefined;
  }
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}
