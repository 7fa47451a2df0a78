// What search indexes: the sources that feed it (registered by the composition root, implemented by the
// modules that own the documents), and the registry the indexer, reindex and check read.
import type { Settings } from "meilisearch";
import type { SearchDocument } from "./documents";
import type { IndexedType } from "./outbox.model";
import type { Facet } from "./search.filters";
import type { SearchHit } from "./search.hits";
import type { SearchQuery, Viewer } from "./search.schemas";

/** One hit of a fallback, with what merging the hits of several types needs. */
export interface FallbackHit {
  hit: SearchHit;
  /** MongoDB's text score (0 without words to search). */
  score: number;
  /** The document's date (ms since the epoch; 0 for none), for the date order. */
  date: number;
}

/** One type's answer from MongoDB: a slice of its hits in the query's order, the total and facet counts. */
export interface FallbackResult {
  hits: FallbackHit[];
  total: number;
  /** Counts of the facets this type has, over every matching document: facet -> [value, count]. */
  facets: Partial<Record<Facet, [string, number][]>>;
}

/**
 * Answers searches from MongoDB while Meilisearch cannot (simpler ranking): the same filters and the same
 * visibility as the index (what the index would not hold, the fallback does not find either).
 */
export interface SearchFallback {
  /** Creates what the fallback needs (a text index), at start; harmless when it exists. */
  prepare(): Promise<void>;
  /**
   * The matching documents from `skip`, at most `limit`, in the query's order (its sort; for relevance the
   * text score, or newest first without words). A query this type cannot answer (a filter it lacks, a sort
   * it cannot apply) never reaches it.
   */
  search(query: SearchQuery, viewer: Viewer, slice: { skip: number; limit: number }): Promise<FallbackResult>;
}

export interface SearchSource {
  /** Outbox type, e.g. "project". */
  type: IndexedType;
  /** Index name without the deployment prefix, e.g. "projects". */
  indexName: string;
  /**
   * Changes whenever documents would come out differently for unchanged data (a new projection, an edited
   * thesaurus): the live index is then rebuilt.
   */
  projectionKey(): Promise<string>;
  /** Index settings; computed each time, since synonyms come from editable data. */
  settings(): Promise<Settings>;
  /** Current documents by id; an id missing from the map is deleted (gone or no longer indexed). */
  load(ids: string[]): Promise<Map<string, SearchDocument>>;
  /** Every indexable document, in batches, for rebuilds. */
  iterate(batchSize: number): AsyncIterable<SearchDocument[]>;
  /** Ids and versions of every indexable document, for the consistency check. */
  versions(): AsyncIterable<{ id: string; version: number }>;
  /** How many documents iterate() will yield (for progress bars). */
  count(): Promise<number>;
  /** How this type is searched while Meilisearch cannot answer (projects and notes have one). */
  fallback?: SearchFallback;
}

export class SourceRegistry {
  private readonly byType = new Map<string, SearchSource>();

  register(source: SearchSource): void {
    if (this.byType.has(source.type)) throw new Error(`search source ${source.type} registered twice`);
    this.byType.set(source.type, source);
  }

  get(type: string): SearchSource | undefined {
    return this.byType.get(type);
  }

  types(): string[] {
    return [...this.byType.keys()];
  }

  all(): SearchSource[] {
    return [...this.byType.values()];
  }
}

/** The Meilisearch uid of a source's live index. */
export function indexUid(prefix: string, source: Pick<SearchSource, "indexName">): string {
  return `${prefix}_${source.indexName}`;
}
