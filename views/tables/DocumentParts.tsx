// Parts the tables module's documents (reports, guidelines) share: the list page of published documents
// (with every document for coordinators) and the list of a form's errors, already translated.
import type { ComponentChildren } from "preact";
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { Notice } from "../components/Form";
import { formatDay } from "../../src/web/i18n/format";
import type { MessageKey } from "../../src/web/i18n/index";

const statusKey = (s: string) => `reports.status.${s}` as MessageKey;

/** A form's errors, already translated, as one notice. */
export function ErrorList(props: { errors?: Partial<Record<string, string>> }) {
  const list = Object.entries(props.errors ?? {}).filter(([, v]) => v);
  if (list.length === 0) return null;
  return (
    <Notice kind="danger">
      <ul class="mb-0">
        {list.map(([k, v]) => (
          <li key={k}>{v}</li>
        ))}
      </ul>
    </Notice>
  );
}

interface Listed {
  meta: { slug: string; status: string; version: number; publishedAt: Date | null };
  title: string;
}

/** The published documents under `base`, newest first; coordinators also get every one and a start button. */
export function DocumentIndex(props: {
  base: string;
  texts: { title: string; lead: string; none: string; all: string; new: string };
  published: Listed[];
  all?: Listed[];
  children?: ComponentChildren;
}) {
  const { t, lang } = usePage();
  const { base, texts } = props;
  return (
    <Layout title={texts.title}>
      <div class="container my-4">
        <h1 class="h2">{texts.title}</h1>
        <p class="lead">{texts.lead}</p>
        {props.published.length === 0 ? <p>{texts.none}</p> : null}
        {props.children}
        <ul class="list-unstyled">
          {props.published.map((r) => (
            <li key={r.meta.slug} class="mb-2">
              <a href={`${base}/${r.meta.slug}`}>{r.title}</a>{" "}
              <small class="text-muted">{formatDay(r.meta.publishedAt, lang)}</small>
            </li>
          ))}
        </ul>
        {props.all ? (
          <>
            <h2 class="h4 mt-4">{texts.all}</h2>
            <p>
              <a class="btn btn-primary" href={`${base}/new`}>
                {texts.new}
              </a>
            </p>
            <ul>
              {props.all.map((r) => (
                <li key={r.meta.slug}>
                  <a href={`${base}/${r.meta.slug}/working`}>{r.title}</a> ({t(statusKey(r.meta.status))},{" "}
                  {t("reports.history.version").toLowerCase()} {r.meta.version})
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </Layout>
  );
}
