// Defect D4 of the trust issue: when MongoDB stalls (a frozen process answers nothing), every request
// answers a clear 503 within a few seconds, and the app recovers by itself once MongoDB is back.
// This file runs its own mongod: freezing the one the other test files share would stall them too.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { SupervisedProcess } from "../../src/infra/child-process";
import { findMongod, freePort, startMongod } from "../../src/infra/servers";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";

const env: NodeJS.ProcessEnv = { REQUEST_DEADLINE_MS: "2000" };
let mongod: SupervisedProcess | undefined;
let dbPath = "";

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(process.env.ATLANTE_TEST_DIR ?? "/tmp", "stall-"));
  dbPath = path.join(dir, "db");
  const started = await startMongod({
    bin: process.env.MONGOD_BIN || findMongod(),
    dbPath,
    port: await freePort(),
    logFile: path.join(dir, "mongod.log"),
    cacheSizeGB: 0.25,
  });
  mongod = started.process;
  env.MONGODB_URI = started.uri;
});

const ctx = useTestApp({ env });

afterAll(async () => {
  signalMongod("SIGCONT");
  await mongod?.stop();
});

/** Sends a signal to the mongod of this file (not its supervising shell). */
function signalMongod(signal: "SIGSTOP" | "SIGCONT"): void {
  const line = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n")
    .find((l) => l.includes(dbPath) && /\bmongod\b/.test(l) && !l.includes("sh -c"));
  if (line) process.kill(Number(line.trim().split(/\s+/)[0]), signal);
}

async function timed(run: () => Promise<{ status: number; headers: Record<string, string> }>) {
  const started = Date.now();
  const res = await run();
  return { status: res.status, retryAfter: res.headers["retry-after"], ms: Date.now() - started };
}

describe("when MongoDB stalls", () => {
  it("When mongod is frozen, then pages and APIs answer 503 within a few seconds, and work again once it is back", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const member = await loginAs(ctx, "member");
    expect((await coordinator.agent.get("/moderation/notes")).status).toBe(200);

    signalMongod("SIGSTOP");
    try {
      const results = await Promise.all([
        timed(() => ctx.agent().get("/login").set("accept", "text/html")),
        timed(() => ctx.agent().get("/projects").set("accept", "text/html")),
        timed(() => ctx.agent().get("/api/v1/projects")),
        timed(() => coordinator.agent.get("/moderation/notes").set("accept", "text/html")),
        timed(() => member.agent.get("/me").set("accept", "text/html")),
      ]);
      // The sign-in form needs no database (no session is opened for it): it still renders.
      const [login, ...rest] = results;
      expect(login.status).toBe(200);
      expect(login.ms).toBeLessThan(4000);
      for (const r of rest) {
        expect(r.status).toBe(503);
        expect(r.retryAfter).toBeDefined();
        expect(r.ms).toBeLessThan(4000);
      }
      const page = await ctx.agent().get("/projects").set("accept", "text/html");
      expect(page.text).toContain("Servizio non disponibile");
      const api = await ctx.agent().get("/api/v1/projects");
      expect(api.body.code).toBe("unavailable");
      // The process itself is alive and says so.
      expect((await ctx.agent().get("/healthz")).status).toBe(200);
    } finally {
      signalMongod("SIGCONT");
    }

    // Recovery needs nothing from anyone: within a few seconds everything answers again.
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await coordinator.agent.get("/moderation/notes")).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect((await ctx.agent().get("/login")).status).toBe(200);
    expect((await ctx.agent().get("/api/v1/projects")).status).toBe(200);
  }, 60_000);
});
