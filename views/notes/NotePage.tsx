// One note on its own page, with every action the viewer may take (useful, reply, flag, edit, delete).
import { Layout } from "../layout/Layout";
import { CONTENT_LANG } from "../components/content-lang";
import { usePage } from "../page-context";
import { formatDateTime } from "../../src/web/i18n/format";
import { hasRole } from "../../src/web/auth-guards";
import type { NoteView, ProjectRef } from "../../src/modules/notes/note.queries";
import { Notice } from "../components/Form";
import type { MessageKey } from "../../src/web/i18n/index";
import { NoteCard, type NoteLabels } from "../components/NoteCard";

/** What the member just did on this note (the page confirms it). */
export type NoteNotice = "posted" | "reply_published" | "reply_pending" | "flagged";

function noticeKey(notice: NoteNotice, status: string): MessageKey {
  if (notice === "posted") return status === "published" ? "notes.posted.published" : "notes.posted.pending";
  if (notice === "reply_published") return "notes.replied.published";
  if (notice === "reply_pending") return "notes.replied.pending";
  return "notes.flagged";
}

export function NotePage(props: {
  view: NoteView;
  project: ProjectRef | undefined;
  labels: NoteLabels;
  notice?: NoteNotice;
}) {
  const { t, user, lang } = usePage();
  const note = props.view.note;
  const showHistory =
    note.revisions.length > 0 && (user?.id === note.author.id || hasRole(user?.role, "coordinator"));
  return (
    <Layout title={props.view.note.title} scripts={[]}>
      <div class="container my-4">
        {props.project ? (
          <>
            <h1 class="h3" lang={CONTENT_LANG}>
              {props.project.title}
            </h1>
            <p>
              <a href={`/projects/${props.project.slug}#note-${String(props.view.note._id)}`}>
                {t("notes.page.back")}
              </a>
            </p>
          </>
        ) : (
          <h1 class="h3">{t("notes.page.noProject")}</h1>
        )}
        {props.notice ? <Notice kind="success">{t(noticeKey(props.notice, note.status))}</Notice> : null}
        <NoteCard view={props.view} project={props.project} labels={props.labels} level={2} actions />
        {showHistory ? (
          <section aria-labelledby="note-history" class="atl-note-history mt-3">
            <h2 class="h5" id="note-history">
              {t("notes.history")}
            </h2>
            <ol>
              {note.revisions.map((r) => (
                <li key={r.version}>
                  {t("notes.history.entry", {
                    version: r.version,
                    name: r.editedBy?.name ?? "",
                    date: formatDateTime(r.at, lang),
                  })}{" "}
                  {r.role === "moderator" ? <strong>{t("notes.history.moderator")}</strong> : null}{" "}
                  {r.reason ? `«${r.reason}»` : ""} — {t("notes.history.before")}: {r.title}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
