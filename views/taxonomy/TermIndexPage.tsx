// An index of themes, zones or tags, each with its count of published projects.
import type { ComponentChildren } from "preact";
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import type { MessageKey } from "../../src/web/i18n/index";
import { countLabel } from "../components/ProjectList";

/** An index of themes, tags or zones, each with its count of published projects. */
export function TermIndexPage(props: {
  title: MessageKey;
  lead: MessageKey;
  entries: { href: string; label: string; count: number; note?: string }[];
  actions?: ComponentChildren;
}) {
  const { t } = usePage();
  return (
    <Layout title={t(props.title)} description={t(props.lead)}>
      <div class="container my-4">
        <h1>{t(props.title)}</h1>
        <p class="lead">{t(props.lead)}</p>
        {props.actions}
        <ul class="list-unstyled atl-term-index">
          {props.entries.map((e) => (
            <li key={e.href} class="mb-2">
              <a href={e.href}>{e.label}</a> <span class="badge atl-count">{countLabel(t, e.count)}</span>
              {e.note ? <span class="small text-muted"> · {e.note}</span> : null}
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}
