// One note as shown on the project page, the theme page, the profile, the queue and the working tables.
import { usePage } from "../page-context";
import { CONTENT_LANG } from "./content-lang";
import { formatDay } from "../../src/web/i18n/format";
import { CsrfField } from "./CsrfField";
import { hasRole } from "../../src/web/auth-guards";
import type { MessageKey, Translate } from "../../src/web/i18n/index";
import type { NoteView, ProjectRef } from "../../src/modules/notes/note.queries";
import { labelOf, type TagIndex, type Vocabulary } from "../../src/modules/taxonomy/taxonomy.types";

export interface NoteLabels {
  vocab: Vocabulary;
  tags: TagIndex;
}

export const KIND_KEY = {
  worked: "notes.kind.worked",
  worked_less: "notes.kind.worked_less",
  recommendation: "notes.kind.recommendation",
  lesson: "notes.kind.lesson",
} as const satisfies Record<string, MessageKey>;

const STATUS_KEY = {
  pending: "notes.status.pending",
  published: "notes.status.published",
  rejected: "notes.status.rejected",
} as const satisfies Record<string, MessageKey>;

/** The author as readers see it: "ex membro" once they deleted their account and kept their notes. */
export function authorName(t: Translate, author: { id: string; name: string }): string {
  // "ex-member" is EX_MEMBER.id of notes/note.privacy.ts (views do not import modules).
  return author.id === "ex-member" ? t("notes.exMember") : author.name;
}

export function NoteCard(props: {
  view: NoteView;
  labels: NoteLabels;
  project?: ProjectRef;
  /** Heading level of the note title. */
  level?: 2 | 3 | 4;
  /** The full set of actions (the note's own page); lists only link to it. */
  actions?: boolean;
}) {
  const { t, lang, user } = usePage();
  const { note } = props.view;
  const id = String(note._id);
  const theme = props.labels.vocab.get("theme", note.theme);
  const question = theme?.guidingQuestions.find((q) => q.id === note.question);
  const own = user?.id === note.author.id;
  const published = note.status === "published";
  const H = props.level === 4 ? "h4" : props.level === 2 ? "h2" : "h3";
  const tags = (note.tags ?? []).map((tid) => props.labels.tags.byId.get(String(tid))).filter((x) => !!x);
  return (
    <article class="atl-note card-wrapper mb-3" id={`note-${id}`} data-kind={note.kind}>
      <div class="card card-bg p-3">
        <p class="atl-note-meta small mb-1">
          <span class={`badge atl-kind atl-kind-${note.kind}`}>{t(KIND_KEY[note.kind])}</span>{" "}
          {note.status !== "published" ? (
            <span class="badge bg-warning text-dark">{t(STATUS_KEY[note.status])}</span>
          ) : null}{" "}
          {note.demo ? <span class="badge bg-secondary">{t("notes.demo")}</span> : null}
        </p>
        <H class="h5 mb-1" lang={CONTENT_LANG}>
          {note.title}
        </H>
        <p class="small text-muted mb-2">
          {note.guest ? (
            t("notes.by.guest", { name: note.author.name })
          ) : /^[a-f0-9]{24}$/.test(note.author.id) ? (
            <a href={`/members/${note.author.id}`}>{t("notes.by", { name: note.author.name })}</a>
          ) : (
            t("notes.by", { name: authorName(t, note.author) })
          )}{" "}
          · {formatDay(note.publishedAt ?? note.createdAt, lang, "medium")}
          {note.revisions.length > 0 ? ` · ${t("notes.edited")}` : ""}
          {props.project ? (
            <>
              {" · "}
              <a href={`/projects/${props.project.slug}#note-${id}`}>
                {t("notes.on", { project: props.project.title })}
              </a>
            </>
          ) : null}
        </p>
        {question ? (
          <p class="small atl-note-question mb-2">
            <strong>{t("notes.question")}:</strong> {lang === "en" ? question.en : question.it}
          </p>
        ) : null}
        {note.status === "rejected" && note.rejectReason ? (
          <p class="alert alert-warning py-1">{t("notes.rejected.reason", { reason: note.rejectReason })}</p>
        ) : null}
        <div class="atl-markdown" lang={CONTENT_LANG} dangerouslySetInnerHTML={{ __html: props.view.html }} />
        {tags.length > 0 ? (
          <ul class="list-inline small mb-2">
            {tags.map((tag) => (
              <li class="list-inline-item" key={tag.id}>
                <a href={`/tags/${tag.slug}`}>#{labelOf(tag, lang)}</a>
              </li>
            ))}
          </ul>
        ) : null}
        {props.actions && user ? null : (
          <p class="small mb-2">{t.plural("notes.action.useful.count", note.usefulCount ?? 0)}</p>
        )}
        {props.view.replies.length > 0 ? (
          <section class="atl-replies ms-3" aria-label={t("notes.replies")}>
            {props.view.replies.map((r) => (
              <div class="atl-reply border-start ps-2 mb-2" key={r.id} id={`reply-${r.id}`}>
                <p class="small text-muted mb-1">
                  {t("notes.by", { name: r.author })} · {formatDay(r.at, lang, "medium")}
                  {r.status !== "published" ? (
                    <>
                      {" "}
                      <span class="badge bg-warning text-dark">{t(STATUS_KEY[r.status])}</span>
                    </>
                  ) : null}
                </p>
                {r.status === "rejected" && r.rejectReason ? (
                  <p class="alert alert-warning py-1">
                    {t("notes.rejected.reason", { reason: r.rejectReason })}
                  </p>
                ) : null}
                <div class="atl-markdown" lang={CONTENT_LANG} dangerouslySetInnerHTML={{ __html: r.html }} />
              </div>
            ))}
          </section>
        ) : null}
        {!props.actions ? (
          <p class="small mb-0">
            <a href={`/notes/${id}`}>{t("notes.open")}</a>
          </p>
        ) : null}
        {props.actions && user ? (
          <NoteActions
            id={id}
            own={own}
            published={published}
            theme={!!theme}
            useful={!!user && (note.usefulBy ?? []).includes(user.id)}
            usefulCount={note.usefulCount ?? 0}
          />
        ) : null}
      </div>
    </article>
  );
}

function NoteActions(props: {
  id: string;
  own: boolean;
  published: boolean;
  theme: boolean;
  /** Whether the viewer has marked the note useful (the button shows it pressed). */
  useful: boolean;
  usefulCount: number;
}) {
  const { t, user } = usePage();
  const base = `/notes/${props.id}`;
  const moderator = hasRole(user?.role, "coordinator");
  return (
    <div class="atl-note-actions d-flex flex-wrap gap-2 align-items-start">
      {props.published ? (
        <form method="post" action={`${base}/useful`}>
          <CsrfField />
          <button
            type="submit"
            class={`btn btn-xs ${props.useful ? "btn-primary" : "btn-outline-primary"}`}
            aria-pressed={props.useful ? "true" : "false"}
            aria-describedby={`useful-count-${props.id}`}
          >
            {t("notes.action.useful")}
          </button>{" "}
          <span class="small" id={`useful-count-${props.id}`}>
            {t.plural("notes.action.useful.count", props.usefulCount)}
          </span>
        </form>
      ) : null}
      {props.own || moderator ? (
        <>
          <a class="btn btn-outline-secondary btn-xs" href={`${base}/edit`}>
            {t("notes.action.edit")}
          </a>
          <form method="post" action={`${base}/delete`}>
            <CsrfField />
            <button type="submit" class="btn btn-outline-danger btn-xs">
              {t("notes.action.delete")}
            </button>
          </form>
        </>
      ) : null}
      {props.published ? (
        <details class="atl-note-more">
          <summary class="btn btn-outline-secondary btn-xs">{t("notes.action.reply")}</summary>
          <form method="post" action={`${base}/replies`} class="mt-2">
            <CsrfField />
            <label for={`reply-${props.id}`}>{t("notes.reply.body")}</label>
            <textarea
              class="form-control"
              id={`reply-${props.id}`}
              name="body"
              rows={3}
              maxLength={3000}
              required
            />
            <button type="submit" class="btn btn-primary btn-xs mt-1">
              {t("notes.action.reply")}
            </button>
          </form>
        </details>
      ) : null}
      {props.published && !props.own ? (
        <details class="atl-note-more">
          <summary class="btn btn-outline-secondary btn-xs">{t("notes.action.flag")}</summary>
          <form method="post" action={`${base}/flag`} class="mt-2">
            <CsrfField />
            <label for={`flag-${props.id}`}>{t("notes.flag.reason")}</label>
            <input class="form-control" id={`flag-${props.id}`} name="reason" maxLength={500} required />
            <button type="submit" class="btn btn-outline-danger btn-xs mt-1">
              {t("notes.action.flag")}
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}
