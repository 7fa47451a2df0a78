// The only reader of the environment: parsed once with zod into a typed, frozen object.
import path from "node:path";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
/** The roles of accounts (the same list as accounts' ROLES; config imports no module). */
const ROLE_NAMES = ["member", "coordinator", "admin"] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** Single sign-on with one OpenID Connect provider (all of it, or nothing, is configured). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  /** The sign-in button's text (the provider's name as users know it). */
  buttonLabel: string | undefined;
  /** What a first sign-in with an unknown verified e-mail does: create a member, or refuse. */
  newAccounts: "member" | "refuse";
}

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const port = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be a whole number from 0 to 65535, got "${v}"`,
        });
        return z.NEVER;
      }
      return n;
    });

const url = (name: string, protocols: string[]) =>
  optionalText.superRefine((v, ctx) => {
    if (v === undefined) return;
    let parsed: URL | undefined;
    try {
      parsed = new URL(v);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !protocols.includes(parsed.protocol) || (!parsed.hostname && !v.includes("@"))) {
      ctx.addIssue({
        code: "custom",
        message: `${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}, got "${v}"`,
      });
    }
  });

const secret = (name: string) =>
  optionalText.superRefine((v, ctx) => {
    if (v !== undefined && v.length < 16) {
      ctx.addIssue({ code: "custom", message: `${name} must be at least 16 characters long` });
    }
  });

const envSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      error: (i) => `NODE_ENV must be development, production or test, got "${String(i.input)}"`,
    })
    .default("development"),
  PORT: port("PORT", 3000),
  HOST: optionalText,
  BASE_URL: url("BASE_URL", ["http:", "https:"]),
  MONGODB_URI: url("MONGODB_URI", ["mongodb:", "mongodb+srv:"]),
  MEILI_URL: url("MEILI_URL", ["http:", "https:"]),
  MEILI_MASTER_KEY: secret("MEILI_MASTER_KEY"),
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/, "MEILI_INDEX_PREFIX must be 1-40 lowercase letters, digits or underscores")
    .default("atlante"),
  SESSION_SECRET: secret("SESSION_SECRET"),
  DATA_DIR: z.string().default("./data"),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, {
      error: (i) => `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${String(i.input)}"`,
    })
    .optional(),
  SMTP_URL: url("SMTP_URL", ["smtp:", "smtps:"]),
  MAIL_FROM: optionalText,
  MONGOD_BIN: optionalText,
  MEILI_BIN: optionalText,
  TRUST_PROXY: optionalText.superRefine((v, ctx) => {
    if (v !== undefined && !/^(true|false|\d{1,2})$/.test(v)) {
      ctx.addIssue({
        code: "custom",
        message: `TRUST_PROXY must be true, false or a number of hops, got "${v}"`,
      });
    }
  }),
  NOTES_TRUSTED_AFTER: optionalText.superRefine((v, ctx) => {
    if (v !== undefined && !/^\d{1,3}$/.test(v)) {
      ctx.addIssue({ code: "custom", message: `NOTES_TRUSTED_AFTER must be a whole number, got "${v}"` });
    }
  }),
  REQUEST_DEADLINE_MS: optionalText.superRefine((v, ctx) => {
    if (v !== undefined && !(/^\d{1,6}$/.test(v) && Number(v) >= 500 && Number(v) <= 600_000)) {
      ctx.addIssue({
        code: "custom",
        message: `REQUEST_DEADLINE_MS must be a whole number of milliseconds from 500 to 600000, got "${v}"`,
      });
    }
  }),
  DEMO_CONTENT: optionalText.superRefine((v, ctx) => {
    if (v !== undefined && !/^(true|false)$/.test(v)) {
      ctx.addIssue({ code: "custom", message: `DEMO_CONTENT must be true or false, got "${v}"` });
    }
  }),
  TWO_FACTOR_REQUIRED_ROLES: optionalText.superRefine((v, ctx) => {
    if (v === undefined || v === "none") return;
    const bad = v.split(",").filter((r) => !(ROLE_NAMES as readonly string[]).includes(r.trim()));
    if (bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `TWO_FACTOR_REQUIRED_ROLES must be "none" or a comma-separated list of ${ROLE_NAMES.join(", ")}, got "${v}"`,
      });
    }
  }),
  TWO_FACTOR_GRACE_DAYS: optionalText.superRefine((v, ctx) => {
    if (v !== undefined && !(/^\d{1,3}$/.test(v) && Number(v) <= 365)) {
      ctx.addIssue({
        code: "custom",
        message: `TWO_FACTOR_GRACE_DAYS must be a whole number of days from 0 to 365, got "${v}"`,
      });
    }
  }),
  TWO_FACTOR_KEY: secret("TWO_FACTOR_KEY"),
  OIDC_ISSUER: url("OIDC_ISSUER", ["http:", "https:"]),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_SCOPES: optionalText,
  OIDC_BUTTON_LABEL: optionalText.refine((v) => v === undefined || v.length <= 80, {
    message: "OIDC_BUTTON_LABEL must be at most 80 characters",
  }),
  OIDC_NEW_ACCOUNTS: optionalText.superRefine((v, ctx) => {
    if (v !== undefined && !/^(member|refuse)$/.test(v)) {
      ctx.addIssue({ code: "custom", message: `OIDC_NEW_ACCOUNTS must be member or refuse, got "${v}"` });
    }
  }),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  env: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string | undefined;
  baseUrl: string;
  /** true when BASE_URL is https: cookies get the Secure flag. */
  secureCookies: boolean;
  trustProxy: boolean | number;
  dataDir: string;
  logLevel: LogLevel;
  mongodbUri: string | undefined;
  meiliUrl: string | undefined;
  meiliMasterKey: string | undefined;
  meiliIndexPrefix: string;
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  mongodBin: string | undefined;
  meiliBin: string | undefined;
  /** Approved notes after which a member's notes are published without moderation. */
  notesTrustedAfter: number;
  /** Whether the embedded default should load demo content on first start. */
  demoContent: boolean;
  /** A response not started within this time becomes a 503 (a stalled database never hangs a request). */
  requestDeadlineMs: number;
  /** Roles that must use a second factor (after the grace period). */
  twoFactorRequiredRoles: readonly RoleName[];
  /** Days a user of a required role may still sign in without a second factor, from the first time asked. */
  twoFactorGraceDays: number;
  /** Encrypts TOTP secrets at rest; derived from the session secret when unset. */
  twoFactorKey: string | undefined;
  oidc: OidcConfig | undefined;
  /** Embedded default: no external MongoDB or Meilisearch configured. */
  embeddedMongo: boolean;
  embeddedMeili: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment into a Config, or throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "config");
      return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  if (isProduction) {
    const missing = (["SESSION_SECRET", "MEILI_MASTER_KEY"] as const).filter((k) => e[k] === undefined);
    if (missing.length > 0) {
      throw new ConfigError(missing.map((k) => `${k} must be set when NODE_ENV=production`));
    }
  }
  const oidcProblems = (["OIDC_ISSUER", "OIDC_CLIENT_ID"] as const).filter((k) => e[k] === undefined);
  if (oidcProblems.length === 1) {
    throw new ConfigError([
      `${oidcProblems[0]} must be set too: single sign-on needs OIDC_ISSUER and OIDC_CLIENT_ID`,
    ]);
  }
  if (isProduction && e.OIDC_ISSUER?.startsWith("http:")) {
    throw new ConfigError(["OIDC_ISSUER must be an https:// address when NODE_ENV=production"]);
  }
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const secureCookies = baseUrl.startsWith("https:");
  let trustProxy: boolean | number = secureCookies;
  if (e.TRUST_PROXY !== undefined) {
    trustProxy = e.TRUST_PROXY === "true" ? true : e.TRUST_PROXY === "false" ? false : Number(e.TRUST_PROXY);
  }
  const config: Config = {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    secureCookies,
    trustProxy,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info"),
    mongodbUri: e.MONGODB_URI,
    meiliUrl: e.MEILI_URL,
    meiliMasterKey: e.MEILI_MASTER_KEY,
    meiliIndexPrefix: e.MEILI_INDEX_PREFIX,
    sessionSecret: e.SESSION_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? "Atlante <noreply@atlante.invalid>",
    mongodBin: e.MONGOD_BIN,
    meiliBin: e.MEILI_BIN,
    notesTrustedAfter: e.NOTES_TRUSTED_AFTER === undefined ? 3 : Number(e.NOTES_TRUSTED_AFTER),
    demoContent: e.DEMO_CONTENT === undefined ? !isProduction : e.DEMO_CONTENT === "true",
    requestDeadlineMs: e.REQUEST_DEADLINE_MS === undefined ? 8000 : Number(e.REQUEST_DEADLINE_MS),
    twoFactorRequiredRoles:
      e.TWO_FACTOR_REQUIRED_ROLES === undefined
        ? isProduction
          ? ["coordinator", "admin"]
          : []
        : e.TWO_FACTOR_REQUIRED_ROLES === "none"
          ? []
          : [...new Set(e.TWO_FACTOR_REQUIRED_ROLES.split(",").map((r) => r.trim() as RoleName))],
    twoFactorGraceDays: e.TWO_FACTOR_GRACE_DAYS === undefined ? 7 : Number(e.TWO_FACTOR_GRACE_DAYS),
    twoFactorKey: e.TWO_FACTOR_KEY,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            scopes: e.OIDC_SCOPES ?? "openid email profile",
            buttonLabel: e.OIDC_BUTTON_LABEL,
            newAccounts: e.OIDC_NEW_ACCOUNTS === "refuse" ? "refuse" : "member",
          }
        : undefined,
    embeddedMongo: e.MONGODB_URI === undefined,
    embeddedMeili: e.MEILI_URL === undefined,
  };
  return Object.freeze(config);
}
