// The versions of the tables module's documents (reports, guidelines): the list of versions with the
// differences from the previous one and a restore button each, and the differences between two versions.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { LineDiff } from "../components/LineDiff";
import { CsrfField } from "../components/CsrfField";
import { formatDateTime } from "../../src/web/i18n/format";
import type { MessageKey } from "../../src/web/i18n/index";
import type { DiffLine } from "../../src/modules/tables/versions";

export type { DiffLine };
export interface VersionRow {
  version: number;
  action: string;
  status: string;
  by: string;
  at: Date;
}

const statusKey = (s: string) => `reports.status.${s}` as MessageKey;

/** A document's versions with links to each change and restore buttons; `base` is its address. */
export function VersionsPage(props: {
  base: string;
  heading: string;
  version: number;
  revisions: VersionRow[];
}) {
  const { t, lang } = usePage();
  const { base } = props;
  return (
    <Layout title={props.heading} noindex>
      <div class="container my-4">
        <p>
          <a href={`${base}/working`}>{t("reports.working.link")}</a>
        </p>
        <h1 class="h2">{props.heading}</h1>
        <div class="table-responsive">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t("reports.history.version")}</th>
                <th scope="col">{t("reports.history.action")}</th>
                <th scope="col">{t("reports.history.by")}</th>
                <th scope="col">{t("reports.history.at")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("reports.history.diff")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.revisions.map((r) => (
                <tr key={r.version}>
                  <th scope="row">{r.version}</th>
                  <td>
                    {r.action} ({t(statusKey(r.status))})
                  </td>
                  <td>{r.by}</td>
                  <td>{formatDateTime(r.at, lang)}</td>
                  <td>
                    {r.version > 1 ? (
                      <a href={`${base}/diff?from=${r.version - 1}&to=${r.version}`}>
                        {t("reports.history.diff")}
                      </a>
                    ) : null}
                    {r.version !== props.version ? (
                      <form
                        method="post"
                        action={`${base}/revisions/${r.version}/restore`}
                        class="d-inline ms-2"
                      >
                        <CsrfField />
                        <input type="hidden" name="version" value={String(props.version)} />
                        <button class="btn btn-link p-0" type="submit">
                          {t("reports.history.restore")}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Layout>
  );
}

/** The readable differences between two versions of the document at `base`. */
export function DiffPage(props: { base: string; from: number; to: number; lines: DiffLine[] }) {
  const { t } = usePage();
  const changed = props.lines.some((l) => l.kind !== "same");
  return (
    <Layout title={t("reports.diff.title", { from: props.from, to: props.to })} noindex>
      <div class="container my-4">
        <p>
          <a href={`${props.base}/history`}>{t("reports.history")}</a>
        </p>
        <h1 class="h2">{t("reports.diff.title", { from: props.from, to: props.to })}</h1>
        {!changed ? <p>{t("reports.diff.none")}</p> : <LineDiff lines={props.lines} />}
      </div>
    </Layout>
  );
}
