// The service status for people: each part up or down, in words, and when it was checked.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { Icon } from "../components/Icon";
import { formatDateTime } from "../../src/web/i18n/format";

export interface StatusPart {
  part: "mongodb" | "meilisearch" | "indexer" | "process" | "embedded" | "unknown";
  ok: boolean;
}

export function StatusPage(props: { parts: StatusPart[]; checkedAt: Date }) {
  const { t, lang } = usePage();
  const allOk = props.parts.every((p) => p.ok);
  return (
    <Layout title={t("site.status.title")} noindex>
      <div class="container my-4">
        <h1>{t("site.status.title")}</h1>
        <div class={`alert ${allOk ? "alert-success" : "alert-warning"} atl-status-summary`} role="status">
          {allOk ? t("site.status.ok") : t("site.status.degraded")}
        </div>
        <table class="table atl-status-table">
          <caption>{t("site.status.checked", { time: formatDateTime(props.checkedAt, lang) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("site.status.component")}</th>
              <th scope="col">{t("site.status.state")}</th>
            </tr>
          </thead>
          <tbody>
            {props.parts.map((p, i) => (
              <tr key={`${p.part}-${i}`} data-ok={p.ok ? "true" : "false"}>
                <th scope="row">{t(`site.status.part.${p.part}`)}</th>
                <td>
                  <Icon
                    name={p.ok ? "it-check-circle" : "it-error"}
                    class={`icon-sm me-1 ${p.ok ? "icon-success" : "icon-danger"}`}
                  />
                  {p.ok ? t("site.status.up") : t("site.status.down")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <p class="small text-muted">{t("site.status.machines", { url: "/readyz" })}</p>
      </div>
    </Layout>
  );
}
