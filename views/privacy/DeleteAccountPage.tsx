import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Field, FieldError } from "../components/Field";
import { errorOf, FormErrors, FormPage, type FieldErrors } from "../components/Form";

export function DeleteAccountPage(props: { notes?: string; errors?: FieldErrors }) {
  const { t } = usePage();
  const notesError = errorOf(t, props.errors, "notes");
  const confirmError = errorOf(t, props.errors, "confirm");
  return (
    <Layout title={t("privacy.delete.title")} noindex>
      <FormPage title={t("privacy.delete.title")}>
        <FormErrors errors={props.errors} />
        <p>{t("privacy.delete.intro")}</p>
        <p>
          {t("privacy.delete.download")} <a href="/me/data">{t("privacy.me.download")}</a>
        </p>
        <form method="post" action="/me/delete" novalidate>
          <CsrfField />
          <fieldset class="mb-4" aria-describedby={notesError ? "f-notes-error" : "f-notes-hint"}>
            <legend class="h5">{t("privacy.delete.notes")}</legend>
            <div class="form-check">
              <input
                class="form-check-input"
                type="radio"
                id="f-notes-keep"
                name="notes"
                value="keep"
                checked={props.notes === "keep"}
              />
              <label class="form-check-label" for="f-notes-keep">
                {t("privacy.delete.notes.keep")}
              </label>
            </div>
            <div class="form-check">
              <input
                class="form-check-input"
                type="radio"
                id="f-notes-delete"
                name="notes"
                value="delete"
                checked={props.notes === "delete"}
              />
              <label class="form-check-label" for="f-notes-delete">
                {t("privacy.delete.notes.delete")}
              </label>
            </div>
            <p id="f-notes-hint" class="small">
              {t("privacy.delete.notes.hint")}
            </p>
            <FieldError id="f-notes" error={notesError} alert />
          </fieldset>
          <div class="form-check mb-4">
            <input
              class="form-check-input"
              type="checkbox"
              id="f-confirm"
              name="confirm"
              value="yes"
              aria-invalid={confirmError ? "true" : undefined}
              aria-describedby={confirmError ? "f-confirm-error" : undefined}
            />
            <label class="form-check-label" for="f-confirm">
              {t("privacy.delete.confirm")}
            </label>
            <FieldError id="f-confirm" error={confirmError} alert />
          </div>
          <Field
            name="currentPassword"
            label={t("accounts.field.currentPassword")}
            type="password"
            hint={t("privacy.delete.password")}
            error={errorOf(t, props.errors, "currentPassword")}
            class="form-group atl-field mt-5"
            alert
            autocomplete="current-password"
            required
          />
          <button type="submit" class="btn btn-danger">
            {t("privacy.delete.submit")}
          </button>
        </form>
      </FormPage>
    </Layout>
  );
}
