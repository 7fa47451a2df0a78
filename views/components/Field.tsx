// One labelled form field: label, control, hint and error, the hint and the error tied to the control by aria.
import type { ComponentChildren } from "preact";

/** What a control takes from its field: its id, and aria attributes pointing at the hint and the error. */
export interface ControlProps {
  id: string;
  "aria-invalid"?: "true";
  "aria-describedby"?: string;
}

/** The ids that describe a control, space-separated; undefined when there are none. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => !!id);
  return list.length > 0 ? list.join(" ") : undefined;
}

/** A field's error message (already translated) under its control or group, as `<id>-error`. */
export function FieldError(props: { id: string; error?: ComponentChildren; alert?: boolean }) {
  if (!props.error) return null;
  return (
    <div id={`${props.id}-error`} class="invalid-feedback d-block" role={props.alert ? "alert" : undefined}>
      {props.error}
    </div>
  );
}

export interface FieldProps {
  /** The name the form sends; the control's id is `f-<name>` unless `id` is given. */
  name: string;
  id?: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /** Default `<id>-hint`. */
  hintId?: string;
  /** Ids of other text on the page that describes the control, read before the hint and the error. */
  describedBy?: string;
  /** The error message, already translated; it marks the control invalid. */
  error?: ComponentChildren;
  /** Whether the error is announced as an alert. */
  alert?: boolean;
  /** The wrapper's classes; default "form-group". */
  class?: string;
  /** The label's classes; default "active" for the built-in input and textarea, none for a `control`. */
  labelClass?: string;
  /** Renders the control (a select, say) in place of the built-in input or textarea. */
  control?: (props: ControlProps) => ComponentChildren;
  /** The built-in control: an input of this type, or a textarea when `rows` is given. */
  type?: "text" | "email" | "password" | "search" | "date" | "tel" | "file";
  rows?: number;
  /** Never shown for a password. */
  value?: string;
  required?: boolean;
  maxLength?: number;
  autocomplete?: string;
  accept?: string;
}

function BuiltInControl(props: FieldProps & { aria: ControlProps }) {
  const common = {
    ...props.aria,
    name: props.name,
    class: `form-control${props.error ? " is-invalid" : ""}`,
    required: props.required,
    maxLength: props.maxLength,
  };
  if (props.rows) return <textarea {...common} rows={props.rows} value={props.value} />;
  return (
    <input
      {...common}
      // preact types each input type separately; the union needs this one widening.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      type={(props.type ?? "text") as "text"}
      value={props.type === "password" ? undefined : props.value}
      autoComplete={props.autocomplete}
      accept={props.accept}
    />
  );
}

export function Field(props: FieldProps) {
  const id = props.id ?? `f-${props.name}`;
  const hintId = props.hintId ?? `${id}-hint`;
  const aria: ControlProps = {
    id,
    "aria-invalid": props.error ? "true" : undefined,
    "aria-describedby": describedBy(
      props.describedBy,
      !!props.hint && hintId,
      !!props.error && `${id}-error`,
    ),
  };
  return (
    <div class={props.class ?? "form-group"}>
      <label for={id} class={props.labelClass ?? (props.control ? undefined : "active")}>
        {props.label}
      </label>
      {props.control ? props.control(aria) : <BuiltInControl {...props} aria={aria} />}
      {props.hint ? (
        <small id={hintId} class="form-text">
          {props.hint}
        </small>
      ) : null}
      <FieldError id={id} error={props.error} alert={props.alert} />
    </div>
  );
}
