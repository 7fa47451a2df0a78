// `npm run seed-demo`: loads the vocabularies and the ~40 fictional demo projects into the database.
// Idempotent: only what is missing is added, nothing edited is overwritten. The search indexer picks the
// new projects up from the outbox when Atlante runs. With the embedded default, stop Atlante first.
import { loadConfig } from "../src/config";
import { createLogger } from "../src/infra/logger";
import { withCliServers } from "../src/infra/cli-servers";
import { createTaxonomyService } from "../src/modules/taxonomy/taxonomy.service";
import { createProjectService } from "../src/modules/projects/project.service";
import { createProjectQueries } from "../src/modules/projects/project.queries";
import { seedDemoProjects } from "../src/seed/demo/seed-demo";
import { seedDemoNotes } from "../src/seed/demo/notes-seed";

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** Atlante runs on the data directory: a usage problem (exit 2), not a failure. */
class DataDirInUse extends Error {}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 0) fail(`Unknown option ${args[0]}. Usage: npm run seed-demo`);
  const config = loadConfig();
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const busy = (message: string) => new DataDirInUse(message);
  await withCliServers(config, { logger, meili: false, busy }, async ({ mongo }) => {
    const taxonomy = createTaxonomyService({ connection: mongo });
    const projects = createProjectService({ connection: mongo, taxonomy });
    const projectQueries = createProjectQueries({ taxonomy });
    const seeded = await taxonomy.seed();
    const { created, skipped } = await seedDemoProjects({ projects, projectQueries, taxonomy });
    const notes = await seedDemoNotes(mongo);
    process.stdout.write(
      `Vocabularies: ${seeded.terms} terms and ${seeded.tags} tags added. Demo projects: ${created} added, ${skipped} already there. Demo notes: ${notes.created} added.\n`,
    );
  });
}

main().catch((err: unknown) => {
  if (err instanceof DataDirInUse) fail(err.message);
  process.stderr.write(`seed-demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
