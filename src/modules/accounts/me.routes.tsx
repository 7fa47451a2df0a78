// "My account": profile (name, organisation, language) and password change.
import express, { type Router } from "express";
import { z } from "zod";
import { requireUser } from "../../web/auth-guards";
import { sendPage } from "../../web/render";
import { NotFoundError, TooManyRequestsError } from "../../web/errors";
import { wantsJson } from "../../web/error-handler";
import { LANG_COOKIE } from "../../web/i18n/middleware";
import { MePage, type MeValues } from "../../../views/accounts/MePage";
import type { AccountsCore } from "./accounts.service";
import { fieldErrorsOf, parseForm, throwIfJson } from "../../web/validate";
import { localiseRateLimit } from "./accounts.routes";
import { formBase, nameField, passwordField, textField } from "./forms";

const profileSchema = z.strictObject({
  ...formBase,
  name: nameField,
  organisation: textField(200).default(""),
  language: z.enum(["", "it", "en"], { error: "accounts.field.invalid" }).default(""),
});
const passwordSchema = z.strictObject({
  ...formBase,
  currentPassword: passwordField,
  password: passwordField,
});
const meQuery = z.object({ notice: z.enum(["saved", "password"]).optional() });

export function meRouter(deps: { accounts: AccountsCore; secureCookies: boolean }): Router {
  const { accounts } = deps;
  const router = express.Router();

  async function currentValues(userId: string): Promise<MeValues> {
    const u = await accounts.findById(userId);
    if (!u) throw new NotFoundError();
    return { name: u.name, organisation: u.organisation ?? "", language: u.language ?? null };
  }

  router.get("/me", requireUser, async (req, res) => {
    const q = meQuery.safeParse(req.query);
    const notice = q.success ? q.data.notice : undefined;
    sendPage(
      req,
      res,
      <MePage
        values={await currentValues(res.locals.user!.id)}
        notice={
          notice === "saved"
            ? "accounts.me.saved"
            : notice === "password"
              ? "accounts.me.passwordChanged"
              : undefined
        }
      />,
    );
  });

  router.post("/me", requireUser, async (req, res) => {
    const parsed = parseForm(profileSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = await currentValues(res.locals.user!.id);
      if (typeof body.name === "string") values.name = body.name;
      if (typeof body.organisation === "string") values.organisation = body.organisation;
      sendPage(req, res, <MePage values={values} profileErrors={parsed.errors} />, 400);
      return;
    }
    const language = parsed.data.language === "" ? null : parsed.data.language;
    await accounts.updateProfile(res.locals.user!.id, {
      name: parsed.data.name,
      organisation: parsed.data.organisation,
      language,
    });
    if (language) {
      res.cookie(LANG_COOKIE, language, {
        maxAge: 365 * 24 * 3600 * 1000,
        sameSite: "lax",
        httpOnly: true,
        secure: deps.secureCookies,
        path: "/",
      });
    } else {
      res.clearCookie(LANG_COOKIE, { path: "/" });
    }
    res.redirect(303, "/me?notice=saved");
  });

  router.post("/me/password", requireUser, async (req, res) => {
    const parsed = parseForm(passwordSchema, req.body);
    let errors = parsed.ok ? undefined : parsed.errors;
    let status = 400;
    if (parsed.ok) {
      try {
        await accounts.changePassword(
          res.locals.user!.id,
          parsed.data.currentPassword,
          parsed.data.password,
          req.ip ?? "",
          req.sessionID,
        );
        res.redirect(303, "/me?notice=password");
        return;
      } catch (err) {
        if (err instanceof TooManyRequestsError && !wantsJson(req)) {
          // The form again, saying why and for how long; the attempt was not checked.
          res.setHeader("Retry-After", String(err.retryAfterSeconds));
          errors = { currentPassword: "accounts.password.tooMany" };
          status = 429;
        } else {
          errors = fieldErrorsOf(err);
          if (!errors) throw err;
        }
      }
    }
    throwIfJson(req, errors!);
    sendPage(
      req,
      res,
      <MePage values={await currentValues(res.locals.user!.id)} passwordErrors={errors} />,
      status,
    );
  });

  router.use(localiseRateLimit);
  return router;
}
