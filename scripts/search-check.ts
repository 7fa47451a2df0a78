// `npm run search:check [-- --fix]`: compares ids and versions in MongoDB and Meilisearch, reports drift
// and, with --fix, repairs it through the indexer. Exit code 0 when in step, 1 when drift remains.
import { ConfigError, loadConfig } from "../src/config";
import { withSearch } from "../src/composition";
import { UsageError, checkCommand, stdio } from "../src/modules/search/cli";

async function main(): Promise<number> {
  const config = loadConfig();
  return withSearch(config, (search) => checkCommand(search, process.argv.slice(2), stdio));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof UsageError || err instanceof ConfigError;
    process.stderr.write(`search:check failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(known ? 2 : 1);
  },
);
