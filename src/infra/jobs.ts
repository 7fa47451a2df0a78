// The job runner: named background jobs on an interval or a cron expression (croner computes the times),
// each run by one app process at a time (a MongoDB lease per job), with its last and next run and its last
// error stored in MongoDB for the admin page and /readyz. Jobs are domain code that modules define; the
// runner is infrastructure. Every job must be safe to run twice: a process that dies mid-run leaves its
// run to be done again by the next holder.
import { Cron } from "croner";
import mongoose, { Schema } from "mongoose";
import type { ReadinessCheck } from "./health-check";
import { acquireLease, leaseHolders, newHolderId, releaseLease } from "./lease";
import type { Logger } from "./logger";

/** Every `everyMs` after the previous run ended, or at the times of a cron expression. */
export type JobSchedule = { everyMs: number } | { cron: string; timezone?: string };

export interface JobContext {
  /** Aborted when the runner stops: a long job may end early (it runs again later). */
  signal: AbortSignal;
  /** Renews this job's lease during a long run; throws when another process has taken the job. */
  keepLease(): Promise<void>;
  /** Asks for another run right after this one (more work is waiting). */
  runAgain(): void;
}

export interface JobDefinition {
  name: string;
  schedule: JobSchedule;
  /** Run as soon as the runner starts, however recently the job ran elsewhere (work start-up needs). */
  runAtStart?: boolean;
  /** How long the job stays with a holder that stopped showing signs of life. */
  leaseTtlMs?: number;
  /** The work; a returned text is shown as the run's result. */
  run(ctx: JobContext): Promise<string | void>;
}

export interface JobStatus {
  name: string;
  /** The schedule, with the time zone a cron expression is read in. */
  schedule: { everyMs: number } | { cron: string; timezone: string };
  running: boolean;
  /** The process that runs it now or ran it last. */
  holder: string | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastDurationMs: number | null;
  /** Whether the last run succeeded; null before the first. */
  lastOk: boolean | null;
  lastResult: string | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  nextRunAt: Date | null;
}

export const DEFAULT_JOB_LEASE_TTL_MS = 60_000;
/** setTimeout's longest delay: a job due later sleeps in steps. */
const MAX_SLEEP_MS = 2 ** 31 - 1;

const jobSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: String,
    running: Boolean,
    lastStartedAt: Date,
    lastFinishedAt: Date,
    lastDurationMs: Number,
    lastOk: Boolean,
    lastResult: String,
    lastError: String,
    lastErrorAt: Date,
    nextRunAt: Date,
  },
  { collection: "jobs", versionKey: false },
);
/** One document per job: what the last run did and when the next is due (shared by every process). */
export const JobModel = mongoose.model("Job", jobSchema);

type Recorded = Omit<JobStatus, "name" | "schedule">;

const NEVER_RUN: Recorded = {
  running: false,
  holder: null,
  lastStartedAt: null,
  lastFinishedAt: null,
  lastDurationMs: null,
  lastOk: null,
  lastResult: null,
  lastError: null,
  lastErrorAt: null,
  nextRunAt: null,
};

interface Slot {
  def: JobDefinition;
  cron: Cron | undefined;
  ttlMs: number;
  /** When the next attempt is due (ms since the epoch; Infinity: only when triggered). */
  due: number;
  /** Until when this process holds the job's lease, as far as it knows. */
  heldUntil: number;
  triggered: boolean;
  /** trigger() callers, answered once the next attempt is over. */
  waiters: ((ran: boolean) => void)[];
  again: boolean;
  loop: Promise<void> | undefined;
  wake: (() => void) | undefined;
  /** What this process knows of its own runs (fresher than MongoDB for a job it holds). */
  local: Partial<Recorded>;
  recordedAt: number;
}

export interface JobRunnerOptions {
  logger: Logger;
  /**
   * An interval job's runs are stored at most this often (an error, or the first success after one,
   * always): the indexer runs ten times a second and most of its rounds find nothing to do.
   */
  recordEveryMs?: number;
  /** Default time zone of cron expressions (the app's users are in Italy). */
  timezone?: string;
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 1000);
}

export class JobRunner {
  readonly holder = newHolderId();
  private readonly slots = new Map<string, Slot>();
  /** start() was called (and stop() not since): a job defined now starts at once. */
  private started = false;
  private stopping = false;
  private abort = new AbortController();
  private readonly recordEveryMs: number;
  private readonly timezone: string;

  constructor(private readonly options: JobRunnerOptions) {
    this.recordEveryMs = options.recordEveryMs ?? 5_000;
    this.timezone = options.timezone ?? "Europe/Rome";
  }

  /** Adds a job (a cron expression is checked here); a job defined after start() starts at once. */
  define(def: JobDefinition): void {
    if (this.slots.has(def.name)) throw new Error(`job ${def.name} defined twice`);
    const cron =
      "cron" in def.schedule
        ? new Cron(def.schedule.cron, { timezone: def.schedule.timezone ?? this.timezone })
        : undefined;
    if ("everyMs" in def.schedule && !(def.schedule.everyMs > 0)) {
      throw new Error(`job ${def.name}: everyMs must be positive`);
    }
    const slot: Slot = {
      def,
      cron,
      ttlMs: def.leaseTtlMs ?? DEFAULT_JOB_LEASE_TTL_MS,
      due: 0,
      heldUntil: 0,
      triggered: false,
      waiters: [],
      again: false,
      loop: undefined,
      wake: undefined,
      local: {},
      recordedAt: 0,
    };
    this.slots.set(def.name, slot);
    if (this.started && !this.stopping) this.startSlot(slot);
  }

  /** Starts the jobs (all, or the named ones) that are not running yet. */
  start(names?: string[]): void {
    if (this.stopping) {
      this.stopping = false;
      this.abort = new AbortController();
    }
    this.started = true;
    for (const name of names ?? this.slots.keys()) this.startSlot(this.slot(name));
  }

  isStarted(name: string): boolean {
    return this.slot(name).loop !== undefined;
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  /**
   * Runs a job as soon as possible: at once when it is waiting, right after the current run when it is
   * running. Answers, once that attempt is over, whether it ran here (false: another process holds the
   * job and runs it on its schedule, or the runner is stopped). Never rejects: a failure is recorded.
   */
  trigger(name: string): Promise<boolean> {
    const slot = this.slot(name);
    if (!slot.loop || this.stopping) return Promise.resolve(false);
    return new Promise((resolve) => {
      slot.waiters.push(resolve);
      slot.triggered = true;
      slot.wake?.();
    });
  }

  /** Stops every job: waits for runs in progress to end (their signal is aborted), then gives the leases back. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    const slots = [...this.slots.values()];
    for (const slot of slots) slot.wake?.();
    await Promise.all(slots.map((s) => s.loop ?? Promise.resolve()));
    this.started = false;
    await Promise.all(
      slots.map(async (slot) => {
        slot.loop = undefined;
        for (const waiter of slot.waiters.splice(0)) waiter(false);
        if (slot.heldUntil > 0) {
          slot.heldUntil = 0;
          await releaseLease(slot.def.name, this.holder).catch(() => undefined);
        }
      }),
    );
  }

  /** Every job's status: what MongoDB recorded, completed by what this process knows first-hand. */
  async status(): Promise<JobStatus[]> {
    const names = this.names();
    const [docs, holders] = await Promise.all([
      JobModel.find({ _id: { $in: names } }).lean(),
      leaseHolders(names),
    ]);
    const byName = new Map(docs.map((d) => [d._id, d as Partial<Recorded> & { _id?: string }]));
    const now = Date.now();
    return names.map((name) => {
      const slot = this.slot(name);
      const { _id: _name, ...stored }: Partial<Recorded> & { _id?: string } = byName.get(name) ?? {};
      // A run recorded as running whose holder lost the lease was cut short (the process died).
      stored.running = Boolean(stored.running) && holders.get(name) === stored.holder;
      // What this process knows of a run it started since the last record.
      const mine =
        slot.local.lastStartedAt != null &&
        (!stored.lastStartedAt || slot.local.lastStartedAt >= stored.lastStartedAt);
      const status: JobStatus = { ...NEVER_RUN, name, schedule: this.scheduleOf(slot), ...stored };
      if (mine) Object.assign(status, slot.local);
      if (slot.heldUntil > now && slot.loop) {
        status.nextRunAt = Number.isFinite(slot.due) ? new Date(slot.due) : null;
      }
      status.nextRunAt ??= slot.cron?.nextRun() ?? null;
      return status;
    });
  }

  private scheduleOf(slot: Slot): JobStatus["schedule"] {
    const schedule = slot.def.schedule;
    return "everyMs" in schedule
      ? { everyMs: schedule.everyMs }
      : { cron: schedule.cron, timezone: schedule.timezone ?? this.timezone };
  }

  /** /readyz detail: each job's last and next run and last error (a failing job does not make the app unready). */
  readiness(): ReadinessCheck {
    return {
      name: "jobs",
      check: async () => {
        const jobs = await this.status();
        return {
          ok: true,
          jobs: Object.fromEntries(jobs.map(({ name, schedule: _schedule, ...rest }) => [name, rest])),
        };
      },
    };
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`no job named ${name}`);
    return slot;
  }

  private startSlot(slot: Slot): void {
    if (slot.loop) return;
    slot.due = "everyMs" in slot.def.schedule ? Date.now() : this.nextAfter(slot, new Date());
    if (slot.def.runAtStart) slot.triggered = true;
    slot.loop = this.loop(slot);
  }

  private nextAfter(slot: Slot, from: Date): number {
    const schedule = slot.def.schedule;
    if ("everyMs" in schedule) return from.getTime() + schedule.everyMs;
    return slot.cron!.nextRun(from)?.getTime() ?? Infinity;
  }

  /** How soon a process that could not take the job tries again (the holder may have died). */
  private retryMs(slot: Slot): number {
    const schedule = slot.def.schedule;
    return "everyMs" in schedule ? Math.min(schedule.everyMs, slot.ttlMs) : slot.ttlMs;
  }

  private async loop(slot: Slot): Promise<void> {
    while (!this.stopping) {
      await this.sleep(slot);
      if (this.stopping) break;
      const triggered = slot.triggered;
      if (!triggered && Date.now() < slot.due) continue; // a long wait sleeps in steps
      // Triggers from now on ask for the attempt after this one.
      slot.triggered = false;
      const waiting = slot.waiters.splice(0);
      let ran = false;
      try {
        ran = await this.attempt(slot, triggered);
      } catch (err) {
        this.options.logger.warn({ err: message(err), job: slot.def.name }, "jobs: attempt failed");
        slot.due = Date.now() + this.retryMs(slot);
      }
      for (const waiter of waiting) waiter(ran);
    }
  }

  private sleep(slot: Slot): Promise<void> {
    const ms = slot.due - Date.now();
    if (ms <= 0 || slot.triggered || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        slot.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, MAX_SLEEP_MS));
      slot.wake = done;
    });
  }

  /** Takes (or keeps) the job's lease and runs it when due; answers whether it ran. */
  private async attempt(slot: Slot, triggered: boolean): Promise<boolean> {
    const { name } = slot.def;
    const now = Date.now();
    if (!(await acquireLease(name, this.holder, slot.ttlMs))) {
      slot.heldUntil = 0;
      slot.due = Date.now() + this.retryMs(slot);
      return false;
    }
    const fresh = slot.heldUntil < now;
    slot.heldUntil = now + slot.ttlMs;
    if (fresh && !triggered) {
      // Taken over from another process (or first taken here): it may have run the job a moment ago.
      const doc = await JobModel.findById(name, { nextRunAt: 1 }).lean();
      if (doc?.nextRunAt && doc.nextRunAt.getTime() > Date.now()) {
        slot.due = doc.nextRunAt.getTime();
        return false;
      }
    }
    if (this.stopping) return false;
    await this.run(slot);
    return true;
  }

  private async run(slot: Slot): Promise<void> {
    const { def } = slot;
    const started = new Date();
    slot.again = false;
    // A cron job's runs are always recorded: its stored next run is what keeps a process that takes it over
    // from running the same time again.
    const record =
      "cron" in def.schedule ||
      started.getTime() - slot.recordedAt >= this.recordEveryMs ||
      slot.local.lastOk === false;
    slot.local = { ...slot.local, holder: this.holder, running: true, lastStartedAt: started };
    if (record) await this.save(def.name, { holder: this.holder, running: true, lastStartedAt: started });
    let result: string | void = undefined;
    let error: unknown;
    try {
      result = await def.run({
        signal: this.abort.signal,
        keepLease: async () => {
          if (!(await acquireLease(def.name, this.holder, slot.ttlMs))) {
            slot.heldUntil = 0;
            throw new Error(`job ${def.name}: another process has taken its lease`);
          }
          slot.heldUntil = Date.now() + slot.ttlMs;
        },
        runAgain: () => {
          slot.again = true;
        },
      });
    } catch (err) {
      error = err ?? new Error("failed");
    }
    const finished = new Date();
    const failed = error !== undefined;
    const wasFailing = slot.local.lastOk === false;
    slot.due = slot.again ? finished.getTime() : this.nextAfter(slot, finished);
    const outcome: Partial<Recorded> = {
      running: false,
      lastFinishedAt: finished,
      lastDurationMs: finished.getTime() - started.getTime(),
      lastOk: !failed,
      lastResult: typeof result === "string" ? result.slice(0, 1000) : null,
      nextRunAt: Number.isFinite(slot.due) ? new Date(slot.due) : null,
      ...(failed ? { lastError: message(error), lastErrorAt: finished } : {}),
    };
    slot.local = { ...slot.local, ...outcome };
    if (failed) {
      this.options.logger.warn({ err: message(error), job: def.name }, `job ${def.name} failed`);
    }
    if (record || failed || wasFailing) {
      await this.save(def.name, { holder: this.holder, lastStartedAt: started, ...outcome });
      slot.recordedAt = finished.getTime();
    }
  }

  private async save(name: string, fields: Partial<Recorded>): Promise<void> {
    try {
      await JobModel.updateOne({ _id: name }, { $set: fields }, { upsert: true });
    } catch (err) {
      this.options.logger.warn({ err: message(err), job: name }, "jobs: could not record a run");
    }
  }
}
