// The search command-line tools (`npm run reindex`, `npm run search:check`): their commands, run on the
// search module the composition root builds for them (withSearch).
import { driftCount, type DriftReport } from "./check";
import { INDEXER_JOB } from "./indexer";
import { leaseHolder } from "../../infra/lease";
import { OutboxModel } from "./outbox.model";
import type { SearchModule } from "./search.module";

export class UsageError extends Error {}

export interface Output {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
}

export const stdio: Output = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
};

function bar(done: number, total: number, startedAt: number): string {
  const width = 30;
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  const secs = (Date.now() - startedAt) / 1000;
  const rate = secs > 0 ? Math.round(done / secs) : 0;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${Math.round(ratio * 100)}% ${rate} docs/s`;
}

export function parseReindexArgs(argv: string[], types: string[]): { types: string[]; batchSize: number } {
  const out = { types: [] as string[], batchSize: 2000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--type" && value && types.includes(value)) {
      out.types.push(value);
      i++;
    } else if (flag === "--batch-size" && value && /^\d+$/.test(value) && +value >= 1 && +value <= 10_000) {
      out.batchSize = Number(value);
      i++;
    } else {
      throw new UsageError(
        `Unexpected ${flag === undefined ? "end of arguments" : `"${flag}${value ? ` ${value}` : ""}"`}. ` +
          `Usage: npm run reindex -- [--type ${types.join("|")}]... [--batch-size 1-10000]`,
      );
    }
  }
  if (out.types.length === 0) out.types = types;
  return out;
}

/** `npm run reindex`: rebuilds each type's index and swaps it in; prints a progress bar. */
export async function reindexCommand(search: SearchModule, argv: string[], io: Output): Promise<number> {
  const args = parseReindexArgs(argv, search.registry.types());
  for (const type of args.types) {
    const started = Date.now();
    let lastPrint = 0;
    const [result] = await search.reindex([type], {
      batchSize: args.batchSize,
      onProgress: (done, total) => {
        const now = Date.now();
        if (io.isTTY) io.err(`\r${type}: ${bar(done, total, started)}`);
        else if (done === total || now - lastPrint > 2000) {
          io.err(`${type}: ${bar(done, total, started)}\n`);
          lastPrint = now;
        }
      },
    });
    if (io.isTTY) io.err("\n");
    if (result!.requeued > 0) await drain(search, io, 10 * 60_000);
    io.out(
      `${type}: ${result!.documents} documents indexed in ${(result!.ms / 1000).toFixed(1)} s and swapped in; ` +
        `${result!.requeued} changed during the rebuild were queued again.\n`,
    );
  }
  return 0;
}

function describe(report: DriftReport): string {
  const sample = (ids: string[]) =>
    ids.length ? ` (${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ", …" : ""})` : "";
  return (
    `${report.type}: ${report.inSource} in MongoDB, ${report.inIndex} in Meilisearch; ` +
    `missing ${report.missing.length}${sample(report.missing)}, extra ${report.extra.length}${sample(report.extra)}, ` +
    `stale ${report.stale.length}${sample(report.stale)}\n`
  );
}

/** Waits until the queued repairs are done: by the app's indexer if it runs, else by one started here. */
async function drain(search: SearchModule, io: Output, timeoutMs: number): Promise<void> {
  const own = (await leaseHolder(INDEXER_JOB)) ? undefined : search.jobs;
  if (own) own.start([INDEXER_JOB]);
  else io.err("The running app's indexer is applying the repairs…\n");
  const deadline = Date.now() + timeoutMs;
  try {
    while ((await OutboxModel.countDocuments({ status: "pending" })) > 0) {
      if (Date.now() > deadline)
        throw new Error("repairs still pending after the timeout: is Meilisearch reachable?");
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await own?.stop();
  }
}

/** `npm run search:check [-- --fix]`: compares ids and versions; exit 0 when in step, 1 when drift remains. */
export async function checkCommand(
  search: SearchModule,
  argv: string[],
  io: Output,
  options: { drainTimeoutMs?: number } = {},
): Promise<number> {
  const unknown = argv.filter((a) => a !== "--fix");
  if (unknown.length > 0)
    throw new UsageError(`Unknown option ${unknown[0]}. Usage: npm run search:check -- [--fix]`);
  const fix = argv.includes("--fix");
  const { reports, queued } = await search.check(fix);
  for (const r of reports) io.out(describe(r));
  const drift = reports.reduce((n, r) => n + driftCount(r), 0);
  if (drift === 0) {
    io.out("No drift: MongoDB and Meilisearch are in step.\n");
    return 0;
  }
  if (!fix) {
    io.out(`${drift} documents drift. Run with --fix to repair them.\n`);
    return 1;
  }
  io.out(`${queued} documents queued for repair.\n`);
  await drain(search, io, options.drainTimeoutMs ?? 10 * 60_000);
  const after = await search.check(false);
  const left = after.reports.reduce((n, r) => n + driftCount(r), 0);
  for (const r of after.reports) io.out(describe(r));
  io.out(
    left === 0 ? "Repaired: no drift left.\n" : `${left} documents still drift (changing right now?).\n`,
  );
  return left === 0 ? 0 : 1;
}
