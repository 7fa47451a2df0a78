// The accounts module's entry: its services, wired once by the composition root, and who acts (roles,
// actors) for the other modules.
import type { Connection } from "mongoose";
import type { Config } from "../../config";
import type { Logger } from "../../infra/logger";
import { createMailer, type Mailer } from "../../infra/mailer";
import type { AuditService } from "../audit/index";
import { createAccountsService, type AccountsCore } from "./accounts.service";
import { createLinksService, type LinksService } from "./links.service";

export { ROLES, SYSTEM_ACTOR, actorOf, type Actor, type Role } from "./actor";
export type { AccountsCore } from "./accounts.service";
export type { LinksService } from "./links.service";
export { ensureDemoAccounts } from "./demo";
export { SESSION_COOKIE, accountsSession, withCsrfToken } from "./session";
export { accountsRouter } from "./accounts.routes";
export { meRouter } from "./me.routes";
export { adminUsersRouter } from "./admin.routes";

export interface AccountsServices {
  accounts: AccountsCore;
  links: LinksService;
  mailer: Mailer;
}

/** What the accounts services are built from (the composition root's infrastructure). */
export interface AccountsInfra {
  config: Readonly<Config>;
  logger: Logger;
  mongo: Connection;
}

export function createAccountsServices(infra: AccountsInfra, audit: AuditService): AccountsServices {
  const mailer = createMailer(infra.config, infra.logger);
  const accounts = createAccountsService({ mongo: infra.mongo, audit });
  const links = createLinksService({
    accounts,
    audit,
    mailer,
    logger: infra.logger,
    baseUrl: infra.config.baseUrl,
  });
  return { accounts, links, mailer };
}
