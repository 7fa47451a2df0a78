// `npm run import` and `npm run export`: argument parsing and the commands, testable in-process
// (scripts/import.ts and scripts/export.ts only bootstrap the connections).
import fs from "node:fs";
import type { Writable } from "node:stream";
import { translator, isLang } from "../../web/i18n/index";
import type { Actor } from "../accounts/index";
import { ImportFileError, parseImportFile } from "./import.format";
import type { ImportService } from "./import.service";
import type { ExportService, ExportFormat } from "./export.service";

export class UsageError extends Error {}

export const IMPORT_USAGE = "Usage: npm run import -- <file.csv|file.json> [--dry-run] [--lang it|en]";
export const EXPORT_USAGE = "Usage: npm run export -- --format csv|json [--all] [--out FILE]";

/** Largest file the command reads (a 50 MB cell is refused as a row error, not a crash). */
export const CLI_MAX_BYTES = 512 * 1024 * 1024;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal: only then is a progress bar drawn (on stderr). */
  isTTY: boolean;
}

export const cliStdio: CliOutput = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY && process.stderr.isTTY),
};

export interface ImportArgs {
  file: string;
  dryRun: boolean;
  lang: "it" | "en";
}

export function parseImportArgs(argv: string[]): ImportArgs {
  let file: string | undefined;
  let dryRun = false;
  let lang: "it" | "en" = "en";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--dry-run") dryRun = true;
    else if (a === "--lang") {
      const v = argv[++i];
      if (!v || !isLang(v)) throw new UsageError(`--lang needs it or en. ${IMPORT_USAGE}`);
      lang = v;
    } else if (a.startsWith("-")) throw new UsageError(`Unknown option ${a}. ${IMPORT_USAGE}`);
    else if (file) throw new UsageError(`Only one file at a time (got ${file} and ${a}). ${IMPORT_USAGE}`);
    else file = a;
  }
  if (!file) throw new UsageError(`Which file? ${IMPORT_USAGE}`);
  return { file, dryRun, lang };
}

function bar(done: number, total: number, started: number): string {
  const width = 30;
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  const secs = (Date.now() - started) / 1000;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} rows ${Math.round(ratio * 100)}% ${secs.toFixed(1)} s`;
}

/** Runs an import; exit code 0 when every row is in, 1 when some rows (or the file) were refused. */
export async function importCommand(
  imports: ImportService,
  actor: Actor,
  argv: string[],
  io: CliOutput,
): Promise<number> {
  const args = parseImportArgs(argv);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(args.file);
  } catch {
    throw new UsageError(`No such file: ${args.file}`);
  }
  if (!stat.isFile()) throw new UsageError(`${args.file} is not a file`);
  if (stat.size > CLI_MAX_BYTES) {
    io.err(`${args.file}: the file is larger than ${CLI_MAX_BYTES / 1024 / 1024} MB.\n`);
    return 1;
  }
  const t = translator(args.lang);
  let parsed;
  try {
    parsed = parseImportFile(fs.readFileSync(args.file), args.file);
  } catch (err) {
    if (!(err instanceof ImportFileError)) throw err;
    io.err(`${args.file}: ${t(err.key, err.params)}\n`);
    return 1;
  }
  const started = Date.now();
  let drawn = false;
  const report = await imports.importRows(actor, parsed.rows, t, {
    dryRun: args.dryRun,
    onProgress: (done, total) => {
      if (!io.isTTY || total < 200) return;
      io.err(`\r${bar(done, total, started)}`);
      drawn = true;
    },
  });
  if (drawn) io.err("\n");
  for (const e of report.errors) io.out(`${args.file}:${e.line}: error: ${e.field}: ${e.message}\n`);
  for (const w of report.warnings) io.out(`${args.file}:${w.line}: warning: ${w.field}: ${w.message}\n`);
  io.out(
    `${args.dryRun ? "Dry run (nothing saved): " : ""}${report.rows} rows: ${report.created} created, ` +
      `${report.updated} updated, ${report.unchanged} unchanged, ${report.failed} refused ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s).\n`,
  );
  return report.failed > 0 ? 1 : 0;
}

export interface ExportArgs {
  format: ExportFormat;
  all: boolean;
  out?: string;
}

export function parseExportArgs(argv: string[]): ExportArgs {
  let format: ExportFormat | undefined;
  let all = false;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--format") {
      const v = argv[++i];
      if (v !== "csv" && v !== "json") throw new UsageError(`--format needs csv or json. ${EXPORT_USAGE}`);
      format = v;
    } else if (a === "--all") all = true;
    else if (a === "--out") {
      out = argv[++i];
      if (!out) throw new UsageError(`--out needs a file name. ${EXPORT_USAGE}`);
    } else throw new UsageError(`Unknown option ${a}. ${EXPORT_USAGE}`);
  }
  if (!format) throw new UsageError(`Which format? ${EXPORT_USAGE}`);
  return { format, all, out };
}

/** Writes the catalogue (published projects, or with --all every project not deleted) to a file or stdout. */
export async function exportCommand(
  exportsSvc: ExportService,
  argv: string[],
  io: CliOutput,
  stdout: Writable,
) {
  const args = parseExportArgs(argv);
  const target = args.out ? fs.createWriteStream(args.out) : stdout;
  const n = await exportsSvc.exportCatalogue(
    args.format,
    { role: args.all ? "coordinator" : undefined },
    target,
  );
  if (args.out)
    await new Promise<void>((resolve, reject) =>
      target.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  io.err(`${n} projects exported${args.out ? ` to ${args.out}` : ""}.\n`);
  return 0;
}
