// The composition root: builds every service from the infrastructure, once.
import type { Connection } from "mongoose";
import type { Config } from "./config";
import type { Logger } from "./infra/logger";
import type { Meilisearch } from "./infra/meili";
import { meiliHealth } from "./infra/meili";
import { mongoHealth } from "./infra/mongo";
import type { ReadinessCheck } from "./infra/health-check";
import { createAuditService, type AuditService } from "./modules/audit/audit.service";
import { createAccountsServices, type AccountsServices } from "./modules/accounts/index";
import { ensureDemoAccounts } from "./modules/accounts/demo";

export interface Infra {
  config: Readonly<Config>;
  logger: Logger;
  mongo: Connection;
  meili: Meilisearch;
}

export interface Services extends AccountsServices {
  audit: AuditService;
}

export function createServices(infra: Infra): Services {
  const audit = createAuditService({ logger: infra.logger });
  return { audit, ...createAccountsServices(infra, audit) };
}

/** Starts background work (seeding on first start, the indexer...). */
export async function startServices(infra: Infra, services: Services): Promise<void> {
  await ensureDemoAccounts(infra, services.accounts);
}

/** Stops background work before connections close. */
export async function stopServices(_services: Services): Promise<void> {}

/** What /readyz checks. */
export function readinessChecks(infra: Infra, _services: Services): ReadinessCheck[] {
  return [
    { name: "mongodb", check: () => mongoHealth(infra.mongo) },
    { name: "meilisearch", check: () => meiliHealth(infra.meili) },
  ];
}
