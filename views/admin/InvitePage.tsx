import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { hasRole } from "../../src/web/auth-guards";
import { Field } from "../components/Field";
import { errorOf, FormErrors, FormPage, Notice, type FieldErrors } from "../components/Form";

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
            label={t("accounts.field.email")}
            type="email"
            value={props.email}
            error={errorOf(t, props.errors, "email")}
            class="form-group atl-field"
            alert
            required
            maxLength={254}
          />
          <Field
            name="role"
            label={t("accounts.field.role")}
            error={errorOf(t, props.errors, "role")}
            class="select-wrapper mb-4"
            alert
            control={(c) => (
              <select id={c.id} name="role" aria-describedby={c["aria-describedby"]}>
                {roles.map((r) => (
                  <option key={r} value={r} selected={props.role === r}>
                    {t(`accounts.role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          />
          <button type="submit" class="btn btn-primary">
            {t("accounts.admin.invite.submit")}
          </button>
        </form>
      </FormPage>
    </Layout>
  );
}
