// Forgot password, reset password, accept invitation, refused link, join request.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey } from "../../src/web/i18n/index";
import { Field, FormErrors, FormPage, Notice, type FieldErrors } from "./Form";

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
            label="accounts.field.email"
            type="email"
            value={props.email}
            errors={props.errors}
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
            label="accounts.field.newPassword"
            type="password"
            errors={props.errors}
            hint="accounts.password.rule"
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
            label="accounts.field.name"
            value={props.name}
            errors={props.errors}
            autocomplete="name"
            required
            maxLength={120}
          />
          <Field
            name="password"
            label="accounts.field.newPassword"
            type="password"
            errors={props.errors}
            hint="accounts.password.rule"
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
        <form method="post" action="/join" novalidate>
          <CsrfField />
          <Field
            name="name"
            label="accounts.field.name"
            value={v.name}
            errors={props.errors}
            autocomplete="name"
            required
            maxLength={120}
          />
          <Field
            name="email"
            label="accounts.field.email"
            type="email"
            value={v.email}
            errors={props.errors}
            autocomplete="email"
            required
            maxLength={254}
          />
          <Field
            name="organisation"
            label="accounts.field.organisation"
            value={v.organisation}
            errors={props.errors}
            autocomplete="organization"
            maxLength={200}
          />
          <div class="form-group">
            <label for="f-message" class="active">
              {t("accounts.field.message")}
            </label>
            <textarea id="f-message" name="message" class="form-control" rows={4} maxLength={2000}>
              {v.message ?? ""}
            </textarea>
          </div>
          <button type="submit" class="btn btn-primary">
            {t("accounts.join.submit")}
          </button>
        </form>
      </FormPage>
    </Layout>
  );
}
