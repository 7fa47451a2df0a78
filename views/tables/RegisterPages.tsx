// The recommendations register's list (filters with counts) and its matrix recommendations × zones.
// Markdown arrives already rendered to safe HTML (web/markdown) by the routes.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { Notice } from "../components/Form";
import { TableScroll } from "../components/TableScroll";
import {
  FilterSelect,
  StatusBadge,
  query,
  type Option,
  type RegisterFilters,
  type RegisterRow,
} from "./RegisterParts";

export { statusText, type Option, type RegisterFilters, type RegisterRow } from "./RegisterParts";

export function RegisterIndexPage(props: {
  rows: RegisterRow[];
  filters: RegisterFilters;
  tables: Option[];
  zones: Option[];
  statuses: Option[];
  demo: boolean;
}) {
  const { t } = usePage();
  const f = props.filters;
  const q = query(f);
  return (
    <Layout title={t("register.index.title")} description={t("register.index.lead")}>
      <div class="container my-4">
        <h1 class="h2">{t("register.index.title")}</h1>
        <p class="lead">{t("register.index.lead")}</p>
        {props.demo ? <Notice kind="info">{t("register.demo")}</Notice> : null}
        <form method="get" action="/recommendations" class="mb-3" aria-labelledby="register-filters">
          <h2 id="register-filters" class="h5">
            {t("register.filter.title")}
          </h2>
          <div class="row">
            <FilterSelect
              name="table"
              label={t("register.filter.table")}
              any={t("register.filter.any")}
              value={f.table}
              options={props.tables}
            />
            <FilterSelect
              name="zone"
              label={t("register.filter.zone")}
              any={t("register.filter.any.zone")}
              value={f.zone}
              options={props.zones}
            />
            <FilterSelect
              name="status"
              label={t("register.filter.status")}
              any={t("register.filter.any")}
              value={f.status}
              options={props.statuses}
            />
            <FilterSelect
              name="state"
              label={t("register.filter.state")}
              any={t("register.state.active")}
              value={f.state}
              options={[
                { key: "withdrawn", label: t("register.state.withdrawn") },
                { key: "all", label: t("register.state.all") },
              ]}
            />
          </div>
          <p class="d-flex flex-wrap gap-3 align-items-center">
            <button class="btn btn-primary" type="submit">
              {t("register.filter.submit")}
            </button>
            {q ? <a href="/recommendations">{t("register.filter.reset")}</a> : null}
          </p>
        </form>
        <p>
          <strong>{t.plural("register.index.count", props.rows.length)}</strong> ·{" "}
          <a href={`/recommendations/matrix${query({ table: f.table, status: f.status })}`}>
            {t("register.index.matrix")}
          </a>
        </p>
        <p>
          {t("register.exports")}: <a href={`/recommendations.csv${q}`}>CSV</a> ·{" "}
          <a href={`/recommendations.json${q}`}>JSON</a>
        </p>
        {props.rows.length === 0 ? <p>{t("register.index.none")}</p> : null}
        <ul class="list-unstyled atl-register-list">
          {props.rows.map((r) => (
            <li key={r.code} class="border-bottom py-3">
              <h2 class="h5 mb-1">
                <a href={`/recommendations/${r.code}`}>{r.code}</a>{" "}
                <small class="text-muted">{r.tableLabel}</small>
                {r.state === "withdrawn" ? (
                  <>
                    {" "}
                    <span class="badge bg-secondary">{t("register.state.withdrawn")}</span>
                  </>
                ) : null}
              </h2>
              <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: r.html }} />
              {r.statuses.length > 0 ? (
                <ul class="list-inline small mb-0">
                  {r.statuses.map((s) => (
                    <li key={s.zone} class="list-inline-item">
                      {s.zoneLabel}: <StatusBadge status={s.status} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="small text-muted mb-0">{t("register.item.statuses.none")}</p>
              )}
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}

export function RegisterMatrixPage(props: {
  rows: RegisterRow[];
  zones: Option[];
  filters: RegisterFilters;
  tables: Option[];
  demo: boolean;
}) {
  const { t } = usePage();
  return (
    <Layout title={t("register.matrix.title")} description={t("register.matrix.lead")}>
      <div class="container my-4">
        <p>
          <a href={`/recommendations${query(props.filters)}`}>{t("register.matrix.list")}</a>
        </p>
        <h1 class="h2">{t("register.matrix.title")}</h1>
        <p class="lead">{t("register.matrix.lead")}</p>
        {props.demo ? <Notice kind="info">{t("register.demo")}</Notice> : null}
        <form method="get" action="/recommendations/matrix" class="row align-items-end">
          <FilterSelect
            name="table"
            label={t("register.filter.table")}
            any={t("register.filter.any")}
            value={props.filters.table}
            options={props.tables}
          />
          <p class="col-12 col-md-6 col-lg-3">
            <button class="btn btn-primary" type="submit">
              {t("register.filter.submit")}
            </button>
          </p>
        </form>
        {props.zones.length === 0 ? (
          <p>{t("register.matrix.empty")}</p>
        ) : (
          <TableScroll label={t("register.matrix.region")} class="atl-register-matrix">
            <table class="table table-sm table-bordered">
              <caption>{t("register.matrix.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("register.matrix.code")}</th>
                  {props.zones.map((z) => (
                    <th scope="col" key={z.key}>
                      <a href={`/zones/${z.key}`}>{z.label}</a>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">
                      <a href={`/recommendations/${r.code}`}>{r.code}</a>
                    </th>
                    {props.zones.map((z) => {
                      const s = r.statuses.find((x) => x.zone === z.key);
                      return (
                        <td key={z.key}>
                          {s ? (
                            <StatusBadge status={s.status} />
                          ) : (
                            <span aria-label={t("register.status.none")}>{t("register.matrix.none")}</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </div>
    </Layout>
  );
}
