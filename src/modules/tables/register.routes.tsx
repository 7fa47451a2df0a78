// The recommendations register: the public list with filters and counts, the matrix recommendations ×
// zones, one recommendation with its statuses and history, the CSV and JSON exports and the API; the
// coordinators' status form and their "add to the register" on a published report.
import express, { type Request, type Response, type Router } from "express";
import { hasRole, requireRole } from "../../web/auth-guards";
import { wantsJson } from "../../web/error-handler";
import { NotFoundError, ValidationError } from "../../web/errors";
import type { Lang } from "../../web/i18n/index";
import { renderMarkdown } from "../../web/markdown";
import type { PageCache } from "../../web/page-cache";
import { sendPage } from "../../web/render";
import { parseForm, parseOr400, throwIfJson } from "../../web/validate";
import "./register.openapi";
import { actorOf } from "../accounts/index";
import { labelOf, type TaxonomyService, type Vocabulary } from "../taxonomy/index";
import {
  RegisterIndexPage,
  RegisterMatrixPage,
  statusText,
  type Option,
  type RegisterRow,
} from "../../../views/tables/RegisterPages";
import { RegisterItemPage, type StatusFormState } from "../../../views/tables/RegisterItemPage";
import { byKey, substituteCitations, withoutCitations, type Reference } from "./report.citations";
import { itemJson, registerCsv, type RegisterNames } from "./register.export";
import { REGISTER_STATUSES } from "./register.model";
import {
  matchesFilter,
  type RegisterFilter,
  type RegisterItemView,
  type RegisterQueries,
} from "./register.queries";
import {
  apiItemQuery,
  codeParams,
  itemQuery,
  registerApiQuery,
  registerQuery,
  reportSlugParams,
  statusFormSchema,
} from "./register.schemas";
import { RegisterConflictError, type RegisterService } from "./register.service";

export interface RegisterRouterDeps {
  register: RegisterService;
  queries: RegisterQueries;
  taxonomy: TaxonomyService;
  /** The sources an item's text cites, numbered and resolved as they are now. */
  evidenceOf(text: string): Promise<Reference[]>;
  baseUrl: string;
  /** Anonymous pages, kept rendered (cleared when the register changes). */
  cache: PageCache;
}

const md = (s: string) => renderMarkdown(s);

/** The names of tables and zones in a language. */
export function namesOf(vocab: Vocabulary, lang: Lang, t: Request["t"]) {
  const table = (theme: string | null) => {
    const i = theme ? vocab.themes.findIndex((x) => x.key === theme) : -1;
    if (i < 0) return null;
    return { key: theme!, number: i + 1, name: labelOf(vocab.themes[i]!, lang) };
  };
  return {
    table,
    tableLabel: (theme: string | null) => {
      const x = table(theme);
      return x ? t("register.table.label", { n: x.number, label: x.name }) : t("register.table.none");
    },
    zone: (key: string) => {
      const z = vocab.get("zone", key);
      return z ? labelOf(z, lang) : key;
    },
  };
}

/** Filters with their table and zone checked against the vocabularies: an unknown one is a 400. */
function checked<F extends RegisterFilter>(vocab: Vocabulary, filters: F): F {
  const details = [
    ...(filters.table && !vocab.get("theme", filters.table)
      ? [{ field: "table", message: "Unknown table" }]
      : []),
    ...(filters.zone && !vocab.get("zone", filters.zone) ? [{ field: "zone", message: "Unknown zone" }] : []),
  ];
  if (details.length > 0) throw new ValidationError("Invalid query", details);
  return filters;
}

export function registerRouter(deps: RegisterRouterDeps): Router {
  const router = express.Router();
  const coordinator = requireRole("coordinator");

  async function context(req: Request) {
    const vocab = await deps.taxonomy.vocabulary();
    return { vocab, names: namesOf(vocab, req.lang, req.t) };
  }

  const rowOf = (item: RegisterItemView, names: ReturnType<typeof namesOf>): RegisterRow => ({
    code: item.code,
    tableLabel: names.tableLabel(item.theme),
    html: md(withoutCitations(item.text)),
    state: item.state,
    demo: item.demo,
    statuses: item.statuses.map((s) => ({
      zone: s.zone,
      zoneLabel: names.zone(s.zone),
      status: s.status,
      date: s.date,
    })),
  });

  router.get("/recommendations", async (req, res) => {
    if (deps.cache.sendCached(req, res, req.originalUrl)) return;
    const { vocab, names } = await context(req);
    const filters = checked(vocab, parseOr400(registerQuery, req.query, "query"));
    const all = await deps.queries.list({ state: filters.state ?? "active" });
    const shown = all.filter((i) => matchesFilter(i, filters));
    const count = (f: RegisterFilter) => all.filter((i) => matchesFilter(i, f)).length;
    const tables: Option[] = vocab.themes.map((th) => ({
      key: th.key,
      label: names.tableLabel(th.key),
      n: count({ ...filters, table: th.key }),
    }));
    const zones: Option[] = vocab.zones.map((z) => ({
      key: z.key,
      label: labelOf(z, req.lang),
      n: count({ ...filters, zone: z.key }),
    }));
    const statuses: Option[] = REGISTER_STATUSES.map((s) => ({
      key: s,
      label: statusText(req.t, s),
      n: count({ ...filters, status: s }),
    }));
    deps.cache.send(req, res, req.originalUrl, () => (
      <RegisterIndexPage
        rows={shown.map((i) => rowOf(i, names))}
        filters={filters}
        tables={tables}
        zones={zones}
        statuses={statuses}
        demo={shown.some((i) => i.demo)}
      />
    ));
  });

  router.get("/recommendations/matrix", async (req, res) => {
    if (deps.cache.sendCached(req, res, req.originalUrl)) return;
    const { vocab, names } = await context(req);
    const filters = checked(vocab, parseOr400(registerQuery, req.query, "query"));
    const items = (await deps.queries.list({ state: "active" })).filter((i) =>
      matchesFilter(i, { table: filters.table, status: filters.status }),
    );
    const used = new Set(items.flatMap((i) => i.statuses.map((s) => s.zone)));
    const zones = vocab.zones
      .filter((z) => used.has(z.key))
      .map((z) => ({ key: z.key, label: labelOf(z, req.lang) }));
    deps.cache.send(req, res, req.originalUrl, () => (
      <RegisterMatrixPage
        rows={items.map((i) => rowOf(i, names))}
        zones={zones}
        filters={filters}
        tables={vocab.themes.map((th) => ({ key: th.key, label: names.tableLabel(th.key) }))}
        demo={items.some((i) => i.demo)}
      />
    ));
  });

  async function exportItems(req: Request) {
    const { vocab, names } = await context(req);
    const filters = checked(vocab, parseOr400(registerQuery, req.query, "query"));
    const items = await deps.queries.list(filters);
    const exportNames: RegisterNames = {
      table: (theme) => {
        const x = names.table(theme);
        return x ? { key: x.key, number: x.number, name: x.name } : null;
      },
      zone: names.zone,
    };
    return { items, exportNames };
  }

  router.get("/recommendations.csv", async (req, res) => {
    const { items, exportNames } = await exportItems(req);
    res.setHeader("content-type", "text/csv; charset=utf-8");
    res.setHeader("content-disposition", 'attachment; filename="raccomandazioni.csv"');
    res.send(registerCsv(items, exportNames, deps.baseUrl));
  });

  router.get("/recommendations.json", async (req, res) => {
    const { items, exportNames } = await exportItems(req);
    res.setHeader("content-disposition", 'attachment; filename="raccomandazioni.json"');
    res.json({ recommendations: items.map((i) => itemJson(i, exportNames, deps.baseUrl)) });
  });

  async function itemPage(
    req: Request,
    res: Response,
    item: RegisterItemView,
    options: { form?: StatusFormState; status?: number; saved?: boolean } = {},
  ) {
    const { vocab, names } = await context(req);
    const [refs, history] = await Promise.all([deps.evidenceOf(item.text), deps.queries.history(item.code)]);
    const table = names.table(item.theme);
    const canEdit = hasRole(res.locals.user?.role, "coordinator");
    const page = (
      <RegisterItemPage
        code={item.code}
        tableLabel={names.tableLabel(item.theme)}
        tableHref={table ? `/tables/${table.key}` : null}
        textHtml={md(substituteCitations(item.text, byKey(refs), (r) => (r.href ? `#ref-${r.n}` : null)))}
        state={item.state}
        withdrawnAt={item.withdrawnAt}
        demo={item.demo}
        report={item.report}
        evidence={refs.map((r) => ({ n: r.n, kind: r.kind, title: r.title, href: r.href }))}
        statuses={item.statuses.map((s) => ({
          zone: s.zone,
          zoneLabel: names.zone(s.zone),
          status: s.status,
          date: s.date,
          noteHtml: s.note ? md(s.note) : "",
          link: s.link,
        }))}
        history={(history ?? []).map((h) => ({
          version: h.version,
          action: h.action,
          zoneLabel: h.zone ? names.zone(h.zone) : "",
          status: h.status,
          previous: h.previous,
          date: h.date,
          noteHtml: h.note ? md(h.note) : "",
          link: h.link,
          text: h.text ? withoutCitations(h.text) : null,
          reportVersion: h.reportVersion,
          by: h.by.name,
          at: h.at,
        }))}
        saved={!!options.saved}
        edit={
          canEdit
            ? {
                version: item.version,
                zones: vocab.zones.map((z) => ({ key: z.key, label: labelOf(z, req.lang) })),
                form: options.form ?? { values: { date: new Date().toISOString().slice(0, 10) } },
              }
            : undefined
        }
      />
    );
    if (!canEdit && !options.saved && !options.form) deps.cache.send(req, res, req.path, () => page);
    else sendPage(req, res, page, options.status ?? 200);
  }

  async function itemOr404(code: string): Promise<RegisterItemView> {
    const item = await deps.queries.byCode(code);
    if (!item) throw new NotFoundError("No recommendation with this code");
    return item;
  }

  router.get("/recommendations/:code", async (req, res) => {
    const { code } = parseOr400(codeParams, req.params, "address");
    if (code !== code.toUpperCase()) {
      res.redirect(301, `/recommendations/${code.toUpperCase()}`);
      return;
    }
    const wasSaved = parseOr400(itemQuery, req.query, "query").saved === "1";
    if (!wasSaved && deps.cache.sendCached(req, res, req.path)) return;
    await itemPage(req, res, await itemOr404(code), { saved: wasSaved });
  });

  router.post("/recommendations/:code/status", coordinator, async (req, res) => {
    const { code } = parseOr400(codeParams, req.params, "address");
    const item = await itemOr404(code);
    const raw = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).flatMap(([k, v]) =>
        typeof v === "string" && k !== "_csrf" ? [[k, v.slice(0, 6000)]] : [],
      ),
    );
    const translate = (errors: Partial<Record<string, string>>) =>
      Object.fromEntries(
        Object.entries(errors).map(([k, v]) => [k, req.t(v as Parameters<Request["t"]>[0])]),
      );
    const parsed = parseForm(statusFormSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      await itemPage(req, res, item, {
        form: { values: raw, errors: translate(parsed.errors) },
        status: 400,
      });
      return;
    }
    const { version, _csrf, ...input } = parsed.data;
    void _csrf;
    try {
      await deps.register.setStatus(actorOf(res.locals.user!), item.code, input, version);
    } catch (err) {
      const json = wantsJson(req) || req.is("application/json");
      if (json || !(err instanceof RegisterConflictError || err instanceof ValidationError)) throw err;
      const current = await itemOr404(item.code);
      const fields = Object.fromEntries(err.details.map((d) => [d.field, d.message]));
      await itemPage(req, res, current, {
        form: { values: raw, errors: translate(fields) },
        status: err.status,
      });
      return;
    }
    if (wantsJson(req)) {
      res.json(itemJson(await itemOr404(item.code), (await exportNames(req)).names, deps.baseUrl));
      return;
    }
    res.redirect(303, `/recommendations/${item.code}?saved=1#statuses`);
  });

  async function exportNames(req: Request): Promise<{ names: RegisterNames }> {
    const { names } = await context(req);
    return { names: { table: names.table, zone: names.zone } };
  }

  router.post("/reports/:slug/register", coordinator, async (req, res) => {
    const { slug } = parseOr400(reportSlugParams, req.params, "address");
    const result = await deps.register.syncFromReport(actorOf(res.locals.user!), slug);
    if (wantsJson(req)) {
      res.json(result);
      return;
    }
    res.redirect(303, `/reports/${slug}#register`);
  });

  // The public API.
  router.get("/api/v1/recommendations", async (req, res) => {
    const { vocab, names } = await context(req);
    const filters = checked(vocab, parseOr400(registerApiQuery, req.query, "query"));
    const items = await deps.queries.list(filters);
    res.json({
      total: items.length,
      recommendations: items.map((i) => itemJson(i, { table: names.table, zone: names.zone }, deps.baseUrl)),
    });
  });

  router.get("/api/v1/recommendations/:code", async (req, res) => {
    const { code } = parseOr400(codeParams, req.params, "address");
    parseOr400(apiItemQuery, req.query, "query");
    const item = await itemOr404(code);
    const { names } = await context(req);
    const history = (await deps.queries.history(item.code)) ?? [];
    res.json({
      ...itemJson(item, { table: names.table, zone: names.zone }, deps.baseUrl),
      history: history.map((h) => ({
        version: h.version,
        action: h.action,
        zone: h.zone,
        status: h.status,
        previous: h.previous,
        date: h.date,
        note: h.note,
        link: h.link,
        text: h.text,
        reportVersion: h.reportVersion,
        at: h.at,
      })),
    });
  });

  return router;
}
