// `npm run bench [-- --only NAME] [--seconds N]`: prints the numbers the issues' speed targets ask for.
import { benchShell } from "./bench/shell";
import { benchAccounts } from "./bench/accounts";
import { benchSearch } from "./bench/search";

const suites: Record<string, (seconds: number) => Promise<void>> = {
  shell: benchShell,
  accounts: benchAccounts,
  search: benchSearch,
};

function parseArgs(argv: string[]): { only: string[]; seconds: number } {
  const only: string[] = [];
  let seconds = 10;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--only") only.push(...(argv[++i] ?? "").split(",").filter(Boolean));
    else if (arg === "--seconds") seconds = Number(argv[++i]);
    else {
      console.error(
        `Unknown option ${arg}. Usage: npm run bench -- [--only ${Object.keys(suites).join(",")}] [--seconds N]`,
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
  return { only: only.length > 0 ? only : Object.keys(suites), seconds };
}

async function main() {
  const { only, seconds } = parseArgs(process.argv.slice(2));
  console.log(`Atlante benchmarks on ${process.platform}-${process.arch}, node ${process.version}`);
  for (const name of only) await suites[name]!(seconds);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
