// The numbered list of sources under a document of the tables module (a report, guidelines): each entry
// links to its note or project, or reads "source withdrawn" with no link.
import { usePage } from "../page-context";
import type { Reference } from "../../src/modules/tables/report.citations";

export function References(props: { references: Reference[] }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="references" class="mt-5">
      <h2 id="references" class="h4">
        {t("reports.references")}
      </h2>
      <ol class="atl-references">
        {props.references.map((r) => (
          <li key={r.n} id={`ref-${r.n}`}>
            {r.withdrawn || !r.href ? (
              <em>{t("reports.reference.withdrawn")}</em>
            ) : (
              <>
                {t(r.kind === "note" ? "reports.reference.note" : "reports.reference.project")}:{" "}
                <a href={r.href}>{r.title}</a>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
