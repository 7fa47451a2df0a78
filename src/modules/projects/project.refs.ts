// What other modules read of projects: one by its address (notes are written on it), short references to
// link to (notes, moderation, the notes index) and the newest published ones (feeds). Plain objects.
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

/** A project with what the working-table pages count its notes by: zones, target groups, start year. */
export interface ProjectFacts extends ProjectRef {
  zones: string[];
  targetGroups: string[];
  startYear: number | null;
}

/** Facts of published or archived projects (readers may see them) by id, for counting their notes. */
async function factsOf(
  ids: ({ toString(): string } | null | undefined)[],
): Promise<Map<string, ProjectFacts>> {
  const unique = idsOf(ids);
  if (unique.length === 0) return new Map();
  const rows = await ProjectModel.find(
    { _id: { $in: unique }, deletedAt: null, status: { $in: ["published", "archived"] } },
    { slug: 1, title: 1, zones: 1, targetGroups: 1, startYear: 1 },
  ).lean();
  return new Map(
    rows.map((p) => [
      String(p._id),
      {
        slug: p.slug,
        title: p.title,
        zones: p.zones ?? [],
        targetGroups: p.targetGroups ?? [],
        startYear: p.startYear ?? null,
      },
    ]),
  );
}

/** The newest published projects, optionally of one theme or tag (feeds). */
async function recentlyPublished(filter: { theme?: string; tagId?: string }, limit: number) {
  const q: Record<string, unknown> = { status: "published", deletedAt: null };
  if (filter.theme) q.themes = filter.theme;
  if (filter.tagId) q.tags = new mongoose.Types.ObjectId(filter.tagId);
  return ProjectModel.find(q, {
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

export const projectRefs = { refBySlug, refsOf, factsOf, recentlyPublished };
export type ProjectRefs = typeof projectRefs;
