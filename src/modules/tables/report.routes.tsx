// Synthesis reports: the public list and pages of published reports with their exports (PDF, DOCX,
// Markdown, JSON) and API; the coordinators' pages to start a report from the proposed draft, edit it
// section by section, move it through review to publication, and see, compare and restore its versions.
import express, { type Request, type Response, type Router } from "express";
import { diffLines } from "diff";
import { hasRole, requireRole } from "../../web/auth-guards";
import { AppError, NotFoundError } from "../../web/errors";
import { formatDay } from "../../web/i18n/format";
import { isLang, translator, type Translate } from "../../web/i18n/index";
import type { PageCache } from "../../web/page-cache";
import { sendPage } from "../../web/render";
import { parseForm, parseOr400, throwIfJson } from "../../web/validate";
import { wantsJson } from "../../web/error-handler";
import "./report.openapi";
import { actorOf } from "../accounts/index";
import { labelOf, type TaxonomyService } from "../taxonomy/index";
import {
  NewReportPage,
  ReportDiffPage,
  ReportEditPage,
  ReportHistoryPage,
  ReportPage,
  ReportsIndexPage,
  type ReportErrors,
} from "../../../views/tables/ReportPages";
import type { EventQueries } from "./events.queries";
import type { ReportSnapshot } from "./report.model";
import { draftOf, proposalFor, type ProposalDeps } from "./report.draft";
import { exportDocumentOf } from "./report.export.blocks";
import { reportDocx } from "./report.export.docx";
import { reportPdf } from "./report.export.pdf";
import { reportJson, reportMarkdown } from "./report.export.text";
import type { ReportQueries, ReportView } from "./report.queries";
import {
  diffQuery,
  exportParams,
  langQuery,
  newReportSchema,
  reportFormSchema,
  restoreFormSchema,
  revisionParams,
  slugParams,
  statusFormSchema,
} from "./report.schemas";
import { CitationError, ReportConflictError, type ReportScope, type ReportService } from "./report.service";

export interface ReportsRouterDeps {
  reports: ReportService;
  queries: ReportQueries;
  /** What the proposed draft reads. */
  proposal: ProposalDeps;
  events: Pick<EventQueries, "list" | "withSessions">;
  taxonomy: TaxonomyService;
  baseUrl: string;
  /** Anonymous pages, kept rendered and gzipped (cleared when a report, note or project changes). */
  cache: PageCache;
  /** A published report's items in the recommendations register (listed on its page). */
  registerOf?: (slug: string) => Promise<{ code: string; state: "active" | "withdrawn" }[]>;
}

const CONTENT_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
} as const;

/** Errors of a failed save, translated for the form (citations are named one by one). */
function errorsOf(err: unknown, t: Translate): ReportErrors | undefined {
  if (err instanceof CitationError) {
    return Object.fromEntries(
      err.refused.map((c, i) => [
        `citation${i}`,
        t(c.kind === "note" ? "reports.error.citation.note" : "reports.error.citation.project", {
          ref: c.ref,
        }),
      ]),
    );
  }
  if (err instanceof ReportConflictError) return { _form: t("reports.error.stale") };
  if (err instanceof AppError && err.status === 409) return { _form: t("reports.error.transition") };
  return undefined;
}

/** The sections the form sent, as typed (shown again after an error). */
function valuesOf(body: unknown): ReportSnapshot {
  const b = (body ?? {}) as Record<string, unknown>;
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => String(x).slice(0, 60_000));
  const [headings, kinds, bodies] = [list(b.heading), list(b.kind), list(b.body)];
  return {
    title: typeof b.title === "string" ? b.title.slice(0, 300) : "",
    summary: typeof b.summary === "string" ? b.summary.slice(0, 10_000) : "",
    sections: bodies.slice(0, 41).map((body, i) => ({
      heading: headings[i] ?? "",
      kind: kinds[i] === "recommendations" ? "recommendations" : "text",
      body,
    })),
  };
}

/** A version as lines, for the readable diff. */
const linesOf = (s: ReportSnapshot) =>
  [
    `# ${s.title}`,
    "",
    s.summary,
    "",
    ...s.sections.flatMap((x) => [`## ${x.heading} [${x.kind}]`, "", x.body, ""]),
  ].join("\n");

export function reportsRouter(deps: ReportsRouterDeps): Router {
  const router = express.Router();
  const coordinator = requireRole("coordinator");

  const metaLines = (view: ReportView, t: Translate, lang: string) => [
    ...(view.meta.publishedAt
      ? [
          t("reports.published.by", {
            date: formatDay(view.meta.publishedAt, lang),
            name: view.meta.publishedBy?.name ?? "",
            version: view.version,
          }),
        ]
      : []),
    t("reports.export.source", { url: `${deps.baseUrl.replace(/\/+$/, "")}/reports/${view.meta.slug}` }),
    ...(view.meta.demo ? [t("reports.demo")] : []),
  ];

  async function publishedOr404(slug: string): Promise<ReportView> {
    const view = await deps.queries.published(slug);
    if (!view) throw new NotFoundError("No such report");
    return view;
  }

  router.get("/reports", async (req, res) => {
    if (deps.cache.sendCached(req, res, req.originalUrl)) return;
    const coord = hasRole(res.locals.user?.role, "coordinator");
    const [published, all] = await Promise.all([
      deps.queries.listPublished(),
      coord ? deps.queries.listAll() : Promise.resolve(undefined),
    ]);
    deps.cache.send(req, res, req.originalUrl, () => <ReportsIndexPage published={published} all={all} />);
  });

  async function newForm(
    req: Request,
    res: Response,
    values: Record<string, string>,
    errors?: ReportErrors,
    status = 200,
  ) {
    const [vocab, events] = await Promise.all([deps.taxonomy.vocabulary(), deps.events.list()]);
    sendPage(
      req,
      res,
      <NewReportPage
        values={values}
        errors={errors}
        themes={vocab.themes.map((th) => ({ key: th.key, label: labelOf(th, req.lang) }))}
        events={events.map((e) => ({ id: e.id, label: `${e.title} (${formatDay(e.date, req.lang)})` }))}
      />,
      status,
    );
  }

  router.get("/reports/new", coordinator, (req, res) => newForm(req, res, { scope: "all" }));

  router.post("/reports", coordinator, async (req, res) => {
    const parsed = parseForm(newReportSchema, req.body);
    const raw = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === "string"),
    ) as Record<string, string>;
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, req.t(v!)]));
      return newForm(req, res, raw, errors, 400);
    }
    const form = parsed.data;
    const vocab = await deps.taxonomy.vocabulary();
    let scope: ReportScope = { kind: "all" };
    if (form.scope === "table") {
      if (!form.theme || !vocab.get("theme", form.theme)) scope = { kind: "table", theme: null };
      else scope = { kind: "table", theme: form.theme };
    } else if (form.scope === "event") {
      const found =
        form.event && /^[a-f0-9]{24}$/.test(form.event)
          ? await deps.events.withSessions(form.event)
          : undefined;
      scope = { kind: "event", event: found ? found.event.id : null };
    }
    if ((scope.kind === "table" && !scope.theme) || (scope.kind === "event" && !scope.event)) {
      throwIfJson(req, { scope: "reports.error.scope" });
      return newForm(req, res, raw, { scope: req.t("reports.error.scope") }, 400);
    }
    const parts = await proposalFor({ ...deps.proposal, taxonomy: deps.taxonomy }, scope);
    const content = await draftOf({ taxonomy: deps.taxonomy }, parts, form.title, req.lang, req.t);
    const doc = await deps.reports.create(actorOf(res.locals.user!), { scope, content });
    res.redirect(303, `/reports/${doc.slug}/edit`);
  });

  // A published report's page, or one of its exports (`<slug>.pdf`, `.docx`, `.md`, `.json`).
  router.get("/reports/:file", async (req, res) => {
    const file = String(req.params.file);
    if (!file.includes(".")) {
      if (deps.cache.sendCached(req, res, req.path)) return;
      const { slug } = parseOr400(slugParams, { slug: file }, "address");
      const view = await publishedOr404(slug);
      const register = await deps.registerOf?.(slug);
      deps.cache.send(req, res, req.path, () => (
        <ReportPage view={view} working={false} register={register} />
      ));
      return;
    }
    parseOr400(exportParams, { file }, "address");
    const { lang: asked } = parseOr400(langQuery, req.query, "query");
    const lang = asked && isLang(asked) ? asked : req.lang;
    const t = translator(lang);
    const [slug, ext] = file.split(".") as [string, keyof typeof CONTENT_TYPES];
    const view = await publishedOr404(slug);
    const meta = metaLines(view, t, lang);
    let body: Buffer | string;
    if (ext === "json") body = JSON.stringify(reportJson(view, deps.baseUrl));
    else if (ext === "md") body = reportMarkdown(view, { baseUrl: deps.baseUrl, t, meta });
    else {
      const doc = exportDocumentOf(view, { baseUrl: deps.baseUrl, t, meta });
      body = ext === "pdf" ? await reportPdf(doc, lang) : await reportDocx(doc, lang);
    }
    res.setHeader("content-type", CONTENT_TYPES[ext]);
    if (ext !== "json") res.setHeader("content-disposition", `attachment; filename="${slug}.${ext}"`);
    res.setHeader("cache-control", "public, max-age=60");
    res.send(body);
  });

  router.get("/reports/:slug/working", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const view = await deps.queries.working(slug);
    if (!view) throw new NotFoundError("No such report");
    sendPage(req, res, <ReportPage view={view} working />);
  });

  router.get("/reports/:slug/edit", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const view = await deps.queries.working(slug);
    if (!view) throw new NotFoundError("No such report");
    sendPage(req, res, <ReportEditPage slug={slug} version={view.meta.version} values={view.content} />);
  });

  router.post("/reports/:slug/edit", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const current = await deps.reports.load(slug);
    const again = (errors: ReportErrors, status: number) => {
      const values = valuesOf(req.body);
      const version = Number((req.body as { version?: string })?.version) || current.version;
      sendPage(
        req,
        res,
        <ReportEditPage slug={slug} version={version} values={values} errors={errors} />,
        status,
      );
    };
    const parsed = parseForm(reportFormSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      again(Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, req.t(v!)])), 400);
      return;
    }
    try {
      const doc = await deps.reports.update(
        actorOf(res.locals.user!),
        slug,
        parsed.data.content,
        parsed.data.version,
      );
      deps.queries.clear();
      if (parsed.data.add) {
        const content = {
          ...parsed.data.content,
          sections: [...parsed.data.content.sections, { heading: "", kind: "text" as const, body: "" }],
        };
        sendPage(req, res, <ReportEditPage slug={slug} version={doc.version} values={content} />);
        return;
      }
      res.redirect(303, `/reports/${slug}/working`);
    } catch (err) {
      const errors = errorsOf(err, req.t);
      if (!errors || wantsJson(req) || req.is("application/json")) throw err;
      again(errors, (err as AppError).status);
    }
  });

  router.post("/reports/:slug/status", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const form = parseOr400(statusFormSchema, req.body, "form");
    await deps.reports.transition(actorOf(res.locals.user!), slug, form.action, form.version);
    deps.queries.clear();
    res.redirect(303, form.action === "publish" ? `/reports/${slug}` : `/reports/${slug}/working`);
  });

  router.get("/reports/:slug/history", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const history = await deps.queries.history(slug);
    if (!history) throw new NotFoundError("No such report");
    sendPage(
      req,
      res,
      <ReportHistoryPage
        slug={slug}
        title={history.title}
        version={history.meta.version}
        revisions={history.revisions}
      />,
    );
  });

  router.get("/reports/:slug/diff", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const { from, to } = parseOr400(diffQuery, req.query, "query");
    const [a, b] = await Promise.all([deps.queries.revision(slug, from), deps.queries.revision(slug, to)]);
    if (!a || !b) throw new NotFoundError("No such version");
    const lines = diffLines(linesOf(a), linesOf(b)).flatMap((part) =>
      part.value
        .replace(/\n$/, "")
        .split("\n")
        .map((text) => ({
          kind: part.added ? ("add" as const) : part.removed ? ("del" as const) : ("same" as const),
          text,
        })),
    );
    sendPage(req, res, <ReportDiffPage slug={slug} from={from} to={to} lines={lines} />);
  });

  router.post("/reports/:slug/revisions/:version/restore", coordinator, async (req, res) => {
    const { slug, version } = parseOr400(revisionParams, req.params, "address");
    const form = parseOr400(restoreFormSchema, req.body, "form");
    await deps.reports.restore(actorOf(res.locals.user!), slug, version, form.version);
    deps.queries.clear();
    res.redirect(303, `/reports/${slug}/working`);
  });

  // The public API: published reports only, citations resolved.
  router.get("/api/v1/reports", async (req, res) => {
    parseOr400(langQuery, req.query, "query");
    const list = await deps.queries.listPublished();
    const base = deps.baseUrl.replace(/\/+$/, "");
    res.json({
      reports: list.map((r) => ({
        slug: r.meta.slug,
        title: r.title,
        url: `${base}/reports/${r.meta.slug}`,
        publishedAt: r.meta.publishedAt,
        version: r.meta.publishedVersion,
        scope: r.meta.scope,
        demo: r.meta.demo,
      })),
    });
  });

  router.get("/api/v1/reports/:slug", async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    res.json(reportJson(await publishedOr404(slug), deps.baseUrl));
  });

  return router;
}
