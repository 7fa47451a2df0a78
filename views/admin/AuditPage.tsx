import { Layout } from "../layout/Layout";
import { TableScroll } from "../components/TableScroll";
import { usePage } from "../page-context";
import { Pager, pageHref } from "../components/Pager";
import { ADMIN_PAGER } from "./pager-labels";

export interface AuditRow {
  id: string;
  at: string;
  action: string;
  actor: string | null;
  target: string;
  ip: string;
  details: string;
}

export function AuditPage(props: {
  rows: AuditRow[];
  actions: string[];
  action?: string;
  page: number;
  pages: number;
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t("audit.title")} noindex>
      <div class="container my-5">
        <h1>{t("audit.title")}</h1>
        <p>{t("audit.intro")}</p>
        <form method="get" action="/admin/audit" class="row g-3 align-items-end mb-4">
          <div class="col-8 col-md-4 select-wrapper">
            <label for="a-action">{t("audit.filter.action")}</label>
            <select id="a-action" name="action">
              <option value="">{t("audit.filter.any")}</option>
              {props.actions.map((a) => (
                <option key={a} value={a} selected={props.action === a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <div class="col-4 col-md-2">
            <button type="submit" class="btn btn-primary">
              {t("audit.filter.submit")}
            </button>
          </div>
        </form>
        {props.rows.length === 0 ? (
          <p>{t("audit.none")}</p>
        ) : (
          <TableScroll label={t("audit.title")}>
            <table class="table table-sm">
              <thead>
                <tr>
                  <th scope="col">{t("audit.col.at")}</th>
                  <th scope="col">{t("audit.col.action")}</th>
                  <th scope="col">{t("audit.col.actor")}</th>
                  <th scope="col">{t("audit.col.target")}</th>
                  <th scope="col">{t("audit.col.ip")}</th>
                  <th scope="col">{t("audit.col.details")}</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <time dateTime={r.at}>
                        {new Date(r.at).toLocaleString(lang === "it" ? "it-IT" : "en-GB", {
                          timeZone: "Europe/Rome",
                        })}
                      </time>
                    </td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>{r.actor ?? t("audit.anonymous")}</td>
                    <td>{r.target}</td>
                    <td>{r.ip}</td>
                    <td>
                      <code>{r.details}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Pager
          page={props.page}
          pages={props.pages}
          href={(p) => pageHref("/admin/audit", { action: props.action }, p)}
          labels={ADMIN_PAGER}
          current="caption"
        />
      </div>
    </Layout>
  );
}
