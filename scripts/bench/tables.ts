// Issue 13: with the benchmark dataset (N projects, 100,000 by default, and 20,000 notes), a working
// table's page with its charts at 20 concurrent clients (p95 < 100 ms); and 60 participants posting a
// contribution within the same minute: none lost, each on the facilitator's live view (server-sent events)
// within 2 s (the worst delay is printed). Starts its own mongod and Meilisearch and spawns the built app.
// TABLES_BENCH_WINDOW_S sets the window the 60 posts are spread over (default 60 s); TABLES_BENCH_PEOPLE
// how many participants post (default 60).
import crypto from "node:crypto";
import http from "node:http";
import { connectMongo, disconnectMongo } from "../../src/infra/mongo";
import { createAccountsService } from "../../src/modules/accounts/accounts.service";
import { createAuditService } from "../../src/modules/audit/audit.service";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { generateDataset } from "../generate-dataset";
import {
  BENCH_PREFIX,
  buildIndexes,
  loadResultOf,
  loginCookie,
  percentile,
  report,
  startAppOn,
  startBenchServers,
  targetLine,
  type LoadResult,
} from "./util";
import autocannon from "autocannon";

const CONNECTIONS = 20;
const NOTES = 20_000;
const WINDOW_S = Number(process.env.TABLES_BENCH_WINDOW_S ?? 60) || 60;
const PEOPLE = Number(process.env.TABLES_BENCH_PEOPLE ?? 60) || 60;

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="));

function merge(jar: string, res: Response): string {
  const map = new Map(
    jar
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.split("=")[0]!, c]),
  );
  for (const c of cookiesOf(res)) map.set(c.split("=")[0]!, c);
  return [...map.values()].join("; ");
}

const tokenOf = (html: string, name = "_csrf") =>
  new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? "";

async function post(
  base: string,
  path: string,
  jar: string,
  form: Record<string, string>,
  accept = "text/html",
) {
  return fetch(`${base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar, accept },
    body: new URLSearchParams(form).toString(),
  });
}

async function loadPaths(base: string, paths: string[], seconds: number, headers = {}): Promise<LoadResult> {
  return loadResultOf(
    await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: seconds,
      headers,
      requests: paths.map((p) => ({ method: "GET" as const, path: p })),
    }),
  );
}

/** The facilitator's live view: contributions' arrival times, by the marker in their text. */
function listen(base: string, path: string, cookie: string) {
  const arrivals = new Map<string, number>();
  let request: http.ClientRequest | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    const url = new URL(path, base);
    request = http.get(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: { accept: "text/event-stream", cookie },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`live view answered ${res.statusCode}`));
        resolve();
        let buffer = "";
        res.on("data", (chunk: Buffer) => {
          const now = performance.now();
          buffer += chunk.toString();
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const m of event.matchAll(/bench-marker-(\d+)/g))
              if (!arrivals.has(m[1]!)) arrivals.set(m[1]!, now);
          }
        });
      },
    );
    request.on("error", (err) => (arrivals.size > 0 ? undefined : reject(err)));
  });
  return { arrivals, ready, stop: () => request?.destroy() };
}

export async function benchTables(seconds: number, options: { projects?: number } = {}): Promise<void> {
  const projects = options.projects ?? 100_000;
  const bench = await startBenchServers("tables");
  const { logger, servers } = bench;
  let app: Awaited<ReturnType<typeof startAppOn>> | undefined;
  try {
    const connection = await connectMongo(servers.mongoUri!);
    await ProjectModel.init();
    await generateDataset(connection, { projects, notes: NOTES, seed: 1, outbox: false });
    const taxonomy = await buildIndexes(bench, connection);
    const password = crypto.randomBytes(12).toString("hex");
    const accounts = createAccountsService({ mongo: connection, audit: createAuditService({ logger }) });
    await accounts.createUser({
      email: "bench-coordinator@example.org",
      name: "Coordinatrice bench (fittizia)",
      role: "coordinator",
      status: "active",
      password,
    });

    app = await startAppOn(bench, "tables", { MEILI_INDEX_PREFIX: BENCH_PREFIX });
    const base = app.base;
    const vocab = await taxonomy.vocabulary();
    const paths = vocab.themes.flatMap((t) => [
      `/tables/${t.key}`,
      ...t.guidingQuestions.map((q) => `/tables/${t.key}?question=${q.id}`),
    ]);
    // The first request of each page reads and counts (nothing kept yet): the cost every TABLE_MS.
    const cold: number[] = [];
    for (const p of paths) {
      const started = performance.now();
      const res = await fetch(`${base}${p}`);
      const html = await res.text();
      if (res.status !== 200 || !html.includes('role="img"'))
        throw new Error(`${p}: ${res.status}, no chart`);
      cold.push(performance.now() - started);
    }
    const coordinator = await loginCookie(base, "bench-coordinator@example.org", password);
    await loadPaths(base, paths, 2); // warm-up
    const anonymous = await loadPaths(base, paths, seconds);
    const signedIn = await loadPaths(base, paths, seconds, { cookie: coordinator });

    // Live capture: an event, the session of table 1, opened by the coordinator.
    let jar = coordinator;
    const me = await fetch(`${base}/me`, { headers: { cookie: jar } });
    const csrf = tokenOf(await me.text());
    const event = await post(base, "/events", jar, {
      _csrf: csrf,
      title: "Evento di misura (fittizio)",
      date: "2021-09-17",
      online: "1",
    });
    const eventPath = event.headers.get("location") ?? "";
    if (event.status !== 303) throw new Error(`event form answered ${event.status}`);
    const theme = vocab.themes[0]!.key;
    const made = await post(base, `${eventPath}/sessions`, jar, {
      _csrf: csrf,
      theme,
      facilitatorName: "Bench",
    });
    if (made.status !== 303) throw new Error(`session form answered ${made.status}`);
    const eventPage = await (await fetch(`${base}${eventPath}`, { headers: { cookie: jar } })).text();
    const sessionId = /href="\/sessions\/([a-f0-9]{24})"/.exec(eventPage)?.[1];
    const opened = await post(
      base,
      `/sessions/${sessionId}/open`,
      jar,
      { _csrf: csrf, hours: "2" },
      "application/json",
    );
    const { code } = (await opened.json()) as { code: string };
    jar = merge(jar, opened);
    const live = listen(base, `/sessions/${sessionId}/live`, jar);
    await live.ready;

    // Each participant joins with the code (as a guest), then posts at a random moment of the window.
    const people = await Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        const page = await fetch(`${base}/partecipa`);
        let cookie = merge("", page);
        const joined = await post(base, "/partecipa", cookie, {
          _csrf: tokenOf(await page.text()),
          code,
          name: `Partecipante ${i} (fittizio)`,
        });
        if (joined.status !== 303) throw new Error(`join answered ${joined.status}`);
        cookie = merge(cookie, joined);
        const form = await fetch(`${base}/partecipa/contributo`, { headers: { cookie } });
        const html = await form.text();
        return { i, cookie: merge(cookie, form), csrf: tokenOf(html), idem: tokenOf(html, "idem") };
      }),
    );
    const sent = new Map<string, number>();
    const statuses = await Promise.all(
      people.map(async (p) => {
        await new Promise((r) => setTimeout(r, Math.random() * WINDOW_S * 1000));
        sent.set(String(p.i), performance.now());
        const res = await post(base, "/partecipa/contributo", p.cookie, {
          _csrf: p.csrf,
          idem: p.idem,
          kind: "recommendation",
          body: `Un contributo dal tavolo, bench-marker-${p.i}.`,
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    const deadline = performance.now() + 10_000;
    while (live.arrivals.size < PEOPLE && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    live.stop();
    const accepted = statuses.filter((s) => s === 303).length;
    const delays = [...sent].flatMap(([i, at]) => {
      const arrived = live.arrivals.get(i);
      return arrived === undefined ? [] : [arrived - at];
    });
    const worst = Math.max(...delays);
    report(`tables (${projects} projects, ${NOTES} notes; ${CONNECTIONS} connections, ${seconds} s each)`, {
      [`table pages with charts, first request (${paths.length} pages)`]: `p50 ${Math.round(percentile(cold, 50))} ms, max ${Math.round(Math.max(...cold))} ms`,
      "table page with charts, anonymous": targetLine(anonymous, 100),
      "table page with charts, signed in": targetLine(signedIn, 100),
      [`${PEOPLE} participants posting within ${WINDOW_S} s`]: `${accepted}/${PEOPLE} accepted, ${live.arrivals.size}/${PEOPLE} on the live view (target: none lost: ${accepted === PEOPLE && live.arrivals.size === PEOPLE ? "met" : "MISSED"})`,
      "post -> facilitator's live view": `p50 ${Math.round(percentile(delays, 50))} ms, p95 ${Math.round(percentile(delays, 95))} ms, worst ${Math.round(worst)} ms (target < 2000: ${worst < 2000 && delays.length === PEOPLE ? "met" : "MISSED"})`,
    });
  } finally {
    await app?.stop();
    await disconnectMongo().catch(() => undefined);
    await servers.stop();
  }
}
