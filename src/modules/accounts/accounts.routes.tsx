// Public account pages: login, logout, forgotten password, reset, invitation, join request.
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from "express";
import { TooManyRequestsError } from "../../web/errors";
import { z } from "zod";
import { safeRedirectPath } from "../../web/redirect";
import { sendPage } from "../../web/render";
import { wantsJson } from "../../web/error-handler";
import { LoginPage } from "../../../views/accounts/LoginPage";
import {
  ForgotPage,
  InvitePage,
  JoinPage,
  LinkRefusedPage,
  ResetPage,
} from "../../../views/accounts/LinkPages";
import type { AccountsCore } from "./accounts.service";
import type { LinksService } from "./links.service";
import { fieldErrorsOf, parseForm, parseOr400, throwIfJson } from "../../web/validate";
import { emailField, formBase, nameField, passwordField, textField } from "./forms";
import { authenticateLocal, clientIp, withCsrfToken } from "./session";
import type { SignIn } from "./sign-in";

const loginSchema = z.strictObject({
  ...formBase,
  email: emailField,
  password: passwordField,
  next: z.string().max(2000).optional(),
});
const loginQuery = z.object({ next: z.string().max(2000).optional(), notice: z.string().max(40).optional() });
const forgotSchema = z.strictObject({ ...formBase, email: emailField });
const resetSchema = z.strictObject({ ...formBase, password: passwordField });
const inviteSchema = z.strictObject({ ...formBase, name: nameField, password: passwordField });
const joinSchema = z.strictObject({
  ...formBase,
  email: emailField,
  name: nameField,
  organisation: textField(200).default(""),
  message: textField(2000).default(""),
});
const tokenParams = z.strictObject({ token: z.string().max(200) });

const NOTICES = {
  reset: "accounts.reset.done",
  invite: "accounts.invite.done",
  logout: "accounts.logout.done",
  expired: "accounts.login.expired",
  "2fa-expired": "accounts.2fa.expired",
} as const;

export function accountsRouter(deps: {
  accounts: AccountsCore;
  links: LinksService;
  signIn: SignIn;
  /** The single sign-on button's label, when single sign-on is configured. */
  sso?: string;
}): Router {
  const { links } = deps;
  const router = express.Router();

  router.get("/login", withCsrfToken, (req, res) => {
    const q = loginQuery.safeParse(req.query);
    const next = safeRedirectPath(q.success ? q.data.next : undefined, "/");
    if (res.locals.user) {
      res.redirect(303, next);
      return;
    }
    const notice =
      q.success && q.data.notice && q.data.notice in NOTICES
        ? NOTICES[q.data.notice as keyof typeof NOTICES]
        : undefined;
    sendPage(req, res, <LoginPage next={next} notice={notice} sso={deps.sso} />);
  });

  router.post("/login", async (req, res) => {
    const parsed = parseForm(loginSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      const body = (req.body ?? {}) as Record<string, unknown>;
      sendPage(
        req,
        res,
        <LoginPage
          email={typeof body.email === "string" ? body.email : ""}
          next={safeRedirectPath(body.next)}
          errors={parsed.errors}
          sso={deps.sso}
        />,
        400,
      );
      return;
    }
    const { email } = parsed.data;
    const target = safeRedirectPath(parsed.data.next, "/");
    const user = await authenticateLocal(req, res);
    if (!user) {
      if (wantsJson(req)) {
        res.status(401).json({ error: req.t("accounts.login.failed"), code: "login_failed" });
        return;
      }
      sendPage(
        req,
        res,
        <LoginPage email={email} next={target} errors={{ _form: "accounts.login.failed" }} sso={deps.sso} />,
        401,
      );
      return;
    }
    const goTo = await deps.signIn.begin(req, res, user, target, "password");
    if (wantsJson(req)) {
      // 202 and no user while the second factor is due: the session is not signed in yet.
      if (goTo !== target) res.status(202).json({ secondFactor: goTo });
      else res.json({ user: { id: user.id, name: user.name, email: user.email, role: user.role } });
      return;
    }
    res.redirect(303, goTo);
  });

  router.post("/logout", (req, res, next) => {
    const done = () => {
      res.clearCookie("atl.sid", { path: "/" });
      res.redirect(303, "/login?notice=logout");
    };
    if (!req.session) return done();
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy((err2) => (err2 ? next(err2) : done()));
    });
  });

  router.get("/forgot", withCsrfToken, (req, res) => {
    sendPage(req, res, <ForgotPage />);
  });

  router.post("/forgot", async (req, res) => {
    const parsed = parseForm(forgotSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      const body = (req.body ?? {}) as Record<string, unknown>;
      sendPage(
        req,
        res,
        <ForgotPage email={typeof body.email === "string" ? body.email : ""} errors={parsed.errors} />,
        400,
      );
      return;
    }
    await links.requestReset(parsed.data.email, req.lang, clientIp(req));
    sendPage(req, res, <ForgotPage sent />);
  });

  const linkPage = (kind: "invite" | "reset") => async (req: Request, res: Response) => {
    const params = parseOr400(tokenParams, req.params);
    const link = await links.checkLink(kind, params.token);
    if (link.state !== "valid") {
      sendPage(
        req,
        res,
        <LinkRefusedPage reason={link.state} retryHref="/forgot" />,
        link.state === "invalid" ? 404 : 410,
      );
      return;
    }
    if (kind === "reset") sendPage(req, res, <ResetPage action={`/reset/${params.token}`} />);
    else
      sendPage(
        req,
        res,
        <InvitePage
          action={`/invite/${params.token}`}
          email={link.user.email}
          roleLabel={req.t(`accounts.role.${link.user.role}`)}
        />,
      );
  };
  router.get("/reset/:token", withCsrfToken, linkPage("reset"));
  router.get("/invite/:token", withCsrfToken, linkPage("invite"));

  router.post("/reset/:token", async (req, res) => {
    const params = parseOr400(tokenParams, req.params);
    const parsed = parseForm(resetSchema, req.body);
    let errors = parsed.ok ? undefined : parsed.errors;
    if (parsed.ok) {
      try {
        const { state, email } = await links.resetPassword(params.token, parsed.data.password, clientIp(req));
        if (state !== "valid") {
          sendPage(
            req,
            res,
            <LinkRefusedPage reason={state} retryHref="/forgot" />,
            state === "invalid" ? 404 : 410,
          );
          return;
        }
        // The mailbox proved the account: this browser may sign in even while strangers are locked out.
        if (email) deps.signIn.rememberBrowser(res, email);
        res.redirect(303, "/login?notice=reset");
        return;
      } catch (err) {
        errors = fieldErrorsOf(err);
        if (!errors) throw err;
      }
    }
    throwIfJson(req, errors!);
    sendPage(req, res, <ResetPage action={`/reset/${params.token}`} errors={errors} />, 400);
  });

  router.post("/invite/:token", async (req, res) => {
    const params = parseOr400(tokenParams, req.params);
    const parsed = parseForm(inviteSchema, req.body);
    const link = await links.checkLink("invite", params.token);
    if (link.state !== "valid") {
      sendPage(
        req,
        res,
        <LinkRefusedPage reason={link.state} retryHref="/forgot" />,
        link.state === "invalid" ? 404 : 410,
      );
      return;
    }
    let errors = parsed.ok ? undefined : parsed.errors;
    if (parsed.ok) {
      try {
        const state = await links.acceptInvite(params.token, parsed.data, clientIp(req));
        if (state !== "valid") {
          sendPage(
            req,
            res,
            <LinkRefusedPage reason={state} retryHref="/forgot" />,
            state === "invalid" ? 404 : 410,
          );
          return;
        }
        res.redirect(303, "/login?notice=invite");
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
      <InvitePage
        action={`/invite/${params.token}`}
        email={link.user.email}
        roleLabel={req.t(`accounts.role.${link.user.role}`)}
        name={typeof body.name === "string" ? body.name : ""}
        errors={errors}
      />,
      400,
    );
  });

  router.get("/join", withCsrfToken, (req, res) => {
    sendPage(req, res, <JoinPage values={{}} />);
  });

  router.post("/join", async (req, res) => {
    const parsed = parseForm(joinSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const str = (k: string) => (typeof body[k] === "string" ? body[k] : "");
      sendPage(
        req,
        res,
        <JoinPage
          values={{
            email: str("email"),
            name: str("name"),
            organisation: str("organisation"),
            message: str("message"),
          }}
          errors={parsed.errors}
        />,
        400,
      );
      return;
    }
    const { _csrf: _ignored, ...input } = parsed.data;
    await links.requestJoin(input, clientIp(req));
    sendPage(req, res, <JoinPage values={{}} sent />);
  });

  // Rate-limit answers in the visitor's language (the services speak English to the log).
  router.use(localiseRateLimit);
  return router;
}

export const localiseRateLimit: ErrorRequestHandler = (err, req, _res, next) => {
  next(
    err instanceof TooManyRequestsError
      ? new TooManyRequestsError(req.t("accounts.rate.limited"), err.retryAfterSeconds)
      : err,
  );
};
