// The search page's URL holds its whole state: these helpers build it.
import type { Facet } from "../../src/modules/search/search.filters";

export interface SearchState {
  q: string;
  theme: string[];
  tag: string[];
  zone: string[];
  target: string[];
  year: (string | number)[];
  kind: string[];
  /** The types searched (none: projects and notes). */
  type: string[];
  sort: string;
  page: number;
  /** Results per page; left out of URLs when it is the default (20). */
  limit?: number;
}

/** `/search?...` for a state; empty values and defaults are left out. */
export function searchUrl(state: SearchState, changes: Partial<SearchState> = {}): string {
  const s = { ...state, page: 1, ...changes };
  const params = new URLSearchParams();
  if (s.q) params.set("q", s.q);
  for (const facet of ["theme", "tag", "zone", "target", "year", "kind"] as const) {
    for (const v of s[facet]) params.append(facet, String(v));
  }
  for (const v of s.type) params.append("type", v);
  if (s.sort && s.sort !== "relevance") params.set("sort", s.sort);
  if (s.limit && s.limit !== 20) params.set("limit", String(s.limit));
  if (s.page > 1) params.set("page", String(s.page));
  const qs = params.toString();
  return qs ? `/search?${qs}` : "/search";
}

/** The URL without one value of one facet. */
export function withoutValue(state: SearchState, facet: Facet, value: string): string {
  return searchUrl(state, { [facet]: state[facet].map(String).filter((v) => v !== value) });
}
