// What other modules read of projects: one by its address (notes are written on it) and short references
// to link to (notes, moderation, the notes index). Plain objects.
import mongoose from "mongoose";
import { ProjectModel, type ProjectStatus } from "./project.model";

/** Enough of a project to link to it. */
export interface ProjectRef {
  slug: string;
  title: string;
}

/** A project with what decides whether notes may be written on it. */
export interface ProjectSummary extends ProjectRef {
  _id: mongoose.Types.ObjectId;
  status: ProjectStatus;
  themes: string[];
}

/**
 * The one rule for what the public sees of a project, its notes included: only while it is published.
 * An archived project (like a draft) is hidden from everyone but coordinators on every surface: its page
 * and API, its notes (API, note pages, theme and member pages), the feeds, search (Meilisearch and the
 * MongoDB fallback) and the anonymous export.
 */
export const PUBLIC_STATUSES = ["published"] as const satisfies readonly ProjectStatus[];

/** Whether the public may see a project (and its notes). */
export function isPublic(p: { status: ProjectStatus; deletedAt?: Date | null } | undefined | null): boolean {
  return !!p && p.status === "published" && !p.deletedAt;
}

const only = (statuses?: readonly ProjectStatus[]) => (statuses ? { status: { $in: statuses } } : {});

/** The project at a slug or one of its old slugs, not deleted, in one of `statuses` (any when absent). */
async function refBySlug(slug: string, statuses?: readonly ProjectStatus[]): Promise<ProjectSummary | null> {
  return ProjectModel.findOne(
    { $or: [{ slug }, { oldSlugs: slug }], deletedAt: null, ...only(statuses) },
    { slug: 1, title: 1, status: 1, themes: 1 },
  ).lean<ProjectSummary>();
}

/** Distinct project ids (nulls and anything that is not an id are skipped: a note may have no project). */
function idsOf(ids: ({ toString(): string } | null | undefined)[]): mongoose.Types.ObjectId[] {
  const strings = ids.filter((id) => id != null).map(String);
  return [...new Set(strings)]
    .filter((s) => /^[a-f0-9]{24}$/.test(s))
    .map((s) => new mongoose.Types.ObjectId(s));
}

/** References by project id, of projects not deleted (unless `withDeleted`) in one of `statuses`. */
async function refsOf(
  ids: ({ toString(): string } | null | undefined)[],
  options: { statuses?: readonly ProjectStatus[]; withDeleted?: boolean } = {},
): Promise<Map<string, ProjectRef>> {
  const unique = idsOf(ids);
  const rows = await ProjectModel.find(
    { _id: { $in: unique }, ...(options.withDeleted ? {} : { deletedAt: null }), ...only(options.statuses) },
    { slug: 1, title: 1 },
  ).lean();
  return new Map(rows.map((p) => [String(p._id), { slug: p.slug, title: p.title }]));
}

/**
 * A project with what its notes are counted by (working-table pages: zones, target groups, start year) and
 * inherit in search (zones, provinces, target groups, tag ids).
 */
export interface ProjectFacts extends ProjectRef {
  zones: string[];
  provinces: string[];
  targetGroups: string[];
  tags: string[];
  startYear: number | null;
}

/** Facts of public projects (see PUBLIC_STATUSES) by id, for counting their notes. */
async function factsOf(
  ids: ({ toString(): string } | null | undefined)[],
): Promise<Map<string, ProjectFacts>> {
  const unique = idsOf(ids);
  if (unique.length === 0) return new Map();
  const rows = await ProjectModel.find(
    { _id: { $in: unique }, deletedAt: null, ...only(PUBLIC_STATUSES) },
    { slug: 1, title: 1, zones: 1, provinces: 1, targetGroups: 1, tags: 1, startYear: 1 },
  ).lean();
  return new Map(
    rows.map((p) => [
      String(p._id),
      {
        slug: p.slug,
        title: p.title,
        zones: p.zones ?? [],
        provinces: p.provinces ?? [],
        targetGroups: p.targetGroups ?? [],
        tags: (p.tags ?? []).map(String),
        startYear: p.startYear ?? null,
      },
    ]),
  );
}

/**
 * Ids of public projects (see PUBLIC_STATUSES) in a zone or with a tag (by id): whose notes a term page
 * lists, or (inside a tag's change, with its session) whose notes inherit the tag.
 */
async function publicIdsWhere(
  filter: { zone?: string; tagId?: string },
  options: { session?: mongoose.ClientSession } = {},
): Promise<mongoose.Types.ObjectId[]> {
  const where: Record<string, unknown> = { deletedAt: null, ...only(PUBLIC_STATUSES) };
  if (filter.zone !== undefined) where.zones = filter.zone;
  if (filter.tagId !== undefined) {
    if (!mongoose.isValidObjectId(filter.tagId)) return [];
    where.tags = new mongoose.Types.ObjectId(filter.tagId);
  }
  const rows = await ProjectModel.find(where, { _id: 1 })
    .session(options.session ?? null)
    .lean();
  return rows.map((r) => r._id);
}

export const projectRefs = { refBySlug, refsOf, factsOf, publicIdsWhere };
export type ProjectRefs = typeof projectRefs;
