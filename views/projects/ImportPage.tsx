import { Layout } from "../layout/Layout";
import { TableScroll } from "../components/TableScroll";
import { usePage } from "../page-context";
import { Field } from "../components/Field";
import type { ImportReport, ReportEntry } from "../../src/modules/projects/import.report";

/** How many report lines the page shows (the command line prints them all). */
const SHOWN = 500;

function EntryTable(props: { caption: string; entries: ReportEntry[] }) {
  const { t } = usePage();
  const shown = props.entries.slice(0, SHOWN);
  return (
    <TableScroll label={props.caption} class="mb-4">
      <table class="table table-sm">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.report.line")}</th>
            <th scope="col">{t("import.report.field")}</th>
            <th scope="col">{t("import.report.message")}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e, i) => (
            <tr key={i}>
              <td>{e.line}</td>
              <td>
                <code>{e.field}</code>
              </td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.entries.length > SHOWN ? (
        <p>{t.plural("import.report.more", props.entries.length - SHOWN)}</p>
      ) : null}
    </TableScroll>
  );
}

/** The coordinators' import form (multipart upload), the export links and, after an import, its report. */
export function ImportPage(props: {
  maxMb: number;
  error?: string;
  dryRun?: boolean;
  report?: ImportReport;
}) {
  const { t, csrfToken } = usePage();
  const { report } = props;
  const action = `/admin/import?_csrf=${encodeURIComponent(csrfToken ?? "")}`;
  return (
    <Layout title={t("import.title")} noindex>
      <div class="container my-4">
        <h1>{t("import.title")}</h1>
        {report ? (
          <section class="mb-5" aria-labelledby="import-report">
            <h2 id="import-report">{t("import.report.title")}</h2>
            {report.dryRun ? <p class="alert alert-info">{t("import.report.dryRun")}</p> : null}
            <p class={`alert ${report.failed > 0 ? "alert-warning" : "alert-success"}`} role="status">
              {t("import.report.summary", {
                rows: t.plural("import.report.rows", report.rows),
                created: t.plural("import.report.created", report.created),
                updated: t.plural("import.report.updated", report.updated),
                unchanged: t.plural("import.report.unchanged", report.unchanged),
                failed: t.plural("import.report.failed", report.failed),
              })}
            </p>
            {report.createdProjects && report.createdProjects.length > 0 ? (
              <details class="mb-3" open={report.createdProjects.length <= 20}>
                <summary>{t("import.report.createdList")}</summary>
                <ul>
                  {report.createdProjects.map((p) => (
                    <li key={p.slug}>
                      <a href={`/projects/${p.slug}`}>{p.title}</a>
                    </li>
                  ))}
                </ul>
                {report.created > report.createdProjects.length ? (
                  <p>
                    {t.plural("import.report.createdMore", report.created - report.createdProjects.length)}
                  </p>
                ) : null}
              </details>
            ) : null}
            {report.errors.length > 0 ? (
              <EntryTable caption={t("import.report.errors")} entries={report.errors} />
            ) : null}
            {report.warnings.length > 0 ? (
              <EntryTable caption={t("import.report.warnings")} entries={report.warnings} />
            ) : null}
          </section>
        ) : null}
        <p>{t("import.intro")}</p>
        <ul>
          <li>
            <a href="/admin/import/format">{t("import.format.link")}</a>
          </li>
          <li>
            <a href="/admin/import/template.csv" download>
              {t("import.template.link")}
            </a>
          </li>
        </ul>
        <form method="post" action={action} encType="multipart/form-data" class="mb-5">
          <Field
            name="file"
            id="import-file"
            label={t("import.file.label", { max: props.maxMb })}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            required
            error={props.error}
            class="mb-3"
            labelClass="form-label d-block"
          />
          <div class="form-check mb-3">
            <input type="checkbox" id="import-dry-run" name="dryRun" value="1" checked={props.dryRun} />
            <label for="import-dry-run">{t("import.dryRun.label")}</label>
          </div>
          <button type="submit" class="btn btn-primary">
            {t("import.submit")}
          </button>
        </form>
        <h2>{t("import.export.title")}</h2>
        <p>{t("import.export.note")}</p>
        <ul>
          <li>
            <a href="/export/projects.csv">{t("import.export.csv")}</a>
          </li>
          <li>
            <a href="/export/projects.json">{t("import.export.json")}</a>
          </li>
          <li>
            <a href="/export/notes.csv">{t("notes.export.csv")}</a>
          </li>
          <li>
            <a href="/export/notes.json">{t("notes.export.json")}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}

/** The import format document (docs/import-format.md, in English), rendered for coordinators. */
export function ImportFormatPage(props: { html: string }) {
  const { t } = usePage();
  return (
    <Layout title={t("import.format.title")} noindex>
      <div class="container my-4">
        <p>
          <a href="/admin/import">{t("import.title")}</a>
        </p>
        <p class="alert alert-info">{t("import.format.english")}</p>
        <div class="atl-markdown" lang="en" dangerouslySetInnerHTML={{ __html: props.html }} />
      </div>
    </Layout>
  );
}
