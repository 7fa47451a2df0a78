// The audit log page, for administrators.
import express, { type Router } from "express";
import { z } from "zod";
import { requireRole } from "../../web/auth-guards";
import { sendPage } from "../../web/render";
import { AuditPage } from "../../../views/admin/AuditPage";
import type { AuditService } from "./audit.service";
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

/** Who the actors are: the accounts module answers (the app passes its service). */
export interface UserDirectory {
  emailsOf(ids: string[]): Promise<Map<string, string>>;
}

export function auditRouter(deps: { audit: AuditService; accounts: UserDirectory }): Router {
  const router = express.Router();
  router.get("/admin/audit", requireRole("admin"), async (req, res) => {
    const q = parseOr400(auditQuery, req.query);
    const [{ items, total }, actions] = await Promise.all([
      deps.audit.list({ action: q.action, page: q.page, pageSize: PAGE_SIZE }),
      deps.audit.actions(),
    ]);
    const actorIds = [...new Set(items.map((i) => i.actorId?.toString()).filter((v): v is string => !!v))];
    const emailOf = await deps.accounts.emailsOf(actorIds);
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
