// Entry point: config -> infrastructure -> services -> createApp -> listen; graceful shutdown.
import http from "node:http";
import { createApp } from "./app";
import { createServices, readinessChecks, startServices, stopServices } from "./composition";
import { ConfigError, loadConfig, type Config } from "./config";
import { lockDataDir, startEmbedded, type Embedded } from "./infra/embedded";
import { createLogger, flushLogs, type Logger } from "./infra/logger";
import { createMeiliClient } from "./infra/meili";
import { connectMongo, disconnectMongo } from "./infra/mongo";
import { loadOrCreateSecrets } from "./infra/secrets";
import { keepAliveOnStrayErrors, strayErrorCount } from "./infra/process-guards";
import { EmbeddedStartError, isPortFree } from "./infra/servers";

const SHUTDOWN_GRACE_MS = 10_000;

/** Errors we can explain in one line: printed without a stack trace. */
class StartupError extends Error {}

function readConfig(): Readonly<Config> {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const problem of err.problems) process.stderr.write(`Invalid configuration: ${problem}\n`);
      process.exit(1);
    }
    throw err;
  }
}

function redactUri(uri: string): string {
  try {
    const u = new URL(uri);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable)";
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  keepAliveOnStrayErrors(logger);
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  };

  try {
    await start(config, logger, cleanups);
  } catch (err) {
    await cleanup();
    if (err instanceof StartupError || err instanceof EmbeddedStartError) {
      process.stderr.write(`Atlante could not start: ${err.message}\n`);
    } else {
      logger.fatal({ err }, "Atlante could not start");
    }
    await flushLogs(logger);
    process.exit(1);
  }

  async function start(config: Readonly<Config>, logger: Logger, cleanups: (() => Promise<void> | void)[]) {
    const embedded = config.embeddedMongo || config.embeddedMeili;
    if (!(await isPortFree(config.port, config.host ?? "0.0.0.0")) && config.port !== 0) {
      throw new StartupError(
        `port ${config.port} is already in use. Stop what uses it, or set PORT to another port.`,
      );
    }
    let sessionSecret = config.sessionSecret;
    let meiliKey = config.meiliMasterKey;
    let twoFactorKey = config.twoFactorKey;
    let servers: Embedded | undefined;
    if (embedded) {
      cleanups.push(lockDataDir(config.dataDir));
      const secrets = loadOrCreateSecrets(config.dataDir);
      sessionSecret ??= secrets.sessionSecret;
      twoFactorKey ??= secrets.twoFactorKey;
      if (config.embeddedMeili) meiliKey ??= secrets.meiliMasterKey;
      servers = await startEmbedded({
        dataDir: config.dataDir,
        mongo: config.embeddedMongo,
        meili: config.embeddedMeili,
        mongodBin: config.mongodBin,
        meiliBin: config.meiliBin,
        meiliMasterKey: meiliKey!,
        mongoAuth: { user: secrets.mongoUser, password: secrets.mongoPassword, key: secrets.mongoKey },
        logger,
      });
      const started = servers;
      cleanups.push(() => started.stop());
    }
    if (!sessionSecret) {
      throw new StartupError("SESSION_SECRET is not set (it is generated only for the embedded default)");
    }
    const mongoUri = config.mongodbUri ?? servers?.mongoUri;
    const meiliUrl = config.meiliUrl ?? servers?.meiliUrl;
    if (!mongoUri || !meiliUrl) throw new StartupError("no MongoDB or Meilisearch address");

    try {
      await connectMongo(mongoUri);
    } catch (err) {
      throw new StartupError(
        `cannot reach MongoDB at ${redactUri(mongoUri)}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    cleanups.push(() => disconnectMongo());
    const { default: mongoose } = await import("mongoose");
    const infra = {
      config: Object.freeze({ ...config, sessionSecret, meiliMasterKey: meiliKey, twoFactorKey }),
      logger,
      mongo: mongoose.connection,
      meili: createMeiliClient(meiliUrl, meiliKey),
    };
    const services = createServices(infra);
    await startServices(infra, services);
    cleanups.push(() => stopServices(services));

    let shuttingDown = false;
    const readiness = readinessChecks(infra, services);
    // Informational: stray errors are logged and survived, they do not make the app unready.
    readiness.push({
      name: "process",
      check: () => Promise.resolve({ ok: true, strayErrors: strayErrorCount() }),
    });
    if (servers) {
      const s = servers;
      readiness.push({
        name: "embedded",
        check: () => {
          const state = s.state();
          const ok = Object.values(state).every((v) => v === "running" || v === "external");
          return Promise.resolve({ ok, ...state });
        },
      });
    }
    const app = createApp({ ...infra, services, readiness, isShuttingDown: () => shuttingDown });
    const server = http.createServer(app);
    server.keepAliveTimeout = 5_000;
    // A client that sends its headers or its body too slowly (slowloris) is cut off; a 30 MB import on
    // a poor connection still has minutes. Answers are bounded by the request deadline (src/web/deadline.ts).
    server.headersTimeout = 20_000;
    server.requestTimeout = 10 * 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", (err: NodeJS.ErrnoException) =>
        reject(
          err.code === "EADDRINUSE"
            ? new StartupError(`port ${config.port} is already in use. Set PORT to another port.`)
            : err,
        ),
      );
      server.listen(config.port, config.host, resolve);
    });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info({ port, url: config.baseUrl, embedded }, `Atlante is ready at ${config.baseUrl}`);
    if (process.stdout.isTTY) process.stdout.write(`\nAtlante is ready: open ${config.baseUrl}\n\n`);

    const shutdown = async (signal: string) => {
      if (shuttingDown) {
        logger.warn({ signal }, "second signal: exiting now");
        process.exit(1); // children still stop: their watchdog sees our end
      }
      shuttingDown = true;
      logger.info({ signal }, "shutting down: finishing requests in flight");
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => {
        logger.warn("requests still open after the grace period: closing them");
        server.closeAllConnections();
      }, SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(force);
      await cleanup();
      logger.info("stopped");
      await flushLogs(logger);
      process.exit(0);
    };
    process.on("SIGINT", () => void shutdown("SIGINT"));
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
  }
}

void main();
