// Sessions (MongoDB via connect-mongo), Passport and CSRF, mounted before every module router.
// Anonymous GETs without a session cookie skip all of it: no session, no MongoDB, no token.
import type { Request, RequestHandler, Response } from "express";
import session from "express-session";
import MongoStore from "connect-mongo";
import passport from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import cookieParser from "cookie-parser";
import { doubleCsrf } from "csrf-csrf";
import { csrfSync } from "csrf-sync";
import type { Connection } from "mongoose";
import type { PageUser } from "../../../views/page-context";
import { ForbiddenError, UnavailableError } from "../../web/errors";
import { isLang, translator } from "../../web/i18n/index";
import { LANG_COOKIE } from "../../web/i18n/middleware";
import type { AccountsCore } from "./accounts.service";
import { deviceOf, placeOf, type ClientDevice, type ClientPlace } from "./client";
import { DEVICE_COOKIE } from "./device";

export const SESSION_COOKIE = "atl.sid";
/** Idle timeout: the cookie and the stored session expire this long after the last request. */
export const SESSION_IDLE_MS = 2 * 3600 * 1000;
/** Absolute lifetime: a session ends this long after login, active or not. */
export const SESSION_ABSOLUTE_MS = 12 * 3600 * 1000;
const TOUCH_AFTER_S = 60;

declare module "express-session" {
  interface SessionData {
    authAt?: number;
    passport?: { user?: string };
    /** The browser that signed in, for the list of active sessions. */
    client?: SessionClient;
    /**
     * A sign-in whose password (or single sign-on) was right but whose second factor is still due. Such a
     * session is not signed in: it carries no user, only what the second-step pages need.
     */
    pending?: PendingSignIn;
    /** Until when (ms) this signed-in user of a role that needs 2FA may go without (the banner). */
    twoFactorDue?: number;
    /** Sealed TOTP secret being enrolled, and recovery codes to show once (sealed). */
    totpSetup?: string;
    freshCodes?: string;
    /** The WebAuthn challenge of the options last handed to this browser. */
    webauthnChallenge?: string;
    /** An OpenID Connect authorization in progress: its state, nonce and PKCE verifier. */
    oidc?: { state: string; nonce: string; verifier: string; next: string; at: number };
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface User extends PageUser {
      language?: string | null;
    }
  }
}

export interface PendingSignIn {
  userId: string;
  /** Where to go once signed in. */
  next: string;
  via: "password" | "oidc";
  /** The user has no second factor yet and must enrol one now (the grace period is over). */
  enrol: boolean;
  at: number;
}

/** What a session shows of the browser that signed in (device, coarse place, when). */
export interface SessionClient extends ClientDevice, ClientPlace {}

/** The client of this request, as a session keeps it. */
export function sessionClientOf(req: Request): SessionClient {
  return { ...deviceOf(req.headers["user-agent"]), ...placeOf(clientIp(req)) };
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/** One cookie's raw value from the header (for the few cookies read outside cookie-parser). */
function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function csrfTokenOf(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body._csrf === "string") return body._csrf;
  const header = req.headers["x-csrf-token"];
  if (typeof header === "string") return header;
  // multipart forms are parsed after this check: they carry the token in the action URL.
  if (req.is("multipart/form-data") && typeof req.query._csrf === "string") return req.query._csrf;
  return undefined;
}

/** Signed-in users: the synchronizer token pattern, the token kept in their session. */
const csrf = csrfSync({
  getTokenFromRequest: csrfTokenOf,
  getTokenFromState: (req) => req.session?.csrfToken,
  storeTokenInState: (req, token) => {
    if (req.session) req.session.csrfToken = token;
  },
  size: 32,
});

function hasSessionCookie(req: Request): boolean {
  return req.headers.cookie?.includes(`${SESSION_COOKIE}=`) ?? false;
}

function hasLangCookie(req: Request): boolean {
  return req.headers.cookie?.includes(`${LANG_COOKIE}=`) ?? false;
}

export interface SessionOptions {
  mongo: Connection;
  secret: string;
  secureCookies: boolean;
  accounts: AccountsCore;
}

/** The anonymous CSRF cookie; `__Host-` (Secure, no Domain, path /) when the site is served over https. */
export const ANON_CSRF_COOKIE = "atl.csrf";

/**
 * Visitors who are not signed in: a signed double-submit token (csrf-csrf). The token is an HMAC of a
 * random value under the session secret, sent both as an HttpOnly cookie and in the form; a post is
 * valid when the two match and the HMAC is ours. Nothing is stored on the server: showing the sign-in,
 * join or reset form to a thousand visitors creates no session.
 */
function anonymousCsrf(secret: string, secure: boolean) {
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => secret,
    // Nobody is signed in: there is no session to bind the token to.
    getSessionIdentifier: () => "",
    cookieName: secure ? `__Host-${ANON_CSRF_COOKIE}` : ANON_CSRF_COOKIE,
    cookieOptions: { sameSite: "lax", secure, httpOnly: true, path: "/" },
    getCsrfTokenFromRequest: csrfTokenOf,
  });
  const cookies = cookieParser();
  const withCookies = (req: Request, res: Response, then: () => void) => {
    if (req.cookies) then();
    else cookies(req, res, () => then());
  };
  return {
    /** The token for this visitor's forms (the cookie's, when it is still valid). */
    token(req: Request, res: Response, then: (token: string) => void) {
      withCookies(req, res, () => then(generateCsrfToken(req, res)));
    },
    valid(req: Request, res: Response, then: (ok: boolean) => void) {
      withCookies(req, res, () => then(validateRequest(req)));
    },
  };
}
type AnonymousCsrf = ReturnType<typeof anonymousCsrf>;

const AUTHENTICATOR = Symbol("authenticator");
const ANON_CSRF = Symbol("anonymousCsrf");
type WithOpener = Request & {
  [AUTHENTICATOR]?: passport.Authenticator;
  [ANON_CSRF]?: AnonymousCsrf;
};

interface StoredUser {
  _id: { toString(): string };
  name: string;
  email: string;
  role: PageUser["role"];
  language?: string | null;
}

export function sessionUserOf(u: StoredUser): Express.User {
  return { id: u._id.toString(), name: u.name, email: u.email, role: u.role, language: u.language ?? null };
}

/** A session store operation that takes longer than this fails (503): MongoDB is not answering. */
const STORE_BOUND_MS = 3_000;

type Callback = (err: unknown, ...rest: unknown[]) => void;

/**
 * Bounds every operation of the store: a frozen MongoDB otherwise holds a session read, or the save
 * that express-session makes after a page's first bytes are out, until the driver gives up (30 s).
 */
function bounded(store: MongoStore, ms: number): MongoStore {
  for (const method of ["get", "set", "touch", "destroy"] as const) {
    const original = (store[method] as (...args: unknown[]) => void).bind(store);
    (store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const callback = typeof args.at(-1) === "function" ? (args.pop() as Callback) : () => undefined;
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        callback(new UnavailableError(`The session store did not answer within ${ms} ms`));
      }, ms);
      original(...args, (err: unknown, ...rest: unknown[]) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        callback(err, ...rest);
      });
    };
  }
  return store;
}

/** The session, Passport, the current user (re-read on every request) and the CSRF check. */
export function accountsSession(options: SessionOptions): RequestHandler[] {
  const store = bounded(
    MongoStore.create({
      client: options.mongo.getClient(),
      dbName: options.mongo.db?.databaseName,
      collectionName: "sessions",
      stringify: false, // queryable: disabling a user deletes "session.passport.user" = id
      ttl: SESSION_IDLE_MS / 1000,
      touchAfter: TOUCH_AFTER_S,
    }),
    STORE_BOUND_MS,
  );
  const sessionMiddleware = session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: "lax",
      secure: options.secureCookies,
      maxAge: SESSION_IDLE_MS,
      path: "/",
    },
  });

  const pp = new passport.Passport();
  pp.serializeUser<string>((user, done) => done(null, user.id));
  pp.deserializeUser<string>((id, done) => {
    options.accounts
      .findById(id)
      .then((u) => done(null, u && u.status === "active" ? sessionUserOf(u) : false), done);
  });
  // Passport's local strategy: the form's email and password, checked (and throttled) by the service.
  pp.use(
    "local",
    new LocalStrategy(
      { usernameField: "email", passwordField: "password", passReqToCallback: true, session: false },
      (req, email, password, done) => {
        options.accounts
          .authenticate(email, password, {
            ip: clientIp(req),
            deviceToken: cookieOf(req, DEVICE_COOKIE),
          })
          .then((result) => done(null, result.ok ? sessionUserOf(result.user) : false), done);
      },
    ),
  );
  const initialize = pp.initialize();
  const passportSession = pp.session() as RequestHandler;

  const anonymous = anonymousCsrf(options.secret, options.secureCookies);

  const withSession: RequestHandler = (req, res, next) => {
    (req as WithOpener)[AUTHENTICATOR] = pp;
    (req as WithOpener)[ANON_CSRF] = anonymous;
    if ((req.method === "GET" || req.method === "HEAD") && !hasSessionCookie(req)) {
      next();
      return;
    }
    sessionMiddleware(req, res, next);
  };

  const withUser: RequestHandler = (req, res, next) => {
    if (!req.session) {
      next();
      return;
    }
    const authAt = req.session.authAt;
    if (req.session.passport?.user && (!authAt || Date.now() - authAt > SESSION_ABSOLUTE_MS)) {
      // Absolute lifetime over: start again as an anonymous visitor.
      req.session.regenerate((err) => next(err));
      return;
    }
    initialize(req, res, (err?: unknown) => {
      if (err) return next(err);
      passportSession(req, res, (err2?: unknown) => {
        if (err2) return next(err2);
        const user = req.user;
        if (user) {
          res.locals.user = { id: user.id, name: user.name, email: user.email, role: user.role };
          if (req.session.twoFactorDue)
            res.locals.twoFactorDue = new Date(req.session.twoFactorDue).toISOString();
          // Nothing personal is kept by the browser's or a proxy's cache (the back button after
          // signing out, a shared computer). Public API answers may still say otherwise.
          res.setHeader("Cache-Control", "private, no-store");
          if (isLang(user.language) && !hasLangCookie(req)) {
            req.lang = user.language;
            req.t = translator(user.language);
          }
          // Signed-in pages always show forms (the logout button at least).
          res.locals.csrfToken = csrf.generateToken(req);
        }
        next();
      });
    });
  };

  const csrfCheck: RequestHandler = (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") {
      next();
      return;
    }
    const refuse = () => next(new ForbiddenError(req.t("accounts.csrf.invalid")));
    if (req.user) {
      if (!req.session || !csrf.isRequestValid(req)) return refuse();
      // A form shown again after this post (e.g. with errors) carries the same token.
      res.locals.csrfToken = csrf.generateToken(req);
      return next();
    }
    anonymous.valid(req, res, (ok) => {
      if (!ok) return refuse();
      anonymous.token(req, res, (token) => {
        res.locals.csrfToken = token;
        next();
      });
    });
  };

  return [withSession, withUser, csrfCheck];
}

/**
 * For pages that show a form to visitors who may not be signed in: puts a CSRF token in
 * res.locals.csrfToken (CsrfField reads it). Signed-in users already have their session's; anonymous
 * visitors get a signed double-submit token and no session.
 */
export const withCsrfToken: RequestHandler = (req, res, next) => {
  if (res.locals.csrfToken) return next();
  const anonymous = (req as WithOpener)[ANON_CSRF];
  if (!anonymous) return next(new Error("accountsSession() has not been mounted"));
  anonymous.token(req, res, (token) => {
    res.locals.csrfToken = token;
    // The page carries a token tied to this visitor's cookie: no shared cache may keep it.
    res.setHeader("Cache-Control", "private, no-store");
    next();
  });
};

/** Runs Passport's local strategy on the (already validated) body: the user, or false. */
export function authenticateLocal(req: Request, res: Response): Promise<Express.User | false> {
  const pp = (req as WithOpener)[AUTHENTICATOR];
  if (!pp) return Promise.reject(new Error("accountsSession() has not been mounted"));
  return new Promise((resolve, reject) => {
    const handler = pp.authenticate(
      "local",
      { session: false },
      (err: unknown, user: Express.User | false) => {
        if (err) reject(err instanceof Error ? err : new Error("authentication failed"));
        else resolve(user);
      },
    ) as RequestHandler;
    handler(req, res, (err?: unknown) => reject(err instanceof Error ? err : new Error(String(err))));
  });
}
