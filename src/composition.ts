// The composition root: builds every service from the infrastructure, once.
import type { Connection } from "mongoose";
import type { Config } from "./config";
import type { Logger } from "./infra/logger";
import type { Meilisearch } from "./infra/meili";
import { meiliHealth } from "./infra/meili";
import { mongoHealth } from "./infra/mongo";
import type { ReadinessCheck } from "./infra/health-check";

export interface Infra {
  config: Readonly<Config>;
  logger: Logger;
  mongo: Connection;
  meili: Meilisearch;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Services {}

export function createServices(_infra: Infra): Services {
  return {};
}

/** Starts background work (seeding on first start, the indexer...). */
export async function startServices(_infra: Infra, _services: Services): Promise<void> {}

/** Stops background work before connections close. */
export async function stopServices(_services: Services): Promise<void> {}

/** What /readyz checks. */
export function readinessChecks(infra: Infra, _services: Services): ReadinessCheck[] {
  return [
    { name: "mongodb", check: () => mongoHealth(infra.mongo) },
    { name: "meilisearch", check: () => meiliHealth(infra.meili) },
  ];
}
