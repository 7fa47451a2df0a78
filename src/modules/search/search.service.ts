// Search: validated query -> Meilisearch (or MongoDB when Meilisearch is unreachable) -> hits and facets.
import { Meilisearch, type MultiSearchQuery, type SearchResponse } from "meilisearch";
import { meiliApiError } from "../../infra/meili";
import type { Logger } from "../../infra/logger";
import type { Lang } from "../../web/i18n/define";
import { NOTE_KINDS, type TagIndex, type Vocabulary } from "../taxonomy/index";
import { PRE, POST } from "./highlight";
import { searchFallbacks } from "./fallback";
import { normalizeQuery } from "./normalize";
import {
  FACETS,
  NOTE_FACET_FIELDS,
  PROJECT_FACET_FIELDS,
  RECOMMENDATION_FACET_FIELDS,
  REPORT_FACET_FIELDS,
  appliesTo,
  checkKnown,
  filterClauses,
  type Facet,
  type FacetFields,
  type KnownValues,
} from "./search.filters";
import {
  addCounts,
  facetCountsOf,
  noteHit,
  projectHit,
  recommendationHit,
  reportHit,
  TYPE_WEIGHTS,
  type CountsByFacet,
  type SearchHit,
  type SearchResult,
} from "./search.hits";
import type { SearchQuery, SearchSort, SearchType, Viewer } from "./search.schemas";
import type {
  NoteSearchDocument,
  ProjectSearchDocument,
  RecommendationSearchDocument,
  ReportSearchDocument,
} from "./documents";
import type { SearchFallback } from "./sources";

export type { SearchHit, SearchResult, FacetCounts } from "./search.hits";

export interface SearchTaxonomy {
  vocabulary(): Promise<Vocabulary>;
  tags(): Promise<TagIndex>;
}

/** How one index is searched. */
interface Target {
  type: SearchType;
  indexUid: string;
  /** Searched when the query names no type (projects and notes: what most people come for). */
  byDefault: boolean;
  fields: FacetFields;
  sort: Partial<Record<SearchSort, string[]>>;
  params: Partial<MultiSearchQuery>;
  toHit(doc: Record<string, unknown>, formatted?: Record<string, unknown>): SearchHit;
}

/** How matches are marked and cropped in every result (the hits module reads these markers). */
export const HIGHLIGHT = { highlightPreTag: PRE, highlightPostTag: POST, cropMarker: "…" };

/** What a project result asks Meilisearch for: the fields shown, highlighted and cropped. */
export const PROJECT_RESULT_PARAMS = {
  attributesToRetrieve: [
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
  ],
  attributesToHighlight: ["title", "summary", "description", "outcomes"],
  attributesToCrop: ["summary:40", "description:40", "outcomes:40"],
} satisfies Partial<MultiSearchQuery>;

/** Meilisearch refusing a filter, facet or sort on an attribute its settings do not (yet) allow. */
const SETTINGS_LAG = new Set(["invalid_search_filter", "invalid_search_facets", "invalid_search_sort"]);

function isUnavailable(err: unknown): boolean {
  const api = meiliApiError(err);
  if (!api) return true;
  // The queries are built here, from the same lists as the index settings: an attribute refused as not
  // filterable or sortable means the settings lag behind (a start or a rebuild still applying them), and
  // MongoDB answers meanwhile rather than the reader getting an error page.
  if (SETTINGS_LAG.has(api.cause?.code ?? "")) return true;
  return (api.response?.status ?? 500) >= 500;
}

export function createSearchService(deps: {
  meili: Meilisearch;
  projectsIndex: string;
  notesIndex?: string;
  reportsIndex?: string;
  recommendationsIndex?: string;
  taxonomy: SearchTaxonomy;
  logger: Logger;
  /** Answers from MongoDB while Meilisearch cannot, by type (the sources' fallbacks). */
  fallbacks?: Partial<Record<string, SearchFallback>>;
  /** Creates missing indexes (with their settings): a fresh deployment, or a test that emptied Meilisearch. */
  ensureIndexes?: () => Promise<void>;
}) {
  // Searches must fail fast when Meilisearch is gone: the fallback answers instead.
  const client = new Meilisearch({ ...deps.meili.config, timeout: 2000 });
  const targets: Target[] = [
    {
      type: "project",
      indexUid: deps.projectsIndex,
      byDefault: true,
      fields: PROJECT_FACET_FIELDS,
      sort: { date: ["date:desc"], title: ["sortTitle:asc"], budget: ["budget:desc"] },
      params: PROJECT_RESULT_PARAMS,
      toHit: (d, f) => projectHit(d as unknown as ProjectSearchDocument, f),
    },
  ];
  if (deps.notesIndex) {
    targets.push({
      type: "note",
      indexUid: deps.notesIndex,
      byDefault: true,
      fields: NOTE_FACET_FIELDS,
      sort: { date: ["date:desc"] },
      params: {
        attributesToRetrieve: ["id", "title", "body", "kind", "theme", "tags", "projectSlug", "projectTitle"],
        attributesToHighlight: ["title", "body"],
        attributesToCrop: ["body:40"],
      },
      toHit: (d, f) => noteHit(d as unknown as NoteSearchDocument, f),
    });
  }
  if (deps.reportsIndex) {
    targets.push({
      type: "report",
      indexUid: deps.reportsIndex,
      byDefault: false,
      fields: REPORT_FACET_FIELDS,
      sort: { date: ["date:desc"] },
      params: {
        attributesToRetrieve: ["id", "slug", "title", "summary", "body", "themes", "zones"],
        attributesToHighlight: ["title", "summary", "body"],
        attributesToCrop: ["summary:40", "body:40"],
      },
      toHit: (d, f) => reportHit(d as unknown as ReportSearchDocument, f),
    });
  }
  if (deps.recommendationsIndex) {
    targets.push({
      type: "recommendation",
      indexUid: deps.recommendationsIndex,
      byDefault: false,
      fields: RECOMMENDATION_FACET_FIELDS,
      sort: { date: ["date:desc"], title: ["code:asc"] },
      params: {
        attributesToRetrieve: ["id", "code", "title", "text", "themes", "zones", "reportSlug", "reportTitle"],
        attributesToHighlight: ["title", "text"],
        attributesToCrop: ["text:40"],
      },
      toHit: (d, f) => recommendationHit(d as unknown as RecommendationSearchDocument, f),
    });
  }

  /** Whether a query asks for a target's type: the types it names, or the default ones. */
  const asked = (t: Target, query: SearchQuery) =>
    query.type.length === 0 ? t.byDefault : query.type.includes(t.type);

  async function knownValues(): Promise<KnownValues> {
    const [vocab, tags] = await Promise.all([deps.taxonomy.vocabulary(), deps.taxonomy.tags()]);
    return {
      theme: new Set(vocab.themes.map((t) => t.key)),
      zone: new Set(vocab.zones.map((t) => t.key)),
      target: new Set(vocab.targetGroups.map((t) => t.key)),
      tag: new Set(tags.all.filter((t) => t.status === "active").map((t) => t.slug)),
      kind: new Set(NOTE_KINDS),
    };
  }

  /** The indexes a query goes to: asked-for types, able to apply every filter and the sort. */
  function targetsFor(query: SearchQuery): Target[] {
    return targets.filter(
      (t) =>
        asked(t, query) &&
        appliesTo(query, t.fields) &&
        (query.sort === "relevance" || t.sort[query.sort] !== undefined),
    );
  }

  function baseQuery(t: Target, query: SearchQuery, publicOnly: boolean, except?: Facet): MultiSearchQuery {
    return {
      indexUid: t.indexUid,
      q: normalizeQuery(query.q),
      filter: filterClauses(query, { publicOnly, fields: t.fields, except }),
    };
  }

  /** Counts of the facets that are filtered on, as if each were not (disjunctive facets). */
  async function selectedFacetCounts(chosen: Target[], query: SearchQuery, publicOnly: boolean) {
    const queries: { facet: Facet; q: MultiSearchQuery }[] = [];
    for (const f of FACETS.filter((x) => query[x].length > 0)) {
      for (const t of targets) {
        const field = t.fields[f];
        if (!field || !asked(t, query)) continue;
        // The index must apply every other filter of the query.
        const others = { ...query, [f]: [] };
        if (
          !appliesTo(others, t.fields) ||
          !chosen.some((c) => c.type === t.type || appliesTo(others, c.fields))
        )
          continue;
        queries.push({ facet: f, q: { ...baseQuery(t, query, publicOnly, f), facets: [field], limit: 0 } });
      }
    }
    if (queries.length === 0) return [];
    const { results } = await client.multiSearch({ queries: queries.map((x) => x.q) });
    return queries.map((x, i) => ({ facet: x.facet, distribution: results[i]!.facetDistribution ?? {} }));
  }

  async function meiliSearch(query: SearchQuery, viewer: Viewer): Promise<SearchResult> {
    const publicOnly = !viewer.seesDrafts;
    const chosen = targetsFor(query);
    const counts: CountsByFacet = new Map();
    let hits: SearchHit[] = [];
    let total = 0;
    const unselected = (t: Target) => FACETS.filter((f) => query[f].length === 0 && t.fields[f]);
    // The counts of the selected facets need queries of their own: run them alongside the main one.
    const selectedCounts =
      chosen.length > 0 ? selectedFacetCounts(chosen, query, publicOnly) : Promise.resolve([]);
    selectedCounts.catch(() => undefined); // awaited below; avoids an unhandled rejection if the main query fails first
    if (chosen.length === 1) {
      const t = chosen[0]!;
      const [res] = (
        await client.multiSearch({
          queries: [
            {
              ...baseQuery(t, query, publicOnly),
              ...t.params,
              ...HIGHLIGHT,
              sort: t.sort[query.sort],
              facets: unselected(t).map((f) => t.fields[f]!),
              hitsPerPage: query.limit,
              page: query.page,
            },
          ],
        })
      ).results as unknown as SearchResponse[];
      total = res!.totalHits ?? 0;
      hits = res!.hits.map((h) => t.toHit(h, h._formatted as Record<string, unknown>));
      for (const f of unselected(t))
        addCounts(counts, f, Object.entries(res!.facetDistribution?.[t.fields[f]!] ?? {}));
    } else if (chosen.length > 1) {
      const res = (await client.multiSearch({
        federation: {
          limit: query.limit,
          offset: (query.page - 1) * query.limit,
          facetsByIndex: Object.fromEntries(
            chosen.map((t) => [t.indexUid, unselected(t).map((f) => t.fields[f]!)]),
          ),
        },
        queries: chosen.map((t) => ({
          ...baseQuery(t, query, publicOnly),
          ...t.params,
          ...HIGHLIGHT,
          sort: t.sort[query.sort],
          federationOptions: { weight: TYPE_WEIGHTS[t.type] },
        })),
      })) as unknown as SearchResponse & { estimatedTotalHits?: number };
      total = res.estimatedTotalHits ?? res.totalHits ?? 0;
      hits = res.hits.map((h) => {
        const t = chosen.find((c) => c.indexUid === h._federation?.indexUid) ?? chosen[0]!;
        return t.toHit(h, h._formatted);
      });
      for (const t of chosen) {
        const dist = res.facetsByIndex?.[t.indexUid]?.distribution ?? {};
        for (const f of unselected(t)) addCounts(counts, f, Object.entries(dist[t.fields[f]!] ?? {}));
      }
    }
    for (const { facet, distribution } of await selectedCounts) {
      for (const values of Object.values(distribution)) addCounts(counts, facet, Object.entries(values));
    }
    const facets = facetCountsOf(counts);
    return {
      query: query.q,
      total,
      page: query.page,
      limit: query.limit,
      pages: Math.ceil(total / query.limit),
      hits,
      facets,
      engine: "meilisearch",
    };
  }

  return {
    knownValues,
    /** Searches; throws a ValidationError (400) for unknown filter values. Never fails because Meilisearch is down. */
    async search(query: SearchQuery, viewer: Viewer): Promise<SearchResult> {
      checkKnown(query, await knownValues());
      try {
        try {
          return await meiliSearch(query, viewer);
        } catch (err) {
          if (
            !(
              meiliApiError(err) !== undefined &&
              /index_not_found|not found/i.test(
                JSON.stringify(meiliApiError(err)?.cause ?? (err as Error).message),
              )
            ) ||
            !deps.ensureIndexes
          )
            throw err;
          await deps.ensureIndexes();
          return await meiliSearch(query, viewer);
        }
      } catch (err) {
        if (!isUnavailable(err) || Object.keys(deps.fallbacks ?? {}).length === 0) throw err;
        deps.logger.warn(
          { err: (err as Error).message },
          "search: Meilisearch unavailable, answering from MongoDB",
        );
        // The types Meilisearch would have searched, with the same filters and visibility.
        const fallbacks = targetsFor(query).flatMap((t) => {
          const fallback = deps.fallbacks?.[t.type];
          return fallback ? [{ type: t.type, fallback }] : [];
        });
        return searchFallbacks(query, viewer, fallbacks);
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
                : facet === "kind"
                  ? NOTE_KINDS.map((k) => ({ value: k, label: k }))
                  : [];
      const needle = text.toLowerCase();
      return all
        .filter((v) => !needle || v.label.toLowerCase().includes(needle) || v.value.includes(needle))
        .slice(0, 50);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
