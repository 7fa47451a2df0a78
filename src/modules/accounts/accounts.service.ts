// Accounts: users, logins with throttling, profile and password changes, roles and disabling.
import crypto from "node:crypto";
import mongoose, { type Connection } from "mongoose";
import type { Background } from "../../infra/background";
import type { Mailer } from "../../infra/mailer";
import { translator, type Lang } from "../../web/i18n/index";
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from "../../web/errors";
import type { AuditService } from "../audit/index";
import { hashPassword, passwordProblem, verifyDummy, verifyPassword } from "./password";
import { refund, reset, take, type ThrottleRule } from "../../infra/throttle";
import { deviceNonce, issueDeviceToken } from "./device";
import type { Role } from "./actor";
import { UserModel, type UserDoc, type UserStatus } from "./user.model";
import { AccountTokenModel } from "./token.model";
import { JoinRequestModel } from "./join-request.model";

/**
 * Login throttling, in 15-minute windows: attempts per account and address, and per address. Each attempt
 * is counted before the password is checked; a successful one is given back.
 */
export const LOGIN_PER_ACCOUNT_AND_ADDRESS = {
  name: "login-account-address",
  points: 10,
  windowSeconds: 900,
};
export const LOGIN_PER_ADDRESS = { name: "login-address", points: 100, windowSeconds: 900 };
/**
 * Attempts on one account from browsers it does not know, from every address together: past this, such
 * browsers are refused (429) until the window ends, and the owner gets one mail per window. The owner's
 * known browsers (a device cookie from an earlier sign-in) are counted apart, per browser, and the reset
 * link keeps working: the limit slows a distributed guesser down without locking the owner out.
 */
export const LOGIN_PER_ACCOUNT = { name: "login-account", points: 20, windowSeconds: 900 };
/** Attempts from one known browser of an account (it is let past LOGIN_PER_ACCOUNT). */
export const LOGIN_PER_DEVICE = { name: "login-device", points: 10, windowSeconds: 900 };
/** One warning mail per account per window of the account-wide limit. */
const LOCKOUT_MAIL = { name: "login-account-mail", points: 1, windowSeconds: 900 };
/** Checks of the current password (password change, account deletion) per user. */
export const PASSWORD_CHECKS_PER_USER = { name: "password-check-user", points: 5, windowSeconds: 900 };

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  status?: UserStatus;
  password?: string;
  organisation?: string;
  language?: Lang | null;
}

export interface UserQuery {
  q?: string;
  role?: Role;
  status?: UserStatus;
  page: number;
  pageSize: number;
}

/** One active session of a user, as the sessions page lists it (never the session id itself). */
export interface SessionInfo {
  /** A stable handle derived from the id (a SHA-256 prefix): names the session in forms. */
  handle: string;
  current: boolean;
  signedInAt: Date | null;
  /** When the stored session expires: the idle timeout after the last request (within a minute). */
  expires: Date;
  browser: string;
  os: string;
  place: "local" | "private" | "public" | "unknown";
  address: string;
}

interface StoredSession {
  _id: string;
  expires: Date;
  session?: {
    authAt?: number;
    client?: { browser?: string; os?: string; kind?: SessionInfo["place"]; address?: string };
  };
}

export const sessionHandle = (id: string) =>
  crypto.createHash("sha256").update(`session|${id}`).digest("hex").slice(0, 16);

export type LoginResult = { ok: true; user: UserDoc } | { ok: false };

/** Where a sign-in attempt comes from. */
export interface LoginAttempt {
  ip: string;
  /** The browser's device cookie, if it sent one. */
  deviceToken?: string;
}

/** What the accounts service needs to warn an owner by mail (absent in command-line tools). */
export interface AccountsNotifier {
  mailer: Mailer;
  background: Background;
  baseUrl: string;
}

/** The rule broken by a password, as a message key for the form. */
export function passwordErrorKey(password: string, email?: string): string | undefined {
  const problem = passwordProblem(password, email);
  return problem ? `accounts.password.${problem}` : undefined;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function createAccountsService(deps: {
  mongo: Connection;
  audit: AuditService;
  /** Signs device cookies; command-line tools that sign nobody in may leave it out. */
  secret?: string;
  notify?: AccountsNotifier;
}) {
  const { audit } = deps;
  const secret = deps.secret ?? crypto.randomBytes(32).toString("hex");
  const sessions = () => deps.mongo.collection("sessions");

  /** Mails the owner once per window that their account is being guessed at (after the answer). */
  async function warnOwner(email: string, ip: string): Promise<void> {
    if (!(await take(LOCKOUT_MAIL, email)).ok) return;
    await audit.record({ action: "login.account_limited", targetType: "email", targetId: email, ip });
    const notify = deps.notify;
    if (!notify) return;
    notify.background.run("login-warning-mail", async () => {
      const user = await UserModel.findOne({ email, status: "active" }).lean<UserDoc>();
      if (!user) return;
      const t = translator(user.language ?? "it");
      await notify.mailer.send({
        to: user.email,
        subject: t("accounts.mail.locked.subject"),
        text: t("accounts.mail.locked.body", {
          minutes: String(LOGIN_PER_ACCOUNT.windowSeconds / 60),
          link: `${notify.baseUrl}/forgot`,
        }),
      });
    });
  }

  /**
   * Takes the attempt from every limit that applies, before any password is checked: per account and
   * address, per address, and per account across addresses (or, for a browser that knows the account,
   * per browser). Throws 429 when one of them is spent.
   */
  async function takeLoginAttempt(email: string, attempt: LoginAttempt): Promise<ThrottleRule[]> {
    const nonce = deviceNonce(secret, attempt.deviceToken, email);
    const accountWide: [ThrottleRule, string] = nonce
      ? [LOGIN_PER_DEVICE, `${email}|${nonce}`]
      : [LOGIN_PER_ACCOUNT, email];
    const taken: [ThrottleRule, string][] = [
      [LOGIN_PER_ACCOUNT_AND_ADDRESS, `${email}|${attempt.ip}`],
      [LOGIN_PER_ADDRESS, attempt.ip],
      accountWide,
    ];
    // Reserved atomically first, then checked: 40 concurrent tries get 10 checks, not 40.
    const attempts = await Promise.all(taken.map(([rule, key]) => take(rule, key)));
    const refused = attempts.flatMap((a) => (a.ok ? [] : [a.retryAfterSeconds]));
    if (refused.length > 0) {
      const ip = attempt.ip;
      await audit.record({ action: "login.throttled", targetType: "email", targetId: email, ip });
      if (!attempts[2]!.ok && accountWide[0] === LOGIN_PER_ACCOUNT) await warnOwner(email, ip);
      throw new TooManyRequestsError("Too many failed logins: try again later", Math.max(...refused));
    }
    return taken.map(([rule]) => rule);
  }

  /** A successful sign-in gives its attempts back (the account+address mistakes are forgotten). */
  async function forgiveLogin(email: string, attempt: LoginAttempt): Promise<void> {
    const nonce = deviceNonce(secret, attempt.deviceToken, email);
    await Promise.all([
      reset(LOGIN_PER_ACCOUNT_AND_ADDRESS, `${email}|${attempt.ip}`),
      refund(LOGIN_PER_ADDRESS, attempt.ip),
      nonce ? reset(LOGIN_PER_DEVICE, `${email}|${nonce}`) : refund(LOGIN_PER_ACCOUNT, email),
    ]);
  }

  async function requireUserDoc(id: string): Promise<UserDoc> {
    const user = mongoose.isValidObjectId(id) ? await UserModel.findById(id).lean<UserDoc>() : null;
    if (!user) throw new NotFoundError("No such user");
    return user;
  }

  const service = {
    async createUser(input: NewUser): Promise<UserDoc> {
      const email = input.email.trim().toLowerCase();
      if (input.password !== undefined) {
        const key = passwordErrorKey(input.password, email);
        if (key)
          throw new ValidationError("The password does not meet the rules", [
            { field: "password", message: key },
          ]);
      }
      if (await UserModel.exists({ email })) {
        throw new ConflictError("An account with this email already exists", [
          { field: "email", message: "accounts.email.taken" },
        ]);
      }
      const doc = await UserModel.create({
        email,
        name: input.name,
        role: input.role,
        status: input.status ?? "active",
        organisation: input.organisation ?? "",
        language: input.language ?? null,
        passwordHash: input.password !== undefined ? await hashPassword(input.password) : null,
      });
      return doc.toObject<UserDoc>();
    },

    /** The e-mail addresses of these users (by id); unknown ids are missing from the map. */
    async emailsOf(ids: string[]): Promise<Map<string, string>> {
      const users = await UserModel.find({ _id: { $in: ids } }, { email: 1 }).lean<
        Pick<UserDoc, "_id" | "email">[]
      >();
      return new Map(users.map((u) => [u._id.toString(), u.email]));
    },

    findById(id: string): Promise<UserDoc | null> {
      if (!mongoose.isValidObjectId(id)) return Promise.resolve(null);
      return UserModel.findById(id).lean<UserDoc>().exec();
    },

    findByEmail(email: string): Promise<UserDoc | null> {
      return UserModel.findOne({ email: email.trim().toLowerCase() }).lean<UserDoc>().exec();
    },

    /**
     * Checks a login; throws 429 when the account+address, the address, or the account (from browsers
     * that do not know it) has failed too often.
     */
    async authenticate(emailInput: string, password: string, attempt: LoginAttempt): Promise<LoginResult> {
      const email = emailInput.trim().toLowerCase();
      const { ip } = attempt;
      await takeLoginAttempt(email, attempt);
      const user = await UserModel.findOne({ email }).lean<UserDoc>();
      const ok =
        user?.passwordHash && user.status === "active"
          ? await verifyPassword(user.passwordHash, password)
          : (await verifyDummy(password), false);
      if (!ok || !user) {
        await audit.record({
          actorId: user?._id.toString(),
          action: "login.failed",
          targetType: "email",
          targetId: email,
          details: {
            reason: !user ? "unknown_account" : user.status !== "active" ? user.status : "password",
          },
          ip,
        });
        return { ok: false };
      }
      await forgiveLogin(email, attempt);
      await UserModel.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
      await audit.record({
        actorId: user._id.toString(),
        action: "login.ok",
        targetType: "user",
        targetId: user._id.toString(),
        ip,
      });
      return { ok: true, user };
    },

    /** A device cookie value for a browser that just proved it knows this account (sign-in, reset). */
    deviceTokenFor(email: string): string {
      return issueDeviceToken(secret, email.trim().toLowerCase());
    },

    async updateProfile(
      userId: string,
      input: { name: string; organisation: string; language: Lang | null },
    ) {
      await requireUserDoc(userId);
      await UserModel.updateOne({ _id: userId }, { $set: input });
    },

    /**
     * Checks a signed-in user's current password before a sensitive change (a new password, deleting the
     * account). Throttled per user, the attempt taken before the check: 429 past the limit.
     */
    async verifyCurrentPassword(userId: string, current: string, ip: string): Promise<UserDoc> {
      const attempt = await take(PASSWORD_CHECKS_PER_USER, userId);
      if (!attempt.ok) {
        await audit.record({
          actorId: userId,
          action: "password.check_throttled",
          targetType: "user",
          targetId: userId,
          ip,
        });
        throw new TooManyRequestsError(
          "Too many wrong passwords: try again later",
          attempt.retryAfterSeconds,
        );
      }
      const user = await requireUserDoc(userId);
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
        await audit.record({
          actorId: userId,
          action: "password.check_failed",
          targetType: "user",
          targetId: userId,
          ip,
        });
        throw new ValidationError("The current password is wrong", [
          { field: "currentPassword", message: "accounts.password.currentWrong" },
        ]);
      }
      await reset(PASSWORD_CHECKS_PER_USER, userId);
      return user;
    },

    /** Changes the password after checking the current one; other sessions of the user end. */
    async changePassword(userId: string, current: string, next: string, ip: string, keepSessionId?: string) {
      const user = await service.verifyCurrentPassword(userId, current, ip);
      await service.setPassword(user, next, ip, keepSessionId);
    },

    /** Sets a new password (change or reset link): the user's other sessions end, guessers start again. */
    async setPassword(user: UserDoc, password: string, ip: string, keepSessionId?: string) {
      const key = passwordErrorKey(password, user.email);
      if (key)
        throw new ValidationError("The password does not meet the rules", [
          { field: "password", message: key },
        ]);
      await UserModel.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword(password) } });
      const ended = await service.endSessions(user._id.toString(), keepSessionId);
      // Whoever set it knows the account (its password or its mailbox): strangers' failures are forgotten.
      await reset(LOGIN_PER_ACCOUNT, user.email);
      await audit.record({
        actorId: user._id.toString(),
        action: "password.changed",
        targetType: "user",
        targetId: user._id.toString(),
        details: { sessionsEnded: ended },
        ip,
      });
    },

    /** The user's sessions that have not expired, the current one first, then the most recent. */
    async listSessions(userId: string, currentId: string | undefined): Promise<SessionInfo[]> {
      const rows = (await sessions()
        .find({ "session.passport.user": userId, expires: { $gt: new Date() } })
        .sort({ expires: -1 })
        .limit(100)
        .toArray()) as unknown as StoredSession[];
      return rows
        .map((r) => {
          const client = r.session?.client ?? {};
          return {
            handle: sessionHandle(r._id),
            current: r._id === currentId,
            signedInAt: r.session?.authAt ? new Date(r.session.authAt) : null,
            expires: r.expires,
            browser: client.browser ?? "",
            os: client.os ?? "",
            place: client.kind ?? "unknown",
            address: client.address ?? "",
          };
        })
        .sort((a, b) => Number(b.current) - Number(a.current));
    },

    /** Ends one of the user's own sessions, named by its handle; true when there was one. */
    async endOwnSession(userId: string, handle: string, ip: string): Promise<boolean> {
      const rows = (await sessions()
        .find({ "session.passport.user": userId }, { projection: { _id: 1 } })
        .toArray()) as unknown as StoredSession[];
      const target = rows.find((r) => sessionHandle(r._id) === handle);
      if (!target) return false;
      await sessions().deleteOne({ _id: target._id as never, "session.passport.user": userId });
      await audit.record({
        actorId: userId,
        action: "sessions.ended_one",
        targetType: "user",
        targetId: userId,
        ip,
      });
      return true;
    },

    /** "Sign out elsewhere": every session of the user but this one ends. */
    async endOtherSessions(userId: string, keepSessionId: string, ip: string): Promise<number> {
      const ended = await service.endSessions(userId, keepSessionId);
      await audit.record({
        actorId: userId,
        action: "sessions.ended_others",
        targetType: "user",
        targetId: userId,
        details: { sessionsEnded: ended },
        ip,
      });
      return ended;
    },

    /** An administrator ends every session of a user (who must sign in again). */
    async endSessionsAsAdmin(actorId: string, userId: string, ip: string): Promise<number> {
      await requireUserDoc(userId);
      const ended = await service.endSessions(userId);
      await audit.record({
        actorId,
        action: "sessions.ended_by_admin",
        targetType: "user",
        targetId: userId,
        details: { sessionsEnded: ended },
        ip,
      });
      return ended;
    },

    /**
     * Deletes every stored session of a user (except one, e.g. the one changing the password). Callers
     * audit it; a future second factor's reset calls it too.
     */
    async endSessions(userId: string, exceptSessionId?: string): Promise<number> {
      // Sign-ins half-way through (waiting for the second factor) end too.
      const filter: Record<string, unknown> = {
        $or: [{ "session.passport.user": userId }, { "session.pending.userId": userId }],
      };
      if (exceptSessionId) filter._id = { $ne: exceptSessionId };
      const { deletedCount } = await sessions().deleteMany(filter);
      return deletedCount;
    },

    async setRole(actorId: string, userId: string, role: Role, ip: string) {
      const user = await requireUserDoc(userId);
      if (user.role === role) return;
      if (actorId === userId)
        throw new ConflictError("You cannot change your own role", [
          { field: "role", message: "accounts.admin.notSelf" },
        ]);
      await UserModel.updateOne({ _id: userId }, { $set: { role } });
      await audit.record({
        actorId,
        action: "user.role_changed",
        targetType: "user",
        targetId: userId,
        details: { from: user.role, to: role },
        ip,
      });
    },

    /** Disables (ending all of the user's sessions at once) or re-enables an account. */
    async setDisabled(actorId: string, userId: string, disabled: boolean, ip: string) {
      const user = await requireUserDoc(userId);
      if (actorId === userId)
        throw new ConflictError("You cannot disable your own account", [
          { field: "status", message: "accounts.admin.notSelf" },
        ]);
      if (disabled) {
        if (user.status === "disabled") return;
        await UserModel.updateOne({ _id: userId }, { $set: { status: "disabled" } });
        const ended = await service.endSessions(userId);
        await audit.record({
          actorId,
          action: "user.disabled",
          targetType: "user",
          targetId: userId,
          details: { sessionsEnded: ended },
          ip,
        });
      } else {
        if (user.status !== "disabled") return;
        await UserModel.updateOne(
          { _id: userId },
          { $set: { status: user.passwordHash ? "active" : "invited" } },
        );
        await audit.record({ actorId, action: "user.enabled", targetType: "user", targetId: userId, ip });
      }
    },

    /** The account as its owner downloads it (privacy rights): profile and sign-in facts, no hashes. */
    async profileData(userId: string) {
      const u = await requireUserDoc(userId);
      return {
        email: u.email,
        name: u.name,
        organisation: u.organisation ?? "",
        role: u.role,
        status: u.status,
        language: u.language ?? null,
        createdAt: u.createdAt,
        lastLoginAt: u.lastLoginAt ?? null,
        // What protects the account, never the secrets themselves.
        twoFactor: {
          authenticatorApp: !!u.twoFactor?.totpSecret,
          passkeys: (u.twoFactor?.passkeys ?? []).map((p) => ({
            name: p.name ?? "",
            createdAt: p.createdAt,
          })),
          recoveryCodesLeft: u.twoFactor?.recoveryCodes?.length ?? 0,
        },
        linkedAccounts: (u.oidcLinks ?? []).map((l) => ({ issuer: l.issuer, linkedAt: l.linkedAt })),
      };
    },

    /** Refuses to delete the last active administrator (the service would have nobody to run it). */
    async assertDeletable(userId: string): Promise<void> {
      const user = await requireUserDoc(userId);
      if (user.role !== "admin") return;
      const others = await UserModel.countDocuments({
        role: "admin",
        status: "active",
        _id: { $ne: user._id },
      });
      if (others === 0)
        throw new ConflictError("The last administrator cannot delete their account", [
          { field: "_form", message: "accounts.delete.lastAdmin" },
        ]);
    },

    /**
     * Deletes an account for good: the user, their sessions, links and join requests. The audit log keeps
     * the event under the (now unknown) id, as it keeps every security event for its retention period.
     */
    async deleteAccount(userId: string, ip: string, details: Record<string, unknown>): Promise<void> {
      await service.assertDeletable(userId);
      const user = await requireUserDoc(userId);
      const sessionsEnded = await service.endSessions(userId);
      await AccountTokenModel.deleteMany({ userId: user._id });
      await JoinRequestModel.deleteMany({ email: user.email });
      await UserModel.deleteOne({ _id: user._id });
      await audit.record({
        actorId: userId,
        action: "user.deleted",
        targetType: "user",
        targetId: userId,
        details: { ...details, sessionsEnded },
        ip,
      });
    },

    async listUsers(query: UserQuery): Promise<{ items: UserDoc[]; total: number }> {
      const filter: Record<string, unknown> = {};
      if (query.role) filter.role = query.role;
      if (query.status) filter.status = query.status;
      if (query.q) {
        const re = new RegExp(escapeRegex(query.q), "i");
        filter.$or = [{ email: re }, { name: re }, { organisation: re }];
      }
      const [items, total] = await Promise.all([
        UserModel.find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean<UserDoc[]>(),
        UserModel.countDocuments(filter),
      ]);
      return { items, total };
    },

    /** Accounts someone can sign in to (a password set): generated members without one do not count. */
    countUsersWithPassword(): Promise<number> {
      return UserModel.countDocuments({ passwordHash: { $ne: null } }).exec();
    },
  };
  return service;
}

export type AccountsCore = ReturnType<typeof createAccountsService>;
