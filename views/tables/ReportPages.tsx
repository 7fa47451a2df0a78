// Synthesis reports: the list, the form that starts one, the editor (section by section, with the
// citation syntax and a progressive-enhancement picker), the report page (public or working version, with
// numbered references), its versions and the differences between two of them.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Field } from "../components/Field";
import { Notice } from "../components/Form";
import { hasRole } from "../../src/web/auth-guards";
import { formatDateTime, formatDay } from "../../src/web/i18n/format";
import type { MessageKey } from "../../src/web/i18n/index";
import type { ReportMeta, ReportView } from "../../src/modules/tables/report.queries";
import type { ReportSnapshot } from "../../src/modules/tables/report.queries";
import { ReportRegisterSection } from "./RegisterSections";

/** Form errors, already translated, by field ("_form" for the whole form). */
export type ReportErrors = Partial<Record<string, string>>;

const statusKey = (s: string) => `reports.status.${s}` as MessageKey;

function Errors(props: { errors?: ReportErrors }) {
  const list = Object.entries(props.errors ?? {}).filter(([, v]) => v);
  if (list.length === 0) return null;
  return (
    <Notice kind="danger">
      <ul class="mb-0">
        {list.map(([k, v]) => (
          <li key={k}>{v}</li>
        ))}
      </ul>
    </Notice>
  );
}

export function ReportsIndexPage(props: {
  published: { meta: ReportMeta; title: string }[];
  all?: { meta: ReportMeta; title: string }[];
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t("reports.index.title")}>
      <div class="container my-4">
        <h1 class="h2">{t("reports.index.title")}</h1>
        <p class="lead">{t("reports.index.lead")}</p>
        {props.published.length === 0 ? <p>{t("reports.index.none")}</p> : null}
        <p>
          <a href="/recommendations">{t("register.link.tables")}</a>
        </p>
        <ul class="list-unstyled">
          {props.published.map((r) => (
            <li key={r.meta.slug} class="mb-2">
              <a href={`/reports/${r.meta.slug}`}>{r.title}</a>{" "}
              <small class="text-muted">{formatDay(r.meta.publishedAt, lang)}</small>
            </li>
          ))}
        </ul>
        {props.all ? (
          <>
            <h2 class="h4 mt-4">{t("reports.index.all")}</h2>
            <p>
              <a class="btn btn-primary" href="/reports/new">
                {t("reports.index.new")}
              </a>
            </p>
            <ul>
              {props.all.map((r) => (
                <li key={r.meta.slug}>
                  <a href={`/reports/${r.meta.slug}/working`}>{r.title}</a> ({t(statusKey(r.meta.status))},{" "}
                  {t("reports.history.version").toLowerCase()} {r.meta.version})
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </Layout>
  );
}

export function NewReportPage(props: {
  values: Record<string, string>;
  errors?: ReportErrors;
  themes: { key: string; label: string }[];
  events: { id: string; label: string }[];
}) {
  const { t } = usePage();
  const v = props.values;
  return (
    <Layout title={t("reports.new.title")} noindex>
      <div class="container my-4">
        <h1 class="h2">{t("reports.new.title")}</h1>
        <p>{t("reports.new.lead")}</p>
        <Errors errors={props.errors} />
        <form method="post" action="/reports" novalidate>
          <CsrfField />
          <Field
            name="title"
            label={t("reports.field.title")}
            value={v.title}
            error={props.errors?.title}
            required
            maxLength={200}
          />
          <fieldset class="mb-3">
            <legend class="h6">{t("reports.new.scope")}</legend>
            {(["all", "table", "event"] as const).map((k) => (
              <div class="form-check" key={k}>
                <input
                  class="form-check-input"
                  type="radio"
                  name="scope"
                  id={`scope-${k}`}
                  value={k}
                  checked={(v.scope ?? "all") === k}
                />
                <label class="form-check-label" for={`scope-${k}`}>
                  {t(`reports.new.scope.${k}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <div class="select-wrapper mb-3">
            <label for="f-theme">{t("reports.field.theme")}</label>
            <select id="f-theme" name="theme">
              <option value="">—</option>
              {props.themes.map((th) => (
                <option key={th.key} value={th.key} selected={v.theme === th.key}>
                  {th.label}
                </option>
              ))}
            </select>
          </div>
          <div class="select-wrapper mb-3">
            <label for="f-event">{t("reports.field.event")}</label>
            <select
              id="f-event"
              name="event"
              aria-describedby={props.errors?.scope ? "scope-error" : undefined}
            >
              <option value="">—</option>
              {props.events.map((e) => (
                <option key={e.id} value={e.id} selected={v.event === e.id}>
                  {e.label}
                </option>
              ))}
            </select>
            {props.errors?.scope ? (
              <div id="scope-error" class="invalid-feedback d-block">
                {props.errors.scope}
              </div>
            ) : null}
          </div>
          <button class="btn btn-primary" type="submit">
            {t("reports.new.submit")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function ReportEditPage(props: {
  slug: string;
  version: number;
  values: ReportSnapshot;
  errors?: ReportErrors;
}) {
  const { t } = usePage();
  const { values, errors } = props;
  return (
    <Layout title={t("reports.edit.title", { title: values.title })} scripts={["report-picker.js"]} noindex>
      <div class="container my-4">
        <p>
          <a href={`/reports/${props.slug}/working`}>{t("reports.working.link")}</a>
        </p>
        <h1 class="h2">{t("reports.edit.title", { title: values.title })}</h1>
        <Errors errors={errors} />
        <div class="callout note mb-4" id="citation-help">
          <div class="callout-title">{t("reports.edit.syntax.title")}</div>
          <p>{t("reports.edit.syntax")}</p>
        </div>
        <div
          data-report-picker
          hidden
          class="mb-4"
          data-insert={t("reports.picker.insert")}
          data-none={t("reports.picker.none")}
        >
          <label for="report-picker-q">{t("reports.picker.label")}</label>
          <input
            id="report-picker-q"
            type="search"
            class="form-control"
            aria-describedby="report-picker-hint"
            autocomplete="off"
          />
          <small id="report-picker-hint" class="form-text">
            {t("reports.picker.target")}
          </small>
          <ul class="list-unstyled mt-2" aria-live="polite" data-results />
        </div>
        <form method="post" action={`/reports/${props.slug}/edit`} novalidate>
          <CsrfField />
          <input type="hidden" name="version" value={String(props.version)} />
          <Field
            name="title"
            label={t("reports.field.title")}
            value={values.title}
            error={errors?.title}
            required
            maxLength={200}
          />
          <Field
            name="summary"
            label={t("reports.field.summary")}
            value={values.summary}
            rows={5}
            error={errors?.summary}
            describedBy="citation-help"
          />
          {values.sections.map((s, i) => (
            <fieldset key={i} class="border rounded p-3 mb-4">
              <legend class="h5 float-none w-auto px-2">{t("reports.section.n", { n: i + 1 })}</legend>
              <Field
                name="heading"
                id={`f-heading-${i}`}
                label={t("reports.field.heading")}
                value={s.heading}
                maxLength={200}
                hint={t("reports.section.remove")}
              />
              <div class="select-wrapper mb-3">
                <label for={`f-kind-${i}`}>{t("reports.field.kind")}</label>
                <select id={`f-kind-${i}`} name="kind">
                  {(["text", "recommendations"] as const).map((k) => (
                    <option key={k} value={k} selected={s.kind === k}>
                      {t(`reports.kind.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              <Field
                name="body"
                id={`f-body-${i}`}
                label={t("reports.field.body")}
                value={s.body}
                rows={14}
                describedBy="citation-help"
              />
            </fieldset>
          ))}
          <p class="d-flex gap-2">
            <button class="btn btn-primary" type="submit">
              {t("reports.edit.save")}
            </button>
            <button class="btn btn-outline-primary" type="submit" name="add" value="1">
              {t("reports.edit.add")}
            </button>
          </p>
        </form>
      </div>
    </Layout>
  );
}

function References(props: { view: ReportView }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="references" class="mt-5">
      <h2 id="references" class="h4">
        {t("reports.references")}
      </h2>
      <ol class="atl-references">
        {props.view.references.map((r) => (
          <li key={r.n} id={`ref-${r.n}`}>
            {r.withdrawn || !r.href ? (
              <em>{t("reports.reference.withdrawn")}</em>
            ) : (
              <>
                {t(r.kind === "note" ? "reports.reference.note" : "reports.reference.project")}:{" "}
                <a href={r.href}>{r.title}</a>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ReportPage(props: {
  view: ReportView;
  working: boolean;
  /** The published report's items in the recommendations register. */
  register?: { code: string; state: "active" | "withdrawn" }[];
}) {
  const { t, lang, user } = usePage();
  const { view } = props;
  const { meta } = view;
  const coordinator = hasRole(user?.role, "coordinator");
  const base = `/reports/${meta.slug}`;
  return (
    <Layout title={view.content.title} noindex={props.working}>
      <div class="container my-4 atl-report">
        <p class="d-print-none">
          <a href="/reports">{t("reports.index.title")}</a>
        </p>
        <h1 class="h2">{view.content.title}</h1>
        {meta.demo ? <Notice kind="info">{t("reports.demo")}</Notice> : null}
        {props.working ? (
          <p>{t("reports.status.label", { status: t(statusKey(meta.status)) })}</p>
        ) : meta.publishedAt ? (
          <p class="text-muted">
            {t("reports.published.by", {
              date: formatDay(meta.publishedAt, lang),
              name: meta.publishedBy?.name ?? "",
              version: view.version,
            })}
          </p>
        ) : null}
        {!props.working && coordinator && meta.version !== view.version ? (
          <p class="d-print-none">
            {t("reports.published.newer", { version: meta.version, status: t(statusKey(meta.status)) })}
          </p>
        ) : null}
        {coordinator ? (
          <nav class="d-print-none mb-3 d-flex flex-wrap gap-3" aria-label={t("reports.history")}>
            <a href={`${base}/edit`}>{t("reports.edit.link")}</a>
            <a href={`${base}/history`}>{t("reports.history")}</a>
            {props.working ? (
              meta.publishedVersion !== null ? (
                <a href={base}>{t("reports.public.link")}</a>
              ) : (
                <span>{t("reports.public.none")}</span>
              )
            ) : (
              <a href={`${base}/working`}>{t("reports.working.link")}</a>
            )}
          </nav>
        ) : null}
        {props.working && coordinator ? (
          <form method="post" action={`${base}/status`} class="d-print-none mb-4 d-flex flex-wrap gap-2">
            <CsrfField />
            <input type="hidden" name="version" value={String(meta.version)} />
            {meta.status === "draft" ? (
              <button class="btn btn-primary btn-sm" name="action" value="submit">
                {t("reports.action.submit")}
              </button>
            ) : null}
            {meta.status === "review" ? (
              <button class="btn btn-primary btn-sm" name="action" value="publish">
                {t("reports.action.publish")}
              </button>
            ) : null}
            {meta.status !== "draft" ? (
              <button class="btn btn-outline-primary btn-sm" name="action" value="reopen">
                {t("reports.action.reopen")}
              </button>
            ) : null}
            {meta.publishedVersion !== null ? (
              <button class="btn btn-outline-danger btn-sm" name="action" value="unpublish">
                {t("reports.action.unpublish")}
              </button>
            ) : null}
          </form>
        ) : null}
        {!props.working ? (
          <p class="d-print-none">
            {t("reports.exports")}:{" "}
            {(["pdf", "docx", "md", "json"] as const).map((ext, i) => (
              <span key={ext}>
                {i > 0 ? " · " : ""}
                <a href={`${base}.${ext}?lang=${lang}`}>{ext.toUpperCase()}</a>
              </span>
            ))}
          </p>
        ) : null}
        <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: view.summaryHtml }} />
        {view.sections.map((s) => (
          <section
            key={s.id}
            aria-labelledby={s.id}
            class={s.kind === "recommendations" ? "atl-recommendations" : undefined}
          >
            <h2 id={s.id} class="h3 mt-4">
              {s.heading}
            </h2>
            <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: s.html }} />
          </section>
        ))}
        <References view={view} />
        {props.register && view.sections.some((s) => s.kind === "recommendations") ? (
          <ReportRegisterSection slug={meta.slug} items={props.register} canAdd={coordinator} />
        ) : null}
      </div>
    </Layout>
  );
}

export function ReportHistoryPage(props: {
  slug: string;
  title: string;
  version: number;
  revisions: { version: number; action: string; status: string; by: string; at: Date }[];
}) {
  const { t, lang } = usePage();
  const base = `/reports/${props.slug}`;
  return (
    <Layout title={t("reports.history.title", { title: props.title })} noindex>
      <div class="container my-4">
        <p>
          <a href={`${base}/working`}>{t("reports.working.link")}</a>
        </p>
        <h1 class="h2">{t("reports.history.title", { title: props.title })}</h1>
        <div class="table-responsive">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t("reports.history.version")}</th>
                <th scope="col">{t("reports.history.action")}</th>
                <th scope="col">{t("reports.history.by")}</th>
                <th scope="col">{t("reports.history.at")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("reports.history.diff")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.revisions.map((r) => (
                <tr key={r.version}>
                  <th scope="row">{r.version}</th>
                  <td>
                    {r.action} ({t(statusKey(r.status))})
                  </td>
                  <td>{r.by}</td>
                  <td>{formatDateTime(r.at, lang)}</td>
                  <td>
                    {r.version > 1 ? (
                      <a href={`${base}/diff?from=${r.version - 1}&to=${r.version}`}>
                        {t("reports.history.diff")}
                      </a>
                    ) : null}
                    {r.version !== props.version ? (
                      <form
                        method="post"
                        action={`${base}/revisions/${r.version}/restore`}
                        class="d-inline ms-2"
                      >
                        <CsrfField />
                        <input type="hidden" name="version" value={String(props.version)} />
                        <button class="btn btn-link p-0" type="submit">
                          {t("reports.history.restore")}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Layout>
  );
}

export function ReportDiffPage(props: {
  slug: string;
  from: number;
  to: number;
  lines: { kind: "same" | "add" | "del"; text: string }[];
}) {
  const { t } = usePage();
  const changed = props.lines.some((l) => l.kind !== "same");
  return (
    <Layout title={t("reports.diff.title", { from: props.from, to: props.to })} noindex>
      <div class="container my-4">
        <p>
          <a href={`/reports/${props.slug}/history`}>{t("reports.history")}</a>
        </p>
        <h1 class="h2">{t("reports.diff.title", { from: props.from, to: props.to })}</h1>
        {!changed ? (
          <p>{t("reports.diff.none")}</p>
        ) : (
          <div class="atl-linediff">
            {props.lines.map((seg, i) =>
              seg.kind === "same" ? (
                <div key={i}>{seg.text || "\u00a0"}</div>
              ) : seg.kind === "del" ? (
                <del key={i}>
                  <span class="visually-hidden">{t("projects.diff.removed")}: </span>
                  {seg.text || "\u00a0"}
                </del>
              ) : (
                <ins key={i}>
                  <span class="visually-hidden">{t("projects.diff.added")}: </span>
                  {seg.text || "\u00a0"}
                </ins>
              ),
            )}
          </div>
        )}
      </div>
    </Layout>
  );
}
