// `npm run seed-demo`: loads the vocabularies and the ~40 fictional demo projects into the database.
// Idempotent: only what is missing is added, nothing edited is overwritten. The search indexer picks the
// new projects up from the outbox when Atlante runs. With the embedded default, stop Atlante first.
import { loadConfig } from "../src/config";
import { createLogger } from "../src/infra/logger";
import { connectMongo, disconnectMongo } from "../src/infra/mongo";
import { lockDataDir, startEmbedded, type Embedded } from "../src/infra/embedded";
import { loadOrCreateSecrets } from "../src/infra/secrets";
import { createTaxonomyService } from "../src/modules/taxonomy/taxonomy.service";
import { createProjectService } from "../src/modules/projects/project.service";
import { createProjectQueries } from "../src/modules/projects/project.queries";
import { seedDemoProjects } from "../src/seed/demo/seed-demo";
import { seedDemoNotes } from "../src/seed/demo/notes-seed";

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 0) fail(`Unknown option ${args[0]}. Usage: npm run seed-demo`);
  const config = loadConfig();
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  let embedded: Embedded | undefined;
  let release: (() => void) | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    try {
      release = lockDataDir(config.dataDir);
    } catch (err) {
      fail(
        `${err instanceof Error ? err.message : String(err)}\nStop Atlante first (it uses ${config.dataDir}), then run this again.`,
      );
    }
    const secrets = loadOrCreateSecrets(config.dataDir);
    embedded = await startEmbedded({
      dataDir: config.dataDir,
      mongo: true,
      meili: false,
      mongodBin: config.mongodBin,
      meiliMasterKey: secrets.meiliMasterKey,
      logger,
    });
    uri = embedded.mongoUri!;
  }
  try {
    const mongo = await connectMongo(uri);
    const taxonomy = createTaxonomyService({ connection: mongo });
    const projects = createProjectService({ connection: mongo, taxonomy });
    const projectQueries = createProjectQueries({ taxonomy });
    const seeded = await taxonomy.seed();
    const { created, skipped } = await seedDemoProjects({ projects, projectQueries, taxonomy });
    const notes = await seedDemoNotes(mongo);
    process.stdout.write(
      `Vocabularies: ${seeded.terms} terms and ${seeded.tags} tags added. Demo projects: ${created} added, ${skipped} already there. Demo notes: ${notes.created} added.\n`,
    );
  } finally {
    await disconnectMongo();
    await embedded?.stop();
    release?.();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`seed-demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
