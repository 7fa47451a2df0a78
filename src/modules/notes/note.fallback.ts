// When Meilisearch cannot answer: MongoDB text search over the notes the index would hold (published, not
// deleted, on a public project), with the same filters (zone, target group and tag inherited from the
// project as in the index); search merges it with the projects'.
import mongoose, { type PipelineStage } from "mongoose";
import type { ProjectFacts, ProjectRefs } from "../projects/index";
import {
  noteHit,
  normalizeQuery,
  type FallbackResult,
  type SearchFallback,
  type SearchQuery,
} from "../search/index";
import type { TagIndex } from "../taxonomy/index";
import { NoteModel, type NoteDoc } from "./note.model";
import { noteToDocument } from "./note.document";

export const NOTE_FALLBACK_TEXT_INDEX = "search_fallback_text";

/** The text index the fallback needs on notes (created at start; harmless when it exists). */
export async function ensureNoteFallbackIndex(): Promise<void> {
  await NoteModel.collection.createIndex(
    { title: "text", body: "text" },
    {
      name: NOTE_FALLBACK_TEXT_INDEX,
      default_language: "italian",
      language_override: "searchLanguage",
      weights: { title: 5, body: 1 },
    },
  );
}

/** The tag ids of a query's tag filter. */
function tagIdsOf(query: SearchQuery, tags: TagIndex): string[] {
  return query.tag.map((s) => tags.bySlug.get(s)?.id).filter((id) => id !== undefined);
}

/** The notes a query matches by their own fields, before their projects are known (the tag filter aside). */
function matchOf(query: SearchQuery): Record<string, unknown> {
  const match: Record<string, unknown> = { status: "published", deletedAt: null };
  const words = normalizeQuery(query.q);
  if (words) match.$text = { $search: words, $language: "italian" };
  if (query.theme.length) match.theme = { $in: query.theme };
  if (query.kind.length) match.kind = { $in: query.kind };
  return match;
}

/** Whether a project passes the filters its notes inherit: zone and target group. */
function projectPasses(query: SearchQuery, p: ProjectFacts): boolean {
  const any = (wanted: string[], has: string[]) => wanted.length === 0 || wanted.some((v) => has.includes(v));
  return any(query.zone, p.zones) && any(query.target, p.targetGroups);
}

function counts(field: string, unwind: boolean): PipelineStage.FacetPipelineStage[] {
  return [
    ...(unwind ? [{ $unwind: `$${field}` }] : []),
    { $group: { _id: `$${field}`, count: { $sum: 1 } } },
    { $sort: { count: -1, _id: 1 } },
    { $limit: 300 },
  ] as PipelineStage.FacetPipelineStage[];
}

export function createNoteFallback(deps: {
  taxonomy: { tags(): Promise<TagIndex> };
  projects: Pick<ProjectRefs, "factsOf">;
}): SearchFallback {
  return {
    prepare: ensureNoteFallbackIndex,
    /** Notes are public once published: every viewer finds the same ones, as in the index. */
    async search(query, _viewer, slice): Promise<FallbackResult> {
      const tags = await deps.taxonomy.tags();
      const match = matchOf(query);
      // Notes of public projects only (the rule of project.refs.ts, factsOf reads public ones), asked of
      // the catalogue, which also says what they inherit.
      const candidates = await NoteModel.aggregate<{ _id: mongoose.Types.ObjectId }>([
        { $match: match },
        { $group: { _id: "$project" } },
      ]);
      const facts = await deps.projects.factsOf(candidates.map((c) => c._id));
      const projects = new Map([...facts].filter(([, p]) => projectPasses(query, p)));
      // Notes on a working table alone (no project) are public once published, as in the index, where they
      // inherit nothing: a zone or target-group filter leaves them out.
      const tableNotes =
        candidates.some((c) => c._id == null) && query.zone.length === 0 && query.target.length === 0;
      if (projects.size === 0 && !tableNotes) return { hits: [], total: 0, facets: {} };
      const oid = (id: string) => new mongoose.Types.ObjectId(id);
      // A tag filter takes a note with the tag or on a project with it, as in the index (allTags).
      const tagIds = tagIdsOf(query, tags);
      const tagged = [...projects].filter(([, p]) => p.tags.some((t) => tagIds.includes(t)));
      const tagMatch = query.tag.length
        ? { $or: [{ tags: { $in: tagIds.map(oid) } }, { project: { $in: tagged.map(([id]) => oid(id)) } }] }
        : {};
      const hasText = match.$text !== undefined;
      const [result] = await NoteModel.aggregate<{
        hits: (NoteDoc & { score?: number })[];
        total: { n: number }[];
        theme: { _id: string; count: number }[];
        tag: { _id: mongoose.Types.ObjectId; count: number }[];
        kind: { _id: string; count: number }[];
      }>([
        {
          $match: {
            ...match,
            ...tagMatch,
            project: { $in: [...[...projects.keys()].map(oid), ...(tableNotes ? [null] : [])] },
          },
        },
        ...(hasText ? [{ $addFields: { score: { $meta: "textScore" } } }] : []),
        {
          $facet: {
            hits: [
              {
                $sort:
                  query.sort === "relevance" && hasText
                    ? { score: -1, _id: 1 }
                    : { publishedAt: -1, createdAt: -1, _id: 1 },
              },
              { $skip: slice.skip },
              { $limit: slice.limit },
            ],
            total: [{ $count: "n" }],
            theme: counts("theme", false),
            tag: counts("tags", true),
            kind: counts("kind", false),
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
          const doc = noteToDocument(row, row.project ? projects.get(String(row.project)) : undefined, tags);
          return doc ? [{ hit: noteHit(doc), score: row.score ?? 0, date: doc.date }] : [];
        }),
        total: result?.total[0]?.n ?? 0,
        facets: {
          theme: pairs(result?.theme, (k) => k),
          tag: pairs(result?.tag, (id) => tags.byId.get(String(id))?.slug),
          kind: pairs(result?.kind, (k) => k),
        },
      };
    },
  };
}
