import express, { type Router } from "express";

import type { CheckResult, ReadinessCheck } from "../infra/health-check";
import { registerApiPaths } from "./openapi";

export type { CheckResult, ReadinessCheck };

const TIMEOUT_MS = 1500;

registerApiPaths({
  "/healthz": {
    get: {
      summary: "Liveness: the process answers",
      operationId: "healthz",
      tags: ["Service"],
      responses: { "200": { description: '{"status":"ok"}', content: { "application/json": {} } } },
    },
  },
  "/readyz": {
    get: {
      summary:
        "Readiness: MongoDB, Meilisearch and the indexer answer (for load balancers; people read /stato)",
      operationId: "readyz",
      tags: ["Service"],
      responses: {
        "200": { description: "Ready, with each check's result", content: { "application/json": {} } },
        "503": {
          description: "Not ready: `failing` names the checks that fail",
          content: { "application/json": {} },
        },
      },
    },
  },
});

/** Runs one readiness check with a time limit; never throws. */
export async function runCheck(check: ReadinessCheck): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      check.check(),
      new Promise<CheckResult>((resolve) => {
        timer = setTimeout(
          () => resolve({ ok: false, error: `no answer within ${TIMEOUT_MS} ms` }),
          TIMEOUT_MS,
        );
      }),
    ]);
    return { ...result, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz: the process is alive. /readyz: every dependency answers (503 naming the ones that do not). */
export function healthRouter(options: { checks: ReadinessCheck[]; isShuttingDown: () => boolean }): Router {
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const results = await Promise.all(options.checks.map(runCheck));
    const checks = Object.fromEntries(options.checks.map((c, i) => [c.name, results[i]]));
    const failing = options.checks.filter((_c, i) => !results[i]?.ok).map((c) => c.name);
    const shuttingDown = options.isShuttingDown();
    const ready = failing.length === 0 && !shuttingDown;
    res
      .status(ready ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json({
        status: ready ? "ok" : "unavailable",
        ...(shuttingDown ? { shuttingDown: true } : {}),
        ...(failing.length > 0 ? { failing } : {}),
        checks,
      });
  });
  return router;
}
