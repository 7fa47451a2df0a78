// Single sign-on pages: the button's post (to the provider) and the provider's answer (the callback).
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { sendPage } from "../../web/render";
import { safeRedirectPath } from "../../web/redirect";
import { parseOr400 } from "../../web/validate";
import type { MessageKey } from "../../web/i18n/index";
import { LoginPage } from "../../../views/accounts/LoginPage";
import { formBase } from "./forms";
import { OidcRefusal, type OidcFailure, type OidcService } from "./oidc.service";
import { clientIp, sessionUserOf } from "./session";
import type { SignIn } from "./sign-in";

const startBody = z.strictObject({ ...formBase, next: z.string().max(2000).optional() });
/** The answer's parameters (the library reads them from the URL); anything longer is not a provider's. */
const callbackQuery = z.record(z.string(), z.string().max(4000));
/** An authorization started this long ago is no longer accepted. */
const PENDING_MAX_MS = 10 * 60 * 1000;

const MESSAGES: Record<OidcFailure | "unavailable", MessageKey> = {
  state: "accounts.oidc.failed",
  nonce: "accounts.oidc.failed",
  provider: "accounts.oidc.failed",
  unverified: "accounts.oidc.unverified",
  no_account: "accounts.oidc.noAccount",
  disabled: "accounts.login.failed",
  unavailable: "accounts.oidc.unavailable",
};

export function oidcRouter(deps: {
  oidc: OidcService;
  signIn: SignIn;
  baseUrl: string;
  label: string;
}): Router {
  const { oidc, signIn } = deps;
  const router = express.Router();

  function refused(req: Request, res: Response, reason: OidcFailure | "unavailable", status: number) {
    sendPage(req, res, <LoginPage next="/" errors={{ _form: MESSAGES[reason] }} sso={deps.label} />, status);
  }

  router.post("/login/oidc", async (req, res) => {
    const { next } = parseOr400(startBody, req.body, "form");
    let started;
    try {
      started = await oidc.start();
    } catch {
      // The provider cannot be reached or is not an OpenID provider: say so, keep the password form.
      return refused(req, res, "unavailable", 503);
    }
    req.session.oidc = { ...started.pending, next: safeRedirectPath(next, "/"), at: Date.now() };
    await new Promise<void>((resolve, reject) =>
      req.session.save((err) => (err ? reject(err as Error) : resolve())),
    );
    res.redirect(303, started.url);
  });

  router.get("/login/oidc/callback", async (req, res) => {
    parseOr400(callbackQuery, req.query, "query");
    const kept = req.session?.oidc;
    if (req.session) delete req.session.oidc;
    const fresh = kept && Date.now() - kept.at < PENDING_MAX_MS ? kept : undefined;
    let user;
    try {
      user = await oidc.finish(new URL(req.originalUrl, deps.baseUrl), fresh, clientIp(req));
    } catch (err) {
      if (err instanceof OidcRefusal)
        return refused(req, res, err.reason, err.reason === "disabled" ? 403 : 400);
      return refused(req, res, "unavailable", 503);
    }
    res.redirect(303, await signIn.begin(req, res, sessionUserOf(user), fresh!.next, "oidc"));
  });

  return router;
}
