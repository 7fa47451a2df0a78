// "Le mie note": everything a member wrote, by status (published, waiting, rejected with the reason), and
// the drafts kept when their session expired.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { formatDateTime } from "../../src/web/i18n/format";
import type { MessageKey } from "../../src/web/i18n/index";
import type { NoteView, ProjectRef } from "../../src/modules/notes/note.queries";
import { NoteCard, type NoteLabels } from "../components/NoteCard";

type Listed = { view: NoteView; project?: ProjectRef };

const SECTIONS = [
  { status: "pending", title: "notes.mine.pending", empty: "notes.mine.pending.empty" },
  { status: "rejected", title: "notes.mine.rejected", empty: "notes.mine.rejected.empty" },
  { status: "published", title: "notes.mine.published", empty: "notes.mine.published.empty" },
] as const satisfies readonly { status: string; title: MessageKey; empty: MessageKey }[];

export function MyNotesPage(props: {
  notes: Listed[];
  drafts: { projectSlug: string; title: string; createdAt: Date }[];
  labels: NoteLabels;
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t("notes.mine.title")} noindex>
      <div class="container my-4">
        <h1 class="h2">{t("notes.mine.title")}</h1>
        <p class="lead">
          {t("notes.mine.summary", {
            published: t.plural("notes.mine.count.published", count(props.notes, "published")),
            pending: t.plural("notes.mine.count.pending", count(props.notes, "pending")),
            rejected: t.plural("notes.mine.count.rejected", count(props.notes, "rejected")),
          })}
        </p>
        {SECTIONS.map((s) => {
          const list = props.notes.filter((n) => n.view.note.status === s.status);
          return (
            <section key={s.status} class="my-4" aria-labelledby={`mine-${s.status}`}>
              <h2 class="h4" id={`mine-${s.status}`}>
                {t(s.title)} <span class="badge atl-count">{list.length}</span>
              </h2>
              {list.length === 0 ? <p>{t(s.empty)}</p> : null}
              {list.map((n) => (
                <NoteCard
                  key={String(n.view.note._id)}
                  view={n.view}
                  project={n.project}
                  labels={props.labels}
                  level={3}
                />
              ))}
            </section>
          );
        })}
        <section class="my-4" aria-labelledby="mine-drafts">
          <h2 class="h4" id="mine-drafts">
            {t("notes.mine.drafts")} <span class="badge atl-count">{props.drafts.length}</span>
          </h2>
          {props.drafts.length === 0 ? (
            <p>{t("notes.mine.drafts.empty")}</p>
          ) : (
            <ul>
              {props.drafts.map((d) => (
                <li key={`${d.projectSlug}-${d.createdAt.getTime()}`}>
                  <a href={`/projects/${d.projectSlug}/notes/new?draft=1`}>
                    {d.title || t("notes.mine.drafts.untitled")}
                  </a>{" "}
                  <span class="small text-muted">
                    {t("notes.mine.drafts.kept", { date: formatDateTime(d.createdAt, lang) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Layout>
  );
}

function count(notes: Listed[], status: string): number {
  return notes.filter((n) => n.view.note.status === status).length;
}
