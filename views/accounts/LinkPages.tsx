// Forgot password, reset password, accept invitation, refused link, join request.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey } from "../../src/web/i18n/index";
import { Field } from "../components/Field";
import { errorOf, FormErrors, FormPage, Notice, type FieldErrors } from "../components/Form";

export function ForgotPage(props: { email?: string; errors?: FieldErrors; sent?: boolean }) {
  const { t } = usePage();
  return (
    <Layout title={t("accounts.forgot.title")} noindex>
      <FormPage title={t("accounts.forgot.title")}>
        {props.sent ? <Notice kind="info">{t("accounts.forgot.sent")}</Notice> : null}
        <FormErrors errors={props.errors} />
        <p>{t("accounts.forgot.intro")}</p>
        <form method="post" action="/forgot" novalidate>
          <CsrfField />
          <Field
            name="email"
            label={t("accounts.field.email")}
            type="email"
            value={props.email}
            error={errorOf(t, props.errors, "email")}
            class="form-group atl-field"
            alert
            autocomplete="email"
            required
            maxLength={254}
          />
          <button type="submit" class="btn btn-primary">
            {t("accounts.forgot.submit")}
          </button>
        </form>
      </FormPage>
    </Layout>
  );
}

export function ResetPage(props: { action: string; errors?: FieldErrors }) {
  const { t } = usePage();
  return (
    <Layout title={t("accounts.reset.title")} noindex>
      <FormPage title={t("accounts.reset.title")}>
        <FormErrors errors={props.errors} />
        <form method="post" action={props.action} novalidate>
          <CsrfField />
          <Field
            name="password"
            label={t("accounts.field.newPassword")}
            type="password"
            error={errorOf(t, props.errors, "password")}
            class="form-group atl-field"
            alert
            hint={t("accounts.password.rule")}
            autocomplete="new-password"
            required
          />
          <button type="submit" class="btn btn-primary">
            {t("accounts.reset.submit")}
          </button>
        </form>
      </FormPage>
    </Layout>
  );
}

export function InvitePage(props: {
  action: string;
  email: string;
  roleLabel: string;
  name?: string;
  errors?: FieldErrors;
}) {
  const { t } = usePage();
  return (
    <Layout title={t("accounts.invite.title")} noindex>
      <FormPage title={t("accounts.invite.title")}>
        <FormErrors errors={props.errors} />
        <p>{t("accounts.invite.intro", { role: props.roleLabel, email: props.email })}</p>
        <form method="post" action={props.action} novalidate>
          <CsrfField />
          <Field
            name="name"
            label={t("accounts.field.name")}
            value={props.name}
            error={errorOf(t, props.errors, "name")}
            class="form-group atl-field"
            alert
            autocomplete="name"
            required
            maxLength={120}
          />
          <Field
            name="password"
            label={t("accounts.field.newPassword")}
            type="password"
            error={errorOf(t, props.errors, "password")}
            class="form-group atl-field"
            alert
            hint={t("accounts.password.rule")}
            autocomplete="new-password"
            required
          />
          <button type="submit" class="btn btn-primary">
            {t("accounts.invite.submit")}
          </button>
        </form>
      </FormPage>
    </Layout>
  );
}

export function LinkRefusedPage(props: { reason: "invalid" | "expired" | "used"; retryHref: string }) {
  const { t } = usePage();
  const text: MessageKey = `accounts.link.${props.reason}`;
  return (
    <Layout title={t("accounts.link.invalid.title")} noindex>
      <FormPage title={t("accounts.link.invalid.title")}>
        <Notice kind="danger">{t(text)}</Notice>
        <p>
          <a href={props.retryHref}>{t("accounts.forgot.title")}</a>
        </p>
      </FormPage>
    </Layout>
  );
}

export interface JoinValues {
  email?: string;
  name?: string;
  organisation?: string;
  message?: string;
}

export function JoinPage(props: { values: JoinValues; errors?: FieldErrors; sent?: boolean }) {
  const { t } = usePage();
  const v = props.values;
  return (
    <Layout title={t("accounts.join.title")}>
      <FormPage title={t("accounts.join.title")}>
        {props.sent ? <Notice kind="success">{t("accounts.join.sent")}</Notice> : null}
        <FormErrors errors={props.errors} />
        <p>{t("accounts.join.intro")}</p>
        <p>
          <a href="/privacy">{t("privacy.joinLink")}</a>
        </p>
        <form method="post" action="/join" novalidate>
          <CsrfField />
          <Field
            name="name"
            label={t("accounts.field.name")}
            value={v.name}
            error={errorOf(t, props.errors, "name")}
            class="form-group atl-field"
            alert
            autocomplete="name"
            required
            maxLength={120}
          />
          <Field
            name="email"
            label={t("accounts.field.email")}
            type="email"
            value={v.email}
            error={errorOf(t, props.errors, "email")}
            class="form-group atl-field"
            alert
            autocomplete="email"
            required
            maxLength={254}
          />
          <Field
            name="organisation"
            label={t("accounts.field.organisation")}
            value={v.organisation}
            error={errorOf(t, props.errors, "organisation")}
            class="form-group atl-field"
            alert
            autocomplete="organization"
            maxLength={200}
          />
          <Field
            name="message"
            label={t("accounts.field.message")}
            rows={4}
            value={v.message ?? ""}
            maxLength={2000}
          />
          <p class="small atl-join-privacy">
            {t("accounts.join.privacy")} <a href="/privacy">{t("footer.privacy")}</a>
          </p>
          <button type="submit" class="btn btn-primary">
            {t("accounts.join.submit")}
          </button>
        </form>
      </FormPage>
    </Layout>
  );
}
