// Two-factor pages: the second step of a sign-in, enrolment (QR code and manual key), the settings page
// and the recovery codes shown once.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { formatDay } from "../../src/web/i18n/format";
import { CsrfField } from "../components/CsrfField";
import { Field } from "../components/Field";
import type { MessageKey } from "../../src/web/i18n/index";
import { errorOf, FormErrors, FormPage, Notice, type FieldErrors } from "../components/Form";

/** The passkey scripts: SimpleWebAuthn's browser bundle, then ours (progressive enhancement). */
const PASSKEY_SCRIPTS = ["/vendor/simplewebauthn/index.umd.min.js", "/static/js/passkeys.js"];

export interface TotpSetupView {
  qrDataUri: string;
  /** The secret in base32, grouped by four for typing by hand. */
  manualKey: string;
}

function CodeField(props: { errors?: FieldErrors; label?: MessageKey }) {
  const { t } = usePage();
  return (
    <Field
      name="code"
      label={t(props.label ?? "accounts.2fa.code")}
      hint={t("accounts.2fa.codeHint")}
      error={errorOf(t, props.errors, "code")}
      class="form-group atl-field"
      alert
      autocomplete="one-time-code"
      required
      maxLength={20}
    />
  );
}

/** The QR code and the manual key of a new TOTP secret, and the field for the first code. */
function TotpSetup(props: { setup: TotpSetupView; action: string; errors?: FieldErrors }) {
  const { t } = usePage();
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField />
      <ol>
        <li>{t("accounts.2fa.setup.step1")}</li>
        <li>
          {t("accounts.2fa.setup.step2")}
          <div class="my-3">
            <img src={props.setup.qrDataUri} alt={t("accounts.2fa.setup.qrAlt")} width={200} height={200} />
          </div>
          <p class="mb-1">{t("accounts.2fa.setup.manual")}</p>
          <p>
            <code id="totp-key" class="fs-5">
              {props.setup.manualKey}
            </code>
          </p>
        </li>
        <li>{t("accounts.2fa.setup.step3")}</li>
      </ol>
      <CodeField errors={props.errors} label="accounts.2fa.setup.code" />
      <button type="submit" class="btn btn-primary">
        {t("accounts.2fa.setup.submit")}
      </button>
    </form>
  );
}

/** The second step of a sign-in: a code (app or recovery) or a passkey; or, past the grace period, enrolment. */
export function SecondStepPage(props: {
  passkeys: boolean;
  totp: boolean;
  enrol?: TotpSetupView;
  errors?: FieldErrors;
}) {
  const { t } = usePage();
  return (
    <Layout
      title={t("accounts.2fa.step.title")}
      noindex
      vendorScripts={props.passkeys ? PASSKEY_SCRIPTS : []}
    >
      <FormPage title={t("accounts.2fa.step.title")}>
        <FormErrors errors={props.errors} />
        {props.enrol ? (
          <>
            <p>{t("accounts.2fa.step.mustEnrol")}</p>
            <TotpSetup setup={props.enrol} action="/login/2fa/enrol" errors={props.errors} />
          </>
        ) : (
          <>
            {props.passkeys ? (
              <div class="mb-4" data-passkey-login="/login/2fa/passkey">
                <p>{t("accounts.2fa.step.passkeyIntro")}</p>
                <button type="button" class="btn btn-primary" data-passkey-button hidden>
                  {t("accounts.2fa.step.passkey")}
                </button>
                <p class="text-danger" data-passkey-error role="alert" hidden>
                  {t("accounts.2fa.passkeyFailed")}
                </p>
              </div>
            ) : null}
            <form method="post" action="/login/2fa" novalidate>
              <CsrfField />
              <p>{t(props.totp ? "accounts.2fa.step.intro" : "accounts.2fa.step.introRecovery")}</p>
              <CodeField errors={props.errors} />
              <button type="submit" class="btn btn-primary">
                {t("accounts.2fa.step.submit")}
              </button>
            </form>
          </>
        )}
        <form method="post" action="/logout" class="mt-4">
          <CsrfField />
          <button type="submit" class="btn btn-link p-0">
            {t("accounts.2fa.step.cancel")}
          </button>
        </form>
      </FormPage>
    </Layout>
  );
}

/** The recovery codes, shown once. */
export function RecoveryCodesPage(props: { codes: string[]; next: string }) {
  const { t } = usePage();
  return (
    <Layout title={t("accounts.2fa.codes.title")} noindex>
      <FormPage title={t("accounts.2fa.codes.title")}>
        <Notice kind="info">{t("accounts.2fa.codes.intro", { count: props.codes.length })}</Notice>
        <ul class="list-unstyled fs-5" id="recovery-codes">
          {props.codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <a class="btn btn-primary" href={props.next}>
          {t("accounts.2fa.codes.done")}
        </a>
      </FormPage>
    </Layout>
  );
}

export interface TwoFactorSettings {
  totp: boolean;
  passkeys: { id: string; name: string; createdAt: string }[];
  recoveryLeft: number;
  required: boolean;
  graceUntil: string | null;
}

/** "Two-factor authentication" in the user's account. */
export function TwoFactorPage(props: {
  settings: TwoFactorSettings;
  setup?: TotpSetupView;
  errors?: FieldErrors;
  notice?: MessageKey;
}) {
  const { t, lang } = usePage();
  const s = props.settings;
  return (
    <Layout title={t("accounts.2fa.title")} noindex vendorScripts={PASSKEY_SCRIPTS}>
      <div class="container my-5">
        <h1>{t("accounts.2fa.title")}</h1>
        {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
        <FormErrors errors={props.errors} />
        <p>{t("accounts.2fa.intro")}</p>
        {s.required ? (
          <p>
            <strong>{t("accounts.2fa.required")}</strong>
          </p>
        ) : null}
        <section class="mb-5" aria-labelledby="tf-app">
          <h2 id="tf-app" class="h4">
            {t("accounts.2fa.app.title")}
          </h2>
          {s.totp ? (
            <>
              <p>{t("accounts.2fa.app.on")}</p>
              <form method="post" action="/me/2fa/totp/disable" novalidate>
                <CsrfField />
                <CodeField errors={props.errors} label="accounts.2fa.app.disableCode" />
                <button type="submit" class="btn btn-outline-danger">
                  {t("accounts.2fa.app.disable")}
                </button>
              </form>
            </>
          ) : props.setup ? (
            <TotpSetup setup={props.setup} action="/me/2fa/totp" errors={props.errors} />
          ) : null}
        </section>
        <section class="mb-5" aria-labelledby="tf-passkeys" data-passkey-register="/me/2fa/passkeys">
          <h2 id="tf-passkeys" class="h4">
            {t("accounts.2fa.passkeys.title")}
          </h2>
          <p>{t("accounts.2fa.passkeys.intro")}</p>
          {s.passkeys.length > 0 ? (
            <ul>
              {s.passkeys.map((p) => (
                <li key={p.id}>
                  {p.name || t("accounts.2fa.passkeys.unnamed")} ·{" "}
                  {t("accounts.2fa.passkeys.added", { date: formatDay(p.createdAt, lang) })}
                  <form
                    method="post"
                    action={`/me/2fa/passkeys/${encodeURIComponent(p.id)}/delete`}
                    class="d-inline ms-2"
                  >
                    <CsrfField />
                    <button type="submit" class="btn btn-link p-0">
                      {t("accounts.2fa.passkeys.remove")}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : null}
          <div data-passkey-form hidden>
            <Field
              name="passkeyName"
              label={t("accounts.2fa.passkeys.name")}
              class="form-group atl-field"
              maxLength={80}
            />
            <button type="button" class="btn btn-primary" data-passkey-button>
              {t("accounts.2fa.passkeys.add")}
            </button>
            <p class="text-danger" data-passkey-error role="alert" hidden>
              {t("accounts.2fa.passkeyFailed")}
            </p>
          </div>
          <noscript>
            <p>{t("accounts.2fa.passkeys.noscript")}</p>
          </noscript>
        </section>
        {s.totp || s.passkeys.length > 0 ? (
          <section class="mb-5" aria-labelledby="tf-codes">
            <h2 id="tf-codes" class="h4">
              {t("accounts.2fa.codes.title")}
            </h2>
            <p>{t("accounts.2fa.codes.left", { count: s.recoveryLeft })}</p>
            <form method="post" action="/me/2fa/recovery">
              <CsrfField />
              <button type="submit" class="btn btn-outline-primary">
                {t("accounts.2fa.codes.regenerate")}
              </button>
            </form>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
