// Issue 13 (reports): with the benchmark dataset (N projects, 100,000 by default, and 20,000 notes) and a
// published report citing 200 notes, the report's public page at 20 clients against a bare Express
// "hello world" on the same run (target: at least 30% of its req/s), and the time to make that report's
// PDF (target < 3 s). REPORTS_BENCH_CITES sets how many notes the report cites (default 200).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { connectMongo, disconnectMongo } from "../../src/infra/mongo";
import { freePort } from "../../src/infra/servers";
import { createAccountsService } from "../../src/modules/accounts/accounts.service";
import { createAuditService } from "../../src/modules/audit/audit.service";
import { NoteModel } from "../../src/modules/notes/note.model";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { generateDataset } from "../generate-dataset";
import {
  BENCH_PREFIX,
  buildIndexes,
  load,
  loginCookie,
  percentile,
  report,
  startAppOn,
  startBenchServers,
  startProcess,
  tempDir,
} from "./util";

const CONNECTIONS = 20;
const NOTES = 20_000;
const CITES = Number(process.env.REPORTS_BENCH_CITES ?? 200) || 200;
const HELLO = `
const express = require("express");
const app = express();
app.get("/", (_req, res) => { res.send("hello world"); });
app.get("/readyz", (_req, res) => { res.send("ok"); });
app.listen(Number(process.env.PORT), "127.0.0.1");
`;

const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

async function post(base: string, p: string, cookie: string, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const res = await fetch(`${base}${p}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: body.toString(),
  });
  if (res.status !== 303) throw new Error(`${p} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res;
}

async function helloWorld(seconds: number) {
  const dir = tempDir("reports-hello");
  const helloFile = path.join(dir, "hello.cjs");
  fs.writeFileSync(helloFile, HELLO);
  const hello = await startProcess(
    [helloFile],
    { NODE_PATH: path.resolve("node_modules") },
    await freePort(),
  );
  try {
    await load(`${hello.base}/`, CONNECTIONS, 1);
    return await load(`${hello.base}/`, CONNECTIONS, seconds);
  } finally {
    await hello.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchReports(seconds: number, options: { projects?: number } = {}): Promise<void> {
  const projects = options.projects ?? 100_000;
  const bench = await startBenchServers("reports");
  const { logger, servers } = bench;
  let app: Awaited<ReturnType<typeof startAppOn>> | undefined;
  try {
    const connection = await connectMongo(servers.mongoUri!);
    await ProjectModel.init();
    await generateDataset(connection, { projects, notes: NOTES, seed: 1, outbox: false });
    await buildIndexes(bench, connection);
    const cited = await NoteModel.find({ status: "published", deletedAt: null }, { _id: 1 })
      .limit(CITES)
      .lean();
    const password = crypto.randomBytes(12).toString("hex");
    const accounts = createAccountsService({ mongo: connection, audit: createAuditService({ logger }) });
    await accounts.createUser({
      email: "bench-coordinator@example.org",
      name: "Coordinatrice bench (fittizia)",
      role: "coordinator",
      status: "active",
      password,
    });
    // Hello world before and after the app's run: on a shared machine the load moves, so the mean is used.
    const bareBefore = await helloWorld(seconds);
    app = await startAppOn(bench, "reports", { MEILI_INDEX_PREFIX: BENCH_PREFIX });
    const base = app.base;
    const cookie = await loginCookie(base, "bench-coordinator@example.org", password);
    const csrf = tokenOf(await (await fetch(`${base}/me`, { headers: { cookie } })).text());
    // The report: the proposed draft's title, then 20 sections citing CITES notes in all.
    const started = await post(base, "/reports", cookie, {
      _csrf: csrf,
      title: "Rapporto di misura (fittizio)",
      scope: "table",
      theme: "governance-multilivello",
    });
    const slug = /\/reports\/([a-z0-9-]+)\/edit$/.exec(started.headers.get("location") ?? "")![1]!;
    const per = Math.ceil(cited.length / 20);
    const bodies = Array.from({ length: 20 }, (_, i) =>
      cited
        .slice(i * per, (i + 1) * per)
        .map(
          (n, j) =>
            `- Un'affermazione di misura numero ${i * per + j} con il suo contesto [@nota:${String(n._id)}]`,
        )
        .join("\n"),
    );
    const version = async () =>
      /name="version" value="(\d+)"/.exec(
        await (await fetch(`${base}/reports/${slug}/working`, { headers: { cookie } })).text(),
      )![1]!;
    await post(base, `/reports/${slug}/edit`, cookie, {
      _csrf: csrf,
      version: await version(),
      title: "Rapporto di misura (fittizio)",
      summary: "Introduzione del rapporto di misura.",
      heading: bodies.map((_, i) => `Sezione ${i + 1}`),
      kind: bodies.map(() => "text"),
      body: bodies,
    });
    await post(base, `/reports/${slug}/status`, cookie, {
      _csrf: csrf,
      version: await version(),
      action: "submit",
    });
    await post(base, `/reports/${slug}/status`, cookie, {
      _csrf: csrf,
      version: await version(),
      action: "publish",
    });

    const page = `${base}/reports/${slug}`;
    const first = await fetch(page);
    if (first.status !== 200 || !(await first.text()).includes(`id="ref-${cited.length}"`))
      throw new Error(`report page answered ${first.status} or lacks its references`);
    await load(page, CONNECTIONS, 2); // warm-up
    const reportLoad = await load(page, CONNECTIONS, seconds, { "accept-encoding": "gzip" });

    const pdf: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${page}.pdf`);
      const bytes = await res.arrayBuffer();
      if (res.status !== 200 || bytes.byteLength < 1000) throw new Error(`PDF answered ${res.status}`);
      pdf.push(performance.now() - t0);
    }
    await app.stop();
    app = undefined;

    const bareAfter = await helloWorld(seconds);
    const bare = { rps: (bareBefore.rps + bareAfter.rps) / 2 };

    const ratio = reportLoad.rps / bare.rps;
    const worstPdf = Math.max(...pdf);
    report(
      `reports (${projects} projects, ${NOTES} notes, a report citing ${cited.length}; ${CONNECTIONS} connections, ${seconds} s each)`,
      {
        "report page (req/s)": `${Math.round(reportLoad.rps)}, p50 ${reportLoad.p50} ms, p97.5 ${reportLoad.p95} ms`,
        "bare Express hello world (req/s)": `${Math.round(bare.rps)} (before ${Math.round(bareBefore.rps)}, after ${Math.round(bareAfter.rps)})`,
        "report page / hello world": `${Math.round(ratio * 100)}% (target >= 30%: ${ratio >= 0.3 ? "met" : "MISSED"})`,
        "PDF of the report (5 runs)": `p50 ${Math.round(percentile(pdf, 50))} ms, worst ${Math.round(worstPdf)} ms (target < 3000: ${worstPdf < 3000 ? "met" : "MISSED"})`,
      },
    );
  } finally {
    await app?.stop();
    await disconnectMongo().catch(() => undefined);
    await servers.stop();
  }
}
