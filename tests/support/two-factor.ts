// Test helpers for two-factor authentication: codes of an authenticator app, and enrolment through the
// real pages.
import { Secret, TOTP } from "otpauth";
import type supertest from "supertest";
import { csrfFrom } from "./auth";

/** The code an authenticator app shows for `secret`, `steps` periods of 30 s from now. */
export function totpCode(secret: string, steps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret.replace(/\s+/g, "")), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/**
 * Waits, when the current 30-second step ends within `marginMs`, for the next one: a code computed now
 * for a neighbouring step is still inside the server's window of one step when the request arrives.
 */
export async function awayFromStepEdge(marginMs = 8_000): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 50));
}

/** The manual key printed under the QR code of a page (spaces removed). */
export function manualKeyOf(html: string): string {
  const match = /id="totp-key"[^>]*>([A-Z2-7 ]+)</.exec(html);
  if (!match) throw new Error("no TOTP key on the page");
  return match[1]!.replace(/\s+/g, "");
}

/** Turns TOTP on for a signed-in agent through /me/2fa; returns the secret and the recovery codes shown. */
export async function enrolTotp(
  agent: supertest.Agent,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const page = await agent.get("/me/2fa").set("accept", "text/html");
  if (page.status !== 200) throw new Error(`/me/2fa answered ${page.status}`);
  const secret = manualKeyOf(page.text);
  const csrf = await csrfFrom(agent, "/me");
  // The previous period's code: a sign-in right after can use the current one.
  const res = await agent
    .post("/me/2fa/totp")
    .type("form")
    .send({ _csrf: csrf, code: totpCode(secret, -1) });
  if (res.status !== 303) throw new Error(`enrolment answered ${res.status}`);
  const codes = await agent.get(res.headers.location as string).set("accept", "text/html");
  const recoveryCodes = [...codes.text.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map(
    (m) => m[1]!,
  );
  return { secret, recoveryCodes };
}

/** Posts the sign-in form; returns the answer (a 303 to /login/2fa when a second factor is due). */
export async function postLogin(agent: supertest.Agent, email: string, password: string) {
  const token = await csrfFrom(agent, "/login");
  return agent.post("/login").type("form").send({ _csrf: token, email, password, next: "/me" });
}

/** Posts a code at the second step. */
export async function postCode(agent: supertest.Agent, code: string) {
  const token = await csrfFrom(agent, "/login/2fa");
  return agent.post("/login/2fa").type("form").send({ _csrf: token, code });
}
