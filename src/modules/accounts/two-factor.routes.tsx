// Two-factor pages: the second step of a sign-in (code, recovery code or passkey; enrolment once the
// grace period is over) and the user's own settings (authenticator app, passkeys, recovery codes).
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { requireUser } from "../../web/auth-guards";
import { sendPage } from "../../web/render";
import { TooManyRequestsError, ValidationError } from "../../web/errors";
import { wantsJson } from "../../web/error-handler";
import { fieldErrorsOf, parseForm, parseOr400, throwIfJson, type FieldErrors } from "../../web/validate";
import { safeRedirectPath } from "../../web/redirect";
import {
  RecoveryCodesPage,
  SecondStepPage,
  TwoFactorPage,
  type TotpSetupView,
} from "../../../views/accounts/TwoFactorPages";
import type { AccountsCore } from "./accounts.service";
import { formBase } from "./forms";
import { clientIp, withCsrfToken, type PendingSignIn } from "./session";
import type { SignIn } from "./sign-in";
import type { TwoFactorService } from "./two-factor.service";
import { localiseRateLimit } from "./accounts.routes";

const codeSchema = z.strictObject({
  ...formBase,
  code: z
    .string({ error: "accounts.2fa.codeMissing" })
    .trim()
    .min(1, "accounts.2fa.codeMissing")
    .max(20, "accounts.2fa.codeWrong"),
});
const emptyBody = z.strictObject(formBase);
/** A WebAuthn answer as the browser library serialises it; the library checks the rest. */
const webauthnAnswer = z.looseObject({
  id: z.string().max(1024),
  rawId: z.string().max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().max(10_000) }),
});
const passkeyLoginBody = z.strictObject({ ...formBase, response: webauthnAnswer });
const passkeyRegisterBody = z.strictObject({
  ...formBase,
  name: z.string().trim().max(80).default(""),
  response: webauthnAnswer,
});
const passkeyParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,1024}$/) });
const meQuery = z.strictObject({
  notice: z.enum(["totp", "totpOff", "passkey", "passkeyRemoved"]).optional(),
});
const codesQuery = z.strictObject({ next: z.string().max(2000).optional() });

const NOTICES = {
  totp: "accounts.2fa.notice.totp",
  totpOff: "accounts.2fa.notice.totpOff",
  passkey: "accounts.2fa.notice.passkey",
  passkeyRemoved: "accounts.2fa.notice.passkeyRemoved",
} as const;

/** A base32 secret grouped by four, as authenticator apps show it. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, "$1 ").trim();

export function twoFactorRouter(deps: {
  accounts: AccountsCore;
  twoFactor: TwoFactorService;
  signIn: SignIn;
}): Router {
  const { twoFactor, signIn, accounts } = deps;
  const router = express.Router();

  /** The TOTP secret this session is enrolling (a new one when it has none yet). */
  async function setupFor(req: Request, email: string): Promise<TotpSetupView> {
    const kept = twoFactor.openFromSession(req.session?.totpSetup);
    const secret = kept ?? twoFactor.newTotpSecret();
    if (!kept) req.session.totpSetup = twoFactor.sealForSession(secret);
    const view = await twoFactor.totpView(secret, email);
    return { qrDataUri: view.qrDataUri, manualKey: grouped(secret) };
  }

  /** Shows the new recovery codes on the next page (once), then goes on to `next`. */
  function showCodesNext(req: Request, res: Response, codes: string[], next: string): void {
    if (codes.length === 0) {
      res.redirect(303, next);
      return;
    }
    req.session.freshCodes = twoFactor.sealForSession(JSON.stringify(codes));
    req.session.save(() => res.redirect(303, `/me/2fa/codes?next=${encodeURIComponent(next)}`));
  }

  function expired(req: Request, res: Response): void {
    if (wantsJson(req)) {
      res.status(401).json({ error: req.t("accounts.2fa.expired"), code: "second_factor_expired" });
      return;
    }
    res.redirect(303, "/login?notice=2fa-expired");
  }

  async function renderStep(
    req: Request,
    res: Response,
    pending: PendingSignIn,
    errors?: FieldErrors,
    status = 200,
  ) {
    const state = await twoFactor.state(pending.userId);
    const user = await accounts.findById(pending.userId);
    const enrol = pending.enrol && !state.enrolled && user ? await setupFor(req, user.email) : undefined;
    sendPage(
      req,
      res,
      <SecondStepPage passkeys={state.passkeys.length > 0} totp={state.totp} enrol={enrol} errors={errors} />,
      status,
    );
  }

  /** A code check that may be throttled: the form again, saying why, with 429. */
  async function guarded<T>(
    run: () => Promise<T>,
  ): Promise<
    { ok: true; value: T } | { ok: false; errors: FieldErrors; status: number; retryAfter?: number }
  > {
    try {
      return { ok: true, value: await run() };
    } catch (err) {
      if (err instanceof TooManyRequestsError)
        return {
          ok: false,
          errors: { code: "accounts.2fa.tooMany" },
          status: 429,
          retryAfter: err.retryAfterSeconds,
        };
      const errors = fieldErrorsOf(err);
      if (!errors) throw err;
      return { ok: false, errors, status: err instanceof ValidationError ? 400 : 409 };
    }
  }

  // --- The second step of a sign-in (the session is not signed in yet) ---

  router.get("/login/2fa", withCsrfToken, async (req, res) => {
    const pending = signIn.pendingOf(req);
    if (!pending) return expired(req, res);
    await renderStep(req, res, pending);
  });

  router.post("/login/2fa", async (req, res) => {
    const pending = signIn.pendingOf(req);
    if (!pending || pending.enrol) return expired(req, res);
    const parsed = parseForm(codeSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      return renderStep(req, res, pending, parsed.errors, 400);
    }
    const result = await guarded(() => twoFactor.verifyCode(pending.userId, parsed.data.code, clientIp(req)));
    if (result.ok && result.value.ok && (await signIn.finish(req, res, pending))) {
      if (wantsJson(req)) return void res.json({ redirect: pending.next });
      return res.redirect(303, pending.next);
    }
    const errors: FieldErrors = result.ok ? { code: "accounts.2fa.codeWrong" } : result.errors;
    const status = result.ok ? 401 : result.status;
    if (!result.ok && result.retryAfter) res.setHeader("Retry-After", String(result.retryAfter));
    if (wantsJson(req))
      return void res.status(status).json({ error: req.t(errors.code!), code: "second_factor_failed" });
    await renderStep(req, res, pending, errors, status);
  });

  router.post("/login/2fa/enrol", async (req, res) => {
    const pending = signIn.pendingOf(req);
    if (!pending || !pending.enrol) return expired(req, res);
    const parsed = parseForm(codeSchema, req.body);
    const secret = twoFactor.openFromSession(req.session.totpSetup);
    if (!parsed.ok || !secret) {
      throwIfJson(req, parsed.ok ? { code: "accounts.2fa.codeWrong" } : parsed.errors);
      return renderStep(
        req,
        res,
        pending,
        parsed.ok ? { code: "accounts.2fa.codeWrong" } : parsed.errors,
        400,
      );
    }
    const result = await guarded(() =>
      twoFactor.enableTotp(pending.userId, secret, parsed.data.code, clientIp(req)),
    );
    if (!result.ok) {
      if (result.retryAfter) res.setHeader("Retry-After", String(result.retryAfter));
      throwIfJson(req, result.errors);
      return renderStep(req, res, pending, result.errors, result.status);
    }
    if (!(await signIn.finish(req, res, pending))) return expired(req, res);
    showCodesNext(req, res, result.value, pending.next);
  });

  router.post("/login/2fa/passkey/options", async (req, res) => {
    const pending = signIn.pendingOf(req);
    if (!pending || pending.enrol) return expired(req, res);
    parseOr400(emptyBody, req.body, "form");
    const options = await twoFactor.passkeyAuthenticationOptions(pending.userId);
    req.session.webauthnChallenge = options.challenge;
    res.json(options);
  });

  router.post("/login/2fa/passkey", async (req, res) => {
    const pending = signIn.pendingOf(req);
    if (!pending || pending.enrol) return expired(req, res);
    const body = parseOr400(passkeyLoginBody, req.body, "form");
    const challenge = req.session.webauthnChallenge;
    delete req.session.webauthnChallenge;
    const result = challenge
      ? await twoFactor.verifyPasskey(pending.userId, body.response as never, challenge, clientIp(req))
      : { ok: false as const };
    if (!result.ok || !(await signIn.finish(req, res, pending))) {
      res.status(401).json({ error: req.t("accounts.2fa.passkeyFailed"), code: "second_factor_failed" });
      return;
    }
    res.json({ redirect: pending.next });
  });

  // --- The user's own settings ---

  async function renderSettings(
    req: Request,
    res: Response,
    errors?: FieldErrors,
    status = 200,
    notice?: keyof typeof NOTICES,
  ) {
    const user = res.locals.user!;
    const state = await twoFactor.state(user.id);
    if (state.enrolled && req.session.twoFactorDue) delete req.session.twoFactorDue;
    sendPage(
      req,
      res,
      <TwoFactorPage
        settings={{
          totp: state.totp,
          passkeys: state.passkeys.map((p) => ({
            id: p.id,
            name: p.name,
            createdAt: p.createdAt.toISOString(),
          })),
          recoveryLeft: state.recoveryLeft,
          required: state.required,
          graceUntil: state.graceUntil?.toISOString() ?? null,
        }}
        setup={state.totp ? undefined : await setupFor(req, user.email)}
        errors={errors}
        notice={notice ? NOTICES[notice] : undefined}
      />,
      status,
    );
  }

  router.get("/me/2fa", requireUser, async (req, res) => {
    const { notice } = parseOr400(meQuery, req.query, "query");
    await renderSettings(req, res, undefined, 200, notice);
  });

  router.post("/me/2fa/totp", requireUser, async (req, res) => {
    const parsed = parseForm(codeSchema, req.body);
    const secret = twoFactor.openFromSession(req.session.totpSetup);
    if (!parsed.ok || !secret) {
      const errors = parsed.ok ? { code: "accounts.2fa.codeWrong" as const } : parsed.errors;
      throwIfJson(req, errors);
      return renderSettings(req, res, errors, 400);
    }
    const result = await guarded(() =>
      twoFactor.enableTotp(res.locals.user!.id, secret, parsed.data.code, clientIp(req)),
    );
    if (!result.ok) {
      if (result.retryAfter) res.setHeader("Retry-After", String(result.retryAfter));
      throwIfJson(req, result.errors);
      return renderSettings(req, res, result.errors, result.status);
    }
    delete req.session.totpSetup;
    delete req.session.twoFactorDue;
    showCodesNext(req, res, result.value, "/me/2fa?notice=totp");
  });

  router.post("/me/2fa/totp/disable", requireUser, async (req, res) => {
    const parsed = parseForm(codeSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      return renderSettings(req, res, parsed.errors, 400);
    }
    const userId = res.locals.user!.id;
    const result = await guarded(async () => {
      const check = await twoFactor.verifyCode(userId, parsed.data.code, clientIp(req));
      if (!check.ok)
        throw new ValidationError("The code is not valid", [
          { field: "code", message: "accounts.2fa.codeWrong" },
        ]);
      await twoFactor.disableTotp(userId, clientIp(req));
    });
    if (!result.ok) {
      if (result.retryAfter) res.setHeader("Retry-After", String(result.retryAfter));
      throwIfJson(req, result.errors);
      return renderSettings(req, res, result.errors, result.status);
    }
    res.redirect(303, "/me/2fa?notice=totpOff");
  });

  router.post("/me/2fa/recovery", requireUser, async (req, res) => {
    parseOr400(emptyBody, req.body, "form");
    const result = await guarded(() => twoFactor.regenerateRecoveryCodes(res.locals.user!.id, clientIp(req)));
    if (!result.ok) {
      throwIfJson(req, result.errors);
      return renderSettings(req, res, result.errors, result.status);
    }
    showCodesNext(req, res, result.value, "/me/2fa");
  });

  router.get("/me/2fa/codes", requireUser, (req, res) => {
    const { next } = parseOr400(codesQuery, req.query, "query");
    const plain = twoFactor.openFromSession(req.session.freshCodes);
    delete req.session.freshCodes;
    const codes = plain ? (JSON.parse(plain) as string[]) : [];
    if (codes.length === 0) return res.redirect(303, "/me/2fa");
    sendPage(req, res, <RecoveryCodesPage codes={codes} next={safeRedirectPath(next, "/")} />);
  });

  router.post("/me/2fa/passkeys/options", requireUser, async (req, res) => {
    parseOr400(emptyBody, req.body, "form");
    const options = await twoFactor.passkeyRegistrationOptions(res.locals.user!.id);
    req.session.webauthnChallenge = options.challenge;
    res.json(options);
  });

  router.post("/me/2fa/passkeys", requireUser, async (req, res) => {
    const body = parseOr400(passkeyRegisterBody, req.body, "form");
    const challenge = req.session.webauthnChallenge;
    delete req.session.webauthnChallenge;
    if (!challenge)
      throw new ValidationError("No passkey registration in progress", [
        { field: "response", message: "No challenge" },
      ]);
    const codes = await twoFactor.registerPasskey(
      res.locals.user!.id,
      body.response as never,
      challenge,
      body.name,
      clientIp(req),
    );
    delete req.session.twoFactorDue;
    if (codes.length > 0) req.session.freshCodes = twoFactor.sealForSession(JSON.stringify(codes));
    const done = "/me/2fa?notice=passkey";
    res.json({ redirect: codes.length > 0 ? `/me/2fa/codes?next=${encodeURIComponent(done)}` : done });
  });

  router.post("/me/2fa/passkeys/:id/delete", requireUser, async (req, res) => {
    const { id } = parseOr400(passkeyParams, req.params, "address");
    parseOr400(emptyBody, req.body, "form");
    const result = await guarded(() => twoFactor.removePasskey(res.locals.user!.id, id, clientIp(req)));
    if (!result.ok) {
      throwIfJson(req, result.errors);
      return renderSettings(req, res, result.errors, result.status);
    }
    res.redirect(303, "/me/2fa?notice=passkeyRemoved");
  });

  router.use(localiseRateLimit);
  return router;
}
