// Guidelines for the zonal integrated plans: the list, the form that starts a document, the editor
// (introduction, then per working table an optional introduction and a checkbox list of the register's
// recommendations; withdrawn ones cannot be chosen), and the document page (public or working version)
// with numbered references.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Field, FieldError } from "../components/Field";
import { DocumentHeader } from "./DocumentControls";
import { References } from "./References";
import { DocumentIndex, ErrorList } from "./DocumentParts";
import type { GuidelinesMeta, GuidelinesView } from "../../src/modules/tables/guidelines.queries";

/** Form errors, already translated, by field ("_form" for the whole form). */
export type GuidelinesErrors = Partial<Record<string, string>>;

/** What the editor shows: the texts and the chosen codes. */
export interface GuidelinesValues {
  title: string;
  intro: string;
  sectionIntros: Record<string, string>;
  items: string[];
}

/** A working table and the register's items that can go in its section. */
export interface ChoosableTable {
  theme: string;
  label: string;
  items: { code: string; text: string; withdrawn: boolean }[];
}

export function GuidelinesIndexPage(props: {
  published: { meta: GuidelinesMeta; title: string }[];
  all?: { meta: GuidelinesMeta; title: string }[];
}) {
  const { t } = usePage();
  return (
    <DocumentIndex
      base="/guidelines"
      texts={{
        title: t("guidelines.index.title"),
        lead: t("guidelines.index.lead"),
        none: t("guidelines.index.none"),
        all: t("guidelines.index.all"),
        new: t("guidelines.index.new"),
      }}
      published={props.published}
      all={props.all}
    >
      <ul class="list-inline">
        <li class="list-inline-item">
          <a href="/recommendations">{t("guidelines.index.register")}</a>
        </li>
        <li class="list-inline-item">
          <a href="/reports">{t("guidelines.index.reports")}</a>
        </li>
      </ul>
    </DocumentIndex>
  );
}

export function NewGuidelinesPage(props: { values: Record<string, string>; errors?: GuidelinesErrors }) {
  const { t } = usePage();
  return (
    <Layout title={t("guidelines.new.title")} noindex>
      <div class="container my-4">
        <h1 class="h2">{t("guidelines.new.title")}</h1>
        <p>{t("guidelines.new.lead")}</p>
        <ErrorList errors={props.errors} />
        <form method="post" action="/guidelines" novalidate>
          <CsrfField />
          <Field
            name="title"
            label={t("guidelines.field.title")}
            value={props.values.title}
            error={props.errors?.title}
            required
            maxLength={200}
          />
          <Field
            name="intro"
            label={t("guidelines.field.intro")}
            value={props.values.intro}
            error={props.errors?.intro}
            rows={6}
          />
          <button class="btn btn-primary" type="submit">
            {t("guidelines.new.submit")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** The saved version next to the user's unsaved one, after a concurrent edit. */
function CurrentVersion(props: { values: GuidelinesValues; tables: ChoosableTable[] }) {
  const { t } = usePage();
  const { values } = props;
  return (
    <section class="callout mb-4" aria-labelledby="current-version">
      <h2 id="current-version" class="callout-title h5">
        {t("guidelines.edit.current")}
      </h2>
      <p>
        <strong>{values.title}</strong>
      </p>
      <pre class="atl-pre">{values.intro}</pre>
      {props.tables.map((tb) => (
        <div key={tb.theme}>
          <h3 class="h6">{tb.label}</h3>
          {values.sectionIntros[tb.theme] ? (
            <pre class="atl-pre">{values.sectionIntros[tb.theme]}</pre>
          ) : null}
          <p>
            {tb.items
              .filter((i) => values.items.includes(i.code))
              .map((i) => i.code)
              .join(", ") || "—"}
          </p>
        </div>
      ))}
    </section>
  );
}

export function GuidelinesEditPage(props: {
  slug: string;
  version: number;
  values: GuidelinesValues;
  /** Codes the saved document holds (a withdrawn one among them may stay chosen). */
  held: string[];
  tables: ChoosableTable[];
  errors?: GuidelinesErrors;
  /** The current saved version, after a concurrent edit. */
  current?: GuidelinesValues;
}) {
  const { t } = usePage();
  const { values, errors } = props;
  const chosen = new Set(values.items);
  const held = new Set(props.held);
  return (
    <Layout title={t("guidelines.edit.title", { title: values.title })} noindex>
      <div class="container my-4">
        <p>
          <a href={`/guidelines/${props.slug}/working`}>{t("reports.working.link")}</a>
        </p>
        <h1 class="h2">{t("guidelines.edit.title", { title: values.title })}</h1>
        <ErrorList errors={errors} />
        {props.current ? <CurrentVersion values={props.current} tables={props.tables} /> : null}
        <form method="post" action={`/guidelines/${props.slug}/edit`} novalidate>
          <CsrfField />
          <input type="hidden" name="version" value={String(props.version)} />
          <Field
            name="title"
            label={t("guidelines.field.title")}
            value={values.title}
            error={errors?.title}
            required
            maxLength={200}
          />
          <Field
            name="intro"
            label={t("guidelines.field.intro")}
            value={values.intro}
            error={errors?.intro}
            rows={8}
          />
          <p id="withdrawn-hint" class="form-text">
            {t("guidelines.edit.withdrawn_hint")}
          </p>
          <FieldError id="f-items" error={errors?.items} />
          {props.tables.map((tb, n) => (
            <fieldset key={tb.theme} class="border rounded p-3 mb-4">
              <legend class="h5 float-none w-auto px-2">{tb.label}</legend>
              <input type="hidden" name="theme" value={tb.theme} />
              <Field
                name="sectionIntro"
                id={`f-section-${n}`}
                label={t("guidelines.field.section_intro")}
                value={values.sectionIntros[tb.theme] ?? ""}
                rows={4}
              />
              <fieldset aria-describedby={describedItems(errors)}>
                <legend class="h6">{t("guidelines.field.items")}</legend>
                {tb.items.length === 0 ? <p>{t("guidelines.edit.none")}</p> : null}
                {tb.items.map((item) => {
                  const id = `item-${item.code}`;
                  const disabled = item.withdrawn && !held.has(item.code);
                  return (
                    <div class="form-check" key={item.code}>
                      <input
                        class="form-check-input"
                        type="checkbox"
                        name="item"
                        id={id}
                        value={item.code}
                        checked={chosen.has(item.code) && !disabled}
                        disabled={disabled}
                      />
                      <label class="form-check-label" for={id}>
                        <strong>{item.code}</strong>
                        {item.withdrawn ? ` (${t("guidelines.item.withdrawn_short")})` : ""} {item.text}
                      </label>
                    </div>
                  );
                })}
              </fieldset>
            </fieldset>
          ))}
          <button class="btn btn-primary" type="submit">
            {t("guidelines.edit.save")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

const describedItems = (errors?: GuidelinesErrors) => (errors?.items ? "f-items-error" : "withdrawn-hint");

export function GuidelinesPage(props: { view: GuidelinesView; working: boolean }) {
  const { t } = usePage();
  const { view } = props;
  const { meta } = view;
  return (
    <Layout title={view.content.title} noindex={props.working}>
      <div class="container my-4 atl-report atl-guidelines">
        <DocumentHeader
          kind="guidelines"
          title={view.content.title}
          version={view.version}
          meta={meta}
          working={props.working}
        />
        <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: view.introHtml }} />
        {view.sections.map((s) => (
          <section key={s.id} aria-labelledby={s.id}>
            <h2 id={s.id} class="h3 mt-4">
              {s.label}
            </h2>
            <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: s.introHtml }} />
            {s.items.length === 0 ? <p class="text-muted">{t("guidelines.section.empty")}</p> : null}
            {s.items.map((item) => (
              <article
                key={item.code}
                class="atl-recommendation mb-3"
                aria-labelledby={`${s.id}-${item.code}`}
              >
                <h3 id={`${s.id}-${item.code}`} class="h5">
                  {item.href ? <a href={item.href}>{item.code}</a> : item.code}
                  {item.withdrawn ? ` (${t("guidelines.item.withdrawn_short")})` : ""}
                </h3>
                <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: item.html }} />
              </article>
            ))}
          </section>
        ))}
        {view.references.length > 0 ? <References references={view.references} /> : null}
      </div>
    </Layout>
  );
}
