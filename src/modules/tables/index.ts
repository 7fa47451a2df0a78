// The tables module's entry: working-table pages with their counts and charts, events and table sessions,
// bulk invitations and live capture. It sits above notes, projects, taxonomy, accounts, search and audit.
// What later features of the module (synthesis reports, recommendations, guidelines) read is here too:
// `queries` (published notes of a table, question or event with their projects and zones, and counts).
import type { Connection } from "mongoose";
import type { AccountsCore, LinksService } from "../accounts/index";
import type { AuditService } from "../audit/index";
import type { NotesModule } from "../notes/index";
import { isPublic, type ProjectRefs } from "../projects/index";
import type { TaxonomyService } from "../taxonomy/index";
import { createCaptureService } from "./capture.service";
import { createEventQueries } from "./events.queries";
import { createEventsService } from "./events.service";
import { createInvitationsService } from "./invitations.service";
import { createTablePages } from "./table.page";
import { createTablesQueries } from "./tables.queries";
import type { CitationSources } from "./report.citations";
import { createReportQueries } from "./report.queries";
import { createReportService } from "./report.service";
import { demoReportSlug, seedDemoReports } from "./report.demo";
import { seedDemoRegister } from "./register.demo";
import { createRegisterQueries } from "./register.queries";
import { createRegisterService } from "./register.service";
import { createGuidelinesQueries } from "./guidelines.queries";
import { createGuidelinesService } from "./guidelines.service";
import { registerReadsOf } from "./guidelines.register";
import { seedDemoGuidelines } from "./guidelines.demo";
import { zoneRecommendationsFor } from "./register.zone";
import { citationsOf, resolveCitations } from "./report.citations";
import type { Logger } from "../../infra/logger";

export { tablesRouter } from "./tables.routes";
export { eventsRouter } from "./events.routes";
export { captureRouter } from "./capture.routes";
export { reportsRouter } from "./report.routes";
export { guidelinesRouter } from "./guidelines.routes";
export type { GuidelinesQueries, GuidelinesView } from "./guidelines.queries";
export type { GuidelinesService, RegisterReads } from "./guidelines.service";
export { createReportSource } from "./report.source";
export { createRecommendationSource } from "./register.source";
export { withoutCitations } from "./report.citations";
export { registerRouter } from "./register.routes";
export type { ReportQueries, ReportRecommendation, ReportView, ResolvedReport } from "./report.queries";
export type { ReportService } from "./report.service";
export type { RegisterService, StatusInput, SyncResult } from "./register.service";
export { RegisterConflictError, codeOf } from "./register.service";
export type {
  RegisterFilter,
  RegisterHistoryEntry,
  RegisterItemView,
  RegisterQueries,
  ZoneStatusView,
} from "./register.queries";
export { CODE_PATTERN, statusIn } from "./register.queries";
export { REGISTER_STATUSES, ITEM_STATES, type RegisterStatus, type ItemState } from "./register.model";
export type { NoteCounts, TableData, TableNote, TablesQueries } from "./tables.queries";
export type { EventView, SessionView } from "./events.queries";

export interface TablesModuleDeps {
  connection: Connection;
  audit: AuditService;
  taxonomy: TaxonomyService;
  accounts: AccountsCore;
  links: LinksService;
  notes: NotesModule;
  projects: Pick<ProjectRefs, "refBySlug" | "factsOf"> & { onChange(listener: () => void): void };
}

export function createTablesModule(deps: TablesModuleDeps) {
  const queries = createTablesQueries({ notes: deps.notes.tables, projects: deps.projects });
  const eventQueries = createEventQueries({ taxonomy: deps.taxonomy });
  const events = createEventsService({
    connection: deps.connection,
    audit: deps.audit,
    taxonomy: deps.taxonomy,
    accounts: deps.accounts,
    projects: deps.projects,
    notes: deps.notes.tables,
  });
  const capture = createCaptureService({
    events,
    notes: deps.notes,
    projects: deps.projects,
    taxonomy: deps.taxonomy,
    audit: deps.audit,
  });
  const invitations = createInvitationsService({ links: deps.links, accounts: deps.accounts });
  const pages = createTablePages({
    queries,
    taxonomy: deps.taxonomy,
    sessionsOfTheme: (theme) => eventQueries.sessionsOfTheme(theme),
  });

  // What reports cite: notes and projects the public may read (published; archived projects too).
  const sources: CitationSources = {
    notes: (ids) => deps.notes.tables.citable(ids),
    async projects(slugs) {
      const found = await Promise.all(slugs.map((slug) => deps.projects.refBySlug(slug)));
      return new Map(
        found.flatMap((p, i) =>
          p ? [[slugs[i]!, { slug: p.slug, title: p.title, visible: isPublic(p) }]] : [],
        ),
      );
    },
  };
  const reports = createReportService({ connection: deps.connection, sources });
  const reportQueries = createReportQueries({ sources });
  const proposal = { notes: deps.notes.tables, projects: deps.projects };
  reports.onChange(reportQueries.clear);
  const registerQueries = createRegisterQueries();
  const register = createRegisterService({
    connection: deps.connection,
    taxonomy: deps.taxonomy,
    reports: reportQueries,
    async noteThemes(ids) {
      const found = await deps.notes.tables.citable(ids);
      return new Map([...found].map(([id, n]) => [id, n.theme]));
    },
  });
  // Guidelines for the zonal plans: chosen register items, resolved as the register is now.
  const guidelinesRegister = registerReadsOf(registerQueries);
  const themeKeys = async () => (await deps.taxonomy.vocabulary()).themes.map((th) => th.key);
  const guidelines = createGuidelinesService({
    connection: deps.connection,
    register: guidelinesRegister,
    themes: themeKeys,
  });
  const guidelinesQueries = createGuidelinesQueries({
    sources,
    register: guidelinesRegister,
    taxonomy: deps.taxonomy,
  });
  for (const source of [guidelines, register, reports, deps.notes.core, deps.projects]) {
    source.onChange(guidelinesQueries.clear);
  }

  // The table pages follow notes, projects and events changed in this process at once.
  const noteListeners = new Set<() => void>();
  deps.notes.core.onChange(() => {
    pages.clear();
    reportQueries.clear();
    for (const l of noteListeners) l();
  });
  deps.projects.onChange(pages.clear);
  deps.projects.onChange(reportQueries.clear);
  events.onChange(pages.clear);
  // The moderation queue names each contribution's session.
  deps.notes.labelSessionsWith((ids) => eventQueries.labels(ids));

  return {
    queries,
    eventQueries,
    events,
    capture,
    invitations,
    pages,
    /** Synthesis reports: writes (coordinators) and reads (published reports, recommendations). */
    reports,
    reportQueries,
    /**
     * The recommendations register: `register` writes (coordinators: items from a published report,
     * statuses per zone), `registerQueries` reads (list with filters, one item, a zone's, a report's).
     */
    register,
    registerQueries,
    /** Guidelines for the zonal plans: writes (coordinators), reads, and the register as they read it. */
    guidelines,
    guidelinesQueries,
    guidelinesRegister,
    /** The sources a register item's text cites, numbered and resolved as they are now. */
    registerEvidence: (text: string) => resolveCitations(citationsOf([text]), sources),
    /** The register's section of a zone's page (plugged into the catalogue's zone page). */
    zoneRecommendations: zoneRecommendationsFor({ queries: registerQueries, taxonomy: deps.taxonomy }),
    /** What a report's proposed draft reads. */
    proposal,
    /** Loads the demo reports of the demo event with this key (idempotent). */
    seedDemoReports: (eventKey: string, logger?: Logger) =>
      seedDemoReports({ ...proposal, reports, taxonomy: deps.taxonomy }, eventKey, logger),
    /** Loads the register's demo items and statuses from the published demo report (idempotent). */
    seedDemoRegister: async (logger?: Logger) =>
      seedDemoRegister({ register }, await demoReportSlug(), logger),
    /** Loads the demo guidelines from the demo register (idempotent; after `seedDemoRegister`). */
    seedDemoGuidelines: (logger?: Logger) =>
      seedDemoGuidelines({ guidelines, register: guidelinesRegister, themes: themeKeys }, logger),
    /** Runs `listener` whenever a note changes in this process; returns how to stop. */
    onNoteChange: (listener: () => void): (() => void) => {
      noteListeners.add(listener);
      return () => noteListeners.delete(listener);
    },
  };
}

export type TablesModule = ReturnType<typeof createTablesModule>;
