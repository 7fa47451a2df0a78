// `npm run bench [-- --only NAME] [--seconds N]`: prints the numbers the issues' speed targets ask for.
import { benchShell } from "./bench/shell";
import { benchAccounts } from "./bench/accounts";
import { benchCatalogue } from "./bench/catalogue";
import { benchNotes } from "./bench/notes";
import { benchSearch } from "./bench/search";
import { benchTables } from "./bench/tables";
import { benchReports } from "./bench/reports";

const suites: Record<string, (seconds: number, options: { projects?: number }) => Promise<void>> = {
  shell: benchShell,
  accounts: benchAccounts,
  catalogue: benchCatalogue,
  notes: benchNotes,
  search: benchSearch,
  tables: benchTables,
  reports: benchReports,
};

function parseArgs(argv: string[]): { only: string[]; seconds: number; projects?: number } {
  const only: string[] = [];
  let seconds = 10;
  let projects: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--only") only.push(...(argv[++i] ?? "").split(",").filter(Boolean));
    else if (arg === "--seconds") seconds = Number(argv[++i]);
    else if (arg === "--projects") {
      const value = argv[++i] ?? "";
      projects = Number(value);
      if (!/^\d+$/.test(value) || projects < 1 || projects > 200_000) {
        console.error(`--projects must be a whole number from 1 to 200000, got "${value}"`);
        process.exit(2);
      }
    } else {
      console.error(
        `Unknown option ${arg}. Usage: npm run bench -- [--only ${Object.keys(suites).join(",")}] [--seconds N] [--projects 1-200000]`,
      );
      process.exit(2);
    }
  }
  const unknown = only.filter((name) => !(name in suites));
  if (unknown.length > 0 || !Number.isFinite(seconds) || seconds <= 0) {
    console.error(
      `Unknown suite ${unknown.join(", ")} or bad --seconds. Suites: ${Object.keys(suites).join(", ")}`,
    );
    process.exit(2);
  }
  return { only: only.length > 0 ? only : Object.keys(suites), seconds, projects };
}

async function main() {
  const { only, seconds, projects } = parseArgs(process.argv.slice(2));
  console.log(`Atlante benchmarks on ${process.platform}-${process.arch}, node ${process.version}`);
  for (const name of only) await suites[name]!(seconds, { projects });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
