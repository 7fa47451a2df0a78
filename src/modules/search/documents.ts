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

/** A published synthesis report (the version the public reads) as search shows and filters it. */
export interface ReportSearchDocument extends SearchDocument {
  type: "report";
  slug: string;
  title: string;
  summary: string;
  /** The sections' headings and text, citations left out. */
  body: string;
  /** The report's working table, if it has one. */
  themes: string[];
  /** The zones of the projects of the notes it cites. */
  zones: string[];
  date: number;
  visibility: "public";
  demo: boolean;
}

/** An item of the recommendations register (of a published report) as search shows and filters it. */
export interface RecommendationSearchDocument extends SearchDocument {
  type: "recommendation";
  /** Its stable code, e.g. "R-T2-03". */
  code: string;
  title: string;
  text: string;
  themes: string[];
  /** The zones-distretto that have a status for it. */
  zones: string[];
  reportSlug: string;
  reportTitle: string;
  date: number;
  visibility: "public";
  demo: boolean;
}
