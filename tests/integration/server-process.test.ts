// `npm start` as a user runs it: the built server as a real process with the embedded mongod and meilisearch.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { findMongod, freePort, startMongod } from "../../src/infra/servers";

const ROOT = path.resolve(__dirname, "../..");
const SERVER = path.join(ROOT, "dist/src/server.js");

interface Run {
  proc: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

const runs: Run[] = [];
afterAll(async () => {
  for (const run of runs) run.proc.kill("SIGTERM");
  await Promise.all(runs.map((r) => r.exit));
});

// runtimeAdapters: the driver's own `await import("os")` fails inside Jest's sandbox (see TOOLCHAIN.md).
const mongoClient = (port: number, dir?: string) => {
  const secrets = dir
    ? (JSON.parse(fs.readFileSync(path.join(dir, "secrets.json"), "utf8")) as {
        mongoUser: string;
        mongoPassword: string;
      })
    : undefined;
  return new MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true`, {
    runtimeAdapters: { os },
    serverSelectionTimeoutMS: 3000,
    ...(secrets
      ? { auth: { username: secrets.mongoUser, password: secrets.mongoPassword }, authSource: "admin" }
      : {}),
  });
};

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

function startServer(env: NodeJS.ProcessEnv): Run {
  let output = "";
  const proc = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout.on("data", (d: Buffer) => (output += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const run = { proc, output: () => output, exit };
  runs.push(run);
  return run;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function processesUsing(dir: string): string[] {
  return execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(dir) && !line.includes("ps -eo"));
}

let dataDir: string;
beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, "scripts/build.cjs")], { cwd: ROOT });
  dataDir = fs.mkdtempSync(path.join(process.env.ATLANTE_TEST_DIR ?? os.tmpdir(), "server-"));
});

describe("the server process", () => {
  it("When PORT is not a number, then it prints one clear line and exits 1", async () => {
    const run = startServer({ PORT: "abc", DATA_DIR: dataDir });
    expect(await run.exit).toBe(1);
    expect(run.output().trim()).toBe(
      'Invalid configuration: PORT must be a whole number from 0 to 65535, got "abc"',
    );
  });

  it("When MONGODB_URI is nonsense, then it prints one clear line and exits 1", async () => {
    const run = startServer({ MONGODB_URI: "nonsense", DATA_DIR: dataDir });
    expect(await run.exit).toBe(1);
    const lines = run.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: MONGODB_URI must be a URL/);
  });

  it("When the port is taken, then it says so and starts nothing", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const run = startServer({ PORT: String(port), DATA_DIR: dataDir });
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain(`port ${port} is already in use`);
    blocker.close();
    expect(processesUsing(dataDir)).toEqual([]);
  });

  it("When an error escapes every handler, then it is logged and the process keeps running", async () => {
    const script = `
      const { keepAliveOnStrayErrors, strayErrorCount } = require(${JSON.stringify(path.join(ROOT, "dist/src/infra/process-guards.js"))});
      keepAliveOnStrayErrors(require("pino")());
      setTimeout(() => { throw new Error("thrown from a timer"); }, 10);
      const { EventEmitter } = require("node:events");
      setTimeout(() => new EventEmitter().emit("error", new Error("an emitter without listener")), 20);
      void Promise.reject(new Error("nobody awaited this"));
      setTimeout(() => { console.log("alive " + strayErrorCount().count); process.exit(0); }, 300);
    `;
    let output = "";
    const proc = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    proc.stdout.on("data", (d: Buffer) => (output += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
    expect(code).toBe(0);
    expect(output).toContain("alive 3");
    expect(output).toContain("an error escaped every handler");
    expect(output).toContain("an emitter without listener");
  });

  it("When started, killed children, stopped and started again, then it recovers, keeps its data and leaves no process", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { PORT: String(port), DATA_DIR: dataDir };
    const first = startServer(env);
    await waitFor(
      "the first start",
      async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined),
      30_000,
    );
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect(modeOf(path.join(dataDir, "secrets.json"))).toBe("600");
    // Other local users can neither enter the data directory nor read the logs...
    expect(modeOf(dataDir)).toBe("700");
    expect(modeOf(path.join(dataDir, "logs"))).toBe("700");
    expect(modeOf(path.join(dataDir, "logs", "mongod.log"))).toBe("600");
    expect(modeOf(path.join(dataDir, "mongodb.key"))).toBe("400");

    // Something written now must be there after a restart.
    const ports = JSON.parse(fs.readFileSync(path.join(dataDir, "embedded-ports.json"), "utf8")) as {
      mongod: number;
    };
    // ...nor read the database without the account from secrets.json.
    const stranger = mongoClient(ports.mongod);
    await expect(stranger.db("atlante").collection("users").findOne({})).rejects.toThrow(
      /authentication|Unauthorized|requires authentication/i,
    );
    await stranger.close();
    const client = mongoClient(ports.mongod, dataDir);
    await client.db("atlante").collection("survives").insertOne({ marker: "kept" });
    await client.close();

    // A second instance on the same data directory refuses to start and disturbs nothing.
    const second = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await second.exit).toBe(1);
    expect(second.output()).toMatch(/Another Atlante instance \(pid \d+\) is already running/);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    // Meilisearch dies: pages still render, /readyz says which part is missing, then it comes back.
    const meili = processesUsing(dataDir).find(
      (l) => /meilisearch --http-addr/.test(l) && !l.includes("atlante-supervisor"),
    );
    expect(meili).toBeDefined();
    process.kill(Number(meili!.trim().split(/\s+/)[0]), "SIGKILL");
    const down = await waitFor("readyz 503", async () => {
      const res = await fetch(`${base}/readyz`);
      return res.status === 503 ? ((await res.json()) as { failing: string[] }) : undefined;
    });
    expect(down.failing).toContain("meilisearch");
    expect((await fetch(`${base}/`)).status).toBe(200);
    await waitFor("meilisearch restarted", async () =>
      (await fetch(`${base}/readyz`)).ok ? true : undefined,
    );
    expect(first.output()).toContain("meilisearch exited unexpectedly");

    first.proc.kill("SIGINT");
    expect(await first.exit).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);

    const again = startServer(env);
    await waitFor(
      "the second start",
      async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined),
      30_000,
    );
    const check = mongoClient(ports.mongod, dataDir);
    expect(await check.db("atlante").collection("survives").findOne({ marker: "kept" })).not.toBeNull();
    await check.close();
    again.proc.kill("SIGTERM");
    expect(await again.exit).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 90_000);

  it("When a data directory from before authentication is started, then its data is kept and an account now guards it", async () => {
    const oldDir = fs.mkdtempSync(path.join(process.env.ATLANTE_TEST_DIR ?? os.tmpdir(), "server-old-"));
    const mongoPort = await freePort();
    const old = await startMongod({
      bin: findMongod(),
      dbPath: path.join(oldDir, "mongodb"),
      port: mongoPort,
      logFile: path.join(oldDir, "old-mongod.log"),
    });
    const before = mongoClient(mongoPort);
    await before.db("atlante").collection("survives").insertOne({ marker: "from before" });
    await before.close();
    await old.process.stop();
    fs.writeFileSync(path.join(oldDir, "embedded-ports.json"), JSON.stringify({ mongod: mongoPort }));

    const port = await freePort();
    const run = startServer({ PORT: String(port), DATA_DIR: oldDir });
    await waitFor(
      "the start on the old data directory",
      async () => ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok ? true : undefined),
      45_000,
    );
    const ports = JSON.parse(fs.readFileSync(path.join(oldDir, "embedded-ports.json"), "utf8")) as {
      mongod: number;
    };
    const owner = mongoClient(ports.mongod, oldDir);
    expect(
      await owner.db("atlante").collection("survives").findOne({ marker: "from before" }),
    ).not.toBeNull();
    await owner.close();
    const stranger = mongoClient(ports.mongod);
    await expect(stranger.db("atlante").collection("survives").findOne({})).rejects.toThrow();
    await stranger.close();
    run.proc.kill("SIGTERM");
    expect(await run.exit).toBe(0);
  }, 90_000);
});
