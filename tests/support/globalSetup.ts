// Starts one real mongod (replica set) and one meilisearch for the whole test run, on free ports,
// with their data in a temporary directory. Test files get the addresses through the environment.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  findMeilisearch,
  findMongod,
  freePort,
  startMeilisearch,
  startMongod,
} from "../../src/infra/servers";
import type { SupervisedProcess } from "../../src/infra/child-process";

declare global {
  var __ATLANTE_TEST_SERVERS__: { dir: string; processes: SupervisedProcess[] } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlante-test-"));
  const masterKey = crypto.randomBytes(24).toString("base64url");
  const [mongoPort, meiliPort] = [await freePort(), await freePort()];
  const [mongo, meili] = await Promise.all([
    startMongod({
      bin: process.env.MONGOD_BIN || findMongod(),
      dbPath: path.join(dir, "mongodb"),
      port: mongoPort,
      logFile: path.join(dir, "mongod.log"),
      cacheSizeGB: 0.25,
    }),
    startMeilisearch({
      bin: process.env.MEILI_BIN || findMeilisearch(),
      dataDir: path.join(dir, "meilisearch"),
      port: meiliPort,
      masterKey,
      logFile: path.join(dir, "meilisearch.log"),
    }),
  ]);
  globalThis.__ATLANTE_TEST_SERVERS__ = { dir, processes: [mongo.process, meili.process] };
  process.env.ATLANTE_TEST_DIR = dir;
  process.env.ATLANTE_TEST_MONGO_URI = mongo.uri;
  process.env.ATLANTE_TEST_MEILI_URL = meili.url;
  process.env.ATLANTE_TEST_MEILI_KEY = masterKey;
}
