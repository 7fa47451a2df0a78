// The composition root: builds every service from the infrastructure, once.
import { randomBytes } from "node:crypto";
import type { Connection } from "mongoose";
import type { Config } from "./config";
import { withCliServers } from "./infra/cli-servers";
import { createBackground, type Background } from "./infra/background";
import { JobRunner } from "./infra/jobs";
import { createLogger, type Logger } from "./infra/logger";
import { createMailer, type Mailer } from "./infra/mailer";
import type { Meilisearch } from "./infra/meili";
import { createMeiliClient, meiliHealth } from "./infra/meili";
import { mongoHealth } from "./infra/mongo";
import type { ReadinessCheck } from "./infra/health-check";
import { createAuditService, type AuditService } from "./modules/audit/index";
import { createAccountsServices, ensureDemoAccounts, type AccountsServices } from "./modules/accounts/index";
import { createTaxonomyService, type TaxonomyService } from "./modules/taxonomy/index";
import {
  createExportService,
  createImportService,
  createProjectQueries,
  createProjectService,
  createProjectSource,
  type ExportService,
  type ImportService,
  type ProjectQueries,
  type ProjectService,
} from "./modules/projects/index";
import { createSearchModule, UsageError, type SearchModule, type SearchSource } from "./modules/search/index";
import {
  createNoteSource,
  createNotesModule,
  createTableNoteQueries,
  type NotesModule,
} from "./modules/notes/index";
import { createPrivacyService, type PrivacyService } from "./modules/privacy/index";
import {
  createRecommendationSource,
  createReportSource,
  createTablesModule,
  type TablesModule,
} from "./modules/tables/index";
import { seedDemoProjects } from "./seed/demo/seed-demo";
import { seedDemoNotes } from "./seed/demo/notes-seed";
import { seedDemoSeminar } from "./seed/demo/seminar-seed";
import { SEMINAR_KEY } from "./seed/demo/seminar";
import { PageCache } from "./web/page-cache";

export interface Infra {
  config: Readonly<Config>;
  logger: Logger;
  mongo: Connection;
  meili: Meilisearch;
}

export interface Services extends AccountsServices {
  mailer: Mailer;
  /** Mails and other work done after the answer (see infra/background.ts). */
  background: Background;
  /** Scheduled and background work (the search indexer, settings sync and consistency check...). */
  jobs: JobRunner;
  audit: AuditService;
  taxonomy: TaxonomyService;
  projects: ProjectService;
  projectQueries: ProjectQueries;
  /** Catalogue import (CSV/JSON rows) and export. */
  imports: ImportService;
  exports: ExportService;
  /** Anonymous catalogue pages, cleared on every catalogue or vocabulary change. */
  catalogueCache: PageCache;
  search: SearchModule;
  notes: NotesModule;
  /** The data download and account deletion. */
  privacy: PrivacyService;
  /** Working tables: their pages and charts, events and sessions, live capture. */
  tables: TablesModule;
}

/**
 * What search indexes: the catalogue's projects, the published notes, the published reports and the
 * register's items of published reports.
 */
export function searchSources(taxonomy: TaxonomyService, projects: ProjectQueries): SearchSource[] {
  return [
    createProjectSource(taxonomy),
    createNoteSource({ taxonomy, projects }),
    createReportSource({ notes: createTableNoteQueries(), projects }),
    createRecommendationSource(),
  ];
}

export function createServices(infra: Infra): Services {
  const audit = createAuditService({ logger: infra.logger });
  // One mailer for whoever sends mail (accounts' links today, digests next).
  const mailer = createMailer(infra.config, infra.logger);
  // Work done after the answer (mails, so that their timing reveals nothing); awaited at shutdown.
  const background = createBackground(infra.logger);
  const jobs = new JobRunner({ logger: infra.logger });
  const taxonomy = createTaxonomyService({ connection: infra.mongo });
  const projects = createProjectService({ connection: infra.mongo, taxonomy });
  const projectQueries = createProjectQueries({ taxonomy });
  const catalogueCache = new PageCache(30_000);
  const catalogueChanged = () => {
    projectQueries.markStale();
    catalogueCache.clear();
  };
  projects.onChange(catalogueChanged);
  taxonomy.onChange(catalogueChanged);
  const search = createSearchModule({
    meili: infra.meili,
    prefix: infra.config.meiliIndexPrefix,
    logger: infra.logger,
    taxonomy,
    sources: searchSources(taxonomy, projectQueries),
    jobs,
  });
  // A project changed here: its outbox entry is committed, the indexer need not wait for its next poll.
  projects.onChange(() => search.poke());
  const notes = createNotesModule({
    connection: infra.mongo,
    audit,
    taxonomy,
    projects: projectQueries,
    catalogue: projects,
    trustedAfter: infra.config.notesTrustedAfter,
    // createApp refuses to start without a session secret; scripts without one never see a form.
    secret: infra.config.sessionSecret ?? randomBytes(32).toString("hex"),
  });
  notes.core.onChange(() => {
    catalogueCache.clear();
    // A note changed here: its outbox entry is committed, the indexer need not wait for its next poll.
    search.poke();
  });
  const accounts = createAccountsServices(infra, audit, mailer, background);
  const tables = createTablesModule({
    connection: infra.mongo,
    audit,
    taxonomy,
    accounts: accounts.accounts,
    links: accounts.links,
    notes,
    projects: { ...projectQueries, onChange: (listener) => projects.onChange(listener) },
  });
  // Events and sessions appear on the (cached) anonymous table pages.
  tables.events.onChange(() => catalogueCache.clear());
  // So do published reports and their list.
  tables.reports.onChange(() => catalogueCache.clear());
  // A report published or withdrawn here: its outbox entry is committed, the indexer need not wait.
  tables.reports.onChange(() => search.poke());
  // And the register (its pages, the zone pages' section, the report pages' codes).
  tables.register.onChange(() => catalogueCache.clear());
  // An item created, withdrawn or given a status here: its outbox entry is committed.
  tables.register.onChange(() => search.poke());
  return {
    mailer,
    background,
    jobs,
    audit,
    taxonomy,
    projects,
    projectQueries,
    imports: createImportService({ connection: infra.mongo, taxonomy, projects }),
    exports: createExportService({ taxonomy }),
    catalogueCache,
    search,
    notes,
    privacy: createPrivacyService({ accounts: accounts.accounts, notes }),
    tables,
    ...accounts,
  };
}

/** Starts background work (seeding on first start, then the jobs: the indexer...). */
export async function startServices(infra: Infra, services: Services): Promise<void> {
  // Every model's indexes exist before the first request: queries hint them by name, and a hint to an
  // index still being built is an error (seen as a 500 on a fresh database).
  await Promise.all(Object.values(infra.mongo.models).map((model) => model.init()));
  await ensureDemoAccounts(infra, services.accounts);
  // Vocabularies on first start (only missing entries), then the demo projects if enabled.
  await services.taxonomy.seed();
  if (infra.config.demoContent) {
    await seedDemoProjects(services, infra.logger);
    await seedDemoNotes(infra.mongo, infra.logger);
    await seedDemoSeminar(infra.mongo, infra.logger);
    await services.tables.seedDemoReports(SEMINAR_KEY, infra.logger);
    await services.tables.seedDemoRegister(infra.logger);
    await services.tables.seedDemoGuidelines(infra.logger);
  }
  await services.search.start();
  services.jobs.start();
  // The full catalogue's counts (home and browse pages) take a while on a large catalogue: start them now.
  void services.projectQueries.publishedCounts().catch(() => undefined);
}

/**
 * Drops every in-memory cache, for when the database changed behind the app's back (a restore, or a test
 * that empties it): vocabularies and tags, whose listeners drop the page cache, the cached projects and
 * related lists and the notes sections; then which pages were asked for, the browse counts and the
 * notes' own caches.
 */
export function forgetCaches(services: Services): void {
  services.taxonomy.invalidate();
  services.catalogueCache.reset();
  services.projectQueries.clearCache();
  services.notes.core.changed();
  services.tables.pages.clear();
}

/** Stops background work before connections close: waits for the jobs that are running to end. */
export async function stopServices(services: Services): Promise<void> {
  // Mails already promised (a reset link, a join request) go out before the connections close.
  await services.background.settled();
  await services.jobs.stop();
}

/** What /readyz checks. */
export function readinessChecks(infra: Infra, services: Services): ReadinessCheck[] {
  return [
    { name: "mongodb", check: () => mongoHealth(infra.mongo) },
    { name: "meilisearch", check: () => meiliHealth(infra.meili) },
    services.search.readiness(),
    services.jobs.readiness(),
  ];
}

/**
 * For the search tools (reindex, search:check) and the catalogue's import and export: connects to MongoDB
 * and Meilisearch (starting the embedded ones when none is configured) and runs `fn` with the search module.
 */
export async function withSearch<T>(
  config: Readonly<Config>,
  fn: (search: SearchModule) => Promise<T>,
): Promise<T> {
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const busy = (message: string) => new UsageError(message);
  return withCliServers(config, { logger, meili: true, busy }, async ({ mongo, meiliUrl, meiliKey }) => {
    const taxonomy = createTaxonomyService({ connection: mongo });
    const search = createSearchModule({
      meili: createMeiliClient(meiliUrl!, meiliKey),
      prefix: config.meiliIndexPrefix,
      logger,
      taxonomy,
      sources: searchSources(taxonomy, createProjectQueries({ taxonomy })),
      // A runner of its own: only the indexer ever runs here (to apply repairs when no app does).
      jobs: new JobRunner({ logger }),
    });
    return fn(search);
  });
}
