// Reads of the catalogue: one project, the browse list with its counts, related projects, history.
// Lean queries with projections on indexed fields; counts come from one $facet aggregation over the
// filter's most selective index, cached, and served a little stale (never more than a refresh) after an edit.
import mongoose, { type QueryFilter } from "mongoose";
import { hasRole } from "../../web/auth-guards";
import type { Role } from "../accounts/index";
import type { TaxonomyService } from "../taxonomy/index";
import { LIST_FIELDS, ProjectModel, type ProjectDoc, type ProjectStatus } from "./project.model";
import { RevisionModel } from "./revision.model";
import type { Snapshot } from "./project.snapshot";
import { projectRefs } from "./project.refs";
import { createRelatedProjects } from "./related";
import { ExpiringMap } from "../../infra/expiring-map";
import { Doorkeeper } from "../../infra/doorkeeper";

/** A project as the pages read it: a lean document, plain data. */
export type { ProjectDoc };

export const SORTS = {
  start: { startDate: -1, _id: -1 },
  title: { sortTitle: 1, _id: 1 },
  updated: { updatedAt: -1, _id: -1 },
} as const;
export type SortName = keyof typeof SORTS;
export const PAGE_SIZE = 20;

export interface BrowseFilters {
  theme?: string;
  /** Tag id (resolved from its slug by the route). */
  tag?: string;
  zone?: string;
  target?: string;
  year?: number;
  /** Coordinators only; "all" means every status, "deleted" the soft-deleted projects. */
  status?: ProjectStatus | "all" | "deleted";
}

export interface Facets {
  total: number;
  themes: Map<string, number>;
  tags: Map<string, number>;
  zones: Map<string, number>;
  targetGroups: Map<string, number>;
  years: Map<number, number>;
  statuses: Map<string, number>;
}

export type ListedProject = Pick<
  ProjectDoc,
  | "_id"
  | "title"
  | "slug"
  | "summary"
  | "themes"
  | "zones"
  | "tags"
  | "startDate"
  | "endDate"
  | "status"
  | "demo"
  | "leadOrganisation"
>;

const FACET_CACHE_MS = 60_000;
const FACET_CACHE_MAX = 2000;
/** After an edit, how long a visitor waits for fresh counts before getting the previous ones. */
const STALE_WAIT_MS = 100;

interface FacetEntry {
  value: Promise<Facets>;
  expires: number;
  /** A change happened since `value` was computed. */
  stale: boolean;
  /** The one refresh running for this entry, with its start time. */
  refresh?: { value: Promise<Facets>; started: number };
}

type IndexSpec = Record<string, 1 | -1>;
const VISIBLE_BY_START = { status: 1, deletedAt: 1, startDate: -1, _id: -1 } as const;
const VISIBLE_BY_TITLE = { status: 1, deletedAt: 1, sortTitle: 1, _id: 1 } as const;
const VISIBLE_BY_UPDATE = { status: 1, deletedAt: 1, updatedAt: -1, _id: -1 } as const;

/** The index that narrows `filters` the most (tag, zone with year, zone, target group, year, theme). */
function selectiveIndex(filters: BrowseFilters): IndexSpec {
  if (filters.tag) return { tags: 1, ...VISIBLE_BY_START };
  if (filters.zone && filters.year) return { zones: 1, startYear: 1, ...VISIBLE_BY_START };
  if (filters.zone) return { zones: 1, ...VISIBLE_BY_START };
  if (filters.target) return { targetGroups: 1, ...VISIBLE_BY_START };
  if (filters.year) return { startYear: 1, ...VISIBLE_BY_START };
  if (filters.theme) return { themes: 1, ...VISIBLE_BY_START };
  return VISIBLE_BY_START;
}

const PROJECT_CACHE_MS = 30_000;
const PROJECT_CACHE_MAX = 1000;
/** Projects asked for once within about this many other project pages are not kept (see Doorkeeper). */
const PROJECT_ADMIT_WINDOW = 10_000;

export interface Viewer {
  role?: Role;
}

export function createProjectQueries(deps: { taxonomy: TaxonomyService }) {
  // Promises, so that concurrent requests for the same counts share one aggregation.
  const facetCache = new Map<string, FacetEntry>();
  const related = createRelatedProjects();
  const projectCache = new ExpiringMap<ProjectDoc>(PROJECT_CACHE_MS, PROJECT_CACHE_MAX);
  const projectDoorkeeper = new Doorkeeper(PROJECT_ADMIT_WINDOW);

  function matchOf(filters: BrowseFilters, viewer: Viewer): QueryFilter<ProjectDoc> {
    const curator = hasRole(viewer.role, "coordinator");
    const status = curator && filters.status ? filters.status : "published";
    const match: QueryFilter<ProjectDoc> = { deletedAt: status === "deleted" ? { $ne: null } : null };
    if (status === "all" || status === "deleted")
      match.status = { $in: ["draft", "in_review", "published", "archived"] };
    else match.status = status;
    if (filters.theme) match.themes = filters.theme;
    if (filters.tag) match.tags = new mongoose.Types.ObjectId(filters.tag);
    if (filters.zone) match.zones = filters.zone;
    if (filters.target) match.targetGroups = filters.target;
    if (filters.year) match.startYear = filters.year;
    return match;
  }

  /**
   * Cached counts. Once an entry is merely old, it is served while one refresh runs in the background.
   * After a change, visitors wait for the refresh at most STALE_WAIT_MS, then get the previous counts:
   * the full catalogue's counts take a second or more at 100,000 projects, and an edit must not make the
   * next visitors pay it (the list itself is always read fresh).
   */
  function facets(match: QueryFilter<ProjectDoc>, hint: IndexSpec): Promise<Facets> {
    const key = JSON.stringify(match);
    const hit = facetCache.get(key);
    const now = Date.now();
    if (hit && !hit.stale && hit.expires > now) return hit.value;
    if (hit) {
      if (!hit.refresh) {
        const refresh = { value: aggregateFacets(match, hint), started: now };
        hit.refresh = refresh;
        refresh.value.then(
          () => {
            if (facetCache.get(key) === hit && hit.refresh === refresh)
              facetCache.set(key, {
                value: refresh.value,
                expires: Date.now() + FACET_CACHE_MS,
                stale: false,
              });
          },
          () => {
            if (hit.refresh === refresh) hit.refresh = undefined;
          },
        );
      }
      const wait = hit.stale ? hit.refresh.started + STALE_WAIT_MS - now : 0;
      if (wait <= 0) return hit.value;
      const previous = hit.value;
      return Promise.race([
        hit.refresh.value.catch(() => previous),
        new Promise<Facets>((resolve) => setTimeout(() => resolve(previous), wait).unref()),
      ]);
    }
    const value = aggregateFacets(match, hint);
    if (facetCache.size >= FACET_CACHE_MAX) facetCache.delete(facetCache.keys().next().value!);
    facetCache.set(key, { value, expires: now + FACET_CACHE_MS, stale: false });
    void value.catch(() => facetCache.get(key)?.value === value && facetCache.delete(key));
    return value;
  }

  /** After a change: every cached count is stale (refreshed on its next use; a running refresh is dropped). */
  function markStale(): void {
    related.markStale();
    projectCache.clear();
    for (const entry of facetCache.values()) {
      entry.stale = true;
      entry.refresh = undefined;
    }
  }

  /** Counts per filter value of the projects matching `match`, in one aggregation. */
  async function aggregateFacets(match: QueryFilter<ProjectDoc>, hint: IndexSpec): Promise<Facets> {
    const count = (field: string) => [
      { $unwind: `$${field}` },
      { $group: { _id: `$${field}`, n: { $sum: 1 } } },
    ];
    const [raw] = await ProjectModel.aggregate<Record<string, { _id: unknown; n: number }[]>>(
      [
        { $match: match },
        { $project: { themes: 1, tags: 1, zones: 1, targetGroups: 1, startYear: 1, status: 1 } },
        {
          $facet: {
            total: [{ $count: "n" }],
            themes: count("themes"),
            tags: count("tags"),
            zones: count("zones"),
            targetGroups: count("targetGroups"),
            years: [
              { $match: { startYear: { $ne: null } } },
              { $group: { _id: "$startYear", n: { $sum: 1 } } },
            ],
            statuses: [{ $group: { _id: "$status", n: { $sum: 1 } } }],
          },
        },
      ],
      { hint },
    );
    const toMap = <K>(rows: { _id: unknown; n: number }[] | undefined, key: (v: unknown) => K) =>
      new Map((rows ?? []).map((r) => [key(r._id), r.n] as const));
    const value: Facets = {
      total: raw?.total?.[0]?.n ?? 0,
      themes: toMap(raw?.themes, String),
      tags: toMap(raw?.tags, String),
      zones: toMap(raw?.zones, String),
      targetGroups: toMap(raw?.targetGroups, String),
      years: toMap(raw?.years, Number),
      statuses: toMap(raw?.statuses, String),
    };
    return value;
  }

  /**
   * The index for a browse query: the sort's own index under one selective filter (tag, zone, target
   * group) or none; the most selective filter's index otherwise. Left to the planner, a query with several
   * filters sometimes walked the sort index across most of the catalogue.
   */
  function hintFor(filters: BrowseFilters, sort: SortName): IndexSpec {
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

  /** One page of projects matching the filters, with counts per filter value. */
  async function browse(filters: BrowseFilters, sort: SortName, page: number, viewer: Viewer) {
    const match = matchOf(filters, viewer);
    const [items, counts] = await Promise.all([
      ProjectModel.find(match, LIST_FIELDS)
        .sort(SORTS[sort])
        .hint(hintFor(filters, sort))
        .skip((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .lean<ListedProject[]>(),
      facets(match, selectiveIndex(filters)),
    ]);
    return { items, facets: counts, page, pages: Math.max(1, Math.ceil(counts.total / PAGE_SIZE)) };
  }

  /**
   * The published project at a slug as the public pages show it, kept in memory for a while (dropped by
   * any change to the catalogue; a change made by another process shows within PROJECT_CACHE_MS). The
   * object is shared: callers must not change it. Anything else (drafts, old slugs) as getBySlug.
   */
  async function pageProject(
    slug: string,
    viewer: Viewer,
  ): Promise<{ project: ProjectDoc } | { redirectTo: string } | null> {
    const hit = projectCache.get(slug);
    if (hit) return { project: hit };
    const epoch = projectCache.epoch;
    const found = await getBySlug(slug, viewer);
    const published = found && "project" in found && found.project.status === "published";
    if (published && !found.project.deletedAt && projectDoorkeeper.admit(slug))
      projectCache.setIfSince(epoch, slug, found.project);
    return found;
  }

  /**
   * The project at a slug for this viewer: drafts, archived and deleted projects only for coordinators;
   * an old slug gives the current one to redirect to.
   */
  async function getBySlug(
    slug: string,
    viewer: Viewer,
  ): Promise<{ project: ProjectDoc } | { redirectTo: string } | null> {
    // Straight from the driver: the same plain object as a lean query, without a Mongoose query built
    // and cast for every page (the slug is a string already).
    const project = (await ProjectModel.collection.findOne({ slug })) as ProjectDoc | null;
    if (!project) {
      const moved = await ProjectModel.findOne(
        { oldSlugs: slug },
        { slug: 1, status: 1, deletedAt: 1 },
      ).lean();
      if (!moved) return null;
      const visible =
        hasRole(viewer.role, "coordinator") || (moved.status === "published" && !moved.deletedAt);
      return visible ? { redirectTo: moved.slug } : null;
    }
    if (!hasRole(viewer.role, "coordinator") && (project.status !== "published" || project.deletedAt))
      return null;
    return { project };
  }

  async function getById(id: string): Promise<ProjectDoc | null> {
    if (!mongoose.isValidObjectId(id)) return null;
    return ProjectModel.findById(id).lean<ProjectDoc>();
  }

  async function revisions(projectId: mongoose.Types.ObjectId) {
    return RevisionModel.find({ projectId }, { version: 1, action: 1, by: 1, at: 1 })
      .sort({ version: -1 })
      .limit(500)
      .lean();
  }

  async function revision(projectId: mongoose.Types.ObjectId, version: number) {
    const r = await RevisionModel.findOne({ projectId, version }).lean();
    return r ? { ...r, snapshot: r.snapshot as Snapshot } : null;
  }

  /** Published projects per theme, tag or zone (home page, index pages): the unfiltered facets. */
  async function publishedCounts(): Promise<Facets> {
    return facets(matchOf({}, {}), VISIBLE_BY_START);
  }

  return {
    browse,
    getBySlug,
    pageProject,
    getById,
    /** Published projects sharing tags (weighing more) or zones with a project. */
    related: related.of,
    revisions,
    revision,
    publishedCounts,
    /** What other modules read of projects (notes, feeds). */
    ...projectRefs,
    /** After any change: cached counts are refreshed on their next use (briefly served stale meanwhile). */
    markStale,
    /** Forgets cached counts and projects, and which projects were asked for. */
    clearCache: () => {
      facetCache.clear();
      projectCache.clear();
      projectDoorkeeper.clear();
    },
    taxonomy: deps.taxonomy,
  };
}

export type ProjectQueries = ReturnType<typeof createProjectQueries>;
