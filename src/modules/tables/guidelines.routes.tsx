// Guidelines for the zonal integrated plans: the public list, pages and exports (PDF, DOCX, Markdown,
// JSON) and API of published documents; the coordinators' pages to start a document, write it and choose
// the register's recommendations table by table, move it through review to publication, and see, compare
// and restore its versions. Every write is for coordinators only (and checked again by the service).
import express, { type Request, type Response, type Router } from "express";
import { hasRole, requireRole } from "../../web/auth-guards";
import { AppError, NotFoundError } from "../../web/errors";
import { formatDay } from "../../web/i18n/format";
import { isLang, translator, type Lang, type Translate } from "../../web/i18n/index";
import { markdownToText } from "../../web/markdown";
import { sendPage } from "../../web/render";
import { parseForm, parseOr400, throwIfJson } from "../../web/validate";
import { wantsJson } from "../../web/error-handler";
import "./guidelines.openapi";
import { actorOf } from "../accounts/index";
import { labelOf, type TaxonomyService } from "../taxonomy/index";
import {
  GuidelinesEditPage,
  GuidelinesIndexPage,
  GuidelinesPage,
  NewGuidelinesPage,
  type ChoosableTable,
  type GuidelinesErrors,
} from "../../../views/tables/GuidelinesPages";
import { DiffPage, VersionsPage } from "../../../views/tables/Versions";
import { sendExport, type ExportExtension } from "./document.export";
import { withoutCitations } from "./report.citations";
import type { GuidelinesQueries, GuidelinesView } from "./guidelines.queries";
import {
  diffQuery,
  exportParams,
  guidelinesFormSchema,
  langQuery,
  newGuidelinesSchema,
  restoreFormSchema,
  revisionParams,
  slugParams,
  statusFormSchema,
} from "./guidelines.schemas";
import {
  GENERAL_SECTION,
  GuidelinesConflictError,
  type GuidelinesInput,
  type GuidelinesService,
  type RegisterReads,
} from "./guidelines.service";
import { lineDiff } from "./versions";
import { errorsOf, guidelinesJson, linesOf, valuesOf, valuesOfSnapshot } from "./guidelines.forms";

export interface GuidelinesRouterDeps {
  guidelines: GuidelinesService;
  queries: GuidelinesQueries;
  register: RegisterReads;
  taxonomy: TaxonomyService;
  baseUrl: string;
}

export function guidelinesRouter(deps: GuidelinesRouterDeps): Router {
  const router = express.Router();
  const coordinator = requireRole("coordinator");
  const base = deps.baseUrl.replace(/\/+$/, "");

  /** The register's items table by table, for the checkboxes (`held`: codes the document already has). */
  async function choosable(lang: Lang): Promise<ChoosableTable[]> {
    const [vocab, items] = await Promise.all([deps.taxonomy.vocabulary(), deps.register.items()]);
    const tables = [
      ...vocab.themes.map((th) => ({ theme: th.key, label: labelOf(th, lang) })),
      { theme: GENERAL_SECTION, label: translator(lang)("guidelines.section.general") },
    ];
    return tables
      .map((tb) => ({
        ...tb,
        items: items
          .filter((i) => (i.theme ?? GENERAL_SECTION) === tb.theme)
          .map((i) => ({
            code: i.code,
            text: withoutCitations(markdownToText(i.text)).slice(0, 400),
            withdrawn: i.withdrawn,
          })),
      }))
      .filter((tb) => tb.theme !== GENERAL_SECTION || tb.items.length > 0);
  }

  async function publishedOr404(slug: string, lang: Lang): Promise<GuidelinesView> {
    const view = await deps.queries.published(slug, lang);
    if (!view) throw new NotFoundError("No such guidelines");
    return view;
  }

  const metaLines = (view: GuidelinesView, t: Translate, lang: string) => [
    ...(view.meta.publishedAt
      ? [
          t("guidelines.published.by", {
            date: formatDay(view.meta.publishedAt, lang),
            name: view.meta.publishedBy?.name ?? "",
            version: view.version,
          }),
        ]
      : []),
    t("guidelines.export.source", { url: `${base}/guidelines/${view.meta.slug}` }),
    ...(view.meta.demo ? [t("guidelines.demo")] : []),
  ];

  const json = (view: GuidelinesView) => guidelinesJson(view, deps.baseUrl);

  router.get("/guidelines", async (req, res) => {
    const coord = hasRole(res.locals.user?.role, "coordinator");
    const [published, all] = await Promise.all([
      deps.queries.listPublished(),
      coord ? deps.queries.listAll() : Promise.resolve(undefined),
    ]);
    sendPage(req, res, <GuidelinesIndexPage published={published} all={all} />);
  });

  const newForm = (req: Request, res: Response, values: Record<string, string>, errors?: GuidelinesErrors) =>
    sendPage(req, res, <NewGuidelinesPage values={values} errors={errors} />, errors ? 400 : 200);

  router.get("/guidelines/new", coordinator, (req, res) => newForm(req, res, {}));

  router.post("/guidelines", coordinator, async (req, res) => {
    const parsed = parseForm(newGuidelinesSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      const raw = Object.fromEntries(
        Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === "string"),
      ) as Record<string, string>;
      return newForm(
        req,
        res,
        raw,
        Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, req.t(v!)])),
      );
    }
    const doc = await deps.guidelines.create(actorOf(res.locals.user!), {
      title: parsed.data.title,
      intro: parsed.data.intro,
      sectionIntros: {},
    });
    res.redirect(303, `/guidelines/${doc.slug}/edit`);
  });

  // A published document's page, or one of its exports (`<slug>.pdf`, `.docx`, `.md`, `.json`).
  router.get("/guidelines/:file", async (req, res) => {
    const file = String(req.params.file);
    if (!file.includes(".")) {
      const { slug } = parseOr400(slugParams, { slug: file }, "address");
      sendPage(req, res, <GuidelinesPage view={await publishedOr404(slug, req.lang)} working={false} />);
      return;
    }
    parseOr400(exportParams, { file }, "address");
    const { lang: asked } = parseOr400(langQuery, req.query, "query");
    const lang: Lang = asked && isLang(asked) ? asked : req.lang;
    const t = translator(lang);
    const [slug, ext] = file.split(".") as [string, ExportExtension];
    const view = await publishedOr404(slug, lang);
    await sendExport(res, {
      source: view.source,
      slug,
      ext,
      lang,
      t,
      baseUrl: deps.baseUrl,
      meta: metaLines(view, t, lang),
      json: () => json(view),
    });
  });

  router.get("/guidelines/:slug/working", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const view = await deps.queries.working(slug, req.lang);
    if (!view) throw new NotFoundError("No such guidelines");
    sendPage(req, res, <GuidelinesPage view={view} working />);
  });

  router.get("/guidelines/:slug/edit", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const doc = await deps.guidelines.load(slug);
    const tables = await choosable(req.lang);
    const values = valuesOfSnapshot({ title: doc.title, intro: doc.intro, sections: doc.sections });
    sendPage(
      req,
      res,
      <GuidelinesEditPage
        slug={slug}
        version={doc.version}
        values={values}
        held={values.items}
        tables={tables}
      />,
    );
  });

  router.post("/guidelines/:slug/edit", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const current = await deps.guidelines.load(slug);
    const again = async (errors: GuidelinesErrors, status: number, latest = current) => {
      const version = Number((req.body as { version?: string })?.version) || current.version;
      const held = latest.sections.flatMap((s) => s.items);
      const currentValues =
        status === 409
          ? valuesOfSnapshot({ title: latest.title, intro: latest.intro, sections: latest.sections })
          : undefined;
      sendPage(
        req,
        res,
        <GuidelinesEditPage
          slug={slug}
          version={version}
          values={valuesOf(req.body)}
          held={held}
          tables={await choosable(req.lang)}
          errors={errors}
          current={currentValues}
        />,
        status,
      );
    };
    const parsed = parseForm(guidelinesFormSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      // The checkboxes' field is `item`; its error goes with the list (`items`).
      const errors = Object.entries(parsed.errors).map(([k, v]): [string, string] => [
        k === "item" ? "items" : k,
        req.t(v!),
      ]);
      await again(Object.fromEntries(errors), 400);
      return;
    }
    try {
      const input: GuidelinesInput = parsed.data.input;
      await deps.guidelines.update(actorOf(res.locals.user!), slug, input, parsed.data.version);
      res.redirect(303, `/guidelines/${slug}/working`);
    } catch (err) {
      const errors = errorsOf(err, req.t);
      if (!errors || wantsJson(req) || req.is("application/json")) throw err;
      await again(
        errors,
        (err as AppError).status,
        err instanceof GuidelinesConflictError ? err.current : current,
      );
    }
  });

  router.post("/guidelines/:slug/status", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const form = parseOr400(statusFormSchema, req.body, "form");
    await deps.guidelines.transition(actorOf(res.locals.user!), slug, form.action, form.version);
    res.redirect(303, form.action === "publish" ? `/guidelines/${slug}` : `/guidelines/${slug}/working`);
  });

  router.get("/guidelines/:slug/history", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const history = await deps.queries.history(slug);
    if (!history) throw new NotFoundError("No such guidelines");
    sendPage(
      req,
      res,
      <VersionsPage
        base={`/guidelines/${slug}`}
        heading={req.t("guidelines.history.title", { title: history.title })}
        version={history.meta.version}
        revisions={history.revisions}
      />,
    );
  });

  router.get("/guidelines/:slug/diff", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const { from, to } = parseOr400(diffQuery, req.query, "query");
    const [a, b] = await Promise.all([deps.queries.revision(slug, from), deps.queries.revision(slug, to)]);
    if (!a || !b) throw new NotFoundError("No such version");
    const vocab = await deps.taxonomy.vocabulary();
    const label = (key: string) => {
      const theme = vocab.get("theme", key);
      return theme ? labelOf(theme, req.lang) : key || req.t("guidelines.section.general");
    };
    sendPage(
      req,
      res,
      <DiffPage
        base={`/guidelines/${slug}`}
        from={from}
        to={to}
        lines={lineDiff(linesOf(a, label), linesOf(b, label))}
      />,
    );
  });

  router.post("/guidelines/:slug/revisions/:version/restore", coordinator, async (req, res) => {
    const { slug, version } = parseOr400(revisionParams, req.params, "address");
    const form = parseOr400(restoreFormSchema, req.body, "form");
    await deps.guidelines.restore(actorOf(res.locals.user!), slug, version, form.version);
    res.redirect(303, `/guidelines/${slug}/working`);
  });

  // The public API: published documents only.
  router.get("/api/v1/guidelines", async (req, res) => {
    parseOr400(langQuery, req.query, "query");
    const list = await deps.queries.listPublished();
    res.json({
      guidelines: list.map((g) => ({
        slug: g.meta.slug,
        title: g.title,
        url: `${base}/guidelines/${g.meta.slug}`,
        publishedAt: g.meta.publishedAt,
        version: g.meta.publishedVersion,
        demo: g.meta.demo,
      })),
    });
  });

  router.get("/api/v1/guidelines/:slug", async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const { lang } = parseOr400(langQuery, req.query, "query");
    res.json(json(await publishedOr404(slug, lang ?? req.lang)));
  });

  return router;
}
