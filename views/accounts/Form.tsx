// Form pieces shared by the account pages: labelled fields with their error tied by aria-describedby.
import type { ComponentChildren } from "preact";
import { usePage } from "../page-context";
import type { MessageKey } from "../../src/web/i18n/index";

export type FieldErrors = Partial<Record<string, MessageKey>>;

export interface FieldProps {
  name: string;
  label: MessageKey;
  type?: "text" | "email" | "password" | "search";
  value?: string;
  errors?: FieldErrors;
  hint?: MessageKey;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
}

export function Field(props: FieldProps) {
  const { t } = usePage();
  const id = `f-${props.name}`;
  const error = props.errors?.[props.name];
  const described = [props.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="form-group atl-field">
      <label for={id} class="active">
        {t(props.label)}
      </label>
      <input
        id={id}
        name={props.name}
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- preact's input union needs one literal
        type={(props.type ?? "text") as "text"}
        class={`form-control${error ? " is-invalid" : ""}`}
        value={props.type === "password" ? undefined : props.value}
        autoComplete={props.autocomplete}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described || undefined}
      />
      {props.hint ? (
        <small id={`${id}-hint`} class="form-text">
          {t(props.hint)}
        </small>
      ) : null}
      {error ? (
        <div id={`${id}-error`} class="invalid-feedback d-block" role="alert">
          {t(error)}
        </div>
      ) : null}
    </div>
  );
}

/** An alert at the top of a form: errors summary or a notice. */
export function Notice(props: { kind: "success" | "danger" | "info"; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${props.kind}`} role={props.kind === "danger" ? "alert" : "status"}>
      {props.children}
    </div>
  );
}

export function FormErrors(props: { errors?: FieldErrors }) {
  const { t } = usePage();
  const keys = Object.keys(props.errors ?? {});
  if (keys.length === 0) return null;
  const general = props.errors?._form;
  return <Notice kind="danger">{general ? t(general) : t("accounts.form.errors")}</Notice>;
}

/** A narrow single-column page for the account forms. */
export function FormPage(props: { title: string; children: ComponentChildren }) {
  return (
    <div class="container my-5">
      <div class="row justify-content-center">
        <div class="col-12 col-md-8 col-lg-6">
          <h1 class="mb-4">{props.title}</h1>
          {props.children}
        </div>
      </div>
    </div>
  );
}
