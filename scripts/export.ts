// `npm run export -- --format csv|json [--all] [--out FILE]`: the catalogue in the import format
// (published projects; with --all every project that is not deleted). With the embedded default, stop Atlante first.
import { ConfigError, loadConfig } from "../src/config";
import { withSearch } from "../src/composition";
import { UsageError as SearchUsageError } from "../src/modules/search/cli";
import { cliStdio, exportCommand, parseExportArgs, UsageError } from "../src/modules/projects/import.cli";
import { createExportService } from "../src/modules/projects/export.service";
import { createTaxonomyService } from "../src/modules/taxonomy/taxonomy.service";
import mongoose from "mongoose";

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  parseExportArgs(argv);
  const config = loadConfig();
  return withSearch(config, async () => {
    const taxonomy = createTaxonomyService({ connection: mongoose.connection });
    return exportCommand(createExportService({ taxonomy }), argv, cliStdio, process.stdout);
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const usage = err instanceof UsageError || err instanceof SearchUsageError || err instanceof ConfigError;
    process.stderr.write(`export failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(usage ? 2 : 1);
  },
);
