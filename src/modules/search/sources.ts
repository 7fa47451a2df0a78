// What search indexes: the sources that feed it (registered by the composition root, implemented by the
// modules that own the documents), the documents they write, and the registry the indexer, reindex and
// check read.
import type { Settings } from "meilisearch";
import type { IndexedType } from "./outbox.model";
import type { SearchResult } from "./search.hits";
import type { SearchQuery, Viewer } from "./search.schemas";

/** A document as stored in Meilisearch: `id` is the primary key, `version` the source's version. */
export interface SearchDocument {
  id: string;
  version: number;
  [field: string]: unknown;
}

/** A project as search shows and filters it (the fields the search service and its hits read). */
export interface ProjectSearchDocument extends SearchDocument {
  type: "project";
  slug: string;
  title: string;
  sortTitle: string;
  tagText: string[];
  summary: string;
  organisations: string[];
  description: string;
  outcomes: string;
  themes: string[];
  tags: string[];
  zones: string[];
  provinces: string[];
  targetGroups: string[];
  /** Every calendar year the project ran (start to end). */
  years: number[];
  startYear: number | null;
  endYear: number | null;
  date: number | null;
  budget: number | null;
  status: string;
  /** "public" for published projects, "internal" for what only coordinators may find. */
  visibility: "public" | "internal";
  demo: boolean;
}

/** A published note as search shows and filters it. */
export interface NoteSearchDocument extends SearchDocument {
  type: "note";
  title: string;
  body: string;
  kind: string;
  theme: string;
  question: string | null;
  tags: string[];
  tagText: string[];
  author: string;
  projectId: string;
  projectSlug: string;
  projectTitle: string;
  date: number;
  visibility: "public";
  demo: boolean;
}

/** Answers searches from MongoDB while Meilisearch cannot (simpler ranking, same filters). */
export interface SearchFallback {
  /** Creates what the fallback needs (a text index), at start; harmless when it exists. */
  prepare(): Promise<void>;
  search(query: SearchQuery, viewer: Viewer): Promise<SearchResult>;
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
  /** The catalogue's projects have one; notes come back with Meilisearch. */
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
