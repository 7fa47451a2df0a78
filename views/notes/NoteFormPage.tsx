// Writing or editing a note: the four kinds explained, working table and question, Markdown with a preview.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Field, FormErrors, Notice, type FieldErrors } from "../accounts/Form";
import type { MessageKey } from "../../src/web/i18n/index";
import { NOTE_KINDS } from "../../src/modules/taxonomy/taxonomy.types";
import { labelOf, type Vocabulary } from "../../src/modules/taxonomy/taxonomy.types";
import { KIND_KEY } from "./NoteCard";

export interface NoteFormValues {
  kind?: string;
  theme?: string;
  question?: string;
  title?: string;
  body?: string;
  tags?: string;
  reason?: string;
}

function FieldError(props: { id: string; error?: MessageKey }) {
  const { t } = usePage();
  if (!props.error) return null;
  return (
    <div id={`${props.id}-error`} class="invalid-feedback d-block" role="alert">
      {t(props.error)}
    </div>
  );
}

export function NoteFormPage(props: {
  project: { slug: string; title: string };
  vocab: Vocabulary;
  values: NoteFormValues;
  errors?: FieldErrors;
  action: string;
  /** Set when editing: the version the form was loaded at. */
  version?: number;
  idem?: string;
  draftToken: string;
  restored?: boolean;
  previewHtml?: string;
}) {
  const { t, lang } = usePage();
  const v = props.values;
  const e = props.errors ?? {};
  const editing = props.version !== undefined;
  const title = editing ? t("notes.edit.title") : t("notes.new.title", { project: props.project.title });
  const described = (name: string, hint?: boolean) =>
    [hint ? `f-${name}-hint` : "", e[name] ? `f-${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <Layout title={title} scripts={["notes.js"]} noindex>
      <div class="container my-4">
        <p>
          <a href={`/projects/${props.project.slug}#notes`}>{props.project.title}</a>
        </p>
        <h1 class="h2 mb-3">{title}</h1>
        {props.restored ? <Notice kind="info">{t("notes.draft.restored")}</Notice> : null}
        <FormErrors errors={props.errors} />
        <form
          method="post"
          action={props.action}
          class="atl-note-form"
          data-preview="/notes/preview"
          noValidate
        >
          <CsrfField />
          <input type="hidden" name="draftToken" value={props.draftToken} />
          {props.idem ? <input type="hidden" name="idem" value={props.idem} /> : null}
          {editing ? <input type="hidden" name="version" value={String(props.version)} /> : null}
          <fieldset class="mb-3" aria-describedby={described("kind")}>
            <legend class="h6">{t("notes.field.kind")}</legend>
            {NOTE_KINDS.map((kind) => (
              <div class="form-check" key={kind}>
                <input
                  class="form-check-input"
                  type="radio"
                  name="kind"
                  id={`f-kind-${kind}`}
                  value={kind}
                  checked={v.kind === kind}
                  aria-describedby={`f-kind-${kind}-ex`}
                />
                <label class="form-check-label" for={`f-kind-${kind}`}>
                  {t(KIND_KEY[kind])}
                </label>
                <small class="form-text d-block" id={`f-kind-${kind}-ex`}>
                  {t(`notes.kind.${kind}.example`)}
                </small>
              </div>
            ))}
            <FieldError id="f-kind" error={e.kind} />
          </fieldset>
          <div class="select-wrapper mb-3">
            <label for="f-theme">{t("notes.field.theme")}</label>
            <select
              id="f-theme"
              name="theme"
              class="form-select"
              aria-describedby={described("theme")}
              required
            >
              <option value="">—</option>
              {props.vocab.themes.map((th) => (
                <option key={th.key} value={th.key} selected={v.theme === th.key}>
                  {labelOf(th, lang)}
                </option>
              ))}
            </select>
            <FieldError id="f-theme" error={e.theme} />
          </div>
          <div class="select-wrapper mb-3">
            <label for="f-question">{t("notes.field.question")}</label>
            <select
              id="f-question"
              name="question"
              class="form-select"
              aria-describedby={described("question")}
            >
              <option value="">{t("notes.field.question.none")}</option>
              {props.vocab.themes.map((th) => (
                <optgroup key={th.key} label={labelOf(th, lang)} data-theme={th.key}>
                  {th.guidingQuestions.map((q) => (
                    <option key={q.id} value={q.id} selected={v.question === q.id}>
                      {lang === "en" ? q.en : q.it}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <FieldError id="f-question" error={e.question} />
          </div>
          <Field name="title" label="notes.field.title" value={v.title} errors={e} required maxLength={200} />
          <div class="form-group atl-field">
            <label for="f-body" class="active">
              {t("notes.field.body")}
            </label>
            <textarea
              id="f-body"
              name="body"
              rows={10}
              class={`form-control${e.body ? " is-invalid" : ""}`}
              aria-describedby={described("body", true)}
              aria-invalid={e.body ? "true" : undefined}
              required
            >
              {v.body ?? ""}
            </textarea>
            <small id="f-body-hint" class="form-text">
              {t("notes.field.body.hint")}
            </small>
            <FieldError id="f-body" error={e.body} />
          </div>
          <Field name="tags" label="notes.field.tags" value={v.tags} errors={e} maxLength={500} />
          {editing ? (
            <Field name="reason" label="notes.field.reason" value={v.reason} errors={e} maxLength={500} />
          ) : null}
          <section class="atl-note-preview my-3" aria-labelledby="preview-title" aria-live="polite">
            <h2 class="h6" id="preview-title">
              {t("notes.preview")}
            </h2>
            <div
              class="atl-markdown border p-2"
              id="note-preview"
              dangerouslySetInnerHTML={{ __html: props.previewHtml ?? "" }}
            />
          </section>
          <div class="d-flex gap-2">
            <button type="submit" class="btn btn-primary">
              {editing ? t("notes.save") : t("notes.submit")}
            </button>
            <button type="submit" class="btn btn-outline-secondary" name="preview" value="1">
              {t("notes.preview.button")}
            </button>
            <a class="btn btn-link" href={`/projects/${props.project.slug}#notes`}>
              {t("notes.cancel")}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}
