// When Meilisearch cannot answer: MongoDB text search over projects with the same filters and visibility
// (simpler ranking); search merges it with the other types' fallbacks.
import mongoose, { type PipelineStage } from "mongoose";
import {
  normalizeQuery,
  projectHit,
  type FallbackResult,
  type SearchQuery,
  type SearchViewer,
} from "../search/index";
import type { TagIndex, Vocabulary } from "../taxonomy/index";
import { CUP_PATTERN } from "./project.fields";
import { ProjectModel } from "./project.model";
import { projectToDocument } from "./project.document";

export const FALLBACK_TEXT_INDEX = "search_fallback_text";

/** The text index the fallback needs on projects (created at start; harmless when it exists). */
export async function ensureFallbackIndex(): Promise<void> {
  await ProjectModel.collection.createIndex(
    {
      title: "text",
      summary: "text",
      description: "text",
      outcomes: "text",
      leadOrganisation: "text",
      partners: "text",
    },
    {
      name: FALLBACK_TEXT_INDEX,
      default_language: "italian",
      language_override: "searchLanguage",
      weights: { title: 10, summary: 5, leadOrganisation: 3, partners: 3, description: 1, outcomes: 1 },
    },
  );
}

function yearClause(year: number) {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  return {
    startDate: { $lt: to },
    $or: [{ endDate: { $gte: from } }, { endDate: null, startDate: { $gte: from } }],
  };
}

function matchOf(query: SearchQuery, viewer: SearchViewer, tags: TagIndex): Record<string, unknown> {
  const and: Record<string, unknown>[] = [{ deletedAt: null }];
  if (!viewer.seesDrafts) and.push({ status: "published" });
  if (query.theme.length) and.push({ themes: { $in: query.theme } });
  if (query.zone.length) and.push({ zones: { $in: query.zone } });
  if (query.target.length) and.push({ targetGroups: { $in: query.target } });
  if (query.tag.length) {
    const ids = query.tag.map((s) => tags.bySlug.get(s)?.id).filter((id) => id !== undefined);
    and.push({ tags: { $in: ids.map((id) => new mongoose.Types.ObjectId(id)) } });
  }
  if (query.year.length) and.push({ $or: query.year.map(yearClause) });
  const q = normalizeQuery(query.q);
  // A CUP alone (as normalizeQuery writes it) finds its project: the text index does not hold CUPs.
  if (CUP_PATTERN.test(q)) and.push({ cup: q });
  else if (q) and.push({ $text: { $search: q, $language: "italian" } });
  return { $and: and };
}

function counts(field: string, unwind = true): PipelineStage.FacetPipelineStage[] {
  return [
    ...(unwind ? [{ $unwind: `$${field}` }] : []),
    { $group: { _id: `$${field}`, count: { $sum: 1 } } },
    { $sort: { count: -1, _id: 1 } },
    { $limit: 300 },
  ] as PipelineStage.FacetPipelineStage[];
}

/** Projects for the search fallback: `slice` of the matching ones in the query's order, the total and counts. */
export async function mongoSearch(
  query: SearchQuery,
  viewer: SearchViewer,
  tags: TagIndex,
  vocab: Vocabulary,
  slice: { skip: number; limit: number },
): Promise<FallbackResult> {
  const match = matchOf(query, viewer, tags);
  const q = normalizeQuery(query.q);
  const hasText = q !== "" && !CUP_PATTERN.test(q);
  const sort: Record<string, 1 | -1 | { $meta: "textScore" }> =
    query.sort === "date"
      ? { startDate: -1, _id: 1 }
      : query.sort === "title"
        ? { sortTitle: 1, _id: 1 }
        : query.sort === "budget"
          ? { budgetCents: -1, _id: 1 }
          : hasText
            ? { score: { $meta: "textScore" }, _id: 1 }
            : { startDate: -1, _id: 1 };
  const [result] = await ProjectModel.aggregate<{
    hits: (Record<string, unknown> & { score?: number })[];
    total: { n: number }[];
    themes: { _id: string; count: number }[];
    tags: { _id: mongoose.Types.ObjectId; count: number }[];
    zones: { _id: string; count: number }[];
    targetGroups: { _id: string; count: number }[];
    years: { _id: number | null; count: number }[];
  }>([
    { $match: match },
    ...(hasText ? [{ $addFields: { score: { $meta: "textScore" } } }] : []),
    {
      $facet: {
        hits: [{ $sort: sort }, { $skip: slice.skip }, { $limit: slice.limit }],
        total: [{ $count: "n" }],
        themes: counts("themes"),
        tags: counts("tags"),
        zones: counts("zones"),
        targetGroups: counts("targetGroups"),
        years: counts("startYear", false),
      },
    },
  ] as PipelineStage[]);
  const pairs = <K>(rows: { _id: K; count: number }[] | undefined, key: (k: K) => string | undefined) =>
    (rows ?? []).flatMap((r): [string, number][] => {
      const value = key(r._id);
      return value ? [[value, r.count]] : [];
    });
  return {
    hits: (result?.hits ?? []).flatMap((row) => {
      const doc = projectToDocument(row as never, tags, [], vocab);
      return doc ? [{ hit: projectHit(doc), score: Number(row.score ?? 0), date: doc.date ?? 0 }] : [];
    }),
    total: result?.total[0]?.n ?? 0,
    facets: {
      theme: pairs(result?.themes, (k) => k),
      zone: pairs(result?.zones, (k) => k),
      target: pairs(result?.targetGroups, (k) => k),
      tag: pairs(result?.tags, (id) => tags.byId.get(String(id))?.slug),
      year: pairs(result?.years, (y) => (y == null ? undefined : String(y))),
    },
  };
}
