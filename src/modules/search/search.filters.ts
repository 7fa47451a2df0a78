// Filters from validated vocabulary values only; every value is quoted and escaped all the same.
import { ValidationError, type ErrorDetail } from "../../web/errors";
import type { SearchQuery } from "./search.schemas";

export const FACETS = ["theme", "tag", "zone", "target", "year"] as const;
export type Facet = (typeof FACETS)[number];

/** Query parameter -> field of the project index. */
export const FACET_FIELD: Record<Facet, string> = {
  theme: "themes",
  tag: "tags",
  zone: "zones",
  target: "targetGroups",
  year: "years",
};

export interface KnownValues {
  theme: Set<string>;
  tag: Set<string>;
  zone: Set<string>;
  target: Set<string>;
}

/** A Meilisearch string literal: double-quoted, backslashes and quotes escaped. */
export function quote(value: string | number): string {
  if (typeof value === "number") return String(value);
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Throws a 400 listing the valid values when a filter names something the vocabulary does not know. */
export function checkKnown(query: SearchQuery, known: KnownValues): void {
  const details: ErrorDetail[] = [];
  for (const facet of ["theme", "tag", "zone", "target"] as const) {
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
  options: { publicOnly: boolean; except?: Facet },
): string[][] {
  const clauses: string[][] = [];
  if (options.publicOnly) clauses.push([`visibility = ${quote("public")}`]);
  for (const facet of FACETS) {
    if (facet === options.except) continue;
    const values: (string | number)[] = query[facet];
    if (values.length > 0) clauses.push(values.map((v) => `${FACET_FIELD[facet]} = ${quote(v)}`));
  }
  return clauses;
}

export function hasFilters(query: SearchQuery): boolean {
  return FACETS.some((f) => query[f].length > 0);
}
