import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey } from "../../src/web/i18n/index";
import { labelOf } from "../../src/modules/taxonomy/taxonomy.types";
import type { ProjectFormValues } from "../../src/modules/projects/project.input";
import { describedBy, Field, FieldError } from "../components/Field";
import type { Labels } from "../components/ProjectList";

/** Field errors already translated, by field name. */
export type FormErrors = Record<string, string[]>;

type TextField = Exclude<keyof ProjectFormValues, "zones" | "provinces" | "targetGroups" | "themes" | "tags">;

/** A text field of the project form, bound to its values and errors. */
function Input(props: {
  name: TextField;
  label: MessageKey;
  values: ProjectFormValues;
  errors: FormErrors;
  type?: "text" | "date" | "email" | "tel";
  help?: MessageKey;
  required?: boolean;
  multiline?: number;
}) {
  const { t } = usePage();
  return (
    <Field
      name={props.name}
      label={
        <>
          {t(props.label)}
          {props.required ? <span class="atl-required"> ({t("projects.form.required")})</span> : null}
        </>
      }
      type={props.type}
      rows={props.multiline}
      value={props.values[props.name]}
      hint={props.help ? t(props.help) : undefined}
      hintId={`f-${props.name}-help`}
      error={props.errors[props.name]?.join(" ")}
      class="form-group mb-4"
      required={props.required}
    />
  );
}

function Checkboxes(props: {
  name: "zones" | "provinces" | "targetGroups" | "themes" | "tags";
  legend: MessageKey;
  options: { value: string; label: string }[];
  values: ProjectFormValues;
  errors: FormErrors;
  help?: MessageKey;
}) {
  const { t } = usePage();
  const chosen = new Set(props.values[props.name]);
  const error = props.errors[props.name]?.join(" ");
  const described = describedBy(!!props.help && `f-${props.name}-help`, !!error && `f-${props.name}-error`);
  return (
    <fieldset class="mb-4" aria-describedby={described}>
      <legend class="h6">{t(props.legend)}</legend>
      {props.help ? (
        <small id={`f-${props.name}-help`} class="form-text d-block mb-2">
          {t(props.help)}
        </small>
      ) : null}
      <div class="atl-checkgrid">
        {props.options.map((o) => {
          const id = `f-${props.name}-${o.value}`;
          return (
            <div class="form-check" key={o.value}>
              <input
                id={id}
                type="checkbox"
                name={props.name}
                value={o.value}
                checked={chosen.has(o.value)}
              />
              <label for={id}>{o.label}</label>
            </div>
          );
        })}
      </div>
      <FieldError id={`f-${props.name}`} error={error} />
    </fieldset>
  );
}

export function ProjectFields(props: { values: ProjectFormValues; errors: FormErrors; labels: Labels }) {
  const { t, lang } = usePage();
  const { values, errors } = props;
  const { vocab, tags } = props.labels;
  const terms = (list: { key: string; label_it: string; label_en: string }[]) =>
    list.map((term) => ({ value: term.key, label: labelOf(term, lang) }));
  const tagOptions = tags.all
    .filter((tag) => tag.status === "active" || values.tags.includes(tag.slug))
    .map((tag) => ({ value: tag.slug, label: labelOf(tag, lang) }));
  return (
    <>
      <Input name="title" label="projects.field.title" values={values} errors={errors} required />
      <Input
        name="slug"
        label="projects.field.slug"
        values={values}
        errors={errors}
        help="projects.field.slug.help"
      />
      <Input name="summary" label="projects.field.summary" values={values} errors={errors} multiline={3} />
      <Input
        name="description"
        label="projects.field.description"
        values={values}
        errors={errors}
        multiline={10}
        help="projects.field.description.help"
      />
      <Field
        name="fundingProgramme"
        label={t("projects.field.fundingProgramme")}
        error={errors.fundingProgramme?.join(" ")}
        class="select-wrapper mb-4"
        control={(c) => (
          <select {...c} name="fundingProgramme">
            <option value="">{t("projects.form.noneSelected")}</option>
            {vocab.funding.map((f) => (
              <option key={f.key} value={f.key} selected={values.fundingProgramme === f.key}>
                {labelOf(f, lang)}
              </option>
            ))}
          </select>
        )}
      />
      <Input name="call" label="projects.field.call" values={values} errors={errors} />
      <Input
        name="cup"
        label="projects.field.cup"
        values={values}
        errors={errors}
        help="projects.field.cup.help"
      />
      <Input
        name="leadOrganisation"
        label="projects.field.leadOrganisation"
        values={values}
        errors={errors}
      />
      <Input
        name="partners"
        label="projects.field.partners"
        values={values}
        errors={errors}
        multiline={4}
        help="projects.field.partners.help"
      />
      <div class="row">
        <div class="col-md-6">
          <Input
            name="startDate"
            label="projects.field.startDate"
            values={values}
            errors={errors}
            type="date"
          />
        </div>
        <div class="col-md-6">
          <Input name="endDate" label="projects.field.endDate" values={values} errors={errors} type="date" />
        </div>
      </div>
      <Input
        name="budget"
        label="projects.field.budget"
        values={values}
        errors={errors}
        help="projects.field.budget.help"
      />
      <Checkboxes
        name="themes"
        legend="projects.field.themes"
        options={terms(vocab.themes)}
        values={values}
        errors={errors}
      />
      <Checkboxes
        name="tags"
        legend="projects.field.tags"
        options={tagOptions}
        values={values}
        errors={errors}
      />
      <Checkboxes
        name="zones"
        legend="projects.field.zones"
        options={terms(vocab.zones)}
        values={values}
        errors={errors}
      />
      <Checkboxes
        name="provinces"
        legend="projects.field.provinces"
        options={terms(vocab.provinces)}
        values={values}
        errors={errors}
        help="projects.field.provinces.help"
      />
      <Checkboxes
        name="targetGroups"
        legend="projects.field.targetGroups"
        options={terms(vocab.targetGroups)}
        values={values}
        errors={errors}
      />
      <Input name="outcomes" label="projects.field.outcomes" values={values} errors={errors} multiline={5} />
      <Input
        name="links"
        label="projects.field.links"
        values={values}
        errors={errors}
        multiline={3}
        help="projects.field.links.help"
      />
      <fieldset class="mb-4">
        <legend class="h6">{t("projects.field.contact")}</legend>
        <p class="small">{t("projects.contact.membersOnly")}</p>
        <Input name="contactName" label="projects.field.contactName" values={values} errors={errors} />
        <Input
          name="contactEmail"
          label="projects.field.contactEmail"
          values={values}
          errors={errors}
          type="email"
        />
        <Input
          name="contactPhone"
          label="projects.field.contactPhone"
          values={values}
          errors={errors}
          type="tel"
        />
      </fieldset>
    </>
  );
}

export function ProjectFormPage(props: {
  mode: "create" | "edit";
  action: string;
  cancelHref: string;
  title?: string;
  version?: number;
  values: ProjectFormValues;
  errors: FormErrors;
  labels: Labels;
}) {
  const { t } = usePage();
  const count = Object.values(props.errors).length;
  const heading =
    props.mode === "create"
      ? t("projects.form.newTitle")
      : t("projects.form.editTitle", { title: props.title ?? "" });
  return (
    <Layout title={heading} noindex>
      <div class="container my-4">
        <h1>{heading}</h1>
        {count > 0 ? (
          <div class="alert alert-danger" role="alert" id="form-errors">
            <p>{t.plural("projects.form.errors", count)}</p>
            <ul>
              {Object.entries(props.errors).map(([field, messages]) => (
                <li key={field}>
                  <a href={`#f-${field}`}>{messages.join(" ")}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <form method="post" action={props.action} novalidate class="atl-project-form">
          <CsrfField />
          {props.version !== undefined ? (
            <input type="hidden" name="version" value={String(props.version)} />
          ) : null}
          <ProjectFields values={props.values} errors={props.errors} labels={props.labels} />
          <button type="submit" class="btn btn-primary me-2">
            {t("projects.save")}
          </button>
          <a href={props.cancelHref} class="btn btn-outline-secondary">
            {t("projects.cancel")}
          </a>
        </form>
      </div>
    </Layout>
  );
}
