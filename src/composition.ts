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
import { createTaxonomyService, type TaxonomyService } from "./modules/taxonomy/taxonomy.service";
import { createSearchModule, type SearchModule } from "./modules/search/search.module";

export interface Infra {
  config: Readonly<Config>;
  logger: Logger;
  mongo: Connection;
  meili: Meilisearch;
}

export interface Services extends AccountsServices {
  audit: AuditService;
  taxonomy: TaxonomyService;
  search: SearchModule;
}

export function createServices(infra: Infra): Services {
  const audit = createAuditService({ logger: infra.logger });
  const taxonomy = createTaxonomyService({ connection: infra.mongo });
  const search = createSearchModule({
    meili: infra.meili,
    prefix: infra.config.meiliIndexPrefix,
    logger: infra.logger,
    taxonomy,
  });
  return { audit, taxonomy, search, ...createAccountsServices(infra, audit) };
}

/** Starts background work (seeding on first start, the indexer...). */
export async function startServices(infra: Infra, services: Services): Promise<void> {
  await ensureDemoAccounts(infra, services.accounts);
  await services.search.start();
}

/** Stops background work before connections close. */
export async function stopServices(services: Services): Promise<void> {
  await services.search.stop();
}

/** What /readyz checks. */
export function readinessChecks(infra: Infra, services: Services): ReadinessCheck[] {
  return [
    { name: "mongodb", check: () => mongoHealth(infra.mongo) },
    { name: "meilisearch", check: () => meiliHealth(infra.meili) },
    services.search.readiness(),
  ];
}
