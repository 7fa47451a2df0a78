// The notes section of a project page: grouped by working table and kind, with counts.
import { usePage } from "../page-context";
import { CONTENT_LANG } from "../components/content-lang";
import { CachedHtml, type HtmlFragment } from "../../src/web/fragments";
import { hasRole } from "../../src/web/auth-guards";
import { NOTE_KINDS } from "../../src/modules/taxonomy/taxonomy.types";
import type { NoteView } from "../../src/modules/notes/note.queries";
import { labelOf } from "../../src/modules/taxonomy/taxonomy.types";
import { authorName, KIND_KEY, NoteCard, type NoteLabels } from "../components/NoteCard";

/** Notes shown in full in each group; older ones are listed by title, each linking to its own page. */
export const FULL_PER_GROUP = 5;

/** Published notes grouped by working table, then kind (the same for every viewer: rendered once, cached). */
export function PublishedNotes(props: { notes: NoteView[]; labels: NoteLabels }) {
  const { t, lang } = usePage();
  const themes = props.labels.vocab.themes.filter((th) => props.notes.some((v) => v.note.theme === th.key));
  if (props.notes.length === 0) return <p>{t("notes.empty")}</p>;
  return (
    <>
      {themes.map((theme) => {
        const ofTheme = props.notes.filter((v) => v.note.theme === theme.key);
        return (
          <section key={theme.key} class="atl-notes-theme mt-3" aria-labelledby={`nt-${theme.key}`}>
            <h3 class="h5" id={`nt-${theme.key}`}>
              {labelOf(theme, lang)} <span class="badge atl-count">{ofTheme.length}</span>
            </h3>
            {NOTE_KINDS.map((kind) => {
              const list = ofTheme.filter((v) => v.note.kind === kind);
              if (list.length === 0) return null;
              return (
                <details key={kind} class="atl-notes-kind" open>
                  <summary>
                    {t(KIND_KEY[kind])} ({list.length})
                  </summary>
                  {list.slice(0, FULL_PER_GROUP).map((v) => (
                    <NoteCard key={String(v.note._id)} view={v} labels={props.labels} level={4} />
                  ))}
                  {list.length > FULL_PER_GROUP ? (
                    <ul class="atl-notes-more">
                      {list.slice(FULL_PER_GROUP).map((v) => (
                        <li key={String(v.note._id)} id={`note-${String(v.note._id)}`}>
                          <a href={`/notes/${String(v.note._id)}`} lang={CONTENT_LANG}>
                            {v.note.title}
                          </a>{" "}
                          <span class="small text-muted">
                            {t("notes.by", { name: authorName(t, v.note.author) })}
                          </span>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </details>
              );
            })}
          </section>
        );
      })}
    </>
  );
}

export interface NotesSectionProps {
  slug: string;
  /** The viewer's own notes that are not published (pending or rejected, with the reason). */
  mine: NoteView[];
  labels: NoteLabels;
  open: boolean;
  publishedCount: number;
  /** PublishedNotes rendered to HTML by our own escaping renderer (no user input unescaped), cached. */
  publishedHtml: HtmlFragment;
  pendingCount?: number;
}

export function NotesSection(props: NotesSectionProps) {
  const { t, user } = usePage();
  return (
    <section aria-labelledby="notes-title" class="atl-notes my-4" id="notes">
      <h2 class="h4" id="notes-title">
        {t("notes.title")}{" "}
        <span class="badge atl-count">{t.plural("notes.count", props.publishedCount)}</span>
      </h2>
      {props.open ? (
        user ? (
          <p>
            <a class="btn btn-primary btn-sm" href={`/projects/${props.slug}/notes/new`}>
              {t("notes.write")}
            </a>
          </p>
        ) : (
          <p>
            <a href={`/login?next=${encodeURIComponent(`/projects/${props.slug}/notes/new`)}`}>
              {t("notes.loginToWrite")}
            </a>
          </p>
        )
      ) : (
        <p>{t("notes.archived")}</p>
      )}
      {props.pendingCount && hasRole(user?.role, "coordinator") ? (
        <p>
          <a href="/moderation/notes">{t.plural("notes.queue.pendingOnProject", props.pendingCount)}</a>
        </p>
      ) : null}
      {props.mine.length > 0 ? (
        <section class="atl-notes-mine mt-3" aria-labelledby="notes-mine">
          <h3 class="h5" id="notes-mine">
            {t("notes.mine")}
          </h3>
          {props.mine.map((v) => (
            <NoteCard key={String(v.note._id)} view={v} labels={props.labels} level={4} />
          ))}
        </section>
      ) : null}
      <CachedHtml class="atl-notes-published" fragment={props.publishedHtml} />
    </section>
  );
}
