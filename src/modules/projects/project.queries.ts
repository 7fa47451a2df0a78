// Reads of the catalogue: lists (browse, term pages, API, feeds) with their counts, one project, related
// projects, history. Lean queries with projections on indexed fields, all through the filters of
// project.filters.ts; counts come from project.facets.ts.
import mongoose from "mongoose";
import { hasRole } from "../../web/auth-guards";
import type { TaxonomyService } from "../taxonomy/index";
import { ProjectModel } from "./project.model";
import { RevisionModel } from "./revision.model";
import type { Snapshot } from "./project.snapshot";
import { projectRefs } from "./project.refs";
import { createRelatedProjects } from "./related";
import { ExpiringMap, remembered } from "../../infra/expiring-map";
import { Doorkeeper } from "../../infra/doorkeeper";
import { createFacetCounts } from "./project.facets";
import {
  filtersOf,
  hintFor,
  LIST_PROJECTION,
  matchOf,
  selectiveIndex,
  SORTS,
  VISIBLE_BY_START,
  type BrowseFilters,
  type Viewer,
} from "./project.filters";
import {
  listedViewOf,
  projectViewOf,
  type Facets,
  type ListedProject,
  type ProjectView,
  type SortName,
  type StoredProject,
} from "./project.view";
import type { BrowseQueryInput } from "./project.schemas";

export type { BrowseFilters, Facets, ListedProject, ProjectView, SortName, Viewer };

export const PAGE_SIZE = 20;

const PROJECT_CACHE_MS = 30_000;
const PROJECT_CACHE_MAX = 1000;
/** Projects asked for once within about this many other project pages are not kept (see Doorkeeper). */
const PROJECT_ADMIT_WINDOW = 10_000;
/**
 * An API list's total is kept this long at most (the answers' max-age): counting 100,000 published
 * projects on every page of the list would cost more than the page itself.
 */
const TOTAL_CACHE_MS = 30_000;
const TOTAL_CACHE_MAX = 1000;

export function createProjectQueries(deps: { taxonomy: TaxonomyService }) {
  const counts = createFacetCounts();
  const totals = new ExpiringMap<Promise<number>>(TOTAL_CACHE_MS, TOTAL_CACHE_MAX);
  const related = createRelatedProjects();
  const projectCache = new ExpiringMap<ProjectView>(PROJECT_CACHE_MS, PROJECT_CACHE_MAX);
  const projectDoorkeeper = new Doorkeeper(PROJECT_ADMIT_WINDOW);

  /** One page of projects matching the filters, with counts per filter value. */
  async function browse(filters: BrowseFilters, sort: SortName, page: number, viewer: Viewer) {
    const match = matchOf(filters, viewer);
    const [rows, facets] = await Promise.all([
      ProjectModel.find(match, LIST_PROJECTION)
        .sort(SORTS[sort])
        .hint(hintFor(filters, sort))
        .skip((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .lean<StoredProject[]>(),
      counts.facets(match, selectiveIndex(filters)),
    ]);
    const items: ListedProject[] = rows.map(listedViewOf);
    return { items, facets, page, pages: Math.max(1, Math.ceil(facets.total / PAGE_SIZE)) };
  }

  /**
   * One page of published projects matching the filters, whole but for contacts (the API), with the
   * total, which is shared by concurrent requests and kept TOTAL_CACHE_MS at most.
   */
  async function list(filters: BrowseFilters, sort: SortName, page: number, limit: number) {
    const match = matchOf({ ...filters, status: undefined }, {});
    const [rows, total] = await Promise.all([
      ProjectModel.find(match, { contact: 0, oldSlugs: 0 })
        .sort(SORTS[sort])
        .hint(hintFor(filters, sort))
        .skip((page - 1) * limit)
        .limit(limit)
        .lean<StoredProject[]>(),
      remembered(totals, JSON.stringify(match), () => ProjectModel.countDocuments(match).exec()),
    ]);
    const items: ProjectView[] = rows.map(projectViewOf);
    return { items, total, page, pages: Math.max(1, Math.ceil(total / limit)) };
  }

  /** The newest published projects, optionally of one theme or tag (feeds, digests). */
  async function recentlyPublished(filter: { theme?: string; tagId?: string }, limit: number) {
    return ProjectModel.find(matchOf({ theme: filter.theme, tag: filter.tagId }, {}), {
      slug: 1,
      title: 1,
      summary: 1,
      publishedAt: 1,
      updatedAt: 1,
      leadOrganisation: 1,
    })
      .sort({ publishedAt: -1, updatedAt: -1 })
      .limit(limit)
      .lean();
  }

  /**
   * The published project at a slug as the public pages show it, kept in memory for a while (dropped by
   * any change to the catalogue; a change made by another process shows within PROJECT_CACHE_MS). The
   * object is shared: callers must not change it. Anything else (drafts, old slugs) as getBySlug.
   */
  async function pageProject(
    slug: string,
    viewer: Viewer,
  ): Promise<{ project: ProjectView } | { redirectTo: string } | null> {
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
  ): Promise<{ project: ProjectView } | { redirectTo: string } | null> {
    // Straight from the driver: the same plain object as a lean query, without a Mongoose query built
    // and cast for every page (the slug is a string already).
    const project = (await ProjectModel.collection.findOne({ slug })) as StoredProject | null;
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
    return { project: projectViewOf(project) };
  }

  async function getById(id: string): Promise<ProjectView | null> {
    if (!mongoose.isValidObjectId(id)) return null;
    const project = await ProjectModel.findById(id).lean<StoredProject>();
    return project ? projectViewOf(project) : null;
  }

  /** A project's history, newest first. */
  async function revisions(projectId: { toString(): string }) {
    return RevisionModel.find({ projectId: String(projectId) }, { version: 1, action: 1, by: 1, at: 1 })
      .sort({ version: -1 })
      .limit(500)
      .lean();
  }

  async function revision(projectId: { toString(): string }, version: number) {
    const r = await RevisionModel.findOne({ projectId: String(projectId), version }).lean();
    return r ? { ...r, snapshot: r.snapshot as Snapshot } : null;
  }

  /** Published projects per theme, tag or zone (home page, index pages): the unfiltered facets. */
  async function publishedCounts(): Promise<Facets> {
    return counts.facets(matchOf({}, {}), VISIBLE_BY_START);
  }

  /** After a change: lists and counts are read again (counts briefly served stale meanwhile). */
  function markStale(): void {
    counts.markStale();
    totals.clear();
    related.markStale();
    projectCache.clear();
  }

  return {
    /** Filters from a validated query string; unknown vocabulary values are a ValidationError (400). */
    filtersOf: (q: Omit<BrowseQueryInput, "page" | "sort">) => filtersOf(q, deps.taxonomy),
    browse,
    list,
    recentlyPublished,
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
    markStale,
    /** Forgets cached counts and projects, and which projects were asked for. */
    clearCache: () => {
      counts.clear();
      totals.clear();
      projectCache.clear();
      projectDoorkeeper.clear();
    },
    taxonomy: deps.taxonomy,
  };
}

export type ProjectQueries = ReturnType<typeof createProjectQueries>;
