// What an import reports: counts, and the problems of each line (errors skip the row, warnings do not).

export interface ReportEntry {
  line: number;
  field: string;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: ReportEntry[];
  warnings: ReportEntry[];
  /** The projects created (the first CREATED_LISTED), for the page to link to. */
  createdProjects?: { slug: string; title: string }[];
}

/** How many created projects a report names (the counts cover them all). */
export const CREATED_LISTED = 500;
