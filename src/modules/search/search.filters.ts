// Filters from validated vocabulary values only; every value is quoted and escaped all the same.
import { ValidationError, type ErrorDetail } from "../../web/errors";
import type { SearchQuery } from "./search.schemas";

export const FACETS = ["theme", "tag", "zone", "target", "year", "kind"] as const;
export type Facet = (typeof FACETS)[number];

/** Query parameter -> field of an index; a facet an index lacks is absent. */
export type FacetFields = Partial<Record<Facet, string>>;

export const PROJECT_FACET_FIELDS: FacetFields = {
  theme: "themes",
  tag: "tags",
  zone: "zones",
  target: "targetGroups",
  year: "years",
};

/** Notes carry their project's zones, target groups and tags: those filters narrow notes too. */
export const NOTE_FACET_FIELDS: FacetFields = {
  theme: "theme",
  tag: "allTags",
  zone: "zones",
  target: "targetGroups",
  kind: "kind",
};

/** Reports and register items are filtered by their working table and zones-distretto. */
export const REPORT_FACET_FIELDS: FacetFields = { theme: "themes", zone: "zones" };
export const RECOMMENDATION_FACET_FIELDS: FacetFields = { theme: "themes", zone: "zones" };

/** Whether an index can answer a query: every facet the query filters on must exist there. */
export function appliesTo(query: SearchQuery, fields: FacetFields): boolean {
  return FACETS.every((f) => query[f].length === 0 || fields[f] !== undefined);
}

export interface KnownValues {
  theme: Set<string>;
  tag: Set<string>;
  zone: Set<string>;
  target: Set<string>;
  kind: Set<string>;
}

/** A Meilisearch string literal: double-quoted, backslashes and quotes escaped. */
export function quote(value: string | number): string {
  if (typeof value === "number") return String(value);
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Throws a 400 listing the valid values when a filter names something the vocabulary does not know. */
export function checkKnown(query: SearchQuery, known: KnownValues): void {
  const details: ErrorDetail[] = [];
  for (const facet of ["theme", "tag", "zone", "target", "kind"] as const) {
    const unknown = query[facet].filter((v) => !known[facet].has(v));
    if (unknown.length > 0) {
      const valid = [...known[facet]].sort();
      details.push({
        field: facet,
        message: `Unknown ${facet} ${unknown.map((u) => `"${u}"`).join(", ")}. Valid values: ${valid.join(", ")}`,
      });
    }
  }
  if (details.length > 0) throw new ValidationError("Unknown filter values", details);
}

/** The filter clauses of a query, optionally leaving one facet out (for disjunctive facet counts). */
export function filterClauses(
  query: SearchQuery,
  options: { publicOnly: boolean; fields: FacetFields; except?: Facet },
): string[][] {
  const clauses: string[][] = [];
  if (options.publicOnly) clauses.push([`visibility = ${quote("public")}`]);
  for (const facet of FACETS) {
    const field = options.fields[facet];
    if (facet === options.except || !field) continue;
    const values: (string | number)[] = query[facet];
    if (values.length > 0) clauses.push(values.map((v) => `${field} = ${quote(v)}`));
  }
  return clauses;
}

export function hasFilters(query: SearchQuery): boolean {
  return FACETS.some((f) => query[f].length > 0);
}
