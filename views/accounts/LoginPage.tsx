import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey } from "../../src/web/i18n/index";
import { Field } from "../components/Field";
import { errorOf, FormErrors, FormPage, Notice, type FieldErrors } from "../components/Form";

export function LoginPage(props: {
  email?: string;
  next: string;
  errors?: FieldErrors;
  notice?: MessageKey;
  /** The single sign-on button's label (configured), or the default one; absent: no single sign-on. */
  sso?: string;
}) {
  const { t } = usePage();
  return (
    <Layout title={t("accounts.login.title")} noindex>
      <FormPage title={t("accounts.login.title")}>
        {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
        <FormErrors errors={props.errors} />
        <p>{t("accounts.login.intro")}</p>
        <form method="post" action="/login" novalidate>
          <CsrfField />
          <input type="hidden" name="next" value={props.next} />
          <Field
            name="email"
            label={t("accounts.field.email")}
            type="email"
            value={props.email}
            error={errorOf(t, props.errors, "email")}
            class="form-group atl-field"
            alert
            autocomplete="username"
            required
            maxLength={254}
          />
          <Field
            name="password"
            label={t("accounts.field.password")}
            type="password"
            error={errorOf(t, props.errors, "password")}
            class="form-group atl-field"
            alert
            autocomplete="current-password"
            required
          />
          <button type="submit" class="btn btn-primary">
            {t("accounts.login.submit")}
          </button>
        </form>
        {props.sso !== undefined ? (
          <form method="post" action="/login/oidc" class="mt-4">
            <CsrfField />
            <input type="hidden" name="next" value={props.next} />
            <p class="mb-2">{t("accounts.oidc.or")}</p>
            <button type="submit" class="btn btn-outline-primary">
              {props.sso || t("accounts.oidc.button")}
            </button>
          </form>
        ) : null}
        <ul class="list-unstyled mt-4">
          <li>
            <a href="/forgot">{t("accounts.login.forgot")}</a>
          </li>
          <li>
            <a href="/join">{t("accounts.login.join")}</a>
          </li>
        </ul>
      </FormPage>
    </Layout>
  );
}
