// Search: validated query -> Meilisearch (or MongoDB when Meilisearch is unreachable) -> hits and facets.
import { Meilisearch, MeilisearchApiError, type MultiSearchQuery, type SearchResponse } from "meilisearch";
import type { Logger } from "../../infra/logger";
import type { Lang } from "../../web/i18n/define";
import type { TagIndex, Vocabulary } from "../taxonomy/taxonomy.types";
import { mongoSearch } from "./fallback";
import { PRE, POST, highlightToHtml, highlightToText } from "./highlight";
import { normalizeQuery } from "./normalize";
import type { ProjectSearchDocument } from "./project.source";
import {
  FACETS,
  FACET_FIELD,
  checkKnown,
  filterClauses,
  type Facet,
  type KnownValues,
} from "./search.filters";
import type { SearchQuery, SearchSort } from "./search.schemas";

export interface SearchHit {
  type: "project" | "note";
  id: string;
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

export interface Viewer {
  /** Coordinators and admins also find drafts and projects in review. */
  seesDrafts: boolean;
}

export interface SearchTaxonomy {
  vocabulary(): Promise<Vocabulary>;
  tags(): Promise<TagIndex>;
}

const SORT: Record<SearchSort, string[] | undefined> = {
  relevance: undefined,
  date: ["date:desc"],
  title: ["sortTitle:asc"],
  budget: ["budget:desc"],
};

const RETRIEVE = [
  "id",
  "slug",
  "title",
  "summary",
  "description",
  "outcomes",
  "themes",
  "zones",
  "tags",
  "years",
  "status",
];

export function emptyFacets(): FacetCounts {
  return { theme: [], tag: [], zone: [], target: [], year: [] };
}

function pickSnippet(formatted: Record<string, unknown>): string {
  for (const field of ["summary", "description", "outcomes"]) {
    const v = formatted[field];
    if (typeof v === "string" && v.includes(PRE)) return v;
  }
  const summary = formatted.summary;
  const description = formatted.description;
  return typeof summary === "string" && summary
    ? summary
    : typeof description === "string"
      ? description
      : "";
}

export function toHit(doc: ProjectSearchDocument, formatted?: Record<string, unknown>): SearchHit {
  const title = typeof formatted?.title === "string" ? formatted.title : doc.title;
  const snippet = formatted ? pickSnippet(formatted) : doc.summary || doc.description.slice(0, 240);
  return {
    type: "project",
    id: doc.id,
    slug: doc.slug,
    title: highlightToText(title),
    titleHtml: highlightToHtml(title),
    snippet: highlightToText(snippet),
    snippetHtml: highlightToHtml(snippet),
    url: `/projects/${encodeURIComponent(doc.slug)}`,
    themes: doc.themes ?? [],
    zones: doc.zones ?? [],
    tags: doc.tags ?? [],
    years: doc.years ?? [],
    status: doc.status,
    marked: { title, snippet },
  };
}

/** Whether an error means "Meilisearch is not answering" (rather than "the request was wrong"). */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof MeilisearchApiError) return (err.response?.status ?? 500) >= 500;
  return true;
}

export function createSearchService(deps: {
  meili: Meilisearch;
  projectsIndex: string;
  taxonomy: SearchTaxonomy;
  logger: Logger;
}) {
  // Searches must fail fast when Meilisearch is gone: the fallback answers instead.
  const client = new Meilisearch({ ...deps.meili.config, timeout: 2000 });

  async function knownValues(): Promise<KnownValues> {
    const [vocab, tags] = await Promise.all([deps.taxonomy.vocabulary(), deps.taxonomy.tags()]);
    return {
      theme: new Set(vocab.themes.map((t) => t.key)),
      zone: new Set(vocab.zones.map((t) => t.key)),
      target: new Set(vocab.targetGroups.map((t) => t.key)),
      tag: new Set(tags.all.filter((t) => t.status === "active").map((t) => t.slug)),
    };
  }

  async function meiliSearch(query: SearchQuery, viewer: Viewer): Promise<SearchResult> {
    const publicOnly = !viewer.seesDrafts;
    const q = normalizeQuery(query.q);
    const main: MultiSearchQuery = {
      indexUid: deps.projectsIndex,
      q,
      filter: filterClauses(query, { publicOnly }),
      facets: FACETS.filter((f) => query[f].length === 0).map((f) => FACET_FIELD[f]),
      sort: SORT[query.sort],
      hitsPerPage: query.limit,
      page: query.page,
      attributesToRetrieve: RETRIEVE,
      attributesToHighlight: ["title", "summary", "description", "outcomes"],
      attributesToCrop: ["summary:40", "description:40", "outcomes:40"],
      cropMarker: "…",
      highlightPreTag: PRE,
      highlightPostTag: POST,
    };
    // Disjunctive facets: a selected facet counts its values as if it were not selected.
    const selected = FACETS.filter((f) => query[f].length > 0);
    const facetQueries: MultiSearchQuery[] = selected.map((f) => ({
      indexUid: deps.projectsIndex,
      q,
      filter: filterClauses(query, { publicOnly, except: f }),
      facets: [FACET_FIELD[f]],
      hitsPerPage: 0,
      page: 1,
    }));
    const { results } = await client.multiSearch({ queries: [main, ...facetQueries] });
    const [first, ...others] = results as unknown as SearchResponse<ProjectSearchDocument>[];
    const distribution = { ...first!.facetDistribution };
    for (const r of others) Object.assign(distribution, r.facetDistribution);
    const facets = emptyFacets();
    for (const f of FACETS) {
      const counts = distribution[FACET_FIELD[f]] ?? {};
      facets[f] = Object.entries(counts)
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    const total = first!.totalHits ?? 0;
    return {
      query: query.q,
      total,
      page: query.page,
      limit: query.limit,
      pages: Math.ceil(total / query.limit),
      hits: first!.hits.map((h) => toHit(h, h._formatted as Record<string, unknown>)),
      facets,
      engine: "meilisearch",
    };
  }

  return {
    knownValues,
    /** Searches; throws a ValidationError (400) for unknown filter values. Never fails because Meilisearch is down. */
    async search(query: SearchQuery, viewer: Viewer): Promise<SearchResult> {
      const known = await knownValues();
      checkKnown(query, known);
      if (query.type.length > 0 && !query.type.includes("project")) {
        // Notes join the index with the notes issue; until then, a note search finds nothing.
        return {
          query: query.q,
          total: 0,
          page: query.page,
          limit: query.limit,
          pages: 0,
          hits: [],
          facets: emptyFacets(),
          engine: "meilisearch",
        };
      }
      try {
        return await meiliSearch(query, viewer);
      } catch (err) {
        if (!isUnavailable(err)) throw err;
        deps.logger.warn(
          { err: (err as Error).message },
          "search: Meilisearch unavailable, answering from MongoDB",
        );
        return mongoSearch(query, viewer, await deps.taxonomy.tags());
      }
    },
    /** Values of one facet whose label or key contains the text (the facet search box). */
    async facetValues(facet: Facet, text: string, lang: Lang): Promise<{ value: string; label: string }[]> {
      const [vocab, tags] = await Promise.all([deps.taxonomy.vocabulary(), deps.taxonomy.tags()]);
      const label = (t: { label_it: string; label_en: string }) =>
        lang === "en" && t.label_en ? t.label_en : t.label_it;
      const all: { value: string; label: string }[] =
        facet === "tag"
          ? tags.all.filter((t) => t.status === "active").map((t) => ({ value: t.slug, label: label(t) }))
          : facet === "theme"
            ? vocab.themes.map((t) => ({ value: t.key, label: label(t) }))
            : facet === "zone"
              ? vocab.zones.map((t) => ({ value: t.key, label: label(t) }))
              : facet === "target"
                ? vocab.targetGroups.map((t) => ({ value: t.key, label: label(t) }))
                : [];
      const needle = text.toLowerCase();
      return all
        .filter((v) => !needle || v.label.toLowerCase().includes(needle) || v.value.includes(needle))
        .slice(0, 50);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
