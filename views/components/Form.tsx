// Form pieces shared by the account, admin and notes pages: field errors as message keys, notices, the narrow form page.
import type { ComponentChildren } from "preact";
import { usePage } from "../page-context";
import type { MessageKey, Translate } from "../../src/web/i18n/index";

export type FieldErrors = Partial<Record<string, MessageKey>>;

/** The translated error of one field, if it has one. */
export function errorOf(t: Translate, errors: FieldErrors | undefined, name: string): string | undefined {
  const key = errors?.[name];
  return key ? t(key) : undefined;
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
