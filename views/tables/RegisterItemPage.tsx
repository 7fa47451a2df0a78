// One recommendation of the register: its text, table, report and evidence, its status in each zone, its
// history and, for coordinators, the status form (ids `f-zone`, `f-status`, `f-date`, `f-note`, `f-link`,
// `status-submit`). Markdown arrives already rendered to safe HTML (web/markdown) by the route.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Field } from "../components/Field";
import { Notice } from "../components/Form";
import { TableScroll } from "../components/TableScroll";
import { formatDateTime, formatDay } from "../../src/web/i18n/format";
import { StatusBadge, statusText, type Option } from "./RegisterParts";

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
