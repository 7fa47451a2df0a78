// "My account": profile (name, organisation, language) and password change.
import express, { type Router } from "express";
import { z } from "zod";
import { requireUser } from "../../web/auth-guards";
import { sendPage } from "../../web/render";
import { NotFoundError, TooManyRequestsError } from "../../web/errors";
import { wantsJson } from "../../web/error-handler";
import { LANG_COOKIE } from "../../web/i18n/middleware";
import { MePage, type MeValues } from "../../../views/accounts/MePage";
import { SessionsPage } from "../../../views/accounts/SessionsPage";
import { parseOr400 } from "../../web/validate";
import { clientIp, SESSION_IDLE_MS } from "./session";
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
const sessionsQuery = z.strictObject({ notice: z.enum(["others", "one"]).optional() });
const handleParams = z.strictObject({ handle: z.string().regex(/^[a-f0-9]{16}$/, "Not a session") });

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

  router.get("/me/sessions", requireUser, async (req, res) => {
    const { notice } = parseOr400(sessionsQuery, req.query, "query");
    const list = await accounts.listSessions(res.locals.user!.id, req.sessionID);
    sendPage(
      req,
      res,
      <SessionsPage
        sessions={list.map((s) => ({
          handle: s.handle,
          current: s.current,
          signedInAt: s.signedInAt?.toISOString() ?? null,
          // The store pushes `expires` forward on each request (at most once a minute).
          lastSeen: new Date(s.expires.getTime() - SESSION_IDLE_MS).toISOString(),
          browser: s.browser,
          os: s.os,
          place: s.place,
          address: s.address,
        }))}
        notice={
          notice === "others"
            ? "accounts.sessions.endedOthers"
            : notice === "one"
              ? "accounts.sessions.endedOne"
              : undefined
        }
      />,
    );
  });

  router.post("/me/sessions/others", requireUser, async (req, res) => {
    parseOr400(z.strictObject(formBase), req.body, "form");
    await accounts.endOtherSessions(res.locals.user!.id, req.sessionID, clientIp(req));
    res.redirect(303, "/me/sessions?notice=others");
  });

  router.post("/me/sessions/:handle/end", requireUser, async (req, res) => {
    const { handle } = parseOr400(handleParams, req.params, "address");
    parseOr400(z.strictObject(formBase), req.body, "form");
    const ended = await accounts.endOwnSession(res.locals.user!.id, handle, clientIp(req));
    if (!ended) throw new NotFoundError("No such session");
    res.redirect(303, "/me/sessions?notice=one");
  });

  router.use(localiseRateLimit);
  return router;
}
