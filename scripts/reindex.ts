// `npm run reindex [-- --type project] [--batch-size N]`: rebuilds the search indexes from MongoDB and swaps
// them in atomically (searches keep working). With the embedded default, stop Atlante first.
import { ConfigError, loadConfig } from "../src/config";
import { withSearch } from "../src/composition";
import { UsageError, reindexCommand, stdio } from "../src/modules/search/cli";

async function main(): Promise<number> {
  const config = loadConfig();
  return withSearch(config, (search) => reindexCommand(search, process.argv.slice(2), stdio));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof UsageError || err instanceof ConfigError;
    process.stderr.write(`reindex failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(known ? 2 : 1);
  },
);
