// The recommendations register: the list with its filters and counts, one recommendation (its text,
// table, report and evidence, its status in each zone, its history and, for coordinators, the status
// form), the matrix recommendations × zones, a zone's section (on the zone page) and a report's section.
// Markdown arrives already rendered to safe HTML (web/markdown) by the routes.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Field } from "../components/Field";
import { Notice } from "../components/Form";
import { TableScroll } from "../components/TableScroll";
import { formatDateTime, formatDay } from "../../src/web/i18n/format";
import type { MessageKey, Translate } from "../../src/web/i18n/index";

/** A status (or none) as words. */
export const statusText = (t: Translate, status: string | null) =>
  t((status ? `register.status.${status}` : "register.status.none") as MessageKey);

export interface Option {
  key: string;
  label: string;
  /** How many items the option would show (with the other filters kept). */
  n?: number;
}

/** One row of the list or the matrix: an item as its pages show it. */
export interface RegisterRow {
  code: string;
  tableLabel: string;
  /** The text as safe HTML (citations left out). */
  html: string;
  state: "active" | "withdrawn";
  demo: boolean;
  statuses: { zone: string; zoneLabel: string; status: string; date: string }[];
}

export interface RegisterFilters {
  table?: string;
  zone?: string;
  status?: string;
  state?: string;
}

function StatusBadge(props: { status: string | null }) {
  const { t } = usePage();
  return (
    <span class={`atl-register-status atl-register-status-${props.status ?? "none"}`}>
      {statusText(t, props.status)}
    </span>
  );
}

function query(filters: RegisterFilters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters) as [string, string | undefined][]) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

function FilterSelect(props: {
  name: string;
  label: string;
  any: string;
  value?: string;
  options: Option[];
}) {
  const { t } = usePage();
  return (
    <div class="select-wrapper mb-3 col-12 col-md-6 col-lg-3">
      <label for={`filter-${props.name}`}>{props.label}</label>
      <select id={`filter-${props.name}`} name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option key={o.key} value={o.key} selected={props.value === o.key}>
            {o.n === undefined ? o.label : t("register.filter.option", { label: o.label, n: o.n })}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RegisterIndexPage(props: {
  rows: RegisterRow[];
  filters: RegisterFilters;
  tables: Option[];
  zones: Option[];
  statuses: Option[];
  demo: boolean;
}) {
  const { t } = usePage();
  const f = props.filters;
  const q = query(f);
  return (
    <Layout title={t("register.index.title")} description={t("register.index.lead")}>
      <div class="container my-4">
        <h1 class="h2">{t("register.index.title")}</h1>
        <p class="lead">{t("register.index.lead")}</p>
        {props.demo ? <Notice kind="info">{t("register.demo")}</Notice> : null}
        <form method="get" action="/recommendations" class="mb-3" aria-labelledby="register-filters">
          <h2 id="register-filters" class="h5">
            {t("register.filter.title")}
          </h2>
          <div class="row">
            <FilterSelect
              name="table"
              label={t("register.filter.table")}
              any={t("register.filter.any")}
              value={f.table}
              options={props.tables}
            />
            <FilterSelect
              name="zone"
              label={t("register.filter.zone")}
              any={t("register.filter.any.zone")}
              value={f.zone}
              options={props.zones}
            />
            <FilterSelect
              name="status"
              label={t("register.filter.status")}
              any={t("register.filter.any")}
              value={f.status}
              options={props.statuses}
            />
            <FilterSelect
              name="state"
              label={t("register.filter.state")}
              any={t("register.state.active")}
              value={f.state}
              options={[
                { key: "withdrawn", label: t("register.state.withdrawn") },
                { key: "all", label: t("register.state.all") },
              ]}
            />
          </div>
          <p class="d-flex flex-wrap gap-3 align-items-center">
            <button class="btn btn-primary" type="submit">
              {t("register.filter.submit")}
            </button>
            {q ? <a href="/recommendations">{t("register.filter.reset")}</a> : null}
          </p>
        </form>
        <p>
          <strong>{t.plural("register.index.count", props.rows.length)}</strong> ·{" "}
          <a href={`/recommendations/matrix${query({ table: f.table, status: f.status })}`}>
            {t("register.index.matrix")}
          </a>
        </p>
        <p>
          {t("register.exports")}: <a href={`/recommendations.csv${q}`}>CSV</a> ·{" "}
          <a href={`/recommendations.json${q}`}>JSON</a>
        </p>
        {props.rows.length === 0 ? <p>{t("register.index.none")}</p> : null}
        <ul class="list-unstyled atl-register-list">
          {props.rows.map((r) => (
            <li key={r.code} class="border-bottom py-3">
              <h2 class="h5 mb-1">
                <a href={`/recommendations/${r.code}`}>{r.code}</a>{" "}
                <small class="text-muted">{r.tableLabel}</small>
                {r.state === "withdrawn" ? (
                  <>
                    {" "}
                    <span class="badge bg-secondary">{t("register.state.withdrawn")}</span>
                  </>
                ) : null}
              </h2>
              <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: r.html }} />
              {r.statuses.length > 0 ? (
                <ul class="list-inline small mb-0">
                  {r.statuses.map((s) => (
                    <li key={s.zone} class="list-inline-item">
                      {s.zoneLabel}: <StatusBadge status={s.status} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="small text-muted mb-0">{t("register.item.statuses.none")}</p>
              )}
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}

export interface EvidenceRef {
  n: number;
  kind: "note" | "project";
  title: string;
  href: string | null;
}

export interface StatusRow {
  zone: string;
  zoneLabel: string;
  status: string;
  date: string;
  noteHtml: string;
  link: string | null;
}

export interface HistoryRow {
  version: number;
  action: string;
  zoneLabel: string;
  status: string | null;
  previous: string | null;
  date: string | null;
  noteHtml: string;
  link: string | null;
  text: string | null;
  reportVersion: number | null;
  by: string;
  at: Date;
}

export interface StatusFormState {
  values: Record<string, string>;
  /** Already translated, by field ("_form" for the whole form). */
  errors?: Partial<Record<string, string>>;
}

function HistoryText(props: { row: HistoryRow }) {
  const { t, lang } = usePage();
  const r = props.row;
  const version = r.reportVersion ?? "";
  if (r.action === "create") return <>{t("register.history.create", { version })}</>;
  if (r.action === "text") return <>{t("register.history.text", { version, text: r.text ?? "" })}</>;
  if (r.action === "withdraw") return <>{t("register.history.withdraw", { version })}</>;
  if (r.action === "reinstate") return <>{t("register.history.reinstate", { version })}</>;
  const params = {
    zone: r.zoneLabel,
    status: statusText(t, r.status),
    previous: statusText(t, r.previous),
    date: formatDay(r.date, lang),
  };
  return (
    <>
      {t(r.previous ? "register.history.status.changed" : "register.history.status", params)}
      {r.noteHtml ? (
        <div class="atl-markdown small" dangerouslySetInnerHTML={{ __html: r.noteHtml }} />
      ) : null}
      {r.link ? (
        <div class="small">
          <a href={r.link} rel="nofollow noopener">
            {t("register.item.link.open")}
          </a>
        </div>
      ) : null}
    </>
  );
}

function StatusFormView(props: { code: string; version: number; zones: Option[]; form: StatusFormState }) {
  const { t } = usePage();
  const v = props.form.values;
  const e = props.form.errors ?? {};
  const select = (name: "zone" | "status", options: Option[]) => (
    <Field
      name={name}
      label={t(name === "zone" ? "register.field.zone" : "register.field.status")}
      error={e[name]}
      class="select-wrapper mb-3"
      control={(aria) => (
        <select {...aria} name={name} required>
          <option value="">{t("register.field.choose")}</option>
          {options.map((o) => (
            <option key={o.key} value={o.key} selected={v[name] === o.key}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
  return (
    <section aria-labelledby="status-form-title" class="mt-5 border rounded p-3">
      <h2 id="status-form-title" class="h4">
        {t("register.form.title")}
      </h2>
      <p>{t("register.form.lead")}</p>
      {e._form ? <Notice kind="danger">{e._form}</Notice> : null}
      <form method="post" action={`/recommendations/${props.code}/status`} novalidate id="status-form">
        <CsrfField />
        <input type="hidden" name="version" value={String(props.version)} />
        {select("zone", props.zones)}
        {select(
          "status",
          (["proposed", "under_discussion", "adopted", "partly_adopted", "not_adopted"] as const).map(
            (s) => ({ key: s, label: statusText(t, s) }),
          ),
        )}
        <Field
          name="date"
          type="date"
          label={t("register.field.date")}
          value={v.date}
          error={e.date}
          required
        />
        <Field
          name="note"
          label={t("register.field.note")}
          value={v.note}
          rows={4}
          error={e.note}
          maxLength={5000}
        />
        <Field
          name="link"
          label={t("register.field.link")}
          hint={t("register.field.link.hint")}
          value={v.link}
          error={e.link}
          maxLength={2000}
        />
        <button class="btn btn-primary" type="submit" id="status-submit">
          {t("register.form.submit")}
        </button>
      </form>
    </section>
  );
}

export function RegisterItemPage(props: {
  code: string;
  tableLabel: string;
  tableHref: string | null;
  textHtml: string;
  state: "active" | "withdrawn";
  withdrawnAt: Date | null;
  demo: boolean;
  report: { slug: string; title: string; version: number };
  evidence: EvidenceRef[];
  statuses: StatusRow[];
  history: HistoryRow[];
  saved: boolean;
  /** Coordinators: the status form. */
  edit?: { version: number; zones: Option[]; form: StatusFormState };
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t("register.item.title", { code: props.code })}>
      <div class="container my-4">
        <p>
          <a href="/recommendations">{t("register.item.back")}</a>
        </p>
        <h1 class="h2">{t("register.item.title", { code: props.code })}</h1>
        {props.demo ? <Notice kind="info">{t("register.demo")}</Notice> : null}
        {props.saved ? <Notice kind="success">{t("register.saved")}</Notice> : null}
        {props.state === "withdrawn" ? (
          <Notice kind="info">
            {t("register.item.withdrawn", { date: formatDay(props.withdrawnAt, lang) })}
          </Notice>
        ) : null}
        <div class="atl-markdown lead" dangerouslySetInnerHTML={{ __html: props.textHtml }} />
        <dl class="row">
          <dt class="col-sm-3">{t("register.item.table")}</dt>
          <dd class="col-sm-9">
            {props.tableHref ? <a href={props.tableHref}>{props.tableLabel}</a> : props.tableLabel}
          </dd>
          <dt class="col-sm-3">{t("register.item.report")}</dt>
          <dd class="col-sm-9">
            <a href={`/reports/${props.report.slug}`}>
              {t("register.item.report.version", {
                title: props.report.title,
                version: props.report.version,
              })}
            </a>
          </dd>
        </dl>
        <section aria-labelledby="evidence">
          <h2 id="evidence" class="h4">
            {t("register.item.evidence")}
          </h2>
          {props.evidence.length === 0 ? (
            <p>{t("register.item.evidence.none")}</p>
          ) : (
            <ol>
              {props.evidence.map((r) => (
                <li key={r.n} id={`ref-${r.n}`}>
                  {t(r.kind === "note" ? "register.item.evidence.note" : "register.item.evidence.project")}:{" "}
                  {r.href ? <a href={r.href}>{r.title}</a> : <em>{t("register.item.evidence.withdrawn")}</em>}
                </li>
              ))}
            </ol>
          )}
        </section>
        <section aria-labelledby="statuses" class="mt-4">
          <h2 id="statuses" class="h4">
            {t("register.item.statuses")}
          </h2>
          {props.statuses.length === 0 ? (
            <p>{t("register.item.statuses.none")}</p>
          ) : (
            <TableScroll label={t("register.item.statuses")}>
              <table class="table">
                <caption class="visually-hidden">{t("register.item.statuses")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("register.item.zone")}</th>
                    <th scope="col">{t("register.item.status")}</th>
                    <th scope="col">{t("register.item.date")}</th>
                    <th scope="col">{t("register.item.note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.statuses.map((s) => (
                    <tr key={s.zone}>
                      <th scope="row">
                        <a href={`/zones/${s.zone}`}>{s.zoneLabel}</a>
                      </th>
                      <td>
                        <StatusBadge status={s.status} />
                      </td>
                      <td>{formatDay(s.date, lang)}</td>
                      <td>
                        {s.noteHtml ? (
                          <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: s.noteHtml }} />
                        ) : null}
                        {s.link ? (
                          <a href={s.link} rel="nofollow noopener">
                            {t("register.item.link.open")}
                          </a>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
        {props.edit ? (
          <StatusFormView
            code={props.code}
            version={props.edit.version}
            zones={props.edit.zones}
            form={props.edit.form}
          />
        ) : null}
        <section aria-labelledby="history" class="mt-5">
          <h2 id="history" class="h4">
            {t("register.item.history")}
          </h2>
          <ol class="list-unstyled">
            {[...props.history].reverse().map((h) => (
              <li key={h.version} class="border-bottom py-2">
                <div>
                  <HistoryText row={h} />
                </div>
                <small class="text-muted">
                  {h.by} · {formatDateTime(h.at, lang)}
                </small>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </Layout>
  );
}

export function RegisterMatrixPage(props: {
  rows: RegisterRow[];
  zones: Option[];
  filters: RegisterFilters;
  tables: Option[];
  demo: boolean;
}) {
  const { t } = usePage();
  return (
    <Layout title={t("register.matrix.title")} description={t("register.matrix.lead")}>
      <div class="container my-4">
        <p>
          <a href={`/recommendations${query(props.filters)}`}>{t("register.matrix.list")}</a>
        </p>
        <h1 class="h2">{t("register.matrix.title")}</h1>
        <p class="lead">{t("register.matrix.lead")}</p>
        {props.demo ? <Notice kind="info">{t("register.demo")}</Notice> : null}
        <form method="get" action="/recommendations/matrix" class="row align-items-end">
          <FilterSelect
            name="table"
            label={t("register.filter.table")}
            any={t("register.filter.any")}
            value={props.filters.table}
            options={props.tables}
          />
          <p class="col-12 col-md-6 col-lg-3">
            <button class="btn btn-primary" type="submit">
              {t("register.filter.submit")}
            </button>
          </p>
        </form>
        {props.zones.length === 0 ? (
          <p>{t("register.matrix.empty")}</p>
        ) : (
          <TableScroll label={t("register.matrix.region")} class="atl-register-matrix">
            <table class="table table-sm table-bordered">
              <caption>{t("register.matrix.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("register.matrix.code")}</th>
                  {props.zones.map((z) => (
                    <th scope="col" key={z.key}>
                      <a href={`/zones/${z.key}`}>{z.label}</a>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">
                      <a href={`/recommendations/${r.code}`}>{r.code}</a>
                    </th>
                    {props.zones.map((z) => {
                      const s = r.statuses.find((x) => x.zone === z.key);
                      return (
                        <td key={z.key}>
                          {s ? (
                            <StatusBadge status={s.status} />
                          ) : (
                            <span aria-label={t("register.status.none")}>{t("register.matrix.none")}</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </div>
    </Layout>
  );
}

/** The register's section on a zone's page: the items with a status in that zone. */
export function ZoneRecommendations(props: { zone: string; rows: (RegisterRow & { status: StatusRow })[] }) {
  const { t, lang } = usePage();
  if (props.rows.length === 0) return null;
  return (
    <section aria-labelledby="zone-recommendations" class="mt-5 atl-zone-recommendations">
      <h2 id="zone-recommendations" class="h3">
        {t("register.zone.title")}
      </h2>
      <p>{t("register.zone.lead")}</p>
      <ul class="list-unstyled">
        {props.rows.map((r) => (
          <li key={r.code} class="border-bottom py-2">
            <a href={`/recommendations/${r.code}`}>
              <strong>{r.code}</strong>
            </a>{" "}
            <small class="text-muted">{r.tableLabel}</small>
            <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: r.html }} />
            <p class="mb-0">
              <StatusBadge status={r.status.status} /> · {formatDay(r.status.date, lang)}
              {r.status.link ? (
                <>
                  {" "}
                  ·{" "}
                  <a href={r.status.link} rel="nofollow noopener">
                    {t("register.item.link.open")}
                  </a>
                </>
              ) : null}
            </p>
            {r.status.noteHtml ? (
              <div class="atl-markdown small" dangerouslySetInnerHTML={{ __html: r.status.noteHtml }} />
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        <a href={`/recommendations?zone=${props.zone}`}>{t("register.zone.all")}</a>
      </p>
    </section>
  );
}

/** The register's section on a published report's page: its items' codes, and the coordinators' button. */
export function ReportRegisterSection(props: {
  slug: string;
  items: { code: string; state: "active" | "withdrawn" }[];
  canAdd: boolean;
}) {
  const { t } = usePage();
  return (
    <section aria-labelledby="register" class="mt-5 d-print-none">
      <h2 id="register" class="h4">
        {t("register.report.title")}
      </h2>
      {props.items.length === 0 ? (
        <p>{t("register.report.none")}</p>
      ) : (
        <ul class="list-inline">
          {props.items.map((i) => (
            <li key={i.code} class="list-inline-item">
              <a href={`/recommendations/${i.code}`}>{i.code}</a>
              {i.state === "withdrawn" ? ` (${t("register.state.withdrawn").toLowerCase()})` : ""}
            </li>
          ))}
        </ul>
      )}
      {props.canAdd ? (
        <form method="post" action={`/reports/${props.slug}/register`}>
          <CsrfField />
          <p class="small" id="register-add-hint">
            {t("register.report.add.hint")}
          </p>
          <button class="btn btn-outline-primary btn-sm" type="submit" aria-describedby="register-add-hint">
            {t("register.report.add")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
