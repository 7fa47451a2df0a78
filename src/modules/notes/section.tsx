// The notes section the project page shows (plugged into the catalogue's project route). The published
// list is the same for every viewer, so its HTML is rendered once per project and language and kept
// (as a compressed fragment) until any note or vocabulary changes here, or for SECTION_MS at most; only
// the viewer's own part is rendered per request.
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { HtmlFragment } from "../../web/fragments";
import { hasRole } from "../../web/auth-guards";
import { translator, type Lang } from "../../web/i18n/index";
import { PageContext } from "../../../views/page-context";
import type { PageUser } from "../../../views/page-context";
import { NotesSection, PublishedNotes } from "../../../views/notes/NotesSection";
import { ThemeNotes } from "../../../views/notes/ListPages";
import type { ProjectDoc } from "../projects/project.model";
import type { TaxonomyService } from "../taxonomy/taxonomy.service";
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
  let cache = new Map<string, { html: HtmlFragment; count: number; expires: number }>();
  // Which projects have published notes: read once, again after any change to notes here (or after
  // WITH_NOTES_MS, for changes made by another process), so a project without notes costs no query.
  let withNotes: { ids: Promise<Set<string>>; expires: number } | undefined;
  // A member's own waiting or rejected notes on a project, shown on every view of it: kept until any note
  // changes here (or SECTION_MS).
  let mineCache = new Map<string, { rows: Promise<NoteView[]>; expires: number }>();
  const clear = () => {
    cache = new Map();
    mineCache = new Map();
    withNotes = undefined;
  };
  function mineOf(project: ProjectDoc, userId: string): Promise<NoteView[]> {
    const key = `${userId}|${String(project._id)}`;
    const hit = mineCache.get(key);
    if (hit && hit.expires > Date.now()) return hit.rows;
    const entry = { rows: deps.queries.mineOf(project._id, userId), expires: Date.now() + SECTION_MS };
    const owner = mineCache;
    owner.delete(key);
    if (owner.size >= MAX_ENTRIES) owner.delete(owner.keys().next().value!);
    owner.set(key, entry);
    entry.rows.catch(() => {
      if (owner.get(key) === entry) owner.delete(key);
    });
    return entry.rows;
  }
  function projectsWithNotes(): Promise<Set<string>> {
    if (!withNotes || withNotes.expires < Date.now()) {
      const ids = deps.queries.projectsWithPublishedNotes().then((list) => new Set(list.map(String)));
      const entry = { ids, expires: Date.now() + WITH_NOTES_MS };
      withNotes = entry;
      ids.catch(() => {
        if (withNotes === entry) withNotes = undefined;
      });
    }
    return withNotes.ids;
  }
  deps.onChange(clear);
  deps.taxonomy.onChange(clear);

  async function published(project: ProjectDoc, lang: Lang) {
    const key = `${String(project._id)}|${lang}`;
    const hit = cache.get(key);
    if (hit && hit.expires > Date.now()) return hit;
    const current = cache;
    const hasNotes = (await projectsWithNotes()).has(String(project._id));
    // Most projects have no notes: their (identical) empty section is kept once per language.
    const emptyKey = `|${lang}`;
    if (!hasNotes) {
      const empty = cache.get(emptyKey);
      if (empty && empty.expires > Date.now()) return empty;
    }
    const [notes, vocab, tags] = await Promise.all([
      hasNotes ? deps.queries.publishedOf(project._id) : Promise.resolve([]),
      deps.taxonomy.vocabulary(),
      deps.taxonomy.tags(),
    ]);
    // Rendered by preact (escaped by default) with a context that has no user: nothing personal inside.
    const html = renderToString(
      <PageContext.Provider
        value={{
          lang,
          t: translator(lang),
          path: "",
          url: "",
          user: undefined,
          csrfToken: undefined,
          assetVersion: "",
          requestId: "",
        }}
      >
        <PublishedNotes notes={notes} labels={{ vocab, tags }} />
      </PageContext.Provider>,
    );
    const entry = { html: new HtmlFragment(html), count: notes.length, expires: Date.now() + SECTION_MS };
    // A change during the render cleared the cache: do not store what may already be stale.
    if (current === cache) {
      const storeAs = hasNotes ? key : emptyKey;
      cache.delete(storeAs);
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      cache.set(storeAs, entry);
    }
    return entry;
  }

  return async (project: ProjectDoc, user: PageUser | undefined, lang: Lang): Promise<VNode | null> => {
    if (project.deletedAt || (project.status !== "published" && project.status !== "archived")) return null;
    const moderator = hasRole(user?.role, "coordinator");
    const [list, mine, vocab, tags, pending] = await Promise.all([
      published(project, lang),
      user ? mineOf(project, user.id) : Promise.resolve([]),
      deps.taxonomy.vocabulary(),
      deps.taxonomy.tags(),
      moderator ? deps.queries.pendingCount(project._id) : Promise.resolve(0),
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
