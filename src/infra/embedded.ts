// The embedded default: real mongod and meilisearch as children of the app, data under DATA_DIR.
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "./logger";
import {
  EmbeddedStartError,
  findMeilisearch,
  findMongod,
  freePort,
  isPortFree,
  startMeilisearch,
  startMongod,
  type StartedServer,
} from "./servers";
import type { SupervisedProcess } from "./child-process";

export interface EmbeddedOptions {
  dataDir: string;
  mongo: boolean;
  meili: boolean;
  mongodBin?: string;
  meiliBin?: string;
  meiliMasterKey: string;
  /** The embedded mongod's account and internal key (from the data directory's secrets.json). */
  mongoAuth: { user: string; password: string; key: string };
  logger: Logger;
  /** First restart delay after a crash; doubles up to a minute. */
  restartDelayMs?: number;
}

export type ChildState = "running" | "restarting" | "stopped" | "external";

export interface Embedded {
  mongoUri?: string;
  meiliUrl?: string;
  state(): { mongod: ChildState; meilisearch: ChildState };
  stop(): Promise<void>;
}

interface PortsFile {
  mongod?: number;
  meilisearch?: number;
}

const LOCK = "atlante.lock";
const PORTS = "embedded-ports.json";

/** Refuses to run twice on one data directory; returns a release function. */
export function lockDataDir(dataDir: string): () => void {
  privateDir(dataDir);
  const file = path.join(dataDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx", 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(fs.readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new EmbeddedStartError(
          `Another Atlante instance (pid ${pid}) is already running with the data directory ${dataDir}. ` +
            "Stop it first (Ctrl-C in its terminal), or give this one another DATA_DIR.",
        );
      }
      fs.unlinkSync(file); // left by an instance that was killed: take over
    }
  }
  throw new EmbeddedStartError(`Could not lock the data directory ${dataDir}`);
}

/** A directory only this user can enter (databases, secrets, logs and mails live under DATA_DIR). */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** mongod refuses a key file that others can read; it is rewritten from secrets.json at every start. */
function writeKeyFile(file: string, key: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    // not there yet
  }
  fs.writeFileSync(file, key, { mode: 0o600 });
  fs.chmodSync(file, 0o400);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A killed predecessor's server may still be shutting down (its watchdog stops it): give it time. */
async function waitForStaleMongod(dbPath: string): Promise<void> {
  const lock = path.join(dbPath, "mongod.lock");
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    let pid: number;
    try {
      pid = Number(fs.readFileSync(lock, "utf8").trim());
    } catch {
      return;
    }
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new EmbeddedStartError(
    `A mongod process is still using ${dbPath}. Stop it (it may belong to an earlier Atlante) and start again.`,
  );
}

async function pickPort(preferred: number | undefined): Promise<number> {
  if (preferred && (await isPortFree(preferred))) return preferred;
  return freePort();
}

/** Starts the servers that are not configured externally; resolves once both are healthy. */
export async function startEmbedded(options: EmbeddedOptions): Promise<Embedded> {
  const { dataDir, logger } = options;
  privateDir(dataDir);
  const logs = path.join(dataDir, "logs");
  privateDir(logs);
  const keyFile = path.join(dataDir, "mongodb.key");
  if (options.mongo) writeKeyFile(keyFile, options.mongoAuth.key);
  const portsFile = path.join(dataDir, PORTS);
  let ports: PortsFile;
  try {
    ports = JSON.parse(fs.readFileSync(portsFile, "utf8")) as PortsFile;
  } catch {
    ports = {};
  }
  // Resolve binaries first, so a missing one is reported before anything starts.
  const mongodBin = options.mongo ? findMongod(options.mongodBin) : undefined;
  const meiliBin = options.meili ? findMeilisearch(options.meiliBin) : undefined;

  const mongoDbPath = path.join(dataDir, "mongodb");
  const [mongoPort, meiliPort] = await Promise.all([
    options.mongo ? pickPort(ports.mongod) : undefined,
    options.meili ? pickPort(ports.meilisearch) : undefined,
  ]);
  if (options.mongo) await waitForStaleMongod(mongoDbPath);

  const startMongo = () =>
    startMongod({
      bin: mongodBin!,
      dbPath: mongoDbPath,
      port: mongoPort!,
      logFile: path.join(logs, "mongod.log"),
      auth: { user: options.mongoAuth.user, password: options.mongoAuth.password, keyFile },
    });
  const startMeili = () =>
    startMeilisearch({
      bin: meiliBin!,
      dataDir: path.join(dataDir, "meilisearch"),
      port: meiliPort!,
      masterKey: options.meiliMasterKey,
      logFile: path.join(logs, "meilisearch.log"),
    });

  const results = await Promise.allSettled([
    options.mongo ? startMongo() : undefined,
    options.meili ? startMeili() : undefined,
  ]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  const started = results.flatMap((r) => (r.status === "fulfilled" && r.value ? [r.value] : []));
  if (failed) {
    await Promise.all(started.map((s) => s.process.stop()));
    throw failed.reason;
  }
  fs.writeFileSync(portsFile, JSON.stringify({ mongod: mongoPort, meilisearch: meiliPort }));

  const mongo = results[0].status === "fulfilled" ? results[0].value : undefined;
  const meili = results[1].status === "fulfilled" ? results[1].value : undefined;
  const supervisors = [
    mongo && supervise("mongod", mongo, startMongo, options),
    meili && supervise("meilisearch", meili, startMeili, options),
  ];
  logger.info(
    { mongod: mongo?.port, meilisearch: meili?.port, dataDir },
    "embedded servers ready (data kept under the data directory)",
  );
  return {
    mongoUri: mongo?.uri,
    meiliUrl: meili?.url,
    state: () => ({
      mongod: supervisors[0]?.state() ?? "external",
      meilisearch: supervisors[1]?.state() ?? "external",
    }),
    stop: async () => {
      await Promise.all(supervisors.map((s) => (s ? s.stop() : Promise.resolve())));
    },
  };
}

/** Restarts a crashed server with exponential backoff; logs every crash. */
function supervise(
  name: string,
  initial: StartedServer,
  restart: () => Promise<StartedServer>,
  options: EmbeddedOptions,
) {
  let current: SupervisedProcess = initial.process;
  let state: ChildState = "running";
  let delay = options.restartDelayMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;

  const watch = (proc: SupervisedProcess) => {
    proc.onUnexpectedExit = (code) => {
      state = "restarting";
      options.logger.error(
        { server: name, code, retryInMs: delay },
        `${name} exited unexpectedly; restarting`,
      );
      timer = setTimeout(() => void attempt(), delay);
      delay = Math.min(delay * 2, 60_000);
    };
  };
  const attempt = async () => {
    timer = undefined;
    if (state === "stopped") return;
    try {
      const started = await restart();
      if ((state as ChildState) === "stopped") {
        await started.process.stop();
        return;
      }
      current = started.process;
      state = "running";
      delay = options.restartDelayMs ?? 2_000;
      watch(current);
      options.logger.warn({ server: name }, `${name} restarted`);
    } catch (err) {
      options.logger.error({ server: name, err, retryInMs: delay }, `${name} could not be restarted`);
      timer = setTimeout(() => void attempt(), delay);
      delay = Math.min(delay * 2, 60_000);
    }
  };
  watch(current);
  return {
    state: () => state,
    stop: async () => {
      state = "stopped";
      if (timer) clearTimeout(timer);
      await current.stop();
    },
  };
}
