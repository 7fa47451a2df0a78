// The search module's entry: what the modules that own indexed documents use (the outbox, the source
// contract, text helpers), and what the composition root and the app wire.
export { enqueueIndexing, enqueueIndexingMany } from "./outbox";
export type { IndexedType } from "./outbox.model";
export type { NoteSearchDocument, ProjectSearchDocument, SearchDocument } from "./documents";
export type { FallbackHit, FallbackResult, SearchFallback, SearchSource } from "./sources";
export type { SearchQuery, Viewer as SearchViewer } from "./search.schemas";
export { noteHit, projectHit, type SearchResult } from "./search.hits";
export { normalizeQuery } from "./normalize";
export { expansions, loadThesaurus, synonymsOf } from "./thesaurus";
export { createSearchModule, type SearchModule } from "./search.module";
export { UsageError } from "./cli";
export { searchRouter } from "./search.routes";
export { searchAdminRouter } from "./search.admin.routes";
