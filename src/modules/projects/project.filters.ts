// The catalogue's one way of asking for projects: filters from a query string (only known vocabulary values),
// the MongoDB match they give for a viewer, the sorts, and the index that serves each combination. Browse,
// theme, zone and tag pages, the API, the feeds (and later the digest) all read through these.
import mongoose, { type QueryFilter } from "mongoose";
import { hasRole } from "../../web/auth-guards";
import { ValidationError } from "../../web/errors";
import type { Role } from "../accounts/index";
import type { TaxonomyService } from "../taxonomy/index";
import { PROJECT_STATUSES, type ProjectDoc, type ProjectStatus } from "./project.model";
import type { BrowseQueryInput } from "./project.schemas";
import { LISTED_FIELDS, type SortName } from "./project.view";

export const SORTS = {
  start: { startDate: -1, _id: -1 },
  title: { sortTitle: 1, _id: 1 },
  updated: { updatedAt: -1, _id: -1 },
} as const satisfies Record<SortName, Record<string, 1 | -1>>;

/** What a list reads of each project (ListedProject). */
export const LIST_PROJECTION: Record<string, 1> = Object.fromEntries(
  [...LISTED_FIELDS, "slug", "status", "demo"].map((f) => [f, 1]),
);

export interface BrowseFilters {
  theme?: string;
  /** Tag id (resolved from its slug). */
  tag?: string;
  zone?: string;
  target?: string;
  year?: number;
  /** Coordinators only; "all" means every status, "deleted" the soft-deleted projects. */
  status?: ProjectStatus | "all" | "deleted";
}

export interface Viewer {
  role?: Role;
}

/** Turns validated query values into filters, refusing values that are not in the vocabularies. */
export async function filtersOf(
  q: Omit<BrowseQueryInput, "page" | "sort">,
  taxonomy: Pick<TaxonomyService, "vocabulary" | "resolveTagSlugs">,
): Promise<BrowseFilters> {
  const vocab = await taxonomy.vocabulary();
  const bad: string[] = [];
  if (q.theme && !vocab.get("theme", q.theme)) bad.push("theme");
  if (q.zone && !vocab.get("zone", q.zone)) bad.push("zone");
  if (q.target && !vocab.get("targetGroup", q.target)) bad.push("target");
  let tag: string | undefined;
  if (q.tag) {
    const { ids } = await taxonomy.resolveTagSlugs([q.tag]);
    tag = ids[0];
    if (!tag) bad.push("tag");
  }
  if (bad.length > 0) {
    throw new ValidationError(
      `Unknown filter value for ${bad.join(", ")}`,
      bad.map((field) => ({ field, message: "unknown value" })),
    );
  }
  return {
    theme: q.theme,
    tag,
    zone: q.zone,
    target: q.target,
    year: q.year ? Number(q.year) : undefined,
    status: q.status,
  };
}

/** The projects matching `filters` that `viewer` may list: published ones, or any status for coordinators. */
export function matchOf(filters: BrowseFilters, viewer: Viewer): QueryFilter<ProjectDoc> {
  const curator = hasRole(viewer.role, "coordinator");
  const status = curator && filters.status ? filters.status : "published";
  const match: QueryFilter<ProjectDoc> = { deletedAt: status === "deleted" ? { $ne: null } : null };
  if (status === "all" || status === "deleted") match.status = { $in: [...PROJECT_STATUSES] };
  else match.status = status;
  if (filters.theme) match.themes = filters.theme;
  if (filters.tag) match.tags = new mongoose.Types.ObjectId(filters.tag);
  if (filters.zone) match.zones = filters.zone;
  if (filters.target) match.targetGroups = filters.target;
  if (filters.year) match.startYear = filters.year;
  return match;
}

export type IndexSpec = Record<string, 1 | -1>;
export const VISIBLE_BY_START = { status: 1, deletedAt: 1, startDate: -1, _id: -1 } as const;
const VISIBLE_BY_TITLE = { status: 1, deletedAt: 1, sortTitle: 1, _id: 1 } as const;
const VISIBLE_BY_UPDATE = { status: 1, deletedAt: 1, updatedAt: -1, _id: -1 } as const;

/** The index that narrows `filters` the most (tag, zone with year, zone, target group, year, theme). */
export function selectiveIndex(filters: BrowseFilters): IndexSpec {
  if (filters.tag) return { tags: 1, ...VISIBLE_BY_START };
  if (filters.zone && filters.year) return { zones: 1, startYear: 1, ...VISIBLE_BY_START };
  if (filters.zone) return { zones: 1, ...VISIBLE_BY_START };
  if (filters.target) return { targetGroups: 1, ...VISIBLE_BY_START };
  if (filters.year) return { startYear: 1, ...VISIBLE_BY_START };
  if (filters.theme) return { themes: 1, ...VISIBLE_BY_START };
  return VISIBLE_BY_START;
}

/**
 * The index for a list query: the sort's own index under one selective filter (tag, zone, target
 * group) or none; the most selective filter's index otherwise. Left to the planner, a query with several
 * filters sometimes walked the sort index across most of the catalogue.
 */
export function hintFor(filters: BrowseFilters, sort: SortName): IndexSpec {
  const count = [filters.tag, filters.zone, filters.target, filters.theme, filters.year].filter(
    Boolean,
  ).length;
  if (sort === "title" && count === 1) {
    if (filters.tag) return { tags: 1, ...VISIBLE_BY_TITLE };
    if (filters.zone) return { zones: 1, ...VISIBLE_BY_TITLE };
    if (filters.target) return { targetGroups: 1, ...VISIBLE_BY_TITLE };
  }
  // Sorted by title or update with no filter or one broad one (theme, year): walking the sort index
  // finds a page quickly; with more filters, sorting the few matches of the selective index is cheaper.
  if (sort === "title" && count < 2) return VISIBLE_BY_TITLE;
  if (sort === "updated" && count < 2) return VISIBLE_BY_UPDATE;
  if (!filters.tag && !filters.zone && !filters.target) {
    if (sort === "title") return VISIBLE_BY_TITLE;
    if (sort === "updated") return VISIBLE_BY_UPDATE;
  }
  return selectiveIndex(filters);
}
