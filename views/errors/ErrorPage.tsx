import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import type { MessageKey } from "../../src/web/i18n/index";

const KNOWN = [400, 401, 403, 404, 409, 413, 429, 500, 503];

export function ErrorPage(props: { status: number; messages?: string[]; retryAfterSeconds?: number }) {
  const { t, requestId } = usePage();
  const status = KNOWN.includes(props.status) ? props.status : props.status >= 500 ? 500 : 400;
  const title = t(`error.${status}.title` as MessageKey);
  return (
    <Layout title={title} noindex>
      <div class="container my-5">
        <h1>
          <span class="visually-hidden">{t("error.title")} </span>
          {title}
        </h1>
        <p class="lead">
          {t(`error.${status}.text` as MessageKey, { seconds: props.retryAfterSeconds ?? 60 })}
        </p>
        {props.messages && props.messages.length > 0 ? (
          <ul class="atl-error-detail">
            {props.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        <p>
          <a href="/" class="btn btn-primary">
            {t("error.back")}
          </a>
        </p>
        {requestId ? (
          <p class="small text-muted">
            {t("error.requestId")}: <code>{requestId}</code>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
