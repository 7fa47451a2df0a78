// The privacy notice, the data download and account deletion.
import express, { type Router } from "express";
import { z } from "zod";
import { requireUser } from "../../web/auth-guards";
import { wantsJson } from "../../web/error-handler";
import { TooManyRequestsError } from "../../web/errors";
import { sendPage } from "../../web/render";
import { fieldErrorsOf, parseForm, parseOr400, throwIfJson, type FieldErrors } from "../../web/validate";
import { PrivacyPage } from "../../../views/privacy/PrivacyPage";
import { DeleteAccountPage } from "../../../views/privacy/DeleteAccountPage";
import { DEVICE_COOKIE, SESSION_COOKIE } from "../accounts/index";
import type { PrivacyService } from "./privacy.service";

const noticeQuery = z.strictObject({ notice: z.enum(["deleted"]).optional() });
const deleteSchema = z.strictObject({
  _csrf: z.string().optional(),
  notes: z.enum(["delete", "keep"], { error: "privacy.delete.notesRequired" }),
  confirm: z.literal("yes", { error: "privacy.delete.confirmRequired" }),
  currentPassword: z
    .string({ error: "accounts.password.currentWrong" })
    .max(256, "accounts.password.too_long"),
});

export function privacyRouter(deps: { privacy: PrivacyService }): Router {
  const { privacy } = deps;
  const router = express.Router();

  router.get("/privacy", (req, res) => {
    const { notice } = parseOr400(noticeQuery, req.query, "query");
    sendPage(req, res, <PrivacyPage deleted={notice === "deleted"} />);
  });

  router.get("/me/data", requireUser, async (req, res) => {
    const data = await privacy.dataOf(res.locals.user!.id);
    const day = new Date().toISOString().slice(0, 10);
    res.set({
      "content-disposition": `attachment; filename="atlante-i-miei-dati-${day}.json"`,
      "cache-control": "private, no-store",
    });
    res.type("application/json").send(JSON.stringify(data, null, 2));
  });

  router.get("/me/delete", requireUser, (req, res) => {
    sendPage(req, res, <DeleteAccountPage />);
  });

  router.post("/me/delete", requireUser, async (req, res, next) => {
    const parsed = parseForm(deleteSchema, req.body);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const again = (errors: FieldErrors, status: number) =>
      sendPage(
        req,
        res,
        <DeleteAccountPage notes={typeof body.notes === "string" ? body.notes : undefined} errors={errors} />,
        status,
      );
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      again(parsed.errors, 400);
      return;
    }
    const { notes, currentPassword } = parsed.data;
    try {
      await privacy.deleteAccount(res.locals.user!.id, currentPassword, notes, req.ip ?? "");
    } catch (err) {
      if (err instanceof TooManyRequestsError && !wantsJson(req)) {
        res.setHeader("Retry-After", String(err.retryAfterSeconds));
        again({ currentPassword: "accounts.password.tooMany" }, 429);
        return;
      }
      const errors = fieldErrorsOf(err);
      if (!errors || wantsJson(req)) throw err;
      again(errors, (err as { status?: number }).status ?? 400);
      return;
    }
    // The account is gone: so is this session, and the browser forgets the account.
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy((err2) => {
        if (err2) return next(err2);
        res.clearCookie(SESSION_COOKIE, { path: "/" });
        res.clearCookie(DEVICE_COOKIE, { path: "/" });
        res.redirect(303, "/privacy?notice=deleted");
      });
    });
  });

  return router;
}
