// The working tables: their index, a table's page (guiding questions, notes by kind, counts and charts,
// projects, sessions) and a table's notes list with filters.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CachedHtml, type HtmlFragment } from "../../src/web/fragments";
import { formatDay } from "../../src/web/i18n/format";
import type { Translate } from "../../src/web/i18n/index";
import { Pager, pageHref } from "../components/Pager";
import { NoteCard, KIND_KEY, type NoteLabels } from "../components/NoteCard";
import { labelOf, NOTE_KINDS, type NoteKind, type Term } from "../../src/modules/taxonomy/taxonomy.types";
import type { NoteCounts, TableNote } from "../../src/modules/tables/tables.queries";
import { ChartFigure, type ChartBlock } from "./Chart";

/** "1 nota" / "{n} note": the singular and plural keys of a count. */
export function plural(t: Translate, base: "tables.notes" | "tables.index.questions", n: number): string {
  return t.plural(base, n);
}

export interface TableSummary {
  theme: Term;
  number: number;
  notes: number;
}

export interface EventSummary {
  id: string;
  title: string;
  date: Date;
  online: boolean;
  place: string;
  demo: boolean;
}

export function TablesIndexPage(props: { tables: TableSummary[]; events: EventSummary[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t("tables.index.title")} description={t("tables.index.lead")}>
      <div class="container my-4">
        <h1 class="h2">{t("tables.index.title")}</h1>
        <p class="lead">{t("tables.index.lead")}</p>
        <div class="row">
          {props.tables.map((table) => (
            <div class="col-12 col-lg-6 mb-3" key={table.theme.key}>
              <div class="card card-bg h-100">
                <div class="card-body">
                  <h2 class="h5 card-title">
                    <a href={`/tables/${table.theme.key}`}>
                      {t("tables.table.title", { n: table.number, label: labelOf(table.theme, lang) })}
                    </a>
                  </h2>
                  <p class="small mb-1">
                    {plural(t, "tables.index.questions", table.theme.guidingQuestions.length)} ·{" "}
                    {table.notes > 0 ? plural(t, "tables.notes", table.notes) : t("tables.notes.none")}
                  </p>
                </div>
              </div>
            </div>
          ))}
        </div>
        <h2 class="h4 mt-4">{t("tables.index.events")}</h2>
        <EventList events={props.events} />
        <p>
          <a href="/events">{t("tables.index.events.all")}</a>
        </p>
        <p>
          <a href="/recommendations">{t("register.link.tables")}</a>
        </p>
      </div>
    </Layout>
  );
}

export function EventList(props: { events: EventSummary[] }) {
  const { t, lang } = usePage();
  if (props.events.length === 0) return <p>{t("tables.events.empty")}</p>;
  return (
    <ul class="atl-events">
      {props.events.map((e) => (
        <li key={e.id}>
          <a href={`/events/${e.id}`}>{e.title}</a> — {formatDay(e.date, lang)} ·{" "}
          {e.online ? t("tables.event.online") : e.place}
          {e.demo ? <span class="badge bg-secondary ms-1">{t("notes.demo")}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** A guiding question (or the notes without one) with its counts and newest notes of each kind. */
export interface QuestionBlock {
  id: string | null;
  number: number | null;
  text: string;
  counts: NoteCounts;
  newest: { kind: NoteKind; notes: TableNote[] }[];
}

export interface SessionSummary {
  id: string;
  eventId: string;
  eventTitle: string;
  date: Date;
}

/** What a table's page shows below its title: the same for every reader (kept rendered). */
export interface TableBodyProps {
  theme: Term;
  number: number;
  /** The guiding question the page is narrowed to. */
  focus?: QuestionBlock;
  counts: NoteCounts;
  questions: QuestionBlock[];
  charts: ChartBlock[];
  labels: NoteLabels;
  sessions: SessionSummary[];
}

const PROJECTS_SHOWN = 12;

function CountsSummary(props: { counts: NoteCounts }) {
  const { t } = usePage();
  return (
    <p class="small">
      {t("tables.table.counts.summary", {
        total: props.counts.total,
        withoutProject: props.counts.withoutProject,
      })}
    </p>
  );
}

function KindBadges(props: { byKind: Record<NoteKind, number> }) {
  const { t } = usePage();
  return (
    <ul class="list-inline small mb-2">
      {NOTE_KINDS.map((k) => (
        <li class="list-inline-item" key={k}>
          <span class={`badge atl-kind atl-kind-${k}`}>{t(KIND_KEY[k])}</span> {props.byKind[k]}
        </li>
      ))}
    </ul>
  );
}

function QuestionSection(props: {
  theme: string;
  block: QuestionBlock;
  labels: NoteLabels;
  focused: boolean;
}) {
  const { t } = usePage();
  const { block } = props;
  const headingId = `q-${block.id ?? "none"}`;
  const notesHref = (kind: NoteKind) =>
    pageHref(`/tables/${props.theme}/notes`, { question: block.id ?? undefined, kind }, 1);
  return (
    <section class="atl-question mb-4" aria-labelledby={headingId}>
      <h2 class="h5" id={headingId}>
        {block.number ? `${t("tables.table.question", { n: block.number })}. ` : ""}
        {block.text} <span class="badge atl-count">{plural(t, "tables.notes", block.counts.total)}</span>
      </h2>
      <KindBadges byKind={block.counts.byKind} />
      {!props.focused && block.id ? (
        <p class="small">
          <a href={`/tables/${props.theme}?question=${block.id}`}>{t("tables.table.question.open")}</a>
        </p>
      ) : null}
      {block.newest.map(({ kind, notes }) => (
        <section class="atl-kind-group ms-md-3" key={kind} aria-labelledby={`${headingId}-${kind}`}>
          <h3 class="h6" id={`${headingId}-${kind}`}>
            {t(KIND_KEY[kind])} <span class="badge atl-count">{block.counts.byKind[kind]}</span>
          </h3>
          {notes.length === 0 ? <p class="small">{t("tables.table.kind.none")}</p> : null}
          {notes.map((n) => (
            <NoteCard
              key={String(n.view.note._id)}
              view={n.view}
              project={n.project}
              labels={props.labels}
              level={4}
            />
          ))}
          {block.counts.byKind[kind] > notes.length ? (
            <p class="small">
              <a href={notesHref(kind)}>
                {t.plural("tables.table.kind.more", block.counts.byKind[kind], { kind: t(KIND_KEY[kind]) })}
              </a>
            </p>
          ) : null}
        </section>
      ))}
    </section>
  );
}

export function TableBody(props: TableBodyProps) {
  const { t, lang } = usePage();
  const counts = props.focus?.counts ?? props.counts;
  const shown = counts.projects.slice(0, PROJECTS_SHOWN);
  return (
    <>
      {props.focus ? (
        <>
          <p class="atl-focus">
            {t("tables.table.question.focus")}{" "}
            <a href={`/tables/${props.theme.key}`}>{t("tables.table.question.back")}</a>
          </p>
          <QuestionSection theme={props.theme.key} block={props.focus} labels={props.labels} focused />
        </>
      ) : (
        <>
          {props.counts.total === 0 ? <p>{t("tables.table.empty")}</p> : null}
          {props.questions.map((q) => (
            <QuestionSection
              key={q.id ?? "none"}
              theme={props.theme.key}
              block={q}
              labels={props.labels}
              focused={false}
            />
          ))}
        </>
      )}
      <section class="atl-table-counts mb-4" aria-labelledby="table-counts">
        <h2 class="h4" id="table-counts">
          {t("tables.table.counts")}
        </h2>
        <CountsSummary counts={counts} />
        <div class="row">
          {props.charts.map((c) => (
            <div class="col-12 col-xl-6" key={c.id}>
              <ChartFigure chart={c} />
            </div>
          ))}
        </div>
      </section>
      {shown.length > 0 ? (
        <section class="mb-4" aria-labelledby="table-projects">
          <h2 class="h4" id="table-projects">
            {t("tables.table.projects")}
          </h2>
          <ul>
            {shown.map((p) => (
              <li key={p.slug}>
                <a href={`/projects/${p.slug}`}>{p.title}</a> — {plural(t, "tables.notes", p.n)}
              </li>
            ))}
          </ul>
          {counts.projects.length > shown.length ? (
            <p class="small">
              {t.plural("tables.table.projects.more", counts.projects.length - shown.length)}
            </p>
          ) : null}
        </section>
      ) : null}
      {props.sessions.length > 0 ? (
        <section class="mb-4" aria-labelledby="table-sessions">
          <h2 class="h4" id="table-sessions">
            {t("tables.table.events")}
          </h2>
          <ul>
            {props.sessions.map((s) => (
              <li key={s.id}>
                <a href={`/events/${s.eventId}`}>{s.eventTitle}</a> — {formatDay(s.date, lang)} ·{" "}
                <a href={pageHref(`/tables/${props.theme.key}/notes`, { event: s.eventId }, 1)}>
                  {t("tables.event.notes")}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={`/tables/${props.theme.key}/notes`}>{t("tables.table.all")}</a>
      </p>
    </>
  );
}

export function TablePage(props: { theme: Term; number: number; question?: string; body: HtmlFragment }) {
  const { t, lang } = usePage();
  const title = t("tables.table.title", { n: props.number, label: labelOf(props.theme, lang) });
  return (
    <Layout title={title}>
      <div class="container my-4">
        <nav aria-label="breadcrumb" class="breadcrumb-container">
          <ol class="breadcrumb">
            <li class="breadcrumb-item">
              <a href="/tables">{t("tables.index.title")}</a>
            </li>
            <li class="breadcrumb-item active" aria-current="page">
              {t("tables.index.table", { n: props.number })}
            </li>
          </ol>
        </nav>
        <h1 class="h2">{title}</h1>
        <p class="atl-table-write">
          <a
            class="btn btn-primary btn-sm"
            href={`/tables/${props.theme.key}/notes/new${props.question ? `?question=${props.question}` : ""}`}
          >
            {t("notes.table.write")}
          </a>
          <small class="d-block mt-1">{t("notes.table.write.hint")}</small>
        </p>
        <CachedHtml fragment={props.body} />
      </div>
    </Layout>
  );
}

export function TableNotesPage(props: {
  theme: Term;
  number: number;
  filter: { question?: string; kind?: NoteKind; event?: string };
  events: { id: string; title: string }[];
  notes: TableNote[];
  total: number;
  page: number;
  pages: number;
  labels: NoteLabels;
}) {
  const { t, lang } = usePage();
  const label = labelOf(props.theme, lang);
  const base = `/tables/${props.theme.key}/notes`;
  return (
    <Layout title={t("tables.list.title", { label })}>
      <div class="container my-4">
        <p>
          <a href={`/tables/${props.theme.key}`}>{t("tables.table.title", { n: props.number, label })}</a>
        </p>
        <h1 class="h2">{t("tables.list.title", { label })}</h1>
        <form method="get" action={base} class="d-flex flex-wrap gap-2 align-items-end mb-3">
          <div class="select-wrapper">
            <label for="f-question">{t("tables.list.filter.question")}</label>
            <select id="f-question" name="question" class="form-select">
              <option value="">{t("tables.list.filter.any")}</option>
              {props.theme.guidingQuestions.map((q, i) => (
                <option key={q.id} value={q.id} selected={q.id === props.filter.question}>
                  {t("tables.table.question", { n: i + 1 })}
                </option>
              ))}
            </select>
          </div>
          <div class="select-wrapper">
            <label for="f-kind">{t("tables.list.filter.kind")}</label>
            <select id="f-kind" name="kind" class="form-select">
              <option value="">{t("tables.list.filter.any")}</option>
              {NOTE_KINDS.map((k) => (
                <option key={k} value={k} selected={k === props.filter.kind}>
                  {t(KIND_KEY[k])}
                </option>
              ))}
            </select>
          </div>
          {props.events.length > 0 ? (
            <div class="select-wrapper">
              <label for="f-event">{t("tables.list.filter.event")}</label>
              <select id="f-event" name="event" class="form-select">
                <option value="">{t("tables.list.filter.any")}</option>
                {props.events.map((e) => (
                  <option key={e.id} value={e.id} selected={e.id === props.filter.event}>
                    {e.title}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <button type="submit" class="btn btn-outline-primary">
            {t("tables.list.filter.apply")}
          </button>
        </form>
        <p>{plural(t, "tables.notes", props.total)}</p>
        {props.notes.length === 0 ? <p>{t("tables.list.empty")}</p> : null}
        {props.notes.map((n) => (
          <NoteCard
            key={String(n.view.note._id)}
            view={n.view}
            project={n.project}
            labels={props.labels}
            level={2}
          />
        ))}
        <Pager
          page={props.page}
          pages={props.pages}
          href={(p) => pageHref(base, { ...props.filter }, p)}
          labels={{
            previous: "tables.list.previous",
            next: "tables.list.next",
            page: "tables.list.page",
            nav: "tables.list.nav",
          }}
          current="item"
        />
      </div>
    </Layout>
  );
}
