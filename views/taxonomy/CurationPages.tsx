import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey } from "../../src/web/i18n/index";
import {
  VOCABULARY_KINDS,
  labelOf,
  type TagView,
  type Term,
  type VocabularyKind,
} from "../../src/modules/taxonomy/taxonomy.types";

export interface TagFormState {
  /** "create", "propose" or the slug of the edited tag. */
  formId: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

function Field(props: {
  formId: string;
  name: string;
  label: MessageKey;
  value: string;
  error?: string;
  help?: MessageKey;
  multiline?: boolean;
  required?: boolean;
}) {
  const { t } = usePage();
  const id = `${props.formId}-${props.name}`;
  const described =
    [props.help ? `${id}-help` : "", props.error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: props.name,
    class: `form-control${props.error ? " is-invalid" : ""}`,
    "aria-invalid": props.error ? ("true" as const) : undefined,
    "aria-describedby": described,
    required: props.required,
  };
  return (
    <div class="form-group mb-3">
      <label for={id} class="active">
        {t(props.label)}
      </label>
      {props.multiline ? (
        <textarea {...common} rows={3} value={props.value} />
      ) : (
        <input {...common} type="text" value={props.value} />
      )}
      {props.help ? (
        <small id={`${id}-help`} class="form-text">
          {t(props.help)}
        </small>
      ) : null}
      {props.error ? (
        <div class="invalid-feedback d-block" id={`${id}-error`}>
          {props.error}
        </div>
      ) : null}
    </div>
  );
}

export function TagFields(props: {
  formId: string;
  state?: TagFormState;
  tag?: TagView;
  withSlug?: boolean;
}) {
  const mine = props.state?.formId === props.formId ? props.state : undefined;
  const v = (name: string, fallback: string) => mine?.values[name] ?? fallback;
  const tag = props.tag;
  const e = (name: string) => mine?.errors[name];
  const f = props.formId;
  return (
    <>
      <Field
        formId={f}
        name="label_it"
        label="tax.field.label_it"
        value={v("label_it", tag?.label_it ?? "")}
        error={e("label_it")}
        required
      />
      <Field
        formId={f}
        name="label_en"
        label="tax.field.label_en"
        value={v("label_en", tag?.label_en ?? "")}
        error={e("label_en")}
      />
      {props.withSlug !== false ? (
        <Field
          formId={f}
          name="slug"
          label="tax.field.slug"
          value={v("slug", tag?.slug ?? "")}
          error={e("slug")}
          help="tax.field.slug.help"
        />
      ) : null}
      <Field
        formId={f}
        name="description_it"
        label="tax.field.description_it"
        value={v("description_it", tag?.description_it ?? "")}
        error={e("description_it")}
        multiline
      />
      <Field
        formId={f}
        name="description_en"
        label="tax.field.description_en"
        value={v("description_en", tag?.description_en ?? "")}
        error={e("description_en")}
        multiline
      />
      <Field
        formId={f}
        name="synonyms"
        label="tax.field.synonyms"
        value={v("synonyms", tag?.synonyms.join(", ") ?? "")}
        error={e("synonyms")}
        help="tax.field.synonyms.help"
        multiline
      />
    </>
  );
}

function PostButton(props: { action: string; label: MessageKey; hidden?: string; kind?: string }) {
  const { t } = usePage();
  return (
    <form method="post" action={props.action} class="d-inline">
      <CsrfField />
      <button type="submit" class={`btn btn-sm ${props.kind ?? "btn-outline-primary"}`}>
        {t(props.label)}
        {props.hidden ? <span class="visually-hidden"> {props.hidden}</span> : null}
      </button>
    </form>
  );
}

export function TagCurationPage(props: { tags: TagView[]; state?: TagFormState; notice?: string }) {
  const { t, lang } = usePage();
  const proposed = props.tags.filter((x) => x.status === "proposed");
  const active = props.tags.filter((x) => x.status === "active");
  const retired = props.tags.filter((x) => x.status === "retired");
  const openId = props.state?.formId;
  return (
    <Layout title={t("tax.curation.title")} noindex>
      <div class="container my-4">
        <h1>{t("tax.curation.title")}</h1>
        <p class="lead">{t("tax.curation.lead")}</p>
        {props.notice ? (
          <p class="alert alert-success" role="status">
            {props.notice}
          </p>
        ) : null}
        <section aria-labelledby="proposed-title" class="mb-5">
          <h2 class="h4" id="proposed-title">
            {t("tax.curation.proposed")}
          </h2>
          {proposed.length === 0 ? <p>{t("tax.curation.noProposals")}</p> : null}
          <ul class="list-unstyled">
            {proposed.map((tag) => (
              <li key={tag.id} class="mb-2">
                <strong>{labelOf(tag, lang)}</strong> ({tag.slug})
                {tag.proposedBy?.name ? (
                  <span class="small"> · {t("tax.curation.proposedBy", { name: tag.proposedBy.name })}</span>
                ) : null}{" "}
                <PostButton
                  action={`/curation/tags/${tag.slug}/approve`}
                  label="tax.curation.approve"
                  hidden={tag.label_it}
                />{" "}
                <PostButton
                  action={`/curation/tags/${tag.slug}/reject`}
                  label="tax.curation.reject"
                  hidden={tag.label_it}
                  kind="btn-outline-danger"
                />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="create-title" class="mb-5">
          <h2 class="h4" id="create-title">
            {t("tax.curation.create")}
          </h2>
          <form method="post" action="/curation/tags" novalidate>
            <CsrfField />
            <TagFields formId="create" state={props.state} />
            <button type="submit" class="btn btn-primary">
              {t("tax.save")}
            </button>
          </form>
        </section>
        <section aria-labelledby="active-title" class="mb-5">
          <h2 class="h4" id="active-title">
            {t("tax.curation.active")}
          </h2>
          <ul class="list-unstyled">
            {active.map((tag) => (
              <li key={tag.id} class="mb-3 atl-tag-row">
                <a href={`/tags/${tag.slug}`}>{labelOf(tag, lang)}</a> <code>{tag.slug}</code>{" "}
                <span class="small">
                  {t("tax.curation.usage")}: {tag.usageCount}
                </span>{" "}
                <PostButton
                  action={`/curation/tags/${tag.slug}/retire`}
                  label="tax.curation.retire"
                  hidden={tag.label_it}
                  kind="btn-outline-danger"
                />
                <details open={openId === tag.slug}>
                  <summary>{t("tax.curation.rename")}</summary>
                  <form method="post" action={`/curation/tags/${tag.slug}`} novalidate>
                    <CsrfField />
                    <TagFields formId={tag.slug} state={props.state} tag={tag} />
                    <button type="submit" class="btn btn-primary btn-sm">
                      {t("tax.save")}
                    </button>
                  </form>
                </details>
                <details open={openId === `merge-${tag.slug}`}>
                  <summary>{t("tax.curation.merge")}</summary>
                  <form method="post" action={`/curation/tags/${tag.slug}/merge`} novalidate>
                    <CsrfField />
                    <p class="small">{t("tax.curation.mergeHelp")}</p>
                    <Field
                      formId={`merge-${tag.slug}`}
                      name="into"
                      label="tax.curation.mergeInto"
                      value={
                        props.state?.formId === `merge-${tag.slug}` ? (props.state.values.into ?? "") : ""
                      }
                      error={
                        props.state?.formId === `merge-${tag.slug}` ? props.state.errors.into : undefined
                      }
                    />
                    <button type="submit" class="btn btn-outline-primary btn-sm">
                      {t("tax.curation.merge")}
                    </button>
                  </form>
                </details>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="retired-title">
          <h2 class="h4" id="retired-title">
            {t("tax.curation.retired")}
          </h2>
          <ul class="list-unstyled">
            {retired.map((tag) => (
              <li key={tag.id} class="mb-2">
                {labelOf(tag, lang)} <code>{tag.slug}</code>{" "}
                <PostButton
                  action={`/curation/tags/${tag.slug}/reactivate`}
                  label="tax.curation.reactivate"
                  hidden={tag.label_it}
                />
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Layout>
  );
}

export function ProposeTagPage(props: { state?: TagFormState; notice?: string }) {
  const { t } = usePage();
  return (
    <Layout title={t("tax.propose.title")} noindex>
      <div class="container my-4">
        <h1>{t("tax.propose.title")}</h1>
        <p class="lead">{t("tax.propose.lead")}</p>
        {props.notice ? (
          <p class="alert alert-success" role="status">
            {props.notice}
          </p>
        ) : null}
        <form method="post" action="/tags/propose" novalidate>
          <CsrfField />
          <TagFields formId="propose" state={props.state} withSlug={false} />
          <button type="submit" class="btn btn-primary">
            {t("tax.propose.submit")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function VocabulariesPage(props: { terms: Record<VocabularyKind, Term[]> }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t("tax.vocab.title")} noindex>
      <div class="container my-4">
        <h1>{t("tax.vocab.title")}</h1>
        <p class="lead">{t("tax.vocab.lead")}</p>
        {VOCABULARY_KINDS.map((kind) => (
          <section key={kind} aria-labelledby={`kind-${kind}`} class="mb-4">
            <h2 class="h4" id={`kind-${kind}`}>
              {t(`tax.kind.${kind}`)}
            </h2>
            <ul>
              {props.terms[kind].map((term) => (
                <li key={term.key}>
                  <a href={`/curation/vocabularies/${kind}/${term.key}`}>{labelOf(term, lang)}</a>{" "}
                  <code>{term.key}</code>
                  {term.editedAt ? <span class="small text-muted"> · {t("tax.term.edited")}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </Layout>
  );
}

export function TermEditPage(props: {
  term: Term;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const { t, lang } = usePage();
  const term = props.term;
  const heading = t("tax.term.editTitle", { label: labelOf(term, lang) });
  const f = "term";
  const v = (name: string) => props.values[name] ?? "";
  return (
    <Layout title={heading} noindex>
      <div class="container my-4">
        <p>
          <a href="/curation/vocabularies">← {t("tax.vocab.title")}</a>
        </p>
        <h1>{heading}</h1>
        <form method="post" action={`/curation/vocabularies/${term.kind}/${term.key}`} novalidate>
          <CsrfField />
          <Field
            formId={f}
            name="label_it"
            label="tax.field.label_it"
            value={v("label_it")}
            error={props.errors.label_it}
            required
          />
          <Field
            formId={f}
            name="label_en"
            label="tax.field.label_en"
            value={v("label_en")}
            error={props.errors.label_en}
            required
          />
          <Field
            formId={f}
            name="description_it"
            label="tax.field.description_it"
            value={v("description_it")}
            error={props.errors.description_it}
            multiline
          />
          <Field
            formId={f}
            name="description_en"
            label="tax.field.description_en"
            value={v("description_en")}
            error={props.errors.description_en}
            multiline
          />
          {term.kind === "theme" ? (
            <>
              <Field
                formId={f}
                name="questions_it"
                label="tax.field.questions_it"
                value={v("questions_it")}
                error={props.errors.questions_it}
                help="tax.field.questions.help"
                multiline
              />
              <Field
                formId={f}
                name="questions_en"
                label="tax.field.questions_en"
                value={v("questions_en")}
                error={props.errors.questions_en}
                help="tax.field.questions.help"
                multiline
              />
            </>
          ) : null}
          <button type="submit" class="btn btn-primary">
            {t("tax.save")}
          </button>
        </form>
      </div>
    </Layout>
  );
}
