// The taxonomy module's entry: the vocabularies and tags other modules read, label and resolve.
export type { TaxonomyService } from "./taxonomy.service";
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
} from "./taxonomy.types";
export { isSlug, slugify } from "./slug";
