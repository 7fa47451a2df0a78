// Citations in a report's Markdown: `[@nota:<id>]` cites a note, `[@progetto:<slug>]` a project (English
// aliases `[@note:...]` and `[@project:...]` work too). They are plain text, so a keyboard and a bare
// textarea are enough; the editor's picker only inserts them. Each cited source gets a number in order of
// first appearance; pages and exports show `[n]` linked to the source and a reference list. A source that
// was withdrawn later (a note rejected or deleted, a project unpublished) stays numbered and reads
// "source withdrawn", with no link: never a broken one.
import type { ReportSnapshot } from "./report.model";

export type CitationKind = "note" | "project";

export interface Citation {
  kind: CitationKind;
  /** A note's id or a project's slug, as written. */
  ref: string;
}

/** One entry of a report's reference list. */
export interface Reference extends Citation {
  n: number;
  /** The source's title; empty when it is withdrawn. */
  title: string;
  /** Site path of the source (`/notes/:id`, `/projects/:slug`); null when it is withdrawn. */
  href: string | null;
  withdrawn: boolean;
}

const CITATION = /\[@(nota|note|progetto|project):([A-Za-z0-9-]{1,120})\]/g;

const kindOf = (word: string): CitationKind => (word === "nota" || word === "note" ? "note" : "project");
export const keyOf = (c: Citation) => `${c.kind}:${c.ref}`;

/** The distinct citations of some Markdown texts, in order of first appearance. */
export function citationsOf(texts: string[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const text of texts) {
    for (const m of text.matchAll(CITATION)) {
      const c: Citation = { kind: kindOf(m[1]!), ref: m[2]! };
      if (!seen.has(keyOf(c))) seen.set(keyOf(c), c);
    }
  }
  return [...seen.values()];
}

/** Every Markdown text of a report, in reading order (numbering follows it). */
export const textsOf = (s: ReportSnapshot) => [s.summary, ...s.sections.flatMap((x) => [x.heading, x.body])];

/** The sources citations point to, as the reference list needs them. */
export interface CitationSources {
  /** Existing notes by id: title and whether the public may read them. */
  notes(ids: string[]): Promise<Map<string, { title: string; visible: boolean }>>;
  /** Existing projects by slug (current slug after a rename), whether the public may read them. */
  projects(slugs: string[]): Promise<Map<string, { slug: string; title: string; visible: boolean }>>;
}

/** Numbers and resolves citations against their sources, as they are now. */
export async function resolveCitations(
  citations: Citation[],
  sources: CitationSources,
): Promise<Reference[]> {
  const noteIds = citations.filter((c) => c.kind === "note").map((c) => c.ref);
  const slugs = citations.filter((c) => c.kind === "project").map((c) => c.ref);
  const [notes, projects] = await Promise.all([
    noteIds.length > 0 ? sources.notes(noteIds) : new Map<string, { title: string; visible: boolean }>(),
    slugs.length > 0
      ? sources.projects(slugs)
      : new Map<string, { slug: string; title: string; visible: boolean }>(),
  ]);
  return citations.map((c, i) => {
    if (c.kind === "note") {
      const note = notes.get(c.ref);
      const ok = !!note?.visible;
      return {
        ...c,
        n: i + 1,
        title: ok ? note.title : "",
        href: ok ? `/notes/${c.ref}` : null,
        withdrawn: !ok,
      };
    }
    const project = projects.get(c.ref);
    const ok = !!project?.visible;
    return {
      ...c,
      n: i + 1,
      title: ok ? project.title : "",
      href: ok ? `/projects/${project.slug}` : null,
      withdrawn: !ok,
    };
  });
}

/** The citations a save must refuse: sources that do not exist or that the public may not read. */
export async function unusableCitations(
  citations: Citation[],
  sources: CitationSources,
): Promise<Citation[]> {
  const refs = await resolveCitations(citations, sources);
  return refs.filter((r) => r.withdrawn).map(({ kind, ref }) => ({ kind, ref }));
}

/**
 * Replaces each citation in Markdown by its number, as a Markdown link to `hrefOf(reference)` or, when
 * that is null (a withdrawn source), as plain bracketed text.
 */
export function substituteCitations(
  markdown: string,
  refs: Map<string, Reference>,
  hrefOf: (r: Reference) => string | null,
): string {
  return markdown.replace(CITATION, (whole, word: string, ref: string) => {
    const r = refs.get(keyOf({ kind: kindOf(word), ref }));
    if (!r) return whole;
    const href = hrefOf(r);
    return href ? `[\\[${r.n}\\]](${href})` : `\\[${r.n}\\]`;
  });
}

/** The reference list by citation key. */
export const byKey = (refs: Reference[]) => new Map(refs.map((r) => [keyOf(r), r]));

/** Removes the citations from a text (for plain-text summaries). */
export const withoutCitations = (text: string) => text.replace(CITATION, "").replace(/[ \t]{2,}/g, " ");
