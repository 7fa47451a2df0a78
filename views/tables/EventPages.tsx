// Events: the list, an event with its table sessions, the event and session forms, the bulk invitations.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Field } from "../components/Field";
import { FormErrors, Notice, errorOf, type FieldErrors } from "../components/Form";
import { hasRole } from "../../src/web/auth-guards";
import { formatDay, formatDateTime } from "../../src/web/i18n/format";
import { labelOf, type Term } from "../../src/modules/taxonomy/taxonomy.types";
import type { EventView, SessionView } from "../../src/modules/tables/events.queries";
import type { InviteReport } from "../../src/modules/tables/invite-report";
import { EventList, type EventSummary } from "./TablePages";

export function EventsPage(props: { events: EventSummary[] }) {
  const { t, user } = usePage();
  return (
    <Layout title={t("tables.events.title")}>
      <div class="container my-4">
        <h1 class="h2">{t("tables.events.title")}</h1>
        <p class="lead">{t("tables.events.lead")}</p>
        {hasRole(user?.role, "coordinator") ? (
          <p>
            <a class="btn btn-primary" href="/events/new">
              {t("tables.events.new")}
            </a>
          </p>
        ) : null}
        <EventList events={props.events} />
      </div>
    </Layout>
  );
}

export interface SessionRow {
  session: SessionView;
  theme: Term | undefined;
  number: number;
  counts: { pending: number; published: number };
  /** The viewer may open the facilitator's view. */
  mayRun: boolean;
}

export function EventPage(props: { event: EventView; descriptionHtml: string; sessions: SessionRow[] }) {
  const { t, lang, user } = usePage();
  const { event } = props;
  const coordinator = hasRole(user?.role, "coordinator");
  return (
    <Layout title={event.title}>
      <div class="container my-4">
        <p>
          <a href="/events">{t("tables.events.title")}</a>
        </p>
        <h1 class="h2">{event.title}</h1>
        {event.demo ? <Notice kind="info">{t("tables.event.demo")}</Notice> : null}
        <dl class="atl-event-facts row">
          <dt class="col-sm-3">{t("tables.event.date")}</dt>
          <dd class="col-sm-9">{formatDay(event.date, lang)}</dd>
          <dt class="col-sm-3">{t("tables.event.place")}</dt>
          <dd class="col-sm-9">{event.online ? t("tables.event.online") : event.place}</dd>
          {event.organisers.length > 0 ? (
            <>
              <dt class="col-sm-3">{t("tables.event.organisers")}</dt>
              <dd class="col-sm-9">{event.organisers.join(", ")}</dd>
            </>
          ) : null}
          {event.participants !== null ? (
            <>
              <dt class="col-sm-3">{t("tables.event.participants")}</dt>
              <dd class="col-sm-9">{t.plural("tables.event.participants.value", event.participants)}</dd>
            </>
          ) : null}
        </dl>
        {event.description ? (
          <div class="atl-markdown mb-3" dangerouslySetInnerHTML={{ __html: props.descriptionHtml }} />
        ) : null}
        {event.links.length > 0 ? (
          <>
            <h2 class="h5">{t("tables.event.links")}</h2>
            <ul>
              {event.links.map((l) => (
                <li key={l.url}>
                  <a href={l.url} rel="noopener noreferrer nofollow">
                    {l.label}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {coordinator ? (
          <div class="d-flex flex-wrap gap-2 mb-3">
            <a class="btn btn-outline-primary btn-sm" href={`/events/${event.id}/edit`}>
              {t("tables.event.edit")}
            </a>
            <a class="btn btn-outline-primary btn-sm" href={`/events/${event.id}/invite`}>
              {t("tables.event.invite")}
            </a>
            <a class="btn btn-outline-primary btn-sm" href={`/events/${event.id}/sessions/new`}>
              {t("tables.event.session.add")}
            </a>
          </div>
        ) : null}
        <h2 class="h4">{t("tables.event.sessions")}</h2>
        {props.sessions.length === 0 ? <p>{t("tables.event.sessions.none")}</p> : null}
        {props.sessions.map(({ session, theme, number, counts, mayRun }) => (
          <section class="card card-bg p-3 mb-3" key={session.id} aria-labelledby={`s-${session.id}`}>
            <h3 class="h5" id={`s-${session.id}`}>
              {theme ? (
                <a href={`/tables/${theme.key}`}>
                  {t("tables.table.title", { n: number, label: labelOf(theme, lang) })}
                </a>
              ) : (
                session.theme
              )}{" "}
              <span class="badge bg-light text-dark">{t(`tables.session.status.${session.status}`)}</span>
            </h3>
            <p class="small mb-1">
              {session.facilitator.name
                ? t("tables.session.facilitator", { name: session.facilitator.name })
                : null}
              {session.participants !== null
                ? ` · ${t.plural("tables.session.participants", session.participants)}`
                : ""}
            </p>
            {theme && session.questions.length > 0 ? (
              <details class="small mb-1">
                <summary>{t("tables.session.questions")}</summary>
                <ul>
                  {theme.guidingQuestions
                    .filter((q) => session.questions.includes(q.id))
                    .map((q) => (
                      <li key={q.id}>{lang === "en" ? q.en : q.it}</li>
                    ))}
                </ul>
              </details>
            ) : null}
            <p class="small mb-1">
              {t("tables.session.contributions", { published: counts.published, pending: counts.pending })}
              {theme && counts.published > 0 ? (
                <>
                  {" · "}
                  <a href={`/tables/${theme.key}/notes?event=${event.id}`}>{t("tables.event.notes")}</a>
                </>
              ) : null}
            </p>
            <div class="d-flex flex-wrap gap-2">
              {mayRun ? (
                <a class="btn btn-primary btn-sm" href={`/sessions/${session.id}`}>
                  {t("tables.session.live")}
                </a>
              ) : null}
              {coordinator ? (
                <>
                  <a class="btn btn-outline-secondary btn-sm" href={`/sessions/${session.id}/edit`}>
                    {t("tables.session.edit")}
                  </a>
                  <form method="post" action={`/sessions/${session.id}/delete`}>
                    <CsrfField />
                    <button type="submit" class="btn btn-outline-danger btn-sm">
                      {t("tables.session.delete")}
                    </button>
                  </form>
                </>
              ) : null}
            </div>
          </section>
        ))}
        {coordinator ? (
          <form method="post" action={`/events/${event.id}/delete`} class="mt-4">
            <CsrfField />
            <button type="submit" class="btn btn-outline-danger btn-sm">
              {t("tables.event.delete")}
            </button>
          </form>
        ) : null}
      </div>
    </Layout>
  );
}

export type EventFormValues = Partial<
  Record<
    "title" | "date" | "online" | "place" | "organisers" | "participants" | "description" | "links",
    string
  >
>;

export function EventFormPage(props: {
  action: string;
  values: EventFormValues;
  errors?: FieldErrors;
  version?: number;
  editing: boolean;
}) {
  const { t } = usePage();
  const v = props.values;
  const err = (name: string) => errorOf(t, props.errors, name);
  const title = t(props.editing ? "tables.form.event.edit" : "tables.form.event.new");
  return (
    <Layout title={title} noindex>
      <div class="container my-4 atl-narrow">
        <h1 class="h2">{title}</h1>
        <FormErrors errors={props.errors} />
        <form method="post" action={props.action} novalidate>
          <CsrfField />
          {props.version !== undefined ? (
            <input type="hidden" name="version" value={String(props.version)} />
          ) : null}
          <Field
            name="title"
            label={t("tables.form.title")}
            value={v.title}
            error={err("title")}
            required
            maxLength={200}
          />
          <Field
            name="date"
            type="date"
            label={t("tables.form.date")}
            value={v.date}
            error={err("date")}
            required
          />
          <div class="form-check mb-3">
            <input
              class="form-check-input"
              type="checkbox"
              id="f-online"
              name="online"
              value="1"
              checked={v.online === "1"}
            />
            <label class="form-check-label" for="f-online">
              {t("tables.form.online")}
            </label>
          </div>
          <Field
            name="place"
            label={t("tables.form.place")}
            value={v.place}
            error={err("place")}
            maxLength={300}
          />
          <Field
            name="organisers"
            rows={3}
            label={t("tables.form.organisers")}
            value={v.organisers}
            error={err("organisers")}
          />
          <Field
            name="participants"
            label={t("tables.form.participants")}
            value={v.participants}
            error={err("participants")}
          />
          <Field
            name="description"
            rows={6}
            label={t("tables.form.description")}
            value={v.description}
            error={err("description")}
          />
          <Field name="links" rows={3} label={t("tables.form.links")} value={v.links} error={err("links")} />
          <button type="submit" class="btn btn-primary">
            {t("tables.form.save")}
          </button>{" "}
          <a href="/events" class="btn btn-outline-secondary">
            {t("tables.form.cancel")}
          </a>
        </form>
      </div>
    </Layout>
  );
}

export type SessionFormValues = {
  theme?: string;
  facilitatorName?: string;
  facilitatorEmail?: string;
  participants?: string;
  questions?: string[];
  projects?: string;
};

export function SessionFormPage(props: {
  action: string;
  eventTitle: string;
  eventId: string;
  themes: Term[];
  values: SessionFormValues;
  errors?: FieldErrors;
  version?: number;
  editing: boolean;
}) {
  const { t, lang } = usePage();
  const v = props.values;
  const err = (name: string) => errorOf(t, props.errors, name);
  const title = t(props.editing ? "tables.form.session.edit" : "tables.form.session.new");
  return (
    <Layout title={title} noindex>
      <div class="container my-4 atl-narrow">
        <p>
          <a href={`/events/${props.eventId}`}>{props.eventTitle}</a>
        </p>
        <h1 class="h2">{title}</h1>
        <FormErrors errors={props.errors} />
        <form method="post" action={props.action} novalidate>
          <CsrfField />
          {props.version !== undefined ? (
            <input type="hidden" name="version" value={String(props.version)} />
          ) : null}
          <Field
            name="theme"
            class="select-wrapper mb-3"
            label={t("tables.form.theme")}
            error={err("theme")}
            control={(aria) => (
              <select {...aria} name="theme" class="form-select">
                {props.themes.map((th, i) => (
                  <option key={th.key} value={th.key} selected={th.key === v.theme}>
                    {t("tables.table.title", { n: i + 1, label: labelOf(th, lang) })}
                  </option>
                ))}
              </select>
            )}
          />
          <fieldset class="mb-3" aria-describedby={err("questions") ? "f-questions-error" : undefined}>
            <legend class="h6">{t("tables.form.questions")}</legend>
            {props.themes.map((th, i) =>
              th.guidingQuestions.map((q, j) => (
                <div class="form-check" key={q.id}>
                  <input
                    class="form-check-input"
                    type="checkbox"
                    name="questions"
                    value={q.id}
                    id={`f-q-${q.id}`}
                    checked={(v.questions ?? []).includes(q.id)}
                  />
                  <label class="form-check-label" for={`f-q-${q.id}`}>
                    {t("tables.index.table", { n: i + 1 })}, {t("tables.table.question", { n: j + 1 })}:{" "}
                    {lang === "en" ? q.en : q.it}
                  </label>
                </div>
              )),
            )}
            {err("questions") ? (
              <div id="f-questions-error" class="invalid-feedback d-block">
                {err("questions")}
              </div>
            ) : null}
          </fieldset>
          <Field
            name="facilitatorName"
            label={t("tables.form.facilitatorName")}
            value={v.facilitatorName}
            error={err("facilitatorName")}
            maxLength={120}
          />
          <Field
            name="facilitatorEmail"
            type="email"
            label={t("tables.form.facilitatorEmail")}
            hint={t("tables.form.facilitatorEmail.hint")}
            value={v.facilitatorEmail}
            error={err("facilitatorEmail")}
          />
          <Field
            name="participants"
            label={t("tables.form.sessionParticipants")}
            value={v.participants}
            error={err("participants")}
          />
          <Field
            name="projects"
            rows={3}
            label={t("tables.form.projects")}
            value={v.projects}
            error={err("projects")}
          />
          <button type="submit" class="btn btn-primary">
            {t("tables.form.save")}
          </button>{" "}
          <a href={`/events/${props.eventId}`} class="btn btn-outline-secondary">
            {t("tables.form.cancel")}
          </a>
        </form>
      </div>
    </Layout>
  );
}

function ReportList(props: { label: string; items: string[] }) {
  if (props.items.length === 0) return null;
  return (
    <details class="mb-2">
      <summary>{props.label}</summary>
      <ul class="small">
        {props.items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    </details>
  );
}

export function InvitePage(props: {
  event: { id: string; title: string };
  action: string;
  list?: string;
  report?: InviteReport;
  max: number;
  errors?: FieldErrors;
}) {
  const { t, csrfToken } = usePage();
  const r = props.report;
  // A multipart form carries its CSRF token in the address (the body is read after the check).
  const action = `${props.action}?_csrf=${encodeURIComponent(csrfToken ?? "")}`;
  return (
    <Layout title={t("tables.invite.title", { title: props.event.title })} noindex>
      <div class="container my-4 atl-narrow">
        <p>
          <a href={`/events/${props.event.id}`}>{props.event.title}</a>
        </p>
        <h1 class="h2">{t("tables.invite.title", { title: props.event.title })}</h1>
        <p>{t("tables.invite.lead")}</p>
        {r ? (
          <section aria-labelledby="invite-report" class="mb-4" id="invite-report-section">
            <h2 class="h5" id="invite-report">
              {t("tables.invite.report")}
            </h2>
            <Notice kind={r.invited.length + r.invitedAgain.length > 0 ? "success" : "info"}>
              <ul class="mb-0" id="invite-counts">
                <li data-count="invited">{t("tables.invite.invited", { n: r.invited.length })}</li>
                <li data-count="invitedAgain">
                  {t("tables.invite.invitedAgain", { n: r.invitedAgain.length })}
                </li>
                <li data-count="members">{t("tables.invite.members", { n: r.members.length })}</li>
                <li data-count="duplicates">{t("tables.invite.duplicates", { n: r.duplicates.length })}</li>
                <li data-count="invalid">{t("tables.invite.invalid", { n: r.invalid.length })}</li>
                {r.notSent.length > 0 ? (
                  <li data-count="notSent">{t("tables.invite.notSent", { n: r.notSent.length })}</li>
                ) : null}
                {r.overLimit > 0 ? (
                  <li data-count="overLimit">
                    {t("tables.invite.overLimit", { n: r.overLimit, max: props.max })}
                  </li>
                ) : null}
              </ul>
            </Notice>
            <ReportList label={t("tables.invite.members", { n: r.members.length })} items={r.members} />
            <ReportList
              label={t("tables.invite.duplicates", { n: r.duplicates.length })}
              items={r.duplicates}
            />
            <ReportList label={t("tables.invite.invalid", { n: r.invalid.length })} items={r.invalid} />
            <ReportList label={t("tables.invite.notSent", { n: r.notSent.length })} items={r.notSent} />
          </section>
        ) : null}
        <FormErrors errors={props.errors} />
        <form method="post" action={action} enctype="multipart/form-data">
          <Field
            name="list"
            rows={8}
            label={t("tables.invite.list")}
            value={props.list}
            error={errorOf(t, props.errors, "list")}
          />
          <Field
            name="file"
            type="file"
            accept=".csv,text/csv,text/plain"
            label={t("tables.invite.file")}
            error={errorOf(t, props.errors, "file")}
          />
          <button type="submit" class="btn btn-primary">
            {t("tables.invite.submit")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** When a session's code stops working, in the reader's time. */
export function untilText(date: Date | null, lang: string): string {
  return date ? formatDateTime(date, lang) : "";
}
