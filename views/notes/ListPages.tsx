// A member's public profile (published notes only), a working table's notes by guiding question, and the
// newest notes of a zone's or a tag's projects.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import type { NoteView, ProjectRef } from "../../src/modules/notes/note.queries";
import { labelOf, type Term } from "../../src/modules/taxonomy/taxonomy.types";
import { NoteCard, type NoteLabels } from "../components/NoteCard";

/** A note in a list, with its project (none for a note on a working table alone). */
type Listed = { view: NoteView; project?: ProjectRef };

export function ProfilePage(props: {
  name: string;
  organisation: string;
  notes: Listed[];
  labels: NoteLabels;
  /** Set when members read their own profile: how many of their notes wait for moderation. */
  ownPending?: number;
}) {
  const { t } = usePage();
  return (
    <Layout title={t("notes.profile.title", { name: props.name })}>
      <div class="container my-4">
        <h1 class="h2">{props.name}</h1>
        {props.organisation ? <p class="lead">{props.organisation}</p> : null}
        {props.ownPending !== undefined ? (
          <p class="alert alert-info">
            {props.ownPending > 0 ? `${t.plural("notes.mine.profilePending", props.ownPending)} ` : ""}
            <a href="/me/notes">{t("notes.mine.link")}</a>
          </p>
        ) : null}
        <h2 class="h4">{t("notes.profile.title", { name: props.name })}</h2>
        {props.notes.length === 0 ? <p>{t("notes.profile.empty")}</p> : null}
        {props.notes.map((n) => (
          <NoteCard
            key={String(n.view.note._id)}
            view={n.view}
            project={n.project}
            labels={props.labels}
            level={3}
          />
        ))}
      </div>
    </Layout>
  );
}

/** The notes of one working table, under the guiding question each answers. */
export function ThemeNotes(props: {
  theme: Term;
  notes: Listed[];
  labels: NoteLabels;
  headingLevel?: 2 | 3;
}) {
  const { t, lang } = usePage();
  const H = props.headingLevel === 3 ? "h3" : "h2";
  const H2 = props.headingLevel === 3 ? "h4" : "h3";
  const questions = props.theme.guidingQuestions;
  const other = props.notes.filter((n) => !questions.some((q) => q.id === n.view.note.question));
  return (
    <section class="atl-theme-notes my-4" aria-labelledby="theme-notes-title">
      <H class="h4" id="theme-notes-title">
        {t("notes.theme.title")}{" "}
        <span class="badge atl-count">{t.plural("notes.count", props.notes.length)}</span>
      </H>
      {props.notes.length === 0 ? <p>{t("notes.empty")}</p> : null}
      {questions.map((q) => {
        const list = props.notes.filter((n) => n.view.note.question === q.id);
        if (list.length === 0) return null;
        return (
          <section key={q.id} class="mb-3" aria-labelledby={`q-${q.id}`}>
            <H2 class="h5" id={`q-${q.id}`}>
              {lang === "en" ? q.en : q.it} <span class="badge atl-count">{list.length}</span>
            </H2>
            {list.map((n) => (
              <NoteCard
                key={String(n.view.note._id)}
                view={n.view}
                project={n.project}
                labels={props.labels}
                level={4}
              />
            ))}
          </section>
        );
      })}
      {other.length > 0 ? (
        <section class="mb-3" aria-labelledby="q-other">
          <H2 class="h5" id="q-other">
            {t("notes.theme.others")} <span class="badge atl-count">{other.length}</span>
          </H2>
          {other.map((n) => (
            <NoteCard
              key={String(n.view.note._id)}
              view={n.view}
              project={n.project}
              labels={props.labels}
              level={4}
            />
          ))}
        </section>
      ) : null}
    </section>
  );
}

export function ThemeNotesPage(props: { theme: Term; notes: Listed[]; labels: NoteLabels }) {
  const { lang } = usePage();
  return (
    <Layout title={labelOf(props.theme, lang)}>
      <div class="container my-4">
        <p>
          <a href={`/themes/${props.theme.key}`}>{labelOf(props.theme, lang)}</a>
        </p>
        <h1 class="h2">{labelOf(props.theme, lang)}</h1>
        <ThemeNotes theme={props.theme} notes={props.notes} labels={props.labels} />
      </div>
    </Layout>
  );
}

/** The newest notes of a zone's or a tag's projects, with a link to all of them in search. */
export function TermNotes(props: { notes: Listed[]; total: number; allHref: string; labels: NoteLabels }) {
  const { t } = usePage();
  return (
    <section class="atl-term-notes mt-4" aria-labelledby="term-notes-title">
      <h2 class="h4" id="term-notes-title">
        {t("notes.term.title")} <span class="badge atl-count">{t.plural("notes.count", props.total)}</span>
      </h2>
      {props.total === 0 ? <p>{t("notes.empty")}</p> : null}
      {props.notes.map((n) => (
        <NoteCard
          key={String(n.view.note._id)}
          view={n.view}
          project={n.project}
          labels={props.labels}
          level={3}
        />
      ))}
      {props.total > props.notes.length ? (
        <p>
          <a href={props.allHref}>{t("notes.term.all", { n: props.total })}</a>
        </p>
      ) : null}
    </section>
  );
}
