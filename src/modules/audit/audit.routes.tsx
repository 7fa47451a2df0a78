// The audit log page, for administrators.
import express, { type Router } from "express";
import { z } from "zod";
import { requireRole } from "../../web/auth-guards";
import { sendPage } from "../../web/render";
import { AuditPage } from "../../../views/admin/AuditPage";
import type { AccountsCore } from "../accounts/accounts.service";
import type { AuditService } from "./audit.service";
import { UserModel, type UserDoc } from "../accounts/user.model";
import { parseOr400 } from "../../web/validate";

const PAGE_SIZE = 100;
const auditQuery = z.strictObject({
  action: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9_.]{1,80}$/)
      .optional(),
  ),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export function auditRouter(deps: { audit: AuditService; accounts: AccountsCore }): Router {
  const router = express.Router();
  router.get("/admin/audit", requireRole("admin"), async (req, res) => {
    const q = parseOr400(auditQuery, req.query);
    const [{ items, total }, actions] = await Promise.all([
      deps.audit.list({ action: q.action, page: q.page, pageSize: PAGE_SIZE }),
      deps.audit.actions(),
    ]);
    const actorIds = [...new Set(items.map((i) => i.actorId?.toString()).filter((v): v is string => !!v))];
    const actors = await UserModel.find({ _id: { $in: actorIds } }, { email: 1 }).lean<
      Pick<UserDoc, "_id" | "email">[]
    >();
    const emailOf = new Map(actors.map((a) => [a._id.toString(), a.email]));
    sendPage(
      req,
      res,
      <AuditPage
        rows={items.map((i) => ({
          id: i._id.toString(),
          at: i.at.toISOString(),
          action: i.action,
          actor: i.actorId ? (emailOf.get(i.actorId.toString()) ?? i.actorId.toString()) : null,
          target: [i.targetType, i.targetId].filter(Boolean).join(" "),
          ip: i.ip ?? "",
          details: i.details ? JSON.stringify(i.details) : "",
        }))}
        actions={actions}
        action={q.action}
        page={q.page}
        pages={Math.max(1, Math.ceil(total / PAGE_SIZE))}
      />,
    );
  });
  return router;
}
