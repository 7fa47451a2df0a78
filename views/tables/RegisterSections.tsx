// The register's sections on other pages: a zone's recommendations (on the zone page) and a published
// report's codes with the coordinators' "add to the register" (on the report page).
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { formatDay } from "../../src/web/i18n/format";
import { StatusBadge, type RegisterRow } from "./RegisterParts";
import type { StatusRow } from "./RegisterItemPage";

/** The register's section on a zone's page: the items with a status in that zone. */
export function ZoneRecommendations(props: { zone: string; rows: (RegisterRow & { status: StatusRow })[] }) {
  const { t, lang } = usePage();
  if (props.rows.length === 0) return null;
  return (
    <section aria-labelledby="zone-recommendations" class="mt-5 atl-zone-recommendations">
      <h2 id="zone-recommendations" class="h3">
        {t("register.zone.title")}
      </h2>
      <p>{t("register.zone.lead")}</p>
      <ul class="list-unstyled">
        {props.rows.map((r) => (
          <li key={r.code} class="border-bottom py-2">
            <a href={`/recommendations/${r.code}`}>
              <strong>{r.code}</strong>
            </a>{" "}
            <small class="text-muted">{r.tableLabel}</small>
            {r.state === "withdrawn" ? (
              <>
                {" "}
                <span class="badge bg-secondary">{t("register.state.withdrawn")}</span>
              </>
            ) : null}
            <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: r.html }} />
            <p class="mb-0">
              <StatusBadge status={r.status.status} /> · {formatDay(r.status.date, lang)}
              {r.status.link ? (
                <>
                  {" "}
                  ·{" "}
                  <a href={r.status.link} rel="nofollow noopener">
                    {t("register.item.link.open")}
                  </a>
                </>
              ) : null}
            </p>
            {r.status.noteHtml ? (
              <div class="atl-markdown small" dangerouslySetInnerHTML={{ __html: r.status.noteHtml }} />
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        <a href={`/recommendations?zone=${props.zone}`}>{t("register.zone.all")}</a>
      </p>
    </section>
  );
}

/** The register's section on a published report's page: its items' codes, and the coordinators' button. */
export function ReportRegisterSection(props: {
  slug: string;
  items: { code: string; state: "active" | "withdrawn" }[];
  canAdd: boolean;
}) {
  const { t } = usePage();
  return (
    <section aria-labelledby="register" class="mt-5 d-print-none">
      <h2 id="register" class="h4">
        {t("register.report.title")}
      </h2>
      {props.items.length === 0 ? (
        <p>{t("register.report.none")}</p>
      ) : (
        <ul class="list-inline">
          {props.items.map((i) => (
            <li key={i.code} class="list-inline-item">
              <a href={`/recommendations/${i.code}`}>{i.code}</a>
              {i.state === "withdrawn" ? ` (${t("register.state.withdrawn").toLowerCase()})` : ""}
            </li>
          ))}
        </ul>
      )}
      {props.canAdd ? (
        <form method="post" action={`/reports/${props.slug}/register`}>
          <CsrfField />
          <p class="small" id="register-add-hint">
            {t("register.report.add.hint")}
          </p>
          <button class="btn btn-outline-primary btn-sm" type="submit" aria-describedby="register-add-hint">
            {t("register.report.add")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
