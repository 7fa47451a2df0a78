// Issue 2: start-to-ready time with the embedded servers, home page throughput against bare Express, idle RSS.
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../src/infra/servers";
import { load, report, rssMb, SERVER_JS, startProcess, tempDir } from "./util";

const HELLO = `
const express = require("express");
const app = express();
app.get("/", (_req, res) => { res.send("hello world"); });
app.listen(Number(process.env.PORT), "127.0.0.1");
app.get("/readyz", (_req, res) => { res.send("ok"); });
`;

export async function benchShell(seconds: number): Promise<void> {
  const dataDir = tempDir("shell");
  // First start creates the data directory (replica set initiation); the target is for later starts.
  const warm = await startProcess(
    [SERVER_JS],
    { DATA_DIR: dataDir, LOG_LEVEL: "info", DEMO_CONTENT: "false" },
    await freePort(),
  );
  await warm.stop();
  const port = await freePort();
  const app = await startProcess(
    [SERVER_JS],
    { DATA_DIR: dataDir, LOG_LEVEL: "info", DEMO_CONTENT: "false" },
    port,
  );
  await new Promise((r) => setTimeout(r, 2000));
  const idleRss = rssMb(app.proc.pid!);
  await load(`${app.base}/`, 10, 1); // warm-up
  const home = await load(`${app.base}/`, 50, seconds, {
    "accept-encoding": "gzip",
    "accept-language": "it",
  });
  await app.stop();

  const helloFile = path.join(dataDir, "hello.cjs");
  fs.writeFileSync(helloFile, HELLO);
  const hello = await startProcess(
    [helloFile],
    { NODE_PATH: path.resolve("node_modules") },
    await freePort(),
  );
  await load(`${hello.base}/`, 10, 1);
  const bare = await load(`${hello.base}/`, 50, seconds);
  await hello.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });

  report("Foundation (issue 2)", {
    "start to ready, embedded servers (ms)": Math.round(app.readyMs),
    "  target": "< 10000 ms",
    "idle RSS of the app process (MB)": idleRss,
    "  target ": "< 150 MB",
    "bare Express hello world, 50 conn (req/s)": bare.rps,
    "home page, 50 conn, gzip, info logs (req/s)": home.rps,
    "home page p50 / p97.5 / p99 (ms)": `${home.p50} / ${home.p95} / ${home.p99}`,
    "home page errors / non-2xx": `${home.errors} / ${home.non2xx}`,
    "home / hello ratio": `${Math.round((home.rps / bare.rps) * 100)}% (target >= 40%)`,
  });
}
