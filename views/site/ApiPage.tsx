// The human API page: every operation of the OpenAPI document, with its parameters and responses.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import type { ApiOperation } from "../../src/modules/site/api-doc";

/** The OpenAPI document is written in English: its text is marked so (WCAG 3.1.2). */
const DOC_LANG = "en";

function Operation(props: { op: ApiOperation }) {
  const { t } = usePage();
  const { op } = props;
  return (
    <section class="atl-api-op mb-5" id={op.id} aria-labelledby={`${op.id}-title`}>
      <h3 class="h5 atl-api-path" id={`${op.id}-title`}>
        <span class="badge bg-primary me-2">{op.method}</span>
        <code>{op.path}</code>
      </h3>
      <p lang={DOC_LANG}>{op.summary}</p>
      {op.openUrl ? (
        <p>
          <a href={op.openUrl}>
            {t("site.api.try")}: <code>{op.openUrl}</code>
          </a>
        </p>
      ) : null}
      {op.parameters.length > 0 ? (
        <>
          <h4 class="h6">{t("site.api.parameters")}</h4>
          <ul class="atl-api-params">
            {op.parameters.map((p) => (
              <li key={`${p.in}:${p.name}`}>
                <code>{p.name}</code>{" "}
                <span class="text-muted small">
                  {p.in} · <span lang={DOC_LANG}>{p.type}</span> ·{" "}
                  {p.required ? t("site.api.required") : t("site.api.optional")}
                </span>
                {p.description ? (
                  <>
                    <br />
                    <span lang={DOC_LANG}>{p.description}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4 class="h6">{t("site.api.responses")}</h4>
      <ul class="atl-api-responses">
        {op.responses.map((r) => (
          <li key={r.code}>
            <strong>{r.code}</strong> <span lang={DOC_LANG}>{r.description}</span>
            {r.contentTypes.length > 0 ? (
              <span class="text-muted"> · {r.contentTypes.join(", ")}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ApiPage(props: { operations: ApiOperation[] }) {
  const { t } = usePage();
  return (
    <Layout title={t("site.api.title")} description={t("site.api.lead")}>
      <div class="container my-4">
        <h1>{t("site.api.title")}</h1>
        <p class="lead">{t("site.api.lead")}</p>
        <p>
          <a href="/api/v1/openapi.json" type="application/json">
            {t("site.api.spec")}
          </a>
        </p>
        <p>{t("site.api.errors")}</p>
        <p class="small text-muted">{t("site.api.lang")}</p>
        <nav aria-labelledby="api-index-title" class="mb-4">
          <h2 class="h4" id="api-index-title">
            {t("site.api.endpoints")}
          </h2>
          <ul class="atl-api-index">
            {props.operations.map((op) => (
              <li key={op.id}>
                <a href={`#${op.id}`}>
                  <code>
                    {op.method} {op.path}
                  </code>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {props.operations.map((op) => (
          <Operation key={op.id} op={op} />
        ))}
      </div>
    </Layout>
  );
}
