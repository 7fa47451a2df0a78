// Managing people: users list (admins), invitations and join requests (coordinators and admins).
import express, { type Router } from "express";
import { z } from "zod";
import { requireRole } from "../../web/auth-guards";
import { sendPage } from "../../web/render";
import { UsersPage, type UsersFilter } from "../../../views/admin/UsersPage";
import { AdminInvitePage } from "../../../views/admin/InvitePage";
import { JoinRequestsPage } from "../../../views/admin/JoinRequestsPage";
import type { AccountsCore } from "./accounts.service";
import type { LinksService } from "./links.service";
import type { TwoFactorService } from "./two-factor.service";
import { fieldErrorsOf, parseForm, parseOr400, throwIfJson } from "../../web/validate";
import { emailField, formBase } from "./forms";
import { ROLES } from "./actor";
import { USER_STATUSES } from "./user.model";
import { localiseRateLimit } from "./accounts.routes";

const PAGE_SIZE = 50;
const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);
const usersQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: z.preprocess(emptyToUndefined, z.enum(ROLES).optional()),
  status: z.preprocess(emptyToUndefined, z.enum(USER_STATUSES).optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  notice: z.enum(["updated", "sessions", "2fa"]).optional(),
});
const idParams = z.strictObject({ id: z.string().regex(/^[a-f0-9]{24}$/, "Not a valid id") });
const roleBody = z.strictObject({ ...formBase, role: z.enum(ROLES) });
const statusBody = z.strictObject({ ...formBase, disabled: z.enum(["true", "false"]) });
const inviteBody = z.strictObject({
  ...formBase,
  email: emailField,
  role: z.enum(ROLES, { error: "accounts.field.invalid" }),
});
const joinParams = z.strictObject({
  id: z.string().regex(/^[a-f0-9]{24}$/),
  decision: z.enum(["approve", "reject"]),
});

export function adminUsersRouter(deps: {
  accounts: AccountsCore;
  links: LinksService;
  twoFactor: TwoFactorService;
}): Router {
  const { accounts, links } = deps;
  const router = express.Router();

  router.get("/admin/users", requireRole("admin"), async (req, res) => {
    const q = parseOr400(usersQuery, req.query);
    const { items, total } = await accounts.listUsers({
      q: q.q || undefined,
      role: q.role,
      status: q.status,
      page: q.page,
      pageSize: PAGE_SIZE,
    });
    const filter: UsersFilter = { q: q.q, role: q.role, status: q.status };
    sendPage(
      req,
      res,
      <UsersPage
        users={items.map((u) => ({
          id: u._id.toString(),
          name: u.name,
          email: u.email,
          organisation: u.organisation ?? "",
          role: u.role,
          status: u.status,
          lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
          twoFactor: !!u.twoFactor?.totpSecret || (u.twoFactor?.passkeys?.length ?? 0) > 0,
        }))}
        total={total}
        page={q.page}
        pages={Math.max(1, Math.ceil(total / PAGE_SIZE))}
        filter={filter}
        notice={
          q.notice === "sessions"
            ? "accounts.admin.users.sessionsEnded"
            : q.notice === "2fa"
              ? "accounts.admin.users.twoFactorReset"
              : q.notice
                ? "accounts.admin.users.updated"
                : undefined
        }
      />,
    );
  });

  router.post("/admin/users/:id/role", requireRole("admin"), async (req, res) => {
    const { id } = parseOr400(idParams, req.params);
    const { role } = parseOr400(roleBody, req.body);
    await accounts.setRole(res.locals.user!.id, id, role, req.ip ?? "");
    res.redirect(303, "/admin/users?notice=updated");
  });

  router.post("/admin/users/:id/status", requireRole("admin"), async (req, res) => {
    const { id } = parseOr400(idParams, req.params);
    const { disabled } = parseOr400(statusBody, req.body);
    await accounts.setDisabled(res.locals.user!.id, id, disabled === "true", req.ip ?? "");
    res.redirect(303, "/admin/users?notice=updated");
  });

  router.post("/admin/users/:id/sessions/end", requireRole("admin"), async (req, res) => {
    const { id } = parseOr400(idParams, req.params);
    parseOr400(z.strictObject(formBase), req.body);
    await accounts.endSessionsAsAdmin(res.locals.user!.id, id, req.ip ?? "");
    res.redirect(303, "/admin/users?notice=sessions");
  });

  router.post("/admin/users/:id/2fa/reset", requireRole("admin"), async (req, res) => {
    const { id } = parseOr400(idParams, req.params);
    parseOr400(z.strictObject(formBase), req.body);
    await deps.twoFactor.resetByAdmin(res.locals.user!.id, id, req.ip ?? "", (userId) =>
      accounts.endSessions(userId),
    );
    res.redirect(303, "/admin/users?notice=2fa");
  });

  router.get("/admin/invite", requireRole("coordinator"), (req, res) => {
    sendPage(req, res, <AdminInvitePage role="member" />);
  });

  router.post("/admin/invite", requireRole("coordinator"), async (req, res) => {
    const parsed = parseForm(inviteBody, req.body);
    let errors = parsed.ok ? undefined : parsed.errors;
    if (parsed.ok) {
      try {
        const actor = res.locals.user!;
        await links.invite(
          { id: actor.id, role: actor.role },
          { email: parsed.data.email, role: parsed.data.role, lang: req.lang },
          req.ip ?? "",
        );
        sendPage(req, res, <AdminInvitePage role="member" sentTo={parsed.data.email.toLowerCase()} />);
        return;
      } catch (err) {
        errors = fieldErrorsOf(err);
        if (!errors) throw err;
      }
    }
    throwIfJson(req, errors!);
    const body = (req.body ?? {}) as Record<string, unknown>;
    sendPage(
      req,
      res,
      <AdminInvitePage
        email={typeof body.email === "string" ? body.email : ""}
        role={typeof body.role === "string" ? body.role : "member"}
        errors={errors}
      />,
      errors?.email === "accounts.admin.invite.exists" ? 409 : 400,
    );
  });

  router.get("/admin/join-requests", requireRole("coordinator"), async (req, res) => {
    const q = parseOr400(z.strictObject({ notice: z.enum(["approve", "reject"]).optional() }), req.query);
    const requests = await links.listJoinRequests();
    sendPage(
      req,
      res,
      <JoinRequestsPage
        requests={requests.map((r) => ({
          id: r._id.toString(),
          name: r.name,
          email: r.email,
          organisation: r.organisation ?? "",
          message: r.message ?? "",
          createdAt: r.createdAt.toISOString(),
        }))}
        notice={
          q.notice === "approve"
            ? "accounts.admin.join.approved"
            : q.notice === "reject"
              ? "accounts.admin.join.rejected"
              : undefined
        }
      />,
    );
  });

  router.post("/admin/join-requests/:id/:decision", requireRole("coordinator"), async (req, res) => {
    const { id, decision } = parseOr400(joinParams, req.params);
    parseOr400(z.strictObject(formBase), req.body);
    const actor = res.locals.user!;
    await links.decideJoin(
      { id: actor.id, role: actor.role },
      id,
      decision === "approve",
      req.lang,
      req.ip ?? "",
    );
    res.redirect(303, `/admin/join-requests?notice=${decision}`);
  });

  router.use(localiseRateLimit);
  return router;
}
