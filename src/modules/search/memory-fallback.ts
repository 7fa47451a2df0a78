// A MongoDB fallback for the small types (published reports, the register's items): they are hundreds at
// most, so while Meilisearch cannot answer their source reads every public document from MongoDB and the
// words and filters are matched here, with the same visibility as the index (what the source would index).
import stopWords from "../../seed/data/stopwords-it.json";
import { normalizeQuery } from "./normalize";
import { FACETS, type Facet, type FacetFields } from "./search.filters";
import type { SearchHit } from "./search.hits";
import type { SearchDocument } from "./documents";
import type { FallbackResult, SearchFallback } from "./sources";

const STOP = new Set(stopWords);

/** Lower-case words without accents or apostrophes ("Un'équipe" -> ["un", "equipe"]). */
export function wordsOf(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export interface MemoryFallbackDeps<D extends SearchDocument> {
  /** Every document the index would hold (public ones only). */
  documents(): Promise<D[]>;
  /** Query parameter -> field of the document, as in the index. */
  fields: FacetFields;
  /** The text searched: the title weighs more than the rest. */
  text(doc: D): { title: string; rest: string };
  toHit(doc: D): SearchHit;
  /** The document's date (ms since the epoch), for the date order and lists without words. */
  date(doc: D): number;
  /** What sort=title orders by, when the type allows it. */
  sortTitle?: (doc: D) => string;
}

function valuesOf(doc: SearchDocument, field: string): string[] {
  const v = doc[field];
  const list: unknown[] = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.filter((x) => typeof x === "string" || typeof x === "number").map(String);
}

/**
 * Every word of the query (stop words aside) must start a word of the document; the score counts where
 * they matched (title 5, the rest 1).
 */
function scoreOf(query: string[], title: string[], rest: string[]): number {
  let score = 0;
  for (const w of query) {
    const inTitle = title.some((t) => t.startsWith(w));
    const inRest = rest.some((t) => t.startsWith(w));
    if (!inTitle && !inRest) return 0;
    score += (inTitle ? 5 : 0) + (inRest ? 1 : 0);
  }
  return score;
}

export function createMemoryFallback<D extends SearchDocument>(deps: MemoryFallbackDeps<D>): SearchFallback {
  return {
    prepare: () => Promise.resolve(),
    async search(query, _viewer, slice): Promise<FallbackResult> {
      const words = wordsOf(normalizeQuery(query.q));
      const wanted = words.filter((w) => !STOP.has(w));
      // A query of stop words only matches as Meilisearch would: on every document.
      const terms = wanted.length > 0 ? wanted : [];
      const facets = FACETS.filter((f): f is Facet => deps.fields[f] !== undefined);
      const matched: { doc: D; score: number }[] = [];
      for (const doc of await deps.documents()) {
        const passes = facets.every((f) => {
          const chosen = query[f].map(String);
          return chosen.length === 0 || valuesOf(doc, deps.fields[f]!).some((v) => chosen.includes(v));
        });
        if (!passes) continue;
        if (terms.length === 0) {
          matched.push({ doc, score: 0 });
          continue;
        }
        const text = deps.text(doc);
        const score = scoreOf(terms, wordsOf(text.title), wordsOf(text.rest));
        if (score > 0) matched.push({ doc, score });
      }
      const sortTitle = query.sort === "title" ? deps.sortTitle : undefined;
      matched.sort((a, b) =>
        sortTitle
          ? sortTitle(a.doc).localeCompare(sortTitle(b.doc))
          : query.sort === "relevance" && terms.length > 0
            ? b.score - a.score || deps.date(b.doc) - deps.date(a.doc)
            : deps.date(b.doc) - deps.date(a.doc),
      );
      const counts: FallbackResult["facets"] = {};
      for (const f of facets) {
        const m = new Map<string, number>();
        for (const { doc } of matched) {
          for (const v of new Set(valuesOf(doc, deps.fields[f]!))) m.set(v, (m.get(v) ?? 0) + 1);
        }
        counts[f] = [...m.entries()];
      }
      return {
        hits: matched.slice(slice.skip, slice.skip + slice.limit).map(({ doc, score }) => ({
          hit: deps.toHit(doc),
          score,
          date: deps.date(doc),
        })),
        total: matched.length,
        facets: counts,
      };
    },
  };
}
