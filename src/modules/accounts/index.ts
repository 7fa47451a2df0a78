// The accounts module's entry: its services, wired once by the composition root, and who acts (roles,
// actors) for the other modules.
import type { Connection } from "mongoose";
import type { Config } from "../../config";
import type { Logger } from "../../infra/logger";
import type { Background } from "../../infra/background";
import type { Mailer } from "../../infra/mailer";
import type { AuditService } from "../audit/index";
import { createAccountsService, type AccountsCore } from "./accounts.service";
import { createLinksService, type LinksService } from "./links.service";
import { createTwoFactorService, type TwoFactorService } from "./two-factor.service";
import { createSignIn, type SignIn } from "./sign-in";
import { createOidcService, type OidcService } from "./oidc.service";

export { ROLES, SYSTEM_ACTOR, actorOf, type Actor, type Role } from "./actor";
export type { AccountsCore } from "./accounts.service";
export type { LinksService } from "./links.service";
export { ensureDemoAccounts } from "./demo";
export { SESSION_COOKIE, accountsSession, withCsrfToken } from "./session";
export { DEVICE_COOKIE } from "./device";
export { accountsRouter } from "./accounts.routes";
export { meRouter } from "./me.routes";
export { adminUsersRouter } from "./admin.routes";
export { twoFactorRouter } from "./two-factor.routes";
export { oidcRouter } from "./oidc.routes";
export type { TwoFactorService } from "./two-factor.service";
export type { SignIn } from "./sign-in";
export type { OidcService } from "./oidc.service";

export interface AccountsServices {
  accounts: AccountsCore;
  links: LinksService;
  twoFactor: TwoFactorService;
  /** The end of every way in: the second factor when due, then the session. */
  signIn: SignIn;
  /** Single sign-on, when an OpenID Connect provider is configured. */
  oidc: OidcService | undefined;
}

/** What the accounts services are built from (the composition root's infrastructure). */
export interface AccountsInfra {
  config: Readonly<Config>;
  logger: Logger;
  mongo: Connection;
}

/**
 * The accounts services; `mailer` and `background` (built by the composition root) send the invitation and
 * reset links after the answer.
 */
export function createAccountsServices(
  infra: AccountsInfra,
  audit: AuditService,
  mailer: Mailer,
  background: Background,
): AccountsServices {
  const baseUrl = infra.config.baseUrl;
  const accounts = createAccountsService({
    mongo: infra.mongo,
    audit,
    secret: infra.config.sessionSecret,
    notify: { mailer, background, baseUrl },
  });
  const links = createLinksService({ accounts, audit, mailer, background, baseUrl });
  const { config } = infra;
  const twoFactor = createTwoFactorService({
    audit,
    // A dedicated key (TWO_FACTOR_KEY, or generated into secrets.json), else one derived from the session secret.
    key: config.twoFactorKey ?? `2fa|${config.sessionSecret ?? ""}`,
    requiredRoles: config.twoFactorRequiredRoles,
    graceDays: config.twoFactorGraceDays,
    baseUrl,
  });
  const signIn = createSignIn({ accounts, twoFactor, secureCookies: config.secureCookies });
  const oidc = config.oidc ? createOidcService({ config: config.oidc, baseUrl, audit, accounts }) : undefined;
  return { accounts, links, twoFactor, signIn, oidc };
}
