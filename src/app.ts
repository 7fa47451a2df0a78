// createApp(deps) builds the Express app; it opens no connection and listens on nothing.
import compression from "compression";
import express, { type Express } from "express";
import type { Infra, Services } from "./composition";
import type { ReadinessCheck } from "./infra/health-check";
import { cleanBodies } from "./web/control-chars";
import { requestDeadline } from "./web/deadline";
import { errorHandler, notFound } from "./web/error-handler";
import { healthRouter } from "./web/health";
import { jobsRouter } from "./web/jobs.routes";
import { requestLog } from "./web/request-log";
import { languageMiddleware, languageRouter } from "./web/i18n/middleware";
import { parseQueryWithoutLang } from "./web/i18n/lang-url";
import { securityHeaders } from "./web/security";
import { staticRouter } from "./web/static";
import { homeRouter } from "./modules/home/index";
import {
  accountsRouter,
  accountsSession,
  adminUsersRouter,
  meRouter,
  oidcRouter,
  SESSION_COOKIE,
  twoFactorRouter,
} from "./modules/accounts/index";
import { auditRouter } from "./modules/audit/index";
import { searchAdminRouter, searchRouter } from "./modules/search/index";
import {
  curationRouter,
  importRouter,
  projectsApiRouter,
  projectsRouter,
  termsRouter,
} from "./modules/projects/index";
import {
  noteDraftRescue,
  notePagesRouter,
  notesExportRouter,
  notesRouter,
  notesSectionFor,
  termNotesFor,
  themeNotesFor,
} from "./modules/notes/index";
import { feedLinks, feedsRouter, tablesFeedsRouter } from "./modules/feeds/index";
import { taxonomyRouter } from "./modules/taxonomy/index";
import { siteRouter } from "./modules/site/index";
import { privacyRouter } from "./modules/privacy/index";
import {
  captureRouter,
  eventsRouter,
  guidelinesRouter,
  registerRouter,
  reportsRouter,
  tablesRouter,
} from "./modules/tables/index";

export interface AppDeps extends Infra {
  services: Services;
  readiness: ReadinessCheck[];
  isShuttingDown?: () => boolean;
}

export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  // Node's querystring, as Express's "simple" parser, less `lang` (read by the language middleware).
  app.set("query parser", parseQueryWithoutLang);

  app.use(requestLog(logger));
  app.use(healthRouter({ checks: deps.readiness, isShuttingDown: deps.isShuttingDown ?? (() => false) }));
  const handleError = errorHandler({
    logger,
    exposeInternals: !config.isProduction && config.env !== "test",
  });
  // A stalled dependency never leaves a request waiting: past the deadline it gets a 503 page or JSON.
  app.use(
    requestDeadline({
      ms: config.requestDeadlineMs,
      answer: (res, err) => handleError(err, res.req, res, () => undefined),
    }),
  );
  app.use(securityHeaders({ https: config.secureCookies }));
  // Responses that do not compress themselves (static files, JSON, feeds, exports) go through the
  // compression middleware. HTML pages gzip themselves in one piece (sendPage, the page cache), so the
  // catalogue routers come before it: wrapping every response cost an uncached project page about 10%
  // of its throughput. Level 4 rather than the default 6: a signed-in project page with 200 notes (67 KB)
  // went from 274 to 361 req/s in the notes bench.
  const compress = compression({ level: 4 });
  app.use(languageMiddleware());
  // Anonymous GETs of pages already in the page cache are answered here, before static files, body
  // parsers and sessions: the same cached bytes the routes would send, with less on the way.
  app.use((req, res, next) => {
    if (req.method !== "GET" || req.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return next();
    const key = req.path === "/" ? "home" : req.originalUrl;
    if (!deps.services.catalogueCache.sendCached(req, res, key)) next();
  });
  app.use(staticRouter(compress));
  app.use(express.urlencoded({ extended: false, limit: "1mb", parameterLimit: 2000 }));
  app.use(express.json({ limit: "1mb" }));
  app.use(cleanBodies);

  app.use(languageRouter({ secureCookies: config.secureCookies }));
  // Session, current user (res.locals.user) and CSRF check: before every module router.
  if (!config.sessionSecret) throw new Error("createApp needs config.sessionSecret");
  const { services } = deps;
  app.use(
    accountsSession({
      mongo: deps.mongo,
      secret: config.sessionSecret,
      secureCookies: config.secureCookies,
      accounts: services.accounts,
    }),
  );
  app.use(feedLinks());
  // Reports first: their public pages are served whole from the page cache, and every router before
  // them is walked for each request. They only answer /reports... and /api/v1/reports..., which no other
  // router serves.
  app.use(
    reportsRouter({
      reports: services.tables.reports,
      queries: services.tables.reportQueries,
      proposal: services.tables.proposal,
      events: services.tables.eventQueries,
      taxonomy: services.taxonomy,
      baseUrl: config.baseUrl,
      cache: services.catalogueCache,
      registerOf: async (slug) =>
        (await services.tables.registerQueries.ofReport(slug)).map((i) => ({ code: i.code, state: i.state })),
    }),
  );
  // The catalogue first: project pages are the most asked for, and every router before them is walked
  // (route by route) for each request. Curation before the public pages: /projects/new is not a slug.
  // These routers only send pages (compressed by sendPage) and redirects.
  app.use(
    curationRouter({
      projects: services.projects,
      queries: services.projectQueries,
      taxonomy: services.taxonomy,
    }),
  );
  app.use(
    projectsRouter({
      queries: services.projectQueries,
      taxonomy: services.taxonomy,
      cache: services.catalogueCache,
      notes: notesSectionFor({
        queries: services.notes.queries,
        taxonomy: services.taxonomy,
        onChange: services.notes.core.onChange,
      }),
    }),
  );
  app.use(
    homeRouter({
      queries: services.projectQueries,
      taxonomy: services.taxonomy,
      cache: services.catalogueCache,
    }),
  );
  // The search page and API compress their own answers too (sendPage, sendJson).
  app.use(searchRouter({ search: services.search.service, taxonomy: services.taxonomy }));
  // The working tables' pages compress themselves; the live feed (server-sent events) must not be
  // buffered by the compression middleware.
  const { tables } = services;
  app.use(
    tablesRouter({
      queries: tables.queries,
      pages: tables.pages,
      events: tables.eventQueries,
      taxonomy: services.taxonomy,
      cache: services.catalogueCache,
    }),
  );
  app.use(
    captureRouter({
      capture: tables.capture,
      events: tables.events,
      queries: tables.queries,
      taxonomy: services.taxonomy,
      projects: services.projectQueries,
      secret: config.sessionSecret,
      secureCookies: config.secureCookies,
      baseUrl: config.baseUrl,
      onNoteChange: tables.onNoteChange,
    }),
  );
  app.use(
    eventsRouter({
      events: tables.events,
      queries: tables.eventQueries,
      capture: tables.capture,
      invitations: tables.invitations,
      taxonomy: services.taxonomy,
      notes: { sessionCounts: (ids) => services.notes.tables.sessionCounts(ids) },
    }),
  );
  // Guidelines for the zonal plans: /guidelines... and /api/v1/guidelines... only.
  app.use(
    guidelinesRouter({
      guidelines: tables.guidelines,
      queries: tables.guidelinesQueries,
      register: tables.guidelinesRegister,
      taxonomy: services.taxonomy,
      baseUrl: config.baseUrl,
    }),
  );
  app.use(compress);
  const ssoLabel = config.oidc ? (config.oidc.buttonLabel ?? "") : undefined;
  app.use(
    accountsRouter({
      accounts: services.accounts,
      links: services.links,
      signIn: services.signIn,
      sso: ssoLabel,
    }),
  );
  app.use(
    twoFactorRouter({ accounts: services.accounts, twoFactor: services.twoFactor, signIn: services.signIn }),
  );
  if (services.oidc)
    app.use(
      oidcRouter({
        oidc: services.oidc,
        signIn: services.signIn,
        baseUrl: config.baseUrl,
        label: ssoLabel ?? "",
      }),
    );
  app.use(meRouter({ accounts: services.accounts, secureCookies: config.secureCookies }));
  app.use(privacyRouter({ privacy: services.privacy }));
  app.use(
    adminUsersRouter({ accounts: services.accounts, links: services.links, twoFactor: services.twoFactor }),
  );
  app.use(auditRouter({ audit: services.audit, accounts: services.accounts }));
  app.use(jobsRouter({ jobs: services.jobs }));
  app.use(taxonomyRouter({ taxonomy: services.taxonomy, cache: services.catalogueCache }));
  // After the taxonomy's router: /tags/propose is not a tag's slug.
  app.use(
    termsRouter({
      taxonomy: services.taxonomy,
      queries: services.projectQueries,
      cache: services.catalogueCache,
      themeNotes: themeNotesFor({ queries: services.notes.queries, taxonomy: services.taxonomy }),
      termNotes: termNotesFor({ queries: services.notes.queries, taxonomy: services.taxonomy }),
      zoneRecommendations: services.tables.zoneRecommendations,
    }),
  );
  app.use(
    registerRouter({
      register: services.tables.register,
      queries: services.tables.registerQueries,
      taxonomy: services.taxonomy,
      evidenceOf: services.tables.registerEvidence,
      baseUrl: config.baseUrl,
      cache: services.catalogueCache,
    }),
  );
  app.use(importRouter({ imports: services.imports }));
  app.use(
    projectsApiRouter({
      queries: services.projectQueries,
      taxonomy: services.taxonomy,
      exports: services.exports,
    }),
  );
  app.use(
    notesExportRouter({
      exports: services.notes.exports,
      taxonomy: services.taxonomy,
      projects: services.projectQueries,
    }),
  );
  app.use(searchAdminRouter({ resync: services.search.syncSettings }));
  const notesDeps = {
    core: services.notes.core,
    taxonomy: services.taxonomy,
    projects: services.projectQueries,
    secret: config.sessionSecret,
  };
  app.use(notesRouter(notesDeps));
  app.use(noteDraftRescue(notesDeps));
  app.use(
    notePagesRouter({
      moderation: services.notes.moderation,
      queries: services.notes.queries,
      taxonomy: services.taxonomy,
      accounts: services.accounts,
      projects: services.projectQueries,
      sessionLabels: services.notes.sessionLabels,
    }),
  );
  app.use(
    feedsRouter({
      baseUrl: config.baseUrl,
      notes: services.notes.queries,
      projects: services.projectQueries,
      taxonomy: services.taxonomy,
    }),
  );
  app.use(
    tablesFeedsRouter({
      baseUrl: config.baseUrl,
      reports: services.tables.reportQueries,
      register: services.tables.registerQueries,
      taxonomy: services.taxonomy,
    }),
  );

  app.use(siteRouter({ checks: deps.readiness }));

  app.use(notFound);
  app.use(handleError);
  return app;
}
