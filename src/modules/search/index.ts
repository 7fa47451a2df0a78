// The search module's entry: what the modules that own indexed documents use (the outbox, the source
// contract, text helpers), and what the composition root and the app wire.
export { enqueueIndexing, enqueueIndexingMany } from "./outbox";
export type { IndexedType } from "./outbox.model";
export type {
  NoteSearchDocument,
  ProjectSearchDocument,
  RecommendationSearchDocument,
  ReportSearchDocument,
  SearchDocument,
} from "./documents";
export type { FallbackHit, FallbackResult, SearchFallback, SearchSource } from "./sources";
export type { SearchQuery, Viewer as SearchViewer } from "./search.schemas";
export { noteHit, projectHit, recommendationHit, reportHit, type SearchResult } from "./search.hits";
export { createMemoryFallback, wordsOf, type MemoryFallbackDeps } from "./memory-fallback";
export { REPORT_FACET_FIELDS, RECOMMENDATION_FACET_FIELDS } from "./search.filters";
export { normalizeQuery } from "./normalize";
export { expansions, loadThesaurus, synonymsOf } from "./thesaurus";
export { createSearchModule, type SearchModule } from "./search.module";
export { UsageError } from "./cli";
export { searchRouter } from "./search.routes";
export { searchAdminRouter } from "./search.admin.routes";
