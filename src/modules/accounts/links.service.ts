// Invitations, password resets and join requests: single-use links whose token is stored hashed.
import crypto from "node:crypto";
import mongoose from "mongoose";
import type { Background } from "../../infra/background";
import type { Mailer } from "../../infra/mailer";
import { translator, type Lang } from "../../web/i18n/index";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../web/errors";
import { hasRole } from "../../web/auth-guards";
import type { AuditService } from "../audit/index";
import type { AccountsCore } from "./accounts.service";
import type { Actor, Role } from "./actor";
import { passwordErrorKey } from "./accounts.service";
import { hashPassword } from "./password";
import { take } from "../../infra/throttle";
import { enforce } from "../../web/throttle";
import { AccountTokenModel, type TokenDoc, type TokenKind } from "./token.model";
import { JoinRequestModel, type JoinRequestDoc } from "./join-request.model";
import { UserModel, type UserDoc } from "./user.model";

export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
export const RESET_TTL_MS = 3600 * 1000;
const HOUR_S = 3600;
const INVITES_PER_DAY = { name: "invites-per-coordinator", points: 50, windowSeconds: 24 * HOUR_S };
/** Inviting an event's participants from a list: one invitation each, within a larger daily budget. */
const BULK_INVITES_PER_DAY = {
  name: "bulk-invites-per-coordinator",
  points: 500,
  windowSeconds: 24 * HOUR_S,
};
const RESETS_PER_ADDRESS = { name: "resets-per-address", points: 10, windowSeconds: HOUR_S };
const RESETS_PER_EMAIL = { name: "resets-per-email", points: 3, windowSeconds: HOUR_S };
const JOINS_PER_ADDRESS = { name: "joins-per-address", points: 5, windowSeconds: HOUR_S };
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export type LinkState =
  { state: "valid"; token: TokenDoc; user: UserDoc } | { state: "invalid" | "expired" | "used" };

function sha256(raw: string): string {
  return crypto.createHash("sha256").update(raw).digest("hex");
}

export function createLinksService(deps: {
  accounts: AccountsCore;
  audit: AuditService;
  mailer: Mailer;
  background: Background;
  baseUrl: string;
}) {
  const { accounts, audit, mailer, background } = deps;

  async function issue(kind: TokenKind, userId: string, createdBy: string | null, ttlMs: number) {
    // A new link replaces the unused ones of the same kind.
    await AccountTokenModel.updateMany({ kind, userId, usedAt: null }, { $set: { usedAt: new Date() } });
    const raw = crypto.randomBytes(32).toString("base64url");
    await AccountTokenModel.create({
      kind,
      hash: sha256(raw),
      userId,
      createdBy,
      expiresAt: new Date(Date.now() + ttlMs),
    });
    return raw;
  }

  async function check(kind: TokenKind, raw: string): Promise<LinkState> {
    if (!TOKEN_FORMAT.test(raw)) return { state: "invalid" };
    const token = await AccountTokenModel.findOne({ kind, hash: sha256(raw) }).lean<TokenDoc>();
    if (!token) return { state: "invalid" };
    if (token.usedAt) return { state: "used" };
    if (token.expiresAt.getTime() <= Date.now()) return { state: "expired" };
    const user = await UserModel.findById(token.userId).lean<UserDoc>();
    if (!user || user.status === "disabled") return { state: "invalid" };
    return { state: "valid", token, user };
  }

  /** Marks the token used, atomically: of two concurrent uses only one wins. */
  async function consume(token: TokenDoc): Promise<boolean> {
    const res = await AccountTokenModel.updateOne(
      { _id: token._id, usedAt: null, expiresAt: { $gt: new Date() } },
      { $set: { usedAt: new Date() } },
    );
    return res.modifiedCount === 1;
  }

  function mailText(lang: Lang, kind: "invite" | "reset", params: Record<string, string>) {
    const t = translator(lang);
    return {
      subject: t(kind === "invite" ? "accounts.mail.invite.subject" : "accounts.mail.reset.subject"),
      text: t(kind === "invite" ? "accounts.mail.invite.body" : "accounts.mail.reset.body", params),
    };
  }

  async function sendReset(email: string, lang: Lang, ip: string): Promise<void> {
    // Silently: a 429 would tell that the address is known.
    if (!(await take(RESETS_PER_EMAIL, email)).ok) return;
    const user = await accounts.findByEmail(email);
    await audit.record({
      action: "password.reset_requested",
      targetType: "email",
      targetId: email,
      details: { known: !!user },
      ip,
    });
    if (!user || user.status !== "active") return;
    const raw = await issue("reset", user._id.toString(), null, RESET_TTL_MS);
    await mailer.send({
      to: email,
      ...mailText(user.language ?? lang, "reset", { link: `${deps.baseUrl}/reset/${raw}` }),
    });
  }

  async function storeJoinRequest(
    input: { email: string; name: string; organisation: string; message: string },
    ip: string,
  ): Promise<void> {
    const { email } = input;
    if (await UserModel.exists({ email, status: { $ne: "invited" } })) return;
    if (await JoinRequestModel.exists({ email, status: "pending" })) return;
    const request = await JoinRequestModel.create(input);
    await audit.record({
      action: "join.requested",
      targetType: "join_request",
      targetId: request._id.toString(),
      ip,
    });
    const reviewers = await UserModel.find({
      role: { $in: ["coordinator", "admin"] },
      status: "active",
    }).lean<UserDoc[]>();
    for (const r of reviewers) {
      const t = translator(r.language ?? "it");
      await mailer.send({
        to: r.email,
        subject: t("accounts.mail.join.subject"),
        text: t("accounts.mail.join.body", {
          name: input.name,
          email,
          link: `${deps.baseUrl}/admin/join-requests`,
        }),
      });
    }
  }

  const service = {
    checkLink: check,

    /**
     * A coordinator invites a member; an admin may invite any role. `bulk`: one of a list (an event's
     * participants), counted against the larger daily budget of lists. Says whether the address had
     * been invited before (the new link replaces the old one).
     */
    async invite(
      actor: Pick<Actor, "id" | "role">,
      input: { email: string; role: Role; lang: Lang },
      ip: string,
      options: { bulk?: boolean } = {},
    ): Promise<"invited" | "invited-again"> {
      if (!hasRole(actor.role, "coordinator")) throw new ForbiddenError();
      if (input.role !== "member" && actor.role !== "admin") {
        throw new ForbiddenError("Only administrators can invite coordinators or administrators");
      }
      await enforce(
        options.bulk ? BULK_INVITES_PER_DAY : INVITES_PER_DAY,
        actor.id,
        "Too many invitations today: try again tomorrow",
      );
      const email = input.email.trim().toLowerCase();
      let user = await accounts.findByEmail(email);
      const again = user?.status === "invited";
      if (user && user.status !== "invited") {
        throw new ConflictError("This person already has an account", [
          { field: "email", message: "accounts.admin.invite.exists" },
        ]);
      }
      if (!user) {
        user = await accounts.createUser({
          email,
          name: email.split("@")[0]!.slice(0, 120),
          role: input.role,
          status: "invited",
          language: input.lang,
        });
      } else if (user.role !== input.role) {
        await UserModel.updateOne({ _id: user._id }, { $set: { role: input.role } });
      }
      const raw = await issue("invite", user._id.toString(), actor.id, INVITE_TTL_MS);
      const t = translator(input.lang);
      await mailer.send({
        to: email,
        ...mailText(input.lang, "invite", {
          role: t(`accounts.role.${input.role}`),
          link: `${deps.baseUrl}/invite/${raw}`,
        }),
      });
      await audit.record({
        actorId: actor.id,
        action: "user.invited",
        targetType: "user",
        targetId: user._id.toString(),
        details: { role: input.role, ...(options.bulk ? { bulk: true } : {}) },
        ip,
      });
      return again ? "invited-again" : "invited";
    },

    /** The invitee sets name and password; the account becomes active. */
    async acceptInvite(
      raw: string,
      input: { name: string; password: string },
      ip: string,
    ): Promise<LinkState["state"]> {
      const link = await check("invite", raw);
      if (link.state !== "valid") return link.state;
      const key = passwordErrorKey(input.password, link.user.email);
      if (key)
        throw new ValidationError("The password does not meet the rules", [
          { field: "password", message: key },
        ]);
      const passwordHash = await hashPassword(input.password);
      if (!(await consume(link.token))) return "used";
      await UserModel.updateOne(
        { _id: link.user._id },
        { $set: { name: input.name, passwordHash, status: "active" } },
      );
      await audit.record({
        actorId: link.user._id.toString(),
        action: "invite.accepted",
        targetType: "user",
        targetId: link.user._id.toString(),
        ip,
      });
      return "valid";
    },

    /**
     * Asks for a reset link. The caller answers at once and the same either way: the request path does the
     * same work for every address (the per-address limit), and everything that depends on the address
     * (its own limit, the account lookup, the token, the mail) runs after the answer.
     */
    async requestReset(emailInput: string, lang: Lang, ip: string): Promise<void> {
      await enforce(RESETS_PER_ADDRESS, ip, "Too many reset requests: try again later");
      const email = emailInput.trim().toLowerCase();
      background.run("password-reset-mail", () => sendReset(email, lang, ip));
    },

    /** Sets the new password of a valid reset link; `email` names the account when it worked. */
    async resetPassword(
      raw: string,
      password: string,
      ip: string,
    ): Promise<{ state: LinkState["state"]; email?: string }> {
      const link = await check("reset", raw);
      if (link.state !== "valid") return { state: link.state };
      const key = passwordErrorKey(password, link.user.email);
      if (key)
        throw new ValidationError("The password does not meet the rules", [
          { field: "password", message: key },
        ]);
      if (!(await consume(link.token))) return { state: "used" };
      await accounts.setPassword(link.user, password, ip);
      await audit.record({
        actorId: link.user._id.toString(),
        action: "password.reset",
        targetType: "user",
        targetId: link.user._id.toString(),
        ip,
      });
      return { state: "valid", email: link.user.email };
    },

    /**
     * Stores a join request (once per address while pending) and tells the coordinators. As with resets,
     * only the per-address limit runs before the answer: whether the address has an account must not show
     * in the time it takes.
     */
    async requestJoin(
      input: { email: string; name: string; organisation: string; message: string },
      ip: string,
    ) {
      await enforce(JOINS_PER_ADDRESS, ip, "Too many requests: try again later");
      const email = input.email.trim().toLowerCase();
      background.run("join-request", () => storeJoinRequest({ ...input, email }, ip));
    },

    listJoinRequests(): Promise<JoinRequestDoc[]> {
      return JoinRequestModel.find({ status: "pending" })
        .sort({ createdAt: 1 })
        .limit(200)
        .lean<JoinRequestDoc[]>()
        .exec();
    },

    async decideJoin(
      actor: Pick<Actor, "id" | "role">,
      id: string,
      approve: boolean,
      lang: Lang,
      ip: string,
    ) {
      const request = mongoose.isValidObjectId(id)
        ? await JoinRequestModel.findOne({ _id: id, status: "pending" }).lean<JoinRequestDoc>()
        : null;
      if (!request) throw new NotFoundError("No pending request with this id");
      if (approve) {
        const existing = await accounts.findByEmail(request.email);
        if (!existing || existing.status === "invited") {
          await service.invite(actor, { email: request.email, role: "member", lang }, ip);
          await UserModel.updateOne(
            { email: request.email, status: "invited" },
            { $set: { name: request.name, organisation: request.organisation } },
          );
        }
      }
      await JoinRequestModel.updateOne(
        { _id: request._id },
        { $set: { status: approve ? "approved" : "rejected", decidedBy: actor.id, decidedAt: new Date() } },
      );
      await audit.record({
        actorId: actor.id,
        action: approve ? "join.approved" : "join.rejected",
        targetType: "join_request",
        targetId: id,
        ip,
      });
    },
  };
  return service;
}

export type LinksService = ReturnType<typeof createLinksService>;
