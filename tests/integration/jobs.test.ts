// The job runner on real MongoDB: one run at a time across runners (as across app processes), intervals,
// cron times, triggers, errors recorded and shown (admin page, /readyz), and a stop that waits.
import { Cron } from "croner";
import { stopServices } from "../../src/composition";
import { JobRunner, type JobContext, type JobDefinition } from "../../src/infra/jobs";
import { leaseHolder } from "../../src/infra/lease";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { waitFor } from "./search-support";

const ctx = useTestApp();
const runners: JobRunner[] = [];

function runner(options: { recordEveryMs?: number } = {}): JobRunner {
  const r = new JobRunner({ logger: ctx.infra.logger, ...options });
  runners.push(r);
  return r;
}

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A promise and its resolver: a job run that waits for the test. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

let jobCounter = 0;
const uniqueName = (what: string) => `test-${what}-${++jobCounter}`;

describe("job runner", () => {
  it("When two runners on one database have the same job, then it runs in one of them at a time, and the other takes over when it stops", async () => {
    let active = 0;
    let maxActive = 0;
    const runs = new Map<JobRunner, number>();
    const job = (r: JobRunner): JobDefinition => ({
      name: "test-shared",
      schedule: { everyMs: 20 },
      run: async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        runs.set(r, (runs.get(r) ?? 0) + 1);
        await sleep(15);
        active -= 1;
      },
    });
    const one = runner();
    const two = runner();
    one.define(job(one));
    two.define(job(two));
    one.start();
    two.start();
    await waitFor("ten runs", () => Promise.resolve([...runs.values()].reduce((a, b) => a + b, 0) >= 10));
    expect(maxActive).toBe(1);
    // The holder keeps the job while it lives: the other one never ran it.
    const [holder, other] = (runs.get(one) ?? 0) > 0 ? [one, two] : [two, one];
    expect(runs.get(other) ?? 0).toBe(0);

    await holder.stop();
    await waitFor("taken over", () => Promise.resolve((runs.get(other) ?? 0) >= 3));
    expect(maxActive).toBe(1);
  });

  it("When a process takes over an interval job that just ran elsewhere, then it waits for the job's next run", async () => {
    const name = uniqueName("interval-takeover");
    const ran: string[] = [];
    const job = (who: string): JobDefinition => ({
      name,
      schedule: { everyMs: 60_000 },
      run: () => {
        ran.push(who);
        return Promise.resolve();
      },
    });
    const first = runner();
    first.define(job("first"));
    first.start(); // an interval job's first run is due at start
    await waitFor("first run", () => Promise.resolve(ran.length === 1));
    const [status] = await first.status();
    await first.stop();

    const second = runner();
    second.define(job("second"));
    second.start();
    await sleep(500);
    expect(ran).toEqual(["first"]);
    const [seen] = await second.status();
    expect(seen!.lastFinishedAt).toEqual(status!.lastFinishedAt);
    expect(seen!.nextRunAt!.getTime()).toBe(status!.lastFinishedAt!.getTime() + 60_000);

    // A trigger does not wait for the schedule.
    expect(await second.trigger(name)).toBe(true);
    expect(ran).toEqual(["first", "second"]);
  });

  it("When a job runs on an interval, then each run starts the interval after the previous one ended", async () => {
    const spans: { start: number; end: number }[] = [];
    const r = runner({ recordEveryMs: 0 });
    r.define({
      name: uniqueName("interval"),
      schedule: { everyMs: 150 },
      run: async () => {
        const start = Date.now();
        await sleep(40);
        spans.push({ start, end: Date.now() });
      },
    });
    r.start();
    await waitFor("five runs", () => Promise.resolve(spans.length >= 5), 10_000);
    for (let i = 1; i < spans.length; i++) {
      const gap = spans[i]!.start - spans[i - 1]!.end;
      expect(gap).toBeGreaterThanOrEqual(145);
      expect(gap).toBeLessThan(1500);
    }
    const [status] = await r.status();
    expect(status!.lastOk).toBe(true);
    expect(status!.nextRunAt!.getTime()).toBe(status!.lastFinishedAt!.getTime() + 150);
  });

  it("When a job has a cron expression, then its next run is the expression's next time in Italian time, and each time runs once across runners", async () => {
    const nightly = runner();
    const name = uniqueName("nightly");
    nightly.define({ name, schedule: { cron: "0 3 * * *" }, run: () => Promise.resolve() });
    nightly.start();
    const [status] = await nightly.status();
    // The next instant after now that reads 03:00 on a clock in Rome, found without croner.
    const romeTime = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Rome",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    const now = Date.now();
    const midnightUtc = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth(),
      new Date(now).getUTCDate(),
    );
    const candidates = [0, 1, 2]
      .flatMap((day) => [1, 2].map((hourUtc) => midnightUtc + day * 86_400_000 + hourUtc * 3_600_000))
      .filter((t) => t > now && romeTime.format(t) === "03:00");
    expect(status).toMatchObject({
      name,
      schedule: { cron: "0 3 * * *", timezone: "Europe/Rome" },
      lastStartedAt: null,
      lastOk: null,
    });
    expect(status!.nextRunAt!.getTime()).toBe(Math.min(...candidates));

    // Every second, on two runners: each second runs once, by whichever holds the job; when the holder
    // stops, the other one takes the job over.
    const seconds: number[] = [];
    const runs = new Map<JobRunner, number>();
    const everySecond = (r: JobRunner): JobDefinition => ({
      name: "test-every-second",
      schedule: { cron: "* * * * * *" },
      leaseTtlMs: 1000,
      run: () => {
        // The second this run is for (a timer may fire a hair early, a busy machine a little late).
        seconds.push(Math.floor((Date.now() + 200) / 1000));
        runs.set(r, (runs.get(r) ?? 0) + 1);
        return Promise.resolve();
      },
    });
    const one = runner();
    const two = runner();
    one.define(everySecond(one));
    two.define(everySecond(two));
    one.start();
    two.start();
    await waitFor("three runs", () => Promise.resolve(seconds.length >= 3), 10_000);
    const [holder, other] = (runs.get(one) ?? 0) >= (runs.get(two) ?? 0) ? [one, two] : [two, one];
    await holder.stop();
    await waitFor("two runs by the other", () => Promise.resolve((runs.get(other) ?? 0) >= 2), 10_000);
    expect(new Set(seconds).size).toBe(seconds.length);
    const [second] = await other.status();
    expect(second!.nextRunAt).toEqual(new Cron("* * * * * *").nextRun(second!.lastFinishedAt));
  }, 30_000);

  it("When a job is triggered, then it runs at once; triggers during a run bring exactly one more run right after it", async () => {
    const name = uniqueName("trigger");
    let runs = 0;
    const started = [gate(), gate()];
    const holds = [gate(), gate()];
    const r = runner();
    r.define({
      name,
      schedule: { everyMs: 60_000 },
      run: async () => {
        const i = runs++;
        started[i]?.open();
        await holds[i]?.opened;
      },
    });
    r.start();
    await started[0]!.opened; // the first run, due at start, is held
    const triggered = [r.trigger(name), r.trigger(name)];
    await sleep(100);
    expect(runs).toBe(1);
    holds[0]!.open();
    await started[1]!.opened;
    holds[1]!.open();
    expect(await Promise.all(triggered)).toEqual([true, true]);
    expect(runs).toBe(2);
    await sleep(300);
    expect(runs).toBe(2);

    // While it waits for its next time, a trigger runs it at once.
    const before = Date.now();
    expect(await r.trigger(name)).toBe(true);
    expect(runs).toBe(3);
    expect(Date.now() - before).toBeLessThan(1000);
  });

  it("When a job fails, then its error is recorded and shown on the jobs page and in /readyz, and a later success keeps the error visible", async () => {
    const name = uniqueName("failing");
    let fail = true;
    ctx.services.jobs.define({
      name,
      schedule: { everyMs: 60_000 },
      run: () =>
        fail ? Promise.reject(new Error("la fonte dati non risponde")) : Promise.resolve("3 righe"),
    });
    await waitFor("the failed run recorded", async () => {
      const status = (await ctx.services.jobs.status()).find((s) => s.name === name);
      return status?.lastOk === false ? status : undefined;
    });

    const ready = await ctx.agent().get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.checks.jobs.jobs[name]).toMatchObject({
      lastOk: false,
      lastError: "la fonte dati non risponde",
      running: false,
    });
    expect(Date.parse(ready.body.checks.jobs.jobs[name].nextRunAt)).toBeGreaterThan(Date.now() + 50_000);
    // The app's own jobs are there too.
    expect(Object.keys(ready.body.checks.jobs.jobs)).toEqual(
      expect.arrayContaining(["search-indexer", "search-settings", "search-check"]),
    );

    const member = await loginAs(ctx, "member");
    expect((await member.agent.get("/admin/jobs").set("accept", "text/html")).status).toBe(403);
    const coordinator = await loginAs(ctx, "coordinator");
    const page = await coordinator.agent.get("/admin/jobs").set("accept", "text/html");
    expect(page.status).toBe(200);
    const row = new RegExp(`<tr id="job-${name}">(.*?)</tr>`, "s").exec(page.text)?.[1] ?? "";
    expect(row).toContain("Non riuscita");
    expect(row).toContain("la fonte dati non risponde");
    expect(row).toContain("ogni minuto");
    expect(page.text).toContain("Indicizzazione delle modifiche nella ricerca");
    expect(page.text).toContain("ogni giorno alle 3:30 (ora italiana)");
    const english = await coordinator.agent
      .get("/admin/jobs")
      .set("accept", "text/html")
      .set("accept-language", "en");
    expect(english.text).toContain("Scheduled jobs");

    fail = false;
    expect(await ctx.services.jobs.trigger(name)).toBe(true);
    const after = (await ctx.services.jobs.status()).find((s) => s.name === name)!;
    expect(after).toMatchObject({
      lastOk: true,
      lastResult: "3 righe",
      lastError: "la fonte dati non risponde",
    });
    const again = await coordinator.agent.get("/admin/jobs").set("accept", "text/html");
    const rowAfter = new RegExp(`<tr id="job-${name}">(.*?)</tr>`, "s").exec(again.text)?.[1] ?? "";
    expect(rowAfter).toContain("Riuscita");
    expect(rowAfter).toContain("3 righe");
  });

  it("When the runner stops during a run, then stop waits for the run to end, aborts its signal and gives the lease back", async () => {
    const name = uniqueName("long");
    const hold = gate();
    const running = gate();
    let signal: AbortSignal | undefined;
    const r = runner();
    r.define({
      name,
      schedule: { everyMs: 60_000 },
      run: async (job: JobContext) => {
        signal = job.signal;
        running.open();
        await hold.opened;
      },
    });
    r.start();
    await running.opened;
    expect(await leaseHolder(name)).toBe(r.holder);
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await sleep(200);
    expect(stopped).toBe(false);
    expect(signal!.aborted).toBe(true);
    hold.open();
    await stopping;
    expect(await leaseHolder(name)).toBeUndefined();
    const [status] = await r.status();
    expect(status).toMatchObject({ running: false, lastOk: true });
  });

  it("When the app's services stop during a job, then stopServices waits for it", async () => {
    const hold = gate();
    const running = gate();
    let finished = false;
    ctx.services.jobs.define({
      name: uniqueName("app-long"),
      schedule: { everyMs: 60_000 },
      run: async () => {
        running.open();
        await hold.opened;
        finished = true;
      },
    });
    await running.opened;
    let stopped = false;
    const stopping = stopServices(ctx.services).then(() => (stopped = true));
    await sleep(200);
    expect(stopped).toBe(false);
    hold.open();
    await stopping;
    expect(finished).toBe(true);
    // Started again for the harness (which stops it after the last test).
    ctx.services.jobs.start();
  });
});
