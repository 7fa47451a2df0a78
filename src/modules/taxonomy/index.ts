// The taxonomy module's entry: the vocabularies and tags other modules read, label and resolve, and the
// service and router the composition root and the app wire.
export { createTaxonomyService, type TaxonomyService } from "./taxonomy.service";
export {
  NOTE_KINDS,
  labelOf,
  type NoteKind,
  type TagChangeHook,
  type TagIndex,
  type TagMergeHook,
  type TagView,
  type Term,
  type Vocabulary,
  type VocabularyKind,
} from "./taxonomy.types";
export { isSlug, slugify } from "./slug";
export { taxonomyRouter } from "./taxonomy.routes";
