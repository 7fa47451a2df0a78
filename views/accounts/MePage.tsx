import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey } from "../../src/web/i18n/index";
import { Field } from "../components/Field";
import { errorOf, FormErrors, Notice, type FieldErrors } from "../components/Form";

export interface MeValues {
  name: string;
  organisation: string;
  language: "it" | "en" | null;
}

export function MePage(props: {
  values: MeValues;
  profileErrors?: FieldErrors;
  passwordErrors?: FieldErrors;
  notice?: MessageKey;
}) {
  const { t, user } = usePage();
  const v = props.values;
  return (
    <Layout title={t("accounts.me.title")} noindex>
      <div class="container my-5">
        <h1>{t("accounts.me.title")}</h1>
        {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
        <p>
          {user?.email} · {user ? t("accounts.me.role", { role: t(`accounts.role.${user.role}`) }) : null}
        </p>
        <ul class="list-inline">
          <li class="list-inline-item">
            <a href="/me/sessions">{t("accounts.sessions.link")}</a>
          </li>
          <li class="list-inline-item">
            <a href="/me/2fa">{t("accounts.2fa.title")}</a>
          </li>
          <li class="list-inline-item">
            <a href="/me/data">{t("privacy.me.download")}</a>
          </li>
          <li class="list-inline-item">
            <a href="/me/delete">{t("privacy.me.delete")}</a>
          </li>
          <li class="list-inline-item">
            <a href="/privacy">{t("privacy.me.notice")}</a>
          </li>
        </ul>
        <div class="row">
          <section class="col-12 col-lg-6 mb-5" aria-labelledby="me-profile">
            <h2 id="me-profile" class="h4">
              {t("accounts.me.profile")}
            </h2>
            <FormErrors errors={props.profileErrors} />
            <form method="post" action="/me" novalidate>
              <CsrfField />
              <Field
                name="name"
                label={t("accounts.field.name")}
                value={v.name}
                error={errorOf(t, props.profileErrors, "name")}
                class="form-group atl-field"
                alert
                autocomplete="name"
                required
                maxLength={120}
              />
              <Field
                name="organisation"
                label={t("accounts.field.organisation")}
                value={v.organisation}
                error={errorOf(t, props.profileErrors, "organisation")}
                class="form-group atl-field"
                alert
                autocomplete="organization"
                maxLength={200}
              />
              <Field
                name="language"
                label={t("accounts.field.language")}
                class="select-wrapper mb-4"
                control={(c) => (
                  <select id={c.id} name="language">
                    <option value="" selected={v.language === null}>
                      {t("accounts.field.language.none")}
                    </option>
                    <option value="it" selected={v.language === "it"}>
                      {t("lang.it")}
                    </option>
                    <option value="en" selected={v.language === "en"}>
                      {t("lang.en")}
                    </option>
                  </select>
                )}
              />
              <button type="submit" class="btn btn-primary">
                {t("accounts.me.save")}
              </button>
            </form>
          </section>
          <section class="col-12 col-lg-6 mb-5" aria-labelledby="me-password">
            <h2 id="me-password" class="h4">
              {t("accounts.me.password")}
            </h2>
            <FormErrors errors={props.passwordErrors} />
            <form method="post" action="/me/password" novalidate>
              <CsrfField />
              <Field
                name="currentPassword"
                label={t("accounts.field.currentPassword")}
                type="password"
                error={errorOf(t, props.passwordErrors, "currentPassword")}
                class="form-group atl-field"
                alert
                autocomplete="current-password"
                required
              />
              <Field
                name="password"
                label={t("accounts.field.newPassword")}
                type="password"
                error={errorOf(t, props.passwordErrors, "password")}
                class="form-group atl-field"
                alert
                hint={t("accounts.password.rule")}
                autocomplete="new-password"
                required
              />
              <button type="submit" class="btn btn-primary">
                {t("accounts.me.passwordSubmit")}
              </button>
            </form>
          </section>
        </div>
      </div>
    </Layout>
  );
}
