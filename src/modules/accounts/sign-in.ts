// The end of every way in (the password form, single sign-on): the second factor when it is due, then
// the one place that opens a session, records the device and sets the cookies.
import type { Request, Response } from "express";
import { LANG_COOKIE } from "../../web/i18n/middleware";
import type { AccountsCore } from "./accounts.service";
import { DEVICE_COOKIE, DEVICE_MAX_AGE_MS } from "./device";
import { clientIp, sessionClientOf, sessionUserOf, type PendingSignIn } from "./session";
import type { TwoFactorService } from "./two-factor.service";

/** A password (or single sign-on) checked this long ago no longer opens the second step. */
export const PENDING_MAX_MS = 10 * 60 * 1000;

const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));

function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.save((err) => (err ? reject(asError(err)) : resolve())),
  );
}

export function createSignIn(deps: {
  accounts: AccountsCore;
  twoFactor: TwoFactorService;
  secureCookies: boolean;
}) {
  const cookieOptions = { sameSite: "lax", httpOnly: true, secure: deps.secureCookies, path: "/" } as const;

  /** This browser proved it knows the account: the account-wide login limit no longer applies to it. */
  function rememberBrowser(res: Response, email: string): void {
    res.cookie(DEVICE_COOKIE, deps.accounts.deviceTokenFor(email), {
      ...cookieOptions,
      maxAge: DEVICE_MAX_AGE_MS,
    });
  }

  /** A new, signed-in session for the user (Passport 0.7 regenerates it: the earlier id is dropped). */
  function complete(req: Request, res: Response, user: Express.User, twoFactorDue?: Date): Promise<void> {
    return new Promise((resolve, reject) => {
      req.login(user, (err) => {
        if (err) return reject(asError(err));
        req.session.authAt = Date.now();
        req.session.client = sessionClientOf(req);
        if (twoFactorDue) req.session.twoFactorDue = twoFactorDue.getTime();
        if (user.language)
          res.cookie(LANG_COOKIE, user.language, { ...cookieOptions, maxAge: 365 * 24 * 3600 * 1000 });
        rememberBrowser(res, user.email);
        // Saved before answering: a browser follows the redirect as soon as it has the headers, and a
        // session read back without authAt counts as expired (its absolute lifetime), i.e. signed out.
        save(req).then(resolve, reject);
      });
    });
  }

  /** A session that is not signed in and only knows who is half-way through (a new id all the same). */
  function startPending(req: Request, pending: PendingSignIn): Promise<void> {
    return new Promise((resolve, reject) => {
      req.session.regenerate((err) => {
        if (err) return reject(asError(err));
        req.session.pending = pending;
        save(req).then(resolve, reject);
      });
    });
  }

  return {
    rememberBrowser,
    complete,

    /**
     * After the first factor (a password, or the identity provider): signs in at once, or opens the
     * second step. Returns where the browser goes next.
     */
    async begin(
      req: Request,
      res: Response,
      user: Express.User,
      next: string,
      via: PendingSignIn["via"],
    ): Promise<string> {
      const step = await deps.twoFactor.secondStepFor(user.id, clientIp(req));
      if (step.kind === "none" || step.kind === "none-grace") {
        await complete(req, res, user, step.kind === "none-grace" ? step.until : undefined);
        return next;
      }
      await startPending(req, { userId: user.id, next, via, enrol: step.kind === "enrol", at: Date.now() });
      return "/login/2fa";
    },

    /** The sign-in half-way through in this session, if it is still fresh. */
    pendingOf(req: Request): PendingSignIn | undefined {
      const p = req.session?.pending;
      if (!p || Date.now() - p.at > PENDING_MAX_MS) return undefined;
      return p;
    },

    /** The second factor was proved: the pending session becomes a signed-in one (a new id again). */
    async finish(req: Request, res: Response, pending: PendingSignIn): Promise<boolean> {
      const u = await deps.accounts.findById(pending.userId);
      if (!u || u.status !== "active") return false;
      await complete(req, res, sessionUserOf(u));
      return true;
    },
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
