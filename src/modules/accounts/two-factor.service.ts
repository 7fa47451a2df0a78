// Two-factor authentication: TOTP (authenticator apps), passkeys (WebAuthn) and single-use recovery
// codes; which roles must use one and their grace period; an administrator's reset.
import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import mongoose from "mongoose";
import { reset, take } from "../../infra/throttle";
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from "../../web/errors";
import type { AuditService } from "../audit/index";
import type { Role } from "./actor";
import { createPasskeys, type VerifyResult } from "./passkeys";
import { createSecretBox } from "./secret-box";
import { UserModel, type UserDoc } from "./user.model";

/** Second-factor checks (codes and passkeys) per user, taken before the check; a success forgets them. */
export const SECOND_FACTOR_PER_USER = { name: "second-factor-user", points: 5, windowSeconds: 900 };
/** Second-factor checks per address, every account together. */
export const SECOND_FACTOR_PER_ADDRESS = { name: "second-factor-address", points: 50, windowSeconds: 900 };

export const RECOVERY_CODE_COUNT = 10;
const TOTP_PERIOD = 30;
const ISSUER = "Atlante";
const DAY_MS = 24 * 3600 * 1000;
/** Base32 without look-alikes is overkill here; lowercase letters and digits, read aloud easily. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export interface TwoFactorOptions {
  audit: AuditService;
  /** Encrypts TOTP secrets and peppers recovery codes. */
  key: string;
  requiredRoles: readonly Role[];
  graceDays: number;
  /** BASE_URL: the relying party of passkeys (its host is the RP ID, its origin the expected origin). */
  baseUrl: string;
}

/** Where a user stands with the second factor. */
export interface TwoFactorState {
  totp: boolean;
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
  recoveryLeft: number;
  /** The user has at least one second factor. */
  enrolled: boolean;
  /** The user's role must use one. */
  required: boolean;
  /** Without one, until when the user may still sign in (required roles only). */
  graceUntil: Date | null;
}

/** What a sign-in must do about the second factor. */
export type SecondStep =
  { kind: "none" } | { kind: "none-grace"; until: Date } | { kind: "verify" } | { kind: "enrol" };

export type { VerifyResult };

function normaliseRecovery(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

export function createTwoFactorService(opts: TwoFactorOptions) {
  const { audit } = opts;
  const box = createSecretBox(opts.key, "totp");
  const sessionBox = createSecretBox(opts.key, "session");
  const pepper = Buffer.from(crypto.hkdfSync("sha256", opts.key, "atlante", "recovery-codes", 32));

  /** An entry of the security log about a user's own second factor. */
  const recordFor = (userId: string, action: string, ip: string, details?: Record<string, unknown>) =>
    audit.record({
      actorId: userId,
      action,
      targetType: "user",
      targetId: userId,
      ip,
      ...(details ? { details } : {}),
    });

  const hashRecovery = (code: string) =>
    crypto.createHmac("sha256", pepper).update(normaliseRecovery(code)).digest("base64url");

  function totpOf(secretBase32: string, label: string): TOTP {
    return new TOTP({
      issuer: ISSUER,
      label,
      algorithm: "SHA1",
      digits: 6,
      period: TOTP_PERIOD,
      secret: Secret.fromBase32(secretBase32),
    });
  }

  async function userDoc(userId: string): Promise<UserDoc> {
    const user = mongoose.isValidObjectId(userId) ? await UserModel.findById(userId).lean<UserDoc>() : null;
    if (!user) throw new NotFoundError("No such user");
    return user;
  }

  const enrolledIn = (u: UserDoc) => !!u.twoFactor?.totpSecret || (u.twoFactor?.passkeys?.length ?? 0) > 0;
  const requiredFor = (role: Role) => opts.requiredRoles.includes(role);

  /** Takes one second-factor attempt for the user and the address; 429 past either limit. */
  async function takeAttempt(userId: string, ip: string): Promise<void> {
    const [byUser, byAddress] = await Promise.all([
      take(SECOND_FACTOR_PER_USER, userId),
      take(SECOND_FACTOR_PER_ADDRESS, ip),
    ]);
    const refused = [byUser, byAddress].flatMap((a) => (a.ok ? [] : [a.retryAfterSeconds]));
    if (refused.length > 0) {
      await recordFor(userId, "2fa.throttled", ip);
      throw new TooManyRequestsError(
        "Too many second-factor attempts: try again later",
        Math.max(...refused),
      );
    }
  }

  async function succeeded(userId: string, method: string, ip: string): Promise<VerifyResult> {
    await reset(SECOND_FACTOR_PER_USER, userId);
    await recordFor(userId, method === "recovery" ? "2fa.recovery_used" : "2fa.ok", ip, { method });
    return { ok: true, method: method as "totp" | "recovery" | "passkey" };
  }

  /** A new set of recovery codes: stored hashed, returned once in clear. */
  async function storeNewRecoveryCodes(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const chars = Array.from(
        { length: 10 },
        () => RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)],
      );
      return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
    });
    await UserModel.updateOne(
      { _id: userId },
      { $set: { "twoFactor.recoveryCodes": codes.map(hashRecovery) } },
    );
    return codes;
  }

  const passkeys = createPasskeys({
    rp: new URL(opts.baseUrl),
    userDoc,
    requiredFor,
    takeAttempt,
    succeeded,
    storeNewRecoveryCodes,
    recordFor,
  });

  const service = {
    ...passkeys,

    /** Seals what a session keeps for a moment (a TOTP secret being enrolled, codes to show once). */
    sealForSession: (plain: string) => sessionBox.seal(plain),
    openFromSession: (sealed: string | undefined) => (sealed ? sessionBox.open(sealed) : undefined),

    /** Where the user stands (for the settings page and the sign-in flow). */
    async state(userId: string, now = new Date()): Promise<TwoFactorState> {
      const u = await userDoc(userId);
      const tf = u.twoFactor;
      const required = requiredFor(u.role);
      const since = tf?.requiredSince ?? null;
      return {
        totp: !!tf?.totpSecret,
        passkeys: (tf?.passkeys ?? []).map((p) => ({
          id: p.credentialId,
          name: p.name ?? "",
          createdAt: p.createdAt,
          lastUsedAt: p.lastUsedAt ?? null,
        })),
        recoveryLeft: tf?.recoveryCodes?.length ?? 0,
        enrolled: enrolledIn(u),
        required,
        graceUntil:
          required && !enrolledIn(u) ? new Date((since ?? now).getTime() + opts.graceDays * DAY_MS) : null,
      };
    },

    /**
     * What a sign-in (password or single sign-on) must do next. An enrolled user verifies; a user of a
     * required role without a factor gets the grace period (started at the first such sign-in), then
     * must enrol before the session counts.
     */
    async secondStepFor(userId: string, ip: string, now = new Date()): Promise<SecondStep> {
      const u = await userDoc(userId);
      if (enrolledIn(u)) return { kind: "verify" };
      if (!requiredFor(u.role)) return { kind: "none" };
      let since = u.twoFactor?.requiredSince ?? null;
      if (!since) {
        since = now;
        await UserModel.updateOne(
          { _id: u._id, "twoFactor.requiredSince": null },
          { $set: { "twoFactor.requiredSince": since } },
        );
        await recordFor(userId, "2fa.grace_started", ip, { days: opts.graceDays });
      }
      const until = new Date(since.getTime() + opts.graceDays * DAY_MS);
      return until > now ? { kind: "none-grace", until } : { kind: "enrol" };
    },

    /** A fresh TOTP secret for enrolment (not stored until a code from it is confirmed). */
    newTotpSecret: (): string => new Secret({ size: 20 }).base32,

    /** The otpauth:// URI of a secret and its QR code as an SVG data URI (allowed by the CSP's img-src). */
    async totpView(secret: string, email: string): Promise<{ uri: string; qrDataUri: string }> {
      const uri = totpOf(secret, email).toString();
      const svg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
      return { uri, qrDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
    },

    /**
     * Turns TOTP on once the user typed a valid code from the new secret. Returns new recovery codes when
     * the user had none (shown once), otherwise an empty list.
     */
    async enableTotp(userId: string, secret: string, code: string, ip: string): Promise<string[]> {
      const u = await userDoc(userId);
      await takeAttempt(userId, ip);
      const delta = /^\d{6}$/.test(code.trim())
        ? totpOf(secret, u.email).validate({ token: code.trim(), window: 1 })
        : null;
      if (delta === null) {
        await recordFor(userId, "2fa.enrol_failed", ip);
        throw new ValidationError("The code is not valid", [
          { field: "code", message: "accounts.2fa.codeWrong" },
        ]);
      }
      const step = Math.floor(Date.now() / 1000 / TOTP_PERIOD) + delta;
      await UserModel.updateOne(
        { _id: u._id },
        {
          $set: {
            "twoFactor.totpSecret": box.seal(secret),
            "twoFactor.totpLastStep": step,
            "twoFactor.totpEnabledAt": new Date(),
          },
        },
      );
      await reset(SECOND_FACTOR_PER_USER, userId);
      await recordFor(userId, "2fa.totp_enabled", ip);
      return (u.twoFactor?.recoveryCodes?.length ?? 0) > 0 ? [] : storeNewRecoveryCodes(userId);
    },

    /**
     * Checks a code typed at the second step: a TOTP code (never the same time step twice) or an unused
     * recovery code (used up). Throttled per user and address, the attempt taken before the check.
     */
    async verifyCode(userId: string, input: string, ip: string): Promise<VerifyResult> {
      const u = await userDoc(userId);
      await takeAttempt(userId, ip);
      const code = input.trim();
      const sealed = u.twoFactor?.totpSecret;
      if (/^\d{6}$/.test(code) && sealed) {
        const secret = box.open(sealed);
        const delta = secret ? totpOf(secret, u.email).validate({ token: code, window: 1 }) : null;
        if (delta !== null) {
          const step = Math.floor(Date.now() / 1000 / TOTP_PERIOD) + delta;
          // Accepted only if no code of this step (or a later one) was: a replayed code fails here.
          const { modifiedCount } = await UserModel.updateOne(
            { _id: u._id, "twoFactor.totpLastStep": { $lt: step } },
            { $set: { "twoFactor.totpLastStep": step } },
          );
          if (modifiedCount === 1) return succeeded(userId, "totp", ip);
          await recordFor(userId, "2fa.failed", ip, { reason: "reused" });
          return { ok: false };
        }
      } else if (normaliseRecovery(code).length === 10) {
        const hash = hashRecovery(code);
        const { modifiedCount } = await UserModel.updateOne(
          { _id: u._id, "twoFactor.recoveryCodes": hash },
          { $pull: { "twoFactor.recoveryCodes": hash } },
        );
        if (modifiedCount === 1) return succeeded(userId, "recovery", ip);
      }
      await recordFor(userId, "2fa.failed", ip, { reason: "wrong" });
      return { ok: false };
    },

    /** New recovery codes (the old ones stop working); shown once. */
    async regenerateRecoveryCodes(userId: string, ip: string): Promise<string[]> {
      const u = await userDoc(userId);
      if (!enrolledIn(u))
        throw new ConflictError("Set up a second factor first", [
          { field: "_form", message: "accounts.2fa.notEnrolled" },
        ]);
      const codes = await storeNewRecoveryCodes(userId);
      await recordFor(userId, "2fa.recovery_regenerated", ip);
      return codes;
    },

    /** The owner turns TOTP off (after a valid code); refused when their role requires a second factor and it is the last one. */
    async disableTotp(userId: string, ip: string): Promise<void> {
      const u = await userDoc(userId);
      if (requiredFor(u.role) && (u.twoFactor?.passkeys?.length ?? 0) === 0)
        throw new ConflictError("Your role requires a second factor", [
          { field: "_form", message: "accounts.2fa.requiredCannotRemove" },
        ]);
      const hasPasskeys = (u.twoFactor?.passkeys?.length ?? 0) > 0;
      await UserModel.updateOne(
        { _id: u._id },
        {
          $set: {
            "twoFactor.totpSecret": null,
            "twoFactor.totpEnabledAt": null,
            ...(hasPasskeys ? {} : { "twoFactor.recoveryCodes": [] }),
          },
        },
      );
      await recordFor(userId, "2fa.totp_disabled", ip);
    },

    /**
     * An administrator resets a user's second factors (a lost phone): TOTP, passkeys and recovery codes are
     * removed, the grace period starts again, and every session of the user ends.
     */
    async resetByAdmin(
      actorId: string,
      userId: string,
      ip: string,
      endSessions: (userId: string) => Promise<number>,
    ): Promise<number> {
      await userDoc(userId);
      await UserModel.updateOne(
        { _id: userId },
        {
          $set: {
            "twoFactor.totpSecret": null,
            "twoFactor.totpEnabledAt": null,
            "twoFactor.recoveryCodes": [],
            "twoFactor.passkeys": [],
            "twoFactor.requiredSince": null,
          },
        },
      );
      const ended = await endSessions(userId);
      await audit.record({
        actorId,
        action: "2fa.reset_by_admin",
        targetType: "user",
        targetId: userId,
        details: { sessionsEnded: ended },
        ip,
      });
      return ended;
    },
  };
  return service;
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
