// Live capture: the facilitator's view of a session (its code, open/close, the contributions as they
// arrive), and the participants' pages (type the code, send a contribution) made for a phone.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Field } from "../components/Field";
import { FormErrors, Notice, errorOf, type FieldErrors } from "../components/Form";
import { formatDateTime } from "../../src/web/i18n/format";
import { hasRole } from "../../src/web/auth-guards";
import { labelOf, NOTE_KINDS, type Term } from "../../src/modules/taxonomy/taxonomy.types";
import type { SessionView } from "../../src/modules/tables/events.queries";
import type { TableNote } from "../../src/modules/tables/tables.queries";
import { KIND_KEY, NoteCard, type NoteLabels } from "../components/NoteCard";

/** One contribution in the facilitator's list (also sent to the live view as it arrives). */
export function ContributionItem(props: { item: TableNote; labels: NoteLabels }) {
  return (
    <li class="atl-contribution" data-id={String(props.item.view.note._id)}>
      <NoteCard view={props.item.view} project={props.item.project} labels={props.labels} level={3} />
    </li>
  );
}

/** The code as it is read aloud and typed: two groups of three. */
export function spacedCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

export function LivePage(props: {
  session: SessionView;
  theme: Term | undefined;
  event: { id: string; title: string };
  items: TableNote[];
  labels: NoteLabels;
  joinUrl: string;
  errors?: FieldErrors;
}) {
  const { t, lang, user } = usePage();
  const { session } = props;
  const table = props.theme ? labelOf(props.theme, lang) : session.theme;
  const last = props.items.at(-1);
  return (
    <Layout title={t("tables.live.title", { table })} scripts={["live.js"]} noindex>
      <div class="container my-4">
        <p>
          <a href={`/events/${props.event.id}`}>{t("tables.live.event", { title: props.event.title })}</a>
        </p>
        <h1 class="h2">{t("tables.live.title", { table })}</h1>
        <FormErrors errors={props.errors} />
        {session.open && session.code ? (
          <section class="atl-code-panel card card-bg p-3 mb-3" aria-labelledby="code-title">
            <h2 class="h5" id="code-title">
              {t("tables.live.code")}
            </h2>
            <p class="atl-code display-4 mb-1" id="session-code" data-code={session.code}>
              {spacedCode(session.code)}
            </p>
            <p class="mb-1">{t("tables.live.code.how", { url: props.joinUrl })}</p>
            <p class="small">{t("tables.live.until", { time: formatDateTime(session.openUntil, lang) })}</p>
            <form method="post" action={`/sessions/${session.id}/close`}>
              <CsrfField />
              <button type="submit" class="btn btn-outline-danger">
                {t("tables.live.close")}
              </button>
            </form>
          </section>
        ) : (
          <section class="card card-bg p-3 mb-3">
            <p>{t(session.status === "closed" ? "tables.live.closed" : "tables.live.planned")}</p>
            <form
              method="post"
              action={`/sessions/${session.id}/open`}
              class="d-flex flex-wrap gap-2 align-items-end"
            >
              <CsrfField />
              <div class="select-wrapper">
                <label for="f-hours">{t("tables.live.hours")}</label>
                <select id="f-hours" name="hours" class="form-select">
                  {[1, 2, 3, 4, 6, 8, 12].map((h) => (
                    <option key={h} value={String(h)} selected={h === 4}>
                      {h}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="btn btn-primary">
                {t("tables.live.open")}
              </button>
            </form>
          </section>
        )}
        <section aria-labelledby="contributions-title">
          <h2 class="h4" id="contributions-title">
            {t("tables.live.contributions")}{" "}
            <span class="badge atl-count" id="contributions-count">
              {props.items.length}
            </span>
          </h2>
          <p class="small">
            <a href={`/sessions/${session.id}`} class="atl-live-reload">
              {t("tables.live.reload")}
            </a>
            <span class="atl-live-auto d-none"> {t("tables.live.auto")}</span>
            {hasRole(user?.role, "coordinator") ? (
              <>
                {" · "}
                <a href={`/moderation/notes?session=${session.id}`}>{t("tables.live.moderate")}</a>
              </>
            ) : null}
          </p>
          <div
            aria-live="polite"
            class="visually-hidden"
            id="live-announce"
            data-text={t("tables.live.newArrived")}
          />
          {props.items.length === 0 ? <p id="contributions-none">{t("tables.live.none")}</p> : null}
          <ul
            class="list-unstyled atl-contributions"
            id="contributions"
            data-live={`/sessions/${session.id}/live`}
            data-after={last ? String(last.view.note._id) : ""}
          >
            {[...props.items].reverse().map((item) => (
              <ContributionItem key={String(item.view.note._id)} item={item} labels={props.labels} />
            ))}
          </ul>
        </section>
      </div>
    </Layout>
  );
}

/** A narrow page for a phone (375 px wide and up). */
function PhonePage(props: { title: string; children: preact.ComponentChildren }) {
  return (
    <Layout title={props.title} noindex>
      <div class="container my-3 atl-phone">
        <h1 class="h3">{props.title}</h1>
        {props.children}
      </div>
    </Layout>
  );
}

export function JoinPage(props: {
  values: { code?: string; name?: string };
  errors?: FieldErrors;
  /** A notice above the form (the code expired, the session closed...). */
  notice?: "tables.capture.expired" | "tables.capture.closed" | "tables.capture.needName";
}) {
  const { t, user } = usePage();
  const err = (name: string) => errorOf(t, props.errors, name);
  return (
    <PhonePage title={t("tables.capture.title")}>
      {props.notice ? <Notice kind="info">{t(props.notice)}</Notice> : null}
      <FormErrors errors={props.errors} />
      <p>{t("tables.capture.lead")}</p>
      <form method="post" action="/partecipa" novalidate>
        <CsrfField />
        <Field
          name="code"
          label={t("tables.capture.code")}
          hint={t("tables.capture.code.hint")}
          value={props.values.code}
          error={err("code")}
          autocomplete="off"
          maxLength={12}
          required
        />
        {user ? (
          <p>{t("tables.capture.signedIn", { name: user.name })}</p>
        ) : (
          <Field
            name="name"
            label={t("tables.capture.name")}
            hint={t("tables.capture.name.hint")}
            value={props.values.name}
            error={err("name")}
            autocomplete="nickname"
            maxLength={60}
            required
          />
        )}
        <button type="submit" class="btn btn-primary w-100">
          {t("tables.capture.join")}
        </button>
      </form>
    </PhonePage>
  );
}

export type ContributionValues = Partial<Record<"kind" | "question" | "body" | "project", string>>;

export function ContributePage(props: {
  session: SessionView;
  theme: Term | undefined;
  eventTitle: string;
  /** Display name of a guest; undefined for a signed-in member. */
  guestName?: string;
  projects: { slug: string; title: string }[];
  values: ContributionValues;
  idem: string;
  errors?: FieldErrors;
  sent?: "pending" | "published";
}) {
  const { t, lang, user } = usePage();
  const v = props.values;
  const err = (name: string) => errorOf(t, props.errors, name);
  const table = props.theme ? labelOf(props.theme, lang) : props.session.theme;
  const questions = (props.theme?.guidingQuestions ?? []).filter(
    (q) => props.session.questions.length === 0 || props.session.questions.includes(q.id),
  );
  return (
    <PhonePage title={t("tables.capture.form.title")}>
      <p class="small">{t("tables.capture.form.session", { table, event: props.eventTitle })}</p>
      <p class="small">
        {props.guestName
          ? t("tables.capture.as", { name: props.guestName })
          : t("tables.capture.signedIn", { name: user?.name ?? "" })}
      </p>
      {props.sent ? (
        <Notice kind="success">
          {t(props.sent === "published" ? "tables.capture.sent.published" : "tables.capture.sent")}
        </Notice>
      ) : null}
      <FormErrors errors={props.errors} />
      <form method="post" action="/partecipa/contributo" novalidate class="atl-contribution-form">
        <CsrfField />
        <input type="hidden" name="idem" value={props.idem} />
        <fieldset class="mb-3" aria-describedby={err("kind") ? "f-kind-error" : undefined}>
          <legend class="h6">{t("tables.capture.kind")}</legend>
          {NOTE_KINDS.map((k) => (
            <div class="form-check" key={k}>
              <input
                class="form-check-input"
                type="radio"
                name="kind"
                value={k}
                id={`f-kind-${k}`}
                checked={v.kind === k}
                required
              />
              <label class="form-check-label" for={`f-kind-${k}`}>
                {t(KIND_KEY[k])}
              </label>
            </div>
          ))}
          {err("kind") ? (
            <div id="f-kind-error" class="invalid-feedback d-block">
              {err("kind")}
            </div>
          ) : null}
        </fieldset>
        {questions.length > 0 ? (
          <Field
            name="question"
            class="select-wrapper mb-3"
            label={t("tables.capture.question")}
            error={err("question")}
            control={(aria) => (
              <select {...aria} name="question" class="form-select">
                <option value="">{t("tables.capture.question.none")}</option>
                {questions.map((q) => (
                  <option key={q.id} value={q.id} selected={q.id === v.question}>
                    {lang === "en" ? q.en : q.it}
                  </option>
                ))}
              </select>
            )}
          />
        ) : null}
        <Field
          name="body"
          rows={5}
          label={t("tables.capture.body")}
          hint={t("tables.capture.body.hint")}
          value={v.body}
          error={err("body")}
          maxLength={2000}
          required
        />
        {props.projects.length > 0 ? (
          <Field
            name="project"
            class="select-wrapper mb-3"
            label={t("tables.capture.project")}
            error={err("project")}
            control={(aria) => (
              <select {...aria} name="project" class="form-select">
                <option value="">{t("tables.capture.project.none")}</option>
                {props.projects.map((p) => (
                  <option key={p.slug} value={p.slug} selected={p.slug === v.project}>
                    {p.title}
                  </option>
                ))}
              </select>
            )}
          />
        ) : (
          <Field
            name="project"
            label={t("tables.capture.project")}
            hint={t("tables.capture.project.hint")}
            value={v.project}
            error={err("project")}
            maxLength={300}
          />
        )}
        <button type="submit" class="btn btn-primary w-100">
          {t("tables.capture.send")}
        </button>
      </form>
      <form method="post" action="/partecipa/esci" class="mt-3">
        <CsrfField />
        <button type="submit" class="btn btn-link p-0">
          {t("tables.capture.leave")}
        </button>
      </form>
    </PhonePage>
  );
}
