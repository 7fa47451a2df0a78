// The fields of the tag and vocabulary forms that coordinators and members fill in.
import { usePage } from "../page-context";
import { Field } from "../components/Field";
import type { MessageKey } from "../../src/web/i18n/index";
import type { TagView } from "../../src/modules/taxonomy/taxonomy.types";

export interface TagFormState {
  /** "create", "propose" or the slug of the edited tag. */
  formId: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** A field of the curation forms: ids prefixed by the form's, errors already translated. */
export function CurationField(props: {
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
  return (
    <Field
      name={props.name}
      id={id}
      label={t(props.label)}
      rows={props.multiline ? 3 : undefined}
      value={props.value}
      hint={props.help ? t(props.help) : undefined}
      hintId={`${id}-help`}
      error={props.error}
      class="form-group mb-3"
      required={props.required}
    />
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
      <CurationField
        formId={f}
        name="label_it"
        label="tax.field.label_it"
        value={v("label_it", tag?.label_it ?? "")}
        error={e("label_it")}
        required
      />
      <CurationField
        formId={f}
        name="label_en"
        label="tax.field.label_en"
        value={v("label_en", tag?.label_en ?? "")}
        error={e("label_en")}
      />
      {props.withSlug !== false ? (
        <CurationField
          formId={f}
          name="slug"
          label="tax.field.slug"
          value={v("slug", tag?.slug ?? "")}
          error={e("slug")}
          help="tax.field.slug.help"
        />
      ) : null}
      <CurationField
        formId={f}
        name="description_it"
        label="tax.field.description_it"
        value={v("description_it", tag?.description_it ?? "")}
        error={e("description_it")}
        multiline
      />
      <CurationField
        formId={f}
        name="description_en"
        label="tax.field.description_en"
        value={v("description_en", tag?.description_en ?? "")}
        error={e("description_en")}
        multiline
      />
      <CurationField
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
