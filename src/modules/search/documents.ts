// The documents search keeps: what each source writes, and what the search service and its hits read.

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
  /** The CUP as stored and normalised (typo tolerance is off on it). */
  cup: string[];
  /**
   * What people type for the vocabulary values the project carries: labels, synonyms, aliases and towns
   * of its tags, zones, provinces, target groups, working tables and programme (see project.document.ts).
   */
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
  /** Absent for a note on a working table alone (no project). */
  projectId?: string;
  projectSlug?: string;
  projectTitle?: string;
  /** What the note inherits from its project, so that filters on them narrow notes too. */
  zones: string[];
  provinces: string[];
  targetGroups: string[];
  /** The note's tags and its project's (the tag filter); `tags` are the note's own. */
  allTags: string[];
  date: number;
  visibility: "public";
  demo: boolean;
}
