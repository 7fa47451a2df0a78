// The notes section the project page shows (plugged into the catalogue's project route). The published
// list is the same for every viewer, so its HTML is rendered once per project and language and kept
// (as a compressed fragment) until any note or vocabulary changes here, or for SECTION_MS at most; only
// the viewer's own part is rendered per request.
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { ExpiringMap, remembered } from "../../infra/expiring-map";
import { HtmlFragment } from "../../web/fragments";
import { hasRole } from "../../web/auth-guards";
import type { Lang } from "../../web/i18n/index";
import { anonymousContext, PageContext } from "../../../views/page-context";
import type { PageUser } from "../../../views/page-context";
import { NotesSection, PublishedNotes } from "../../../views/notes/NotesSection";
import { TermNotes, ThemeNotes } from "../../../views/notes/ListPages";
import type { ProjectView } from "../projects/index";
import type { TaxonomyService } from "../taxonomy/index";
import type { NoteQueries, NoteView } from "./note.queries";

const MAX_ENTRIES = 1000;
const WITH_NOTES_MS = 30_000;
/** A change made by another process (another app instance) shows within this. */
const SECTION_MS = 60_000;

export function notesSectionFor(deps: {
  queries: NoteQueries;
  taxonomy: TaxonomyService;
  onChange: (listener: () => void) => void;
}) {
  const cache = new ExpiringMap<{ html: HtmlFragment; count: number }>(SECTION_MS, MAX_ENTRIES);
  // Which projects have published notes: read once, again after any change to notes here (or after
  // WITH_NOTES_MS, for changes made by another process), so a project without notes costs no query.
  const withNotes = new ExpiringMap<Promise<Set<string>>>(WITH_NOTES_MS, 1);
  // A member's own waiting or rejected notes on a project, shown on every view of it: kept until any note
  // changes here (or SECTION_MS).
  const mine = new ExpiringMap<Promise<NoteView[]>>(SECTION_MS, MAX_ENTRIES);
  const clear = () => {
    cache.clear();
    mine.clear();
    withNotes.clear();
  };
  const mineOf = (project: ProjectView, userId: string) =>
    remembered(mine, `${userId}|${project.id}`, () => deps.queries.mineOf(project.id, userId));
  const projectsWithNotes = () =>
    remembered(withNotes, "", () =>
      deps.queries.projectsWithPublishedNotes().then((list) => new Set(list.map(String))),
    );
  deps.onChange(clear);
  deps.taxonomy.onChange(clear);

  async function published(project: ProjectView, lang: Lang) {
    const key = `${project.id}|${lang}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const epoch = cache.epoch;
    const hasNotes = (await projectsWithNotes()).has(project.id);
    // Most projects have no notes: their (identical) empty section is kept once per language.
    const emptyKey = `|${lang}`;
    const empty = hasNotes ? undefined : cache.get(emptyKey);
    if (empty) return empty;
    const [notes, vocab, tags] = await Promise.all([
      hasNotes ? deps.queries.publishedOf(project.id) : Promise.resolve([]),
      deps.taxonomy.vocabulary(),
      deps.taxonomy.tags(),
    ]);
    // Rendered by preact (escaped by default) with a context that has no user: nothing personal inside.
    const html = renderToString(
      <PageContext.Provider value={anonymousContext(lang)}>
        <PublishedNotes notes={notes} labels={{ vocab, tags }} />
      </PageContext.Provider>,
    );
    const entry = { html: new HtmlFragment(html), count: notes.length };
    // A change during the render cleared the cache: do not store what may already be stale.
    cache.setIfSince(epoch, hasNotes ? key : emptyKey, entry);
    return entry;
  }

  return async (project: ProjectView, user: PageUser | undefined, lang: Lang): Promise<VNode | null> => {
    if (project.deletedAt || (project.status !== "published" && project.status !== "archived")) return null;
    const moderator = hasRole(user?.role, "coordinator");
    const [list, mine, vocab, tags, pending] = await Promise.all([
      published(project, lang),
      user ? mineOf(project, user.id) : Promise.resolve([]),
      deps.taxonomy.vocabulary(),
      deps.taxonomy.tags(),
      moderator ? deps.queries.pendingCount(project.id) : Promise.resolve(0),
    ]);
    return (
      <NotesSection
        slug={project.slug}
        mine={mine}
        labels={{ vocab, tags }}
        open={project.status === "published"}
        publishedCount={list.count}
        publishedHtml={list.html}
        pendingCount={pending}
      />
    );
  };
}

/** The notes of a working table under the guiding question each answers (plugged into the theme page). */
export function themeNotesFor(deps: { queries: NoteQueries; taxonomy: TaxonomyService }) {
  return async (themeKey: string): Promise<VNode | null> => {
    const [vocab, tags, notes] = await Promise.all([
      deps.taxonomy.vocabulary(),
      deps.taxonomy.tags(),
      deps.queries.forTheme(themeKey),
    ]);
    const theme = vocab.get("theme", themeKey);
    if (!theme) return null;
    return <ThemeNotes theme={theme} notes={notes} labels={{ vocab, tags }} />;
  };
}

/** How many notes a zone's or a tag's page shows (search has the rest). */
const TERM_NOTES = 10;

/** The newest notes of a zone's or a tag's projects (plugged into those pages). */
export function termNotesFor(deps: { queries: NoteQueries; taxonomy: TaxonomyService }) {
  return async (term: { zone: string } | { tag: string }): Promise<VNode> => {
    const tags = await deps.taxonomy.tags();
    const filter = "zone" in term ? { zone: term.zone } : { tagId: tags.bySlug.get(term.tag)?.id ?? "" };
    const [vocab, { notes, total }] = await Promise.all([
      deps.taxonomy.vocabulary(),
      deps.queries.forTerm(filter, TERM_NOTES),
    ]);
    const allHref =
      "zone" in term
        ? `/search?type=note&zone=${encodeURIComponent(term.zone)}`
        : `/search?type=note&tag=${encodeURIComponent(term.tag)}`;
    return <TermNotes notes={notes} total={total} allHref={allHref} labels={{ vocab, tags }} />;
  };
}
