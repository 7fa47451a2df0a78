// For command-line tools (create-admin, seed-demo, import, reindex...): the configured servers, or the
// embedded ones started on the data directory, which must not be in use by a running Atlante.
import type { Connection } from "mongoose";
import type { Config } from "../config";
import { lockDataDir, startEmbedded, type Embedded } from "./embedded";
import type { Logger } from "./logger";
import { connectMongo, disconnectMongo } from "./mongo";
import { loadOrCreateSecrets } from "./secrets";

export interface CliServers {
  mongo: Connection;
  /** Set when the tool asked for Meilisearch. */
  meiliUrl: string | undefined;
  meiliKey: string | undefined;
}

/**
 * Connects MongoDB (and provides Meilisearch when `meili`), runs `fn`, then disconnects and stops what it
 * started. A data directory in use is reported through `busy`, so each tool keeps its own exit code.
 */
export async function withCliServers<T>(
  config: Readonly<Config>,
  options: { logger: Logger; meili: boolean; busy: (message: string) => Error },
  fn: (servers: CliServers) => Promise<T>,
): Promise<T> {
  let mongoUri = config.mongodbUri;
  let meiliUrl = options.meili ? config.meiliUrl : undefined;
  let meiliKey = config.meiliMasterKey;
  let embedded: Embedded | undefined;
  let release: (() => void) | undefined;
  try {
    if (!mongoUri || (options.meili && !meiliUrl)) {
      try {
        release = lockDataDir(config.dataDir);
      } catch (err) {
        throw options.busy(
          `${err instanceof Error ? err.message : String(err)}\nStop Atlante first (it uses ${config.dataDir}), ` +
            "or set MONGODB_URI (and MEILI_URL) to the servers it uses.",
        );
      }
      const secrets = loadOrCreateSecrets(config.dataDir);
      if (options.meili && !meiliUrl) meiliKey ??= secrets.meiliMasterKey;
      embedded = await startEmbedded({
        dataDir: config.dataDir,
        mongo: !mongoUri,
        meili: options.meili && !meiliUrl,
        mongodBin: config.mongodBin,
        meiliBin: config.meiliBin,
        meiliMasterKey: meiliKey ?? secrets.meiliMasterKey,
        mongoAuth: { user: secrets.mongoUser, password: secrets.mongoPassword, key: secrets.mongoKey },
        logger: options.logger,
      });
      mongoUri ??= embedded.mongoUri;
      meiliUrl ??= embedded.meiliUrl;
    }
    const mongo = await connectMongo(mongoUri!);
    return await fn({ mongo, meiliUrl, meiliKey });
  } finally {
    await disconnectMongo().catch(() => undefined);
    await embedded?.stop();
    release?.();
  }
}
