// The moderation queue: pending and flagged notes, oldest first, with counts and bulk actions.
import { Layout } from "../layout/Layout";
import { CONTENT_LANG } from "../components/content-lang";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { errorOf, Notice, type FieldErrors } from "../components/Form";
import { describedBy, FieldError } from "../components/Field";
import { formatDay } from "../../src/web/i18n/format";
import type { Translate } from "../../src/web/i18n/index";
import type { PendingReply, QueueItem } from "../../src/modules/notes/note.queries";
import { NoteCard, type NoteLabels } from "../components/NoteCard";

export function formatAge(t: Translate, ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 120) return t.plural("notes.age.minutes", minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t.plural("notes.age.hours", hours);
  return t.plural("notes.age.days", Math.floor(hours / 24));
}

export function QueuePage(props: {
  items: QueueItem[];
  counts: { pending: number; flagged: number; replies?: number; oldestMs: number };
  /** Replies waiting for a decision. */
  replies?: PendingReply[];
  filter: "all" | "pending" | "flagged";
  labels: NoteLabels;
  /** Working-table sessions named in the queue (labels and links), for the filter and the items. */
  sessions?: { id: string; label: string; href: string }[];
  /** The session the queue is narrowed to. */
  session?: string;
  result?: { done: number; failed: number };
  error?: string;
  /** A refused decision: the field errors, and what the coordinator had chosen (kept). */
  errors?: FieldErrors;
  form?: { selected?: string[]; action?: string; reason?: string; reply?: string };
}) {
  const { t, lang } = usePage();
  const form = props.form ?? {};
  const selected = new Set(form.selected ?? []);
  // The errors of a reply's decision sit by that reply; the others by the bulk form.
  const bulkErrors = form.reply ? undefined : props.errors;
  const replyErrors = form.reply ? props.errors : undefined;
  const reasonError = errorOf(t, bulkErrors, "reason");
  const idsError = errorOf(t, bulkErrors, "ids") ?? errorOf(t, bulkErrors, "_form");
  const selectAllHref = withQuery(props, "select=all");
  const filters = ["all", "pending", "flagged"] as const;
  const sessions = props.sessions ?? [];
  const sessionOf = (id: string | undefined) => (id ? sessions.find((s) => s.id === id) : undefined);
  const withSession = (href: string) =>
    props.session ? `${href}${href.includes("?") ? "&" : "?"}session=${props.session}` : href;
  return (
    <Layout title={t("notes.queue.title")} noindex>
      <div class="container my-4">
        <h1 class="h2">{t("notes.queue.title")}</h1>
        <p class="lead" id="queue-counts">
          {t("notes.queue.counts", {
            pending: t.plural("notes.queue.counts.pending", props.counts.pending),
            flagged: t.plural("notes.queue.counts.flagged", props.counts.flagged),
          })}
          {props.counts.replies ? ` · ${t.plural("notes.queue.counts.replies", props.counts.replies)}` : ""}
          {props.counts.pending > 0
            ? ` · ${t("notes.queue.oldest", { age: formatAge(t, props.counts.oldestMs) })}`
            : ""}
        </p>
        <p class="small">
          <a href="/export/notes.csv">{t("notes.export.csv")}</a> ·{" "}
          <a href="/export/notes.json">{t("notes.export.json")}</a> — {t("notes.export.note")}
        </p>
        {props.result ? (
          <Notice kind="success">
            {t.plural("notes.queue.done", props.result.done)}{" "}
            {props.result.failed > 0 ? t.plural("notes.queue.failed", props.result.failed) : ""}
          </Notice>
        ) : null}
        {props.error ? <Notice kind="danger">{props.error}</Notice> : null}
        {props.errors ? <Notice kind="danger">{t("notes.queue.refused")}</Notice> : null}
        <nav aria-label={t("notes.queue.title")}>
          <ul class="nav nav-tabs mb-3">
            {filters.map((f) => (
              <li class="nav-item" key={f}>
                <a
                  class={`nav-link${props.filter === f ? " active" : ""}`}
                  aria-current={props.filter === f ? "page" : undefined}
                  href={withSession(f === "all" ? "/moderation/notes" : `/moderation/notes?filter=${f}`)}
                >
                  {t(`notes.queue.filter.${f}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {sessions.length > 0 ? (
          <form method="get" action="/moderation/notes" class="d-flex flex-wrap gap-2 align-items-end mb-3">
            {props.filter !== "all" ? <input type="hidden" name="filter" value={props.filter} /> : null}
            <div class="select-wrapper">
              <label for="queue-session">{t("notes.queue.session.label")}</label>
              <select id="queue-session" name="session" class="form-select">
                <option value="">{t("notes.queue.session.all")}</option>
                {sessions.map((s) => (
                  <option key={s.id} value={s.id} selected={s.id === props.session}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="btn btn-outline-primary">
              {t("notes.queue.session.apply")}
            </button>
          </form>
        ) : null}
        {props.items.length === 0 ? (
          <p>{t("notes.queue.empty")}</p>
        ) : (
          <form method="post" action="/moderation/notes" id="queue-form">
            <CsrfField />
            <fieldset class="atl-bulk border p-3 mb-3">
              <legend class="h6">{t("notes.queue.bulk")}</legend>
              <div class="d-flex flex-wrap gap-2 align-items-end">
                <div class="select-wrapper">
                  <label for="bulk-action">{t("notes.queue.bulk")}</label>
                  <select id="bulk-action" name="action" class="form-select">
                    {(["approve", "reject", "dismiss"] as const).map((a) => (
                      <option key={a} value={a} selected={form.action === a}>
                        {t(`notes.queue.${a}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="form-group mb-0 flex-grow-1">
                  <label for="bulk-reason" class="active">
                    {t("notes.queue.reason")}
                  </label>
                  <input
                    id="bulk-reason"
                    name="reason"
                    class={`form-control${reasonError ? " is-invalid" : ""}`}
                    maxLength={500}
                    value={form.reason ?? ""}
                    aria-invalid={reasonError ? "true" : undefined}
                    aria-describedby={describedBy(reasonError && "bulk-reason-error")}
                  />
                  <FieldError id="bulk-reason" error={reasonError} />
                </div>
                <button type="submit" class="btn btn-primary">
                  {t("notes.queue.apply")}
                </button>
              </div>
              <p class="small mb-0 mt-2">
                <a href={selectAllHref} data-select-all="queue-form">
                  {t("notes.queue.selectAll")}
                </a>
              </p>
              <FieldError id="bulk-ids" error={idsError} />
            </fieldset>
            {props.items.map((item) => {
              const note = item.view.note;
              const id = String(note._id);
              return (
                <div class="atl-queue-item d-flex gap-2" key={id} data-status={note.status}>
                  <div class="form-check pt-3">
                    <input
                      class="form-check-input"
                      type="checkbox"
                      name="ids"
                      value={id}
                      id={`sel-${id}`}
                      checked={selected.has(id)}
                    />
                    <label class="form-check-label" for={`sel-${id}`}>
                      <span class="visually-hidden">{t("notes.queue.select")}: </span>
                      <span lang={CONTENT_LANG}>{note.title}</span>
                    </label>
                  </div>
                  <div class="flex-grow-1">
                    <p class="small mb-1">
                      {t("notes.queue.age", { age: formatAge(t, item.ageMs) })}
                      {note.flagCount > 0 ? ` · ${t.plural("notes.queue.flags", note.flagCount)}` : ""}
                      {note.flags.map((f, i) => (
                        <span key={i}> · «{f.reason}»</span>
                      ))}
                      {sessionOf(item.sessionId) ? (
                        <>
                          {" · "}
                          <a class="atl-queue-session" href={sessionOf(item.sessionId)!.href}>
                            {t("notes.session", { label: sessionOf(item.sessionId)!.label })}
                          </a>
                        </>
                      ) : null}
                    </p>
                    <NoteCard view={item.view} labels={props.labels} project={item.project} level={3} />
                    <p>
                      <a href={`/notes/${id}/edit`}>{t("notes.action.edit")}</a>
                    </p>
                  </div>
                </div>
              );
            })}
          </form>
        )}
        {props.replies && props.replies.length > 0 ? (
          <section aria-labelledby="queue-replies" class="mt-4">
            <h2 class="h4" id="queue-replies">
              {t("notes.queue.replies")}
            </h2>
            {props.replies.map((p) => {
              const rid = p.reply.id;
              const mine = form.reply === rid;
              const error = mine ? errorOf(t, replyErrors, "reason") : undefined;
              return (
                <form
                  method="post"
                  action="/moderation/replies"
                  class="atl-queue-reply border p-3 mb-3"
                  key={rid}
                  id={`queue-reply-${rid}`}
                >
                  <CsrfField />
                  <input type="hidden" name="note" value={p.noteId} />
                  <input type="hidden" name="reply" value={rid} />
                  <p class="small mb-1">
                    {t("notes.queue.age", { age: formatAge(t, p.ageMs) })} ·{" "}
                    {t("notes.by", { name: p.reply.author })} · {formatDay(p.reply.at, lang, "medium")} ·{" "}
                    <a href={`/notes/${p.noteId}`}>{t("notes.queue.replyTo", { title: p.noteTitle })}</a>
                  </p>
                  <div class="atl-markdown" dangerouslySetInnerHTML={{ __html: p.reply.html }} />
                  <div class="form-group mb-2">
                    <label for={`reply-reason-${rid}`} class="active">
                      {t("notes.queue.reason")}
                    </label>
                    <input
                      id={`reply-reason-${rid}`}
                      name="reason"
                      class={`form-control${error ? " is-invalid" : ""}`}
                      maxLength={500}
                      value={mine ? (form.reason ?? "") : ""}
                      aria-invalid={error ? "true" : undefined}
                      aria-describedby={describedBy(error && `reply-reason-${rid}-error`)}
                    />
                    <FieldError id={`reply-reason-${rid}`} error={error} />
                  </div>
                  <button type="submit" name="action" value="approve" class="btn btn-primary btn-xs me-2">
                    {t("notes.queue.approve")}
                  </button>
                  <button type="submit" name="action" value="reject" class="btn btn-outline-danger btn-xs">
                    {t("notes.queue.reject")}
                  </button>
                </form>
              );
            })}
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

/** The queue's address with its filter and session, plus one more query parameter. */
function withQuery(props: { filter: string; session?: string }, extra: string): string {
  const q = [
    props.filter !== "all" ? `filter=${props.filter}` : "",
    props.session ? `session=${props.session}` : "",
    extra,
  ].filter(Boolean);
  return `/moderation/notes?${q.join("&")}`;
}
