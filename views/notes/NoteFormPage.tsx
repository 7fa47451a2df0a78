// Writing or editing a note: the four kinds explained, working table and question, Markdown with a preview.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { describedBy, Field, FieldError } from "../components/Field";
import { errorOf, FormErrors, Notice, type FieldErrors } from "../components/Form";
import { NOTE_KINDS } from "../../src/modules/taxonomy/taxonomy.types";
import { labelOf, type Vocabulary } from "../../src/modules/taxonomy/taxonomy.types";
import { KIND_KEY } from "../components/NoteCard";

export interface NoteFormValues {
  kind?: string;
  theme?: string;
  question?: string;
  title?: string;
  body?: string;
  tags?: string;
  reason?: string;
}

/** What a note is written on: a project, or a working table alone (its theme and guiding question). */
export type NoteTarget =
  { kind: "project"; slug: string; title: string } | { kind: "table"; key: string; label: string };

export function NoteFormPage(props: {
  target: NoteTarget;
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
  /** Tags typed that match no tag, and close ones to suggest. */
  unknownTags?: { unknown: string[]; suggestions: string[] };
}) {
  const { t, lang } = usePage();
  const v = props.values;
  const e = props.errors ?? {};
  const editing = props.version !== undefined;
  const target = props.target;
  const onTable = target.kind === "table";
  const back =
    target.kind === "project"
      ? { href: `/projects/${target.slug}#notes`, label: target.title }
      : { href: `/tables/${target.key}`, label: target.label };
  const title = editing
    ? t("notes.edit.title")
    : target.kind === "project"
      ? t("notes.new.title", { project: target.title })
      : t("notes.new.table.title", { table: target.label });
  const error = (name: string) => errorOf(t, e, name);
  const quoted = (list: string[]) => list.map((s) => `«${s}»`).join(", ");
  const unknownTags = props.unknownTags;
  const tagsError = unknownTags
    ? [
        t.plural("notes.error.tags_unknown", unknownTags.unknown.length, {
          tags: quoted(unknownTags.unknown),
        }),
        unknownTags.suggestions.length > 0
          ? t("notes.error.tags_suggest", { tags: quoted(unknownTags.suggestions) })
          : t("notes.error.tags_none"),
      ].join(" ")
    : error("tags");
  // A note on a table alone answers one of that table's guiding questions.
  const themes = onTable ? props.vocab.themes.filter((th) => th.key === target.key) : props.vocab.themes;
  return (
    <Layout title={title} scripts={["notes.js"]} noindex>
      <div class="container my-4">
        <p>
          <a href={back.href}>{back.label}</a>
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
          <fieldset class="mb-3" aria-describedby={describedBy(!!e.kind && "f-kind-error")}>
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
            <FieldError id="f-kind" error={error("kind")} alert />
          </fieldset>
          {onTable ? (
            <>
              <input type="hidden" name="theme" value={target.key} />
              <p class="mb-3">
                <strong>{t("notes.field.theme")}:</strong> {target.label}
              </p>
            </>
          ) : (
            <Field
              name="theme"
              label={t("notes.field.theme")}
              error={error("theme")}
              class="select-wrapper mb-3"
              alert
              control={(c) => (
                <select
                  id={c.id}
                  name="theme"
                  class="form-select"
                  aria-describedby={c["aria-describedby"]}
                  required
                >
                  <option value="">—</option>
                  {props.vocab.themes.map((th) => (
                    <option key={th.key} value={th.key} selected={v.theme === th.key}>
                      {labelOf(th, lang)}
                    </option>
                  ))}
                </select>
              )}
            />
          )}
          <Field
            name="question"
            label={onTable ? t("notes.field.question.required") : t("notes.field.question")}
            error={error("question")}
            class="select-wrapper mb-3"
            alert
            control={(c) => (
              <select
                id={c.id}
                name="question"
                class="form-select"
                aria-describedby={c["aria-describedby"]}
                required={onTable}
              >
                <option value="">{onTable ? "—" : t("notes.field.question.none")}</option>
                {themes.map((th) => (
                  <optgroup key={th.key} label={labelOf(th, lang)} data-theme={th.key}>
                    {th.guidingQuestions.map((q) => (
                      <option key={q.id} value={q.id} selected={v.question === q.id}>
                        {lang === "en" ? q.en : q.it}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          />
          <Field
            name="title"
            label={t("notes.field.title")}
            value={v.title}
            error={error("title")}
            class="form-group atl-field"
            alert
            required
            maxLength={200}
          />
          <Field
            name="body"
            label={t("notes.field.body")}
            rows={10}
            value={v.body ?? ""}
            hint={t("notes.field.body.hint")}
            error={error("body")}
            class="form-group atl-field"
            alert
            required
          />
          <Field
            name="tags"
            label={t("notes.field.tags")}
            value={v.tags}
            hint={t("notes.field.tags.hint")}
            error={tagsError}
            class="form-group atl-field"
            alert
            maxLength={500}
          />
          {editing ? (
            <Field
              name="reason"
              label={t("notes.field.reason")}
              value={v.reason}
              error={error("reason")}
              class="form-group atl-field"
              alert
              maxLength={500}
            />
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
          <div class="d-flex flex-wrap gap-2">
            <button type="submit" class="btn btn-primary">
              {editing ? t("notes.save") : t("notes.submit")}
            </button>
            <button type="submit" class="btn btn-outline-secondary" name="preview" value="1">
              {t("notes.preview.button")}
            </button>
            <a class="btn btn-link" href={back.href}>
              {t("notes.cancel")}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}
