import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { hasRole } from "../../src/web/auth-guards";
import { Field, FormErrors, FormPage, Notice, type FieldErrors } from "../accounts/Form";

export function AdminInvitePage(props: {
  email?: string;
  role?: string;
  errors?: FieldErrors;
  sentTo?: string;
}) {
  const { t, user } = usePage();
  const roles = hasRole(user?.role, "admin")
    ? (["member", "coordinator", "admin"] as const)
    : (["member"] as const);
  return (
    <Layout title={t("accounts.admin.invite.title")} noindex>
      <FormPage title={t("accounts.admin.invite.title")}>
        {props.sentTo ? (
          <Notice kind="success">{t("accounts.admin.invite.sent", { email: props.sentTo })}</Notice>
        ) : null}
        <FormErrors errors={props.errors} />
        <form method="post" action="/admin/invite" novalidate>
          <CsrfField />
          <Field
            name="email"
            label="accounts.field.email"
            type="email"
            value={props.email}
            errors={props.errors}
            required
            maxLength={254}
          />
          <div class="select-wrapper mb-4">
            <label for="f-role">{t("accounts.field.role")}</label>
            <select
              id="f-role"
              name="role"
              aria-describedby={props.errors?.role ? "f-role-error" : undefined}
            >
              {roles.map((r) => (
                <option key={r} value={r} selected={props.role === r}>
                  {t(`accounts.role.${r}`)}
                </option>
              ))}
            </select>
            {props.errors?.role ? (
              <div id="f-role-error" class="invalid-feedback d-block" role="alert">
                {t(props.errors.role)}
              </div>
            ) : null}
          </div>
          <button type="submit" class="btn btn-primary">
            {t("accounts.admin.invite.submit")}
          </button>
        </form>
      </FormPage>
    </Layout>
  );
}
