// While Meilisearch cannot answer: each type the query would have searched answers from MongoDB through its
// source's fallback, and the lists are merged as the federated search merges them.
import { normalizeQuery } from "./normalize";
import {
  TYPE_WEIGHTS,
  addCounts,
  facetCountsOf,
  type CountsByFacet,
  type SearchHit,
  type SearchResult,
} from "./search.hits";
import type { SearchQuery, Viewer } from "./search.schemas";
import type { FallbackHit, SearchFallback } from "./sources";

/**
 * Searches the fallbacks of the types Meilisearch would have been asked (chosen by the search service from
 * the query's type, filters and sort). With one type, MongoDB pages; with several, each gives its best
 * page × limit hits and the merged list is cut: by text score weighed as federated search weighs the types
 * when the query has words and sorts by relevance, newest first otherwise. Totals and facet counts add up.
 */
export async function searchFallbacks(
  query: SearchQuery,
  viewer: Viewer,
  fallbacks: { type: SearchHit["type"]; fallback: SearchFallback }[],
): Promise<SearchResult> {
  const skip = (query.page - 1) * query.limit;
  const merged = fallbacks.length > 1;
  const slice = merged ? { skip: 0, limit: skip + query.limit } : { skip, limit: query.limit };
  const answers = await Promise.all(
    fallbacks.map(async ({ type, fallback }) => ({ type, ...(await fallback.search(query, viewer, slice)) })),
  );
  const counts: CountsByFacet = new Map();
  let total = 0;
  let ranked: FallbackHit[] = [];
  for (const answer of answers) {
    total += answer.total;
    for (const [facet, values] of Object.entries(answer.facets)) {
      addCounts(counts, facet as keyof typeof answer.facets, values);
    }
    const weight = TYPE_WEIGHTS[answer.type];
    ranked.push(...answer.hits.map((h) => ({ ...h, score: h.score * weight })));
  }
  if (merged) {
    const byScore = query.sort === "relevance" && normalizeQuery(query.q) !== "";
    ranked.sort((a, b) => (byScore ? b.score - a.score : b.date - a.date));
    ranked = ranked.slice(skip, skip + query.limit);
  }
  return {
    query: query.q,
    total,
    page: query.page,
    limit: query.limit,
    pages: Math.ceil(total / query.limit),
    hits: ranked.map((r) => r.hit),
    facets: facetCountsOf(counts),
    engine: "mongodb",
  };
}
