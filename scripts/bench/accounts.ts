// Issue 3: argon2id cost per login hash, login latency, and home-page latency while 10 logins run.
// argon2 runs on libuv's threadpool (4 threads by default), so hashing does not block the event loop.
import fs from "node:fs";
import path from "node:path";
import argon2 from "argon2";
import { ARGON2_OPTIONS } from "../../src/modules/accounts/password";
import { freePort } from "../../src/infra/servers";
import { report, SERVER_JS, startProcess, tempDir, percentile } from "./util";

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function login(base: string, email: string, password: string): Promise<number> {
  const page = await fetch(`${base}/login`);
  const cookie = cookieOf(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const started = performance.now();
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`login answered ${res.status}`);
  return performance.now() - started;
}

async function homeLatencies(base: string, until: () => boolean): Promise<number[]> {
  const out: number[] = [];
  while (!until()) {
    const started = performance.now();
    const res = await fetch(`${base}/`, { headers: { "accept-encoding": "gzip" } });
    await res.arrayBuffer();
    out.push(performance.now() - started);
  }
  return out;
}

export async function benchAccounts(seconds: number): Promise<void> {
  const hashes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await argon2.hash(`bench password number ${i}`, ARGON2_OPTIONS);
    hashes.push(performance.now() - started);
  }

  const dataDir = tempDir("accounts");
  const port = await freePort();
  const app = await startProcess(
    [SERVER_JS],
    { DATA_DIR: dataDir, LOG_LEVEL: "warn", DEMO_CONTENT: "true" },
    port,
  );
  try {
    const demo = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-accounts.json"), "utf8")) as {
      accounts: { role: string; email: string; password: string }[];
    };
    const member = demo.accounts.find((a) => a.role === "member")!;
    const sequential: number[] = [];
    for (let i = 0; i < 10; i++) sequential.push(await login(app.base, member.email, member.password));
    const idleHome = await homeLatencies(
      app.base,
      (
        (end) => () =>
          performance.now() > end
      )(performance.now() + 2000),
    );

    let running = true;
    const concurrent: number[] = [];
    const loginLoops = Array.from({ length: 10 }, async () => {
      while (running) concurrent.push(await login(app.base, member.email, member.password));
    });
    const busyHome = await homeLatencies(
      app.base,
      (
        (end) => () =>
          performance.now() > end
      )(performance.now() + seconds * 1000),
    );
    running = false;
    await Promise.all(loginLoops);

    report("Accounts (issue 3)", {
      [`argon2id m=${ARGON2_OPTIONS.memoryCost} KiB t=${ARGON2_OPTIONS.timeCost} p=1, one hash (ms)`]: `median ${percentile(hashes, 50).toFixed(1)}, p95 ${percentile(hashes, 95).toFixed(1)}`,
      "  target": "50-300 ms per login of hashing (cost not weakened)",
      "login POST alone, sequential (ms)": `median ${percentile(sequential, 50).toFixed(1)}`,
      "logins while 10 run at once (ms)": `median ${percentile(concurrent, 50).toFixed(1)}, p95 ${percentile(concurrent, 95).toFixed(1)} (n=${concurrent.length})`,
      "home p95, idle (ms)": `${percentile(idleHome, 95).toFixed(1)} (n=${idleHome.length})`,
      "home p50 / p95 during 10 concurrent logins (ms)": `${percentile(busyHome, 50).toFixed(1)} / ${percentile(busyHome, 95).toFixed(1)} (n=${busyHome.length})`,
      "  target ": "p95 < 50 ms",
      UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? "4 (default)",
    });
  } finally {
    await app.stop();
  }
}
