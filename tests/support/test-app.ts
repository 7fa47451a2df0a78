// Gives a test file the real app on real MongoDB and Meilisearch (started once per run by globalSetup),
// with its own database and index prefix, emptied before each test.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Express } from "express";
import supertest from "supertest";
import { createApp } from "../../src/app";
import {
  createServices,
  readinessChecks,
  startServices,
  stopServices,
  type Infra,
  type Services,
  forgetCaches,
} from "../../src/composition";
import { loadConfig, type Config } from "../../src/config";
import { createLogger } from "../../src/infra/logger";
import { createMeiliClient } from "../../src/infra/meili";
import { connectMongo, disconnectMongo } from "../../src/infra/mongo";
import type { ReadinessCheck } from "../../src/infra/health-check";
import { waitForTask } from "../../src/modules/search/meili-tasks";

export interface TestContext {
  app: Express;
  infra: Infra;
  services: Services;
  config: Readonly<Config>;
  readiness: ReadinessCheck[];
  /** A fresh supertest agent (its own cookie jar). */
  agent(): supertest.Agent;
  /** Empties every collection and deletes this file's Meilisearch indexes. */
  reset(): Promise<void>;
}

/** Test-only environment overrides, merged over the defaults below. */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): Readonly<Config> {
  if (!process.env.ATLANTE_TEST_MONGO_URI) {
    throw new Error(
      "No test servers: a test that needs MongoDB and Meilisearch belongs in tests/integration or tests/e2e, " +
        "whose Jest projects start them (tests/unit runs without).",
    );
  }
  const id = `${process.env.JEST_WORKER_ID ?? "0"}_${crypto.randomBytes(4).toString("hex")}`;
  const dataDir = path.join(process.env.ATLANTE_TEST_DIR ?? "/tmp", `app_${id}`);
  fs.mkdirSync(dataDir, { recursive: true });
  return loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    MONGODB_URI: process.env.ATLANTE_TEST_MONGO_URI,
    MEILI_URL: process.env.ATLANTE_TEST_MEILI_URL,
    MEILI_MASTER_KEY: process.env.ATLANTE_TEST_MEILI_KEY,
    MEILI_INDEX_PREFIX: `t${id}`,
    SESSION_SECRET: crypto.randomBytes(24).toString("base64url"),
    DATA_DIR: dataDir,
    DEMO_CONTENT: "false",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    // Tests share two busy cores: a slow answer is not a stalled database. The deadline has its own tests.
    REQUEST_DEADLINE_MS: "60000",
    ...overrides,
  });
}

/** Registers beforeAll/beforeEach/afterAll hooks; read the context inside tests. */
export function useTestApp(
  options: { env?: NodeJS.ProcessEnv; resetBeforeEach?: boolean } = {},
): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    const config = testConfig(options.env);
    const dbName = `atlante_${config.meiliIndexPrefix}`;
    const mongo = await connectMongo(config.mongodbUri!, { dbName });
    const infra: Infra = {
      config,
      logger: createLogger(config.logLevel),
      mongo,
      meili: createMeiliClient(config.meiliUrl!, config.meiliMasterKey),
    };
    const services = createServices(infra);
    await startServices(infra, services);
    const readiness = readinessChecks(infra, services);
    Object.assign(ctx, {
      config,
      infra,
      services,
      readiness,
      app: createApp({ ...infra, services, readiness }),
      agent: () => supertest.agent(ctx.app),
      reset: async () => {
        // Work a previous test left running after its answer (mails, join requests) ends first.
        await services.background.settled();
        // Not system collections: system.profile (a test that reads the profiler) cannot be written to.
        const collections = (await mongo.db!.collections()).filter(
          (c) => !c.collectionName.startsWith("system."),
        );
        await Promise.all(collections.map((c) => c.deleteMany({})));
        await deleteIndexes(infra);
        // The app's in-memory caches (pages, projects, related lists, notes sections) would outlive the data.
        forgetCaches(services);
      },
    } satisfies TestContext);
  });
  if (options.resetBeforeEach !== false) {
    beforeEach(async () => {
      await ctx.reset();
    });
  }
  afterAll(async () => {
    if (!ctx.infra) return;
    await stopServices(ctx.services);
    await deleteIndexes(ctx.infra);
    await ctx.infra.mongo.db?.dropDatabase();
    await disconnectMongo();
  });
  return ctx;
}

async function deleteIndexes(infra: Infra): Promise<void> {
  const prefix = infra.config.meiliIndexPrefix;
  const { results } = await infra.meili.getIndexes({ limit: 1000 });
  const mine = results.filter((i) => i.uid.startsWith(prefix));
  await Promise.all(
    mine.map(async (i) => waitForTask(infra.meili, (await infra.meili.deleteIndex(i.uid)).taskUid, 120_000)),
  );
}
