import { Layout } from "../layout/Layout";
import { TableScroll } from "../components/TableScroll";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Field } from "../components/Field";

export interface FailedRow {
  type: string;
  docId: string;
  attempts: number;
  error: string;
  at: string;
}

/** Index status for administrators: the backlog and the changes that could not be indexed. */
export function SearchStatusPage(props: {
  pending: number;
  failed: FailedRow[];
  failedTotal: number;
  retried?: number;
  /** Admins may queue failed changes again; coordinators read the figures only. */
  canRetry: boolean;
}) {
  const { t } = usePage();
  return (
    <Layout title={t("search.admin.title")} noindex>
      <div class="container my-5">
        <h1>{t("search.admin.title")}</h1>
        {props.retried !== undefined ? (
          <div class="alert alert-success" role="status">
            {t.plural("search.admin.retried", props.retried)}
          </div>
        ) : null}
        <p>{t("search.admin.pending", { n: props.pending })}</p>
        <p>{t("search.admin.failed", { n: props.failedTotal })}</p>
        {props.failed.length > 0 ? (
          <>
            <TableScroll label={t("search.admin.title")}>
              <table class="table table-sm">
                <thead>
                  <tr>
                    <th scope="col">{t("search.admin.col.type")}</th>
                    <th scope="col">{t("search.admin.col.id")}</th>
                    <th scope="col">{t("search.admin.col.attempts")}</th>
                    <th scope="col">{t("search.admin.col.error")}</th>
                    <th scope="col">{t("search.admin.col.when")}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.failed.map((r) => (
                    <tr key={`${r.type}:${r.docId}:${r.at}`}>
                      <td>{r.type}</td>
                      <td>
                        <code>{r.docId}</code>
                      </td>
                      <td>{r.attempts}</td>
                      <td>{r.error}</td>
                      <td>{r.at}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {props.canRetry ? (
              <form method="post" action="/admin/search/retry">
                <CsrfField />
                <button type="submit" class="btn btn-primary">
                  {t("search.admin.retry")}
                </button>
              </form>
            ) : (
              <p class="text-muted">{t("search.admin.readOnly")}</p>
            )}
          </>
        ) : null}
      </div>
    </Layout>
  );
}

/** The domain thesaurus, edited by coordinators: one group of equivalent expressions per line. */
export function ThesaurusPage(props: { text: string; error?: string; saved?: number }) {
  const { t } = usePage();
  return (
    <Layout title={t("search.thesaurus.title")} noindex>
      <div class="container my-5">
        <h1>{t("search.thesaurus.title")}</h1>
        {props.saved !== undefined ? (
          <div class="alert alert-success" role="status">
            {t.plural("search.thesaurus.saved", props.saved)}
          </div>
        ) : null}
        <p id="thesaurus-hint">{t("search.thesaurus.intro")}</p>
        <form method="post" action="/admin/search/thesaurus">
          <CsrfField />
          <Field
            name="thesaurus"
            label={t("search.thesaurus.field")}
            rows={14}
            value={props.text}
            describedBy="thesaurus-hint"
            error={props.error}
          />
          <button type="submit" class="btn btn-primary">
            {t("search.thesaurus.save")}
          </button>
        </form>
      </div>
    </Layout>
  );
}
