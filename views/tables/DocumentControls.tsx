// What sits above a document of the tables module (a report, guidelines) for coordinators: links to edit
// it, its versions and its other face (public or working), the buttons that move it through review to
// publication; and for everyone, on the public page, its downloads.
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Notice } from "../components/Form";
import { hasRole } from "../../src/web/auth-guards";
import { formatDay } from "../../src/web/i18n/format";
import type { MessageKey } from "../../src/web/i18n/index";

type DocumentMeta = {
  slug: string;
  status: string;
  version: number;
  publishedVersion: number | null;
  publishedAt: Date | null;
  publishedBy: { name: string } | null;
  demo?: boolean;
};

/**
 * The top of a document's page (a report, guidelines): the way back to its list, the title, the example
 * notice, which version the public reads or the working copy's status, a newer working version, and the
 * controls below. `kind` picks the texts that differ (`<kind>.demo`, `.published.by`, `.published.newer`,
 * `.public.none`): Italian agrees them with the document's gender.
 */
export function DocumentHeader(props: {
  kind: "reports" | "guidelines";
  title: string;
  /** The version the page shows. */
  version: number;
  meta: DocumentMeta;
  working: boolean;
}) {
  const { t, lang, user } = usePage();
  const { kind, meta, working } = props;
  const key = (k: string) => `${kind}.${k}` as MessageKey;
  const status = t(`reports.status.${meta.status}` as MessageKey);
  return (
    <>
      <p class="d-print-none">
        <a href={`/${kind}`}>{t(key("index.title"))}</a>
      </p>
      <h1 class="h2">{props.title}</h1>
      {meta.demo ? <Notice kind="info">{t(key("demo"))}</Notice> : null}
      {working ? (
        <p>{t("reports.status.label", { status })}</p>
      ) : meta.publishedAt ? (
        <p class="text-muted">
          {t(key("published.by"), {
            date: formatDay(meta.publishedAt, lang),
            name: meta.publishedBy?.name ?? "",
            version: props.version,
          })}
        </p>
      ) : null}
      {!working && hasRole(user?.role, "coordinator") && meta.version !== props.version ? (
        <p class="d-print-none">{t(key("published.newer"), { version: meta.version, status })}</p>
      ) : null}
      <DocumentControls
        base={`/${kind}/${meta.slug}`}
        working={working}
        meta={meta}
        publicNone={t(key("public.none"))}
      />
    </>
  );
}

export function DocumentControls(props: {
  /** The document's public address, e.g. `/reports/<slug>`. */
  base: string;
  working: boolean;
  meta: { status: string; version: number; publishedVersion: number | null };
  /** What the working page says when nothing is published. */
  publicNone: string;
}) {
  const { t, lang, user } = usePage();
  const { base, working, meta } = props;
  const coordinator = hasRole(user?.role, "coordinator");
  return (
    <>
      {coordinator ? (
        <nav class="d-print-none mb-3 d-flex flex-wrap gap-3" aria-label={t("reports.history")}>
          <a href={`${base}/edit`}>{t("reports.edit.link")}</a>
          <a href={`${base}/history`}>{t("reports.history")}</a>
          {working ? (
            meta.publishedVersion !== null ? (
              <a href={base}>{t("reports.public.link")}</a>
            ) : (
              <span>{props.publicNone}</span>
            )
          ) : (
            <a href={`${base}/working`}>{t("reports.working.link")}</a>
          )}
        </nav>
      ) : null}
      {working && coordinator ? (
        <form method="post" action={`${base}/status`} class="d-print-none mb-4 d-flex flex-wrap gap-2">
          <CsrfField />
          <input type="hidden" name="version" value={String(meta.version)} />
          {meta.status === "draft" ? (
            <button class="btn btn-primary btn-sm" name="action" value="submit">
              {t("reports.action.submit")}
            </button>
          ) : null}
          {meta.status === "review" ? (
            <button class="btn btn-primary btn-sm" name="action" value="publish">
              {t("reports.action.publish")}
            </button>
          ) : null}
          {meta.status !== "draft" ? (
            <button class="btn btn-outline-primary btn-sm" name="action" value="reopen">
              {t("reports.action.reopen")}
            </button>
          ) : null}
          {meta.publishedVersion !== null ? (
            <button class="btn btn-outline-danger btn-sm" name="action" value="unpublish">
              {t("reports.action.unpublish")}
            </button>
          ) : null}
        </form>
      ) : null}
      {!working ? (
        <p class="d-print-none">
          {t("reports.exports")}:{" "}
          {(["pdf", "docx", "md", "json"] as const).map((ext, i) => (
            <span key={ext}>
              {i > 0 ? " · " : ""}
              <a href={`${base}.${ext}?lang=${lang}`}>{ext.toUpperCase()}</a>
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}
