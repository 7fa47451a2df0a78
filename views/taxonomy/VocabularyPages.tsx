// The reference vocabularies (themes, zones, target groups...) as coordinators see and edit them.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import {
  VOCABULARY_KINDS,
  labelOf,
  type Term,
  type VocabularyKind,
} from "../../src/modules/taxonomy/taxonomy.types";
import { CurationField } from "./CurationForm";

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
          <CurationField
            formId={f}
            name="label_it"
            label="tax.field.label_it"
            value={v("label_it")}
            error={props.errors.label_it}
            required
          />
          <CurationField
            formId={f}
            name="label_en"
            label="tax.field.label_en"
            value={v("label_en")}
            error={props.errors.label_en}
            required
          />
          <CurationField
            formId={f}
            name="description_it"
            label="tax.field.description_it"
            value={v("description_it")}
            error={props.errors.description_it}
            multiline
          />
          <CurationField
            formId={f}
            name="description_en"
            label="tax.field.description_en"
            value={v("description_en")}
            error={props.errors.description_en}
            multiline
          />
          {term.kind === "theme" ? (
            <>
              <CurationField
                formId={f}
                name="questions_it"
                label="tax.field.questions_it"
                value={v("questions_it")}
                error={props.errors.questions_it}
                help="tax.field.questions.help"
                multiline
              />
              <CurationField
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
