// Shared helpers of the benchmark scripts: real processes, real servers, numbers printed.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ROOT_DIR } from "../../src/paths";
import { startEmbedded } from "../../src/infra/embedded";
import { createLogger } from "../../src/infra/logger";
import { loadOrCreateSecrets } from "../../src/infra/secrets";
import { freePort } from "../../src/infra/servers";
import { JobRunner } from "../../src/infra/jobs";
import { createMeiliClient } from "../../src/infra/meili";
import { createProjectQueries } from "../../src/modules/projects/project.queries";
import { createSearchModule } from "../../src/modules/search/search.module";
import { createTaxonomyService, type TaxonomyService } from "../../src/modules/taxonomy/taxonomy.service";
import { searchSources } from "../../src/composition";
import type mongoose from "mongoose";

export const SERVER_JS = path.join(ROOT_DIR, "dist/src/server.js");

export interface ServerRun {
  proc: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

/** Embedded mongod and meilisearch in a temporary directory for one suite; `servers.stop()` removes it all. */
export async function startBenchServers(name: string) {
  const dataDir = tempDir(name);
  const logger = createLogger("warn");
  const secrets = loadOrCreateSecrets(dataDir);
  const meiliKey = secrets.meiliMasterKey;
  const embedded = await startEmbedded({
    dataDir,
    mongo: true,
    meili: true,
    meiliMasterKey: meiliKey,
    mongoAuth: { user: secrets.mongoUser, password: secrets.mongoPassword, key: secrets.mongoKey },
    logger,
  });
  const servers = {
    ...embedded,
    stop: async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return { logger, meiliKey, servers };
}

export type BenchServers = Awaited<ReturnType<typeof startBenchServers>>;

/** The prefix of the indexes a suite builds before its app starts (pass it to `startAppOn`). */
export const BENCH_PREFIX = "bench_";

/**
 * Builds every search index (projects, notes, reports, recommendations) from the database before the app
 * starts: otherwise the app's first settings check rebuilds them while the suite measures, and the
 * measurement shares the CPU with indexing the whole catalogue.
 */
export async function buildIndexes(
  bench: BenchServers,
  connection: mongoose.Connection,
): Promise<TaxonomyService> {
  const taxonomy = createTaxonomyService({ connection });
  await createSearchModule({
    meili: createMeiliClient(bench.servers.meiliUrl!, bench.meiliKey),
    prefix: BENCH_PREFIX,
    logger: bench.logger,
    taxonomy,
    sources: searchSources(taxonomy, createProjectQueries({ taxonomy })),
    jobs: new JobRunner({ logger: bench.logger }), // never started: only its rebuild is used
  }).reindex();
  return taxonomy;
}

/**
 * The built app on a suite's servers, in its own data directory (removed when it stops), with the
 * settings every measured run uses; `env` adds or overrides variables.
 */
export async function startAppOn(
  bench: BenchServers,
  name: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ServerRun & { readyMs: number }> {
  const dataDir = tempDir(`${name}-app`);
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  try {
    const run = await startProcess(
      [SERVER_JS],
      {
        DATA_DIR: dataDir,
        MONGODB_URI: bench.servers.mongoUri,
        MEILI_URL: bench.servers.meiliUrl,
        MEILI_MASTER_KEY: bench.meiliKey,
        SESSION_SECRET: crypto.randomBytes(24).toString("hex"),
        LOG_LEVEL: "warn",
        DEMO_CONTENT: "false",
        ...env,
      },
      await freePort(),
    );
    return {
      ...run,
      stop: async () => {
        await run.stop();
        removeDir();
      },
    };
  } catch (err) {
    removeDir();
    throw err;
  }
}

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `atlante-bench-${name}-`));
}

export async function waitForOk(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
}

/** Starts `node <script>` with env, stdout/stderr to a log file; resolves once `readyPath` answers 200. */
export async function startProcess(
  script: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  readyPath = "/readyz",
): Promise<ServerRun & { readyMs: number }> {
  const log = fs.openSync(path.join(os.tmpdir(), `atlante-bench-${port}.log`), "w");
  const started = performance.now();
  // BENCH_NODE_ARGS adds options to the measured server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, ...script], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", log, log],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForOk(`${base}${readyPath}`);
  const readyMs = performance.now() - started;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  return {
    proc,
    base,
    readyMs,
    stop: async () => {
      proc.kill("SIGTERM");
      await exited;
    },
  };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

/** An autocannon run's numbers; percentiles in ms. */
export function loadResultOf(result: autocannon.Result): LoadResult {
  const latency = result.latency as unknown as Record<string, number>;
  return {
    rps: Math.round(result.requests.average),
    p50: latency.p50 ?? NaN,
    p95: latency.p97_5 ?? NaN, // autocannon reports p97.5, not p95: the stricter of the two
    p99: latency.p99 ?? NaN,
    errors: result.errors,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

/** Drives a URL with autocannon for `seconds` at `connections`. */
export async function load(
  url: string,
  connections: number,
  seconds: number,
  headers = {},
): Promise<LoadResult> {
  return loadResultOf(await autocannon({ url, connections, duration: seconds, headers }));
}

/** A run against its p95 target, as the suites print it. */
export function targetLine(r: LoadResult, target: number): string {
  return `p50 ${r.p50} ms, p95 ${r.p95} ms (target < ${target}: ${r.p95 < target ? "met" : "MISSED"}), ${r.rps} req/s, ${r.errors} errors, ${r.non2xx} non-2xx`;
}

/** The p-th percentile of the values (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

export function report(title: string, rows: Record<string, string | number>): void {
  console.log(`\n## ${title}`);
  for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(48)} ${v}`);
}

/** Signs in through the login form; the session cookie (and the CSRF cookie) to send afterwards. */
export async function loginCookie(base: string, email: string, password: string): Promise<string> {
  const cookieOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  const page = await fetch(`${base}/login`);
  const cookie = cookieOf(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`login answered ${res.status}`);
  return cookieOf(res) || cookie;
}
