// Synthesis reports: the list, the form that starts one, the editor (section by section, with the
// citation syntax and a progressive-enhancement picker), the report page (public or working version, with
// numbered references), its versions and the differences between two of them.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Field } from "../components/Field";
import { DocumentHeader } from "./DocumentControls";
import { References } from "./References";
import { DocumentIndex, ErrorList } from "./DocumentParts";
import { DiffPage, VersionsPage, type DiffLine, type VersionRow } from "./Versions";
import { hasRole } from "../../src/web/auth-guards";
import type { ReportMeta, ReportView } from "../../src/modules/tables/report.queries";
import type { ReportSnapshot } from "../../src/modules/tables/report.queries";
import { ReportRegisterSection } from "./RegisterSections";

/** Form errors, already translated, by field ("_form" for the whole form). */
export type ReportErrors = Partial<Record<string, string>>;

export function ReportsIndexPage(props: {
  published: { meta: ReportMeta; title: string }[];
  all?: { meta: ReportMeta; title: string }[];
}) {
  const { t } = usePage();
  return (
    <DocumentIndex
      base="/reports"
      texts={{
        title: t("reports.index.title"),
        lead: t("reports.index.lead"),
        none: t("reports.index.none"),
        all: t("reports.index.all"),
        new: t("reports.index.new"),
      }}
      published={props.published}
      all={props.all}
    >
      <p class="d-flex flex-wrap gap-3">
        <a href="/recommendations">{t("register.link.tables")}</a>
        <a href="/guidelines">{t("guidelines.index.title")}</a>
      </p>
    </DocumentIndex>
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
        <ErrorList errors={props.errors} />
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
        <ErrorList errors={errors} />
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

export function ReportPage(props: {
  view: ReportView;
  working: boolean;
  /** The published report's items in the recommendations register. */
  register?: { code: string; state: "active" | "withdrawn" }[];
}) {
  const { user } = usePage();
  const { view } = props;
  const { meta } = view;
  const coordinator = hasRole(user?.role, "coordinator");
  return (
    <Layout title={view.content.title} noindex={props.working}>
      <div class="container my-4 atl-report">
        <DocumentHeader
          kind="reports"
          title={view.content.title}
          version={view.version}
          meta={meta}
          working={props.working}
        />
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
        <References references={view.references} />
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
  revisions: VersionRow[];
}) {
  const { t } = usePage();
  return (
    <VersionsPage
      base={`/reports/${props.slug}`}
      heading={t("reports.history.title", { title: props.title })}
      version={props.version}
      revisions={props.revisions}
    />
  );
}

export function ReportDiffPage(props: { slug: string; from: number; to: number; lines: DiffLine[] }) {
  return <DiffPage base={`/reports/${props.slug}`} from={props.from} to={props.to} lines={props.lines} />;
}
