// Search results as the page and the API see them.
import { PRE, highlightToHtml, highlightToText } from "./highlight";
import type { Facet } from "./search.filters";
import type {
  NoteSearchDocument,
  ProjectSearchDocument,
  RecommendationSearchDocument,
  ReportSearchDocument,
} from "./documents";
import type { SearchType } from "./search.schemas";

export interface SearchHit {
  type: SearchType;
  id: string;
  /**
   * The project's slug (for a note: the project it belongs to; for a report: its own; for a
   * recommendation: its report's).
   */
  slug: string;
  title: string;
  /** Title with <mark> around matches: escaped HTML. */
  titleHtml: string;
  snippet: string;
  /** Snippet with <mark> around matches: escaped HTML. */
  snippetHtml: string;
  url: string;
  themes: string[];
  zones: string[];
  tags: string[];
  years: number[];
  status: string;
  /** Notes: kind and the project's title. */
  kind?: string;
  projectTitle?: string;
  /** Recommendations: the register's code and the report it comes from. */
  code?: string;
  reportTitle?: string;
  /** Title and snippet with the highlight markers, for views (never sent as JSON). */
  marked: { title: string; snippet: string };
}

export type FacetCounts = Record<Facet, { value: string; count: number }[]>;

export interface SearchResult {
  query: string;
  total: number;
  page: number;
  limit: number;
  pages: number;
  hits: SearchHit[];
  facets: FacetCounts;
  /** "meilisearch", or "mongodb" when Meilisearch could not answer. */
  engine: "meilisearch" | "mongodb";
}

/** How much each type weighs in a list of both (federated search, the MongoDB fallback's merge). */
export const TYPE_WEIGHTS: Record<SearchHit["type"], number> = {
  // Projects weigh a little more: they are what most people come for.
  project: 1.0,
  note: 0.9,
  // Reports and recommendations are searched as types of their own (never mixed in by default).
  report: 0.9,
  recommendation: 0.9,
};

export function emptyFacets(): FacetCounts {
  return { theme: [], tag: [], zone: [], target: [], year: [], kind: [] };
}

/** Facet counts being added up, from several indexes or queries. */
export type CountsByFacet = Map<Facet, Map<string, number>>;

export function addCounts(
  into: CountsByFacet,
  facet: Facet,
  counts: Iterable<readonly [string, number]>,
): void {
  const m = into.get(facet) ?? new Map<string, number>();
  for (const [value, n] of counts) m.set(value, (m.get(value) ?? 0) + n);
  into.set(facet, m);
}

/** The added-up counts as results show them: most frequent first, then by value. */
export function facetCountsOf(counts: CountsByFacet): FacetCounts {
  const facets = emptyFacets();
  for (const [f, m] of counts) {
    facets[f] = [...m.entries()]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return facets;
}

function pickSnippet(
  formatted: Record<string, unknown> | undefined,
  fields: string[],
  fallback: string,
): string {
  if (!formatted) return fallback;
  for (const field of fields) {
    const v = formatted[field];
    if (typeof v === "string" && v.includes(PRE)) return v;
  }
  for (const field of fields) {
    const v = formatted[field];
    if (typeof v === "string" && v) return v;
  }
  return fallback;
}

function texts(title: string, snippet: string) {
  return {
    title: highlightToText(title),
    titleHtml: highlightToHtml(title),
    snippet: highlightToText(snippet),
    snippetHtml: highlightToHtml(snippet),
    marked: { title, snippet },
  };
}

export function projectHit(doc: ProjectSearchDocument, formatted?: Record<string, unknown>): SearchHit {
  const title = typeof formatted?.title === "string" ? formatted.title : doc.title;
  const fallback = doc.summary || (doc.description ?? "").slice(0, 240);
  return {
    type: "project",
    id: doc.id,
    slug: doc.slug,
    ...texts(title, pickSnippet(formatted, ["summary", "description", "outcomes"], fallback)),
    url: `/projects/${encodeURIComponent(doc.slug)}`,
    themes: doc.themes ?? [],
    zones: doc.zones ?? [],
    tags: doc.tags ?? [],
    years: doc.years ?? [],
    status: doc.status,
  };
}

export function noteHit(doc: NoteSearchDocument, formatted?: Record<string, unknown>): SearchHit {
  const title = typeof formatted?.title === "string" ? formatted.title : doc.title;
  return {
    type: "note",
    id: doc.id,
    slug: doc.projectSlug ?? "",
    ...texts(title, pickSnippet(formatted, ["body"], (doc.body ?? "").slice(0, 240))),
    // A note on a working table alone has no project: its own page is its address.
    url: doc.projectSlug
      ? `/projects/${encodeURIComponent(doc.projectSlug)}#note-${doc.id}`
      : `/notes/${doc.id}`,
    themes: doc.theme ? [doc.theme] : [],
    zones: doc.zones ?? [],
    tags: doc.tags ?? [],
    years: [],
    status: "published",
    kind: doc.kind,
    projectTitle: doc.projectTitle,
  };
}

export function reportHit(doc: ReportSearchDocument, formatted?: Record<string, unknown>): SearchHit {
  const title = typeof formatted?.title === "string" ? formatted.title : doc.title;
  const fallback = doc.summary || (doc.body ?? "").slice(0, 240);
  return {
    type: "report",
    id: doc.id,
    slug: doc.slug,
    ...texts(title, pickSnippet(formatted, ["summary", "body"], fallback)),
    url: `/reports/${encodeURIComponent(doc.slug)}`,
    themes: doc.themes ?? [],
    zones: doc.zones ?? [],
    tags: [],
    years: [],
    status: "published",
  };
}

export function recommendationHit(
  doc: RecommendationSearchDocument,
  formatted?: Record<string, unknown>,
): SearchHit {
  const title = typeof formatted?.title === "string" ? formatted.title : doc.title;
  return {
    type: "recommendation",
    id: doc.id,
    slug: doc.reportSlug,
    ...texts(title, pickSnippet(formatted, ["text"], (doc.text ?? "").slice(0, 240))),
    url: `/recommendations/${encodeURIComponent(doc.code)}`,
    themes: doc.themes ?? [],
    zones: doc.zones ?? [],
    tags: [],
    years: [],
    status: "published",
    code: doc.code,
    reportTitle: doc.reportTitle,
  };
}
