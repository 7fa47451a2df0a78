// `npm run import -- file.csv|file.json [--dry-run] [--lang it|en]`: imports projects through the same
// validation and write path as the coordinators' upload. With the embedded default, stop Atlante first.
import mongoose from "mongoose";
import { ConfigError, loadConfig } from "../src/config";
import { withSearch } from "../src/composition";
import { UsageError as SearchUsageError } from "../src/modules/search/cli";
import { cliStdio, importCommand, parseImportArgs, UsageError } from "../src/modules/projects/import.cli";
import { createImportService } from "../src/modules/projects/import.service";
import { createProjectService } from "../src/modules/projects/project.service";
import { createTaxonomyService } from "../src/modules/taxonomy/taxonomy.service";
import type { Actor } from "../src/modules/accounts/actor";

const CLI_ACTOR: Actor = { id: "cli-import", name: "Import (command line)", role: "admin" };

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  parseImportArgs(argv); // bad flags: usage before any connection
  const config = loadConfig();
  return withSearch(config, async () => {
    const connection = mongoose.connection;
    const taxonomy = createTaxonomyService({ connection });
    await taxonomy.seed();
    const projects = createProjectService({ connection, taxonomy });
    const imports = createImportService({ connection, taxonomy, projects });
    return importCommand(imports, CLI_ACTOR, argv, cliStdio);
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const usage = err instanceof UsageError || err instanceof SearchUsageError || err instanceof ConfigError;
    process.stderr.write(`import failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(usage ? 2 : 1);
  },
);
