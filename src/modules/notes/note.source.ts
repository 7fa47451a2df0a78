// Notes in the search index: only published notes of visible projects are documents; anything else
// (pending, rejected, deleted, project gone) is missing from load() and so deleted from the index.
import crypto from "node:crypto";
import type { Settings } from "meilisearch";
import mongoose from "mongoose";
import stopWords from "../../seed/data/stopwords-it.json";
import type { ProjectRef, ProjectRefs } from "../projects/index";
import type { NoteSearchDocument, SearchSource } from "../search/index";
import { markdownToText } from "../../web/markdown";
import { normalizeApostrophes } from "../../web/text";
import type { TagIndex } from "../taxonomy/index";
import { NoteModel, type NoteDoc } from "./note.model";

// 2: notes on a working table alone (no project) are documents too.
const PROJECTION_VERSION = 2;

export const NOTE_FILTERABLE = ["kind", "theme", "tags", "visibility", "projectSlug"] as const;

export function noteToDocument(
  n: NoteDoc,
  project: ProjectRef | undefined,
  tags: TagIndex,
): NoteSearchDocument | null {
  // A note on a project readers cannot see is not searchable; a note on a working table alone is.
  if (n.deletedAt || n.status !== "published" || (n.project && !project)) return null;
  const tagViews = (n.tags ?? []).map((id) => tags.byId.get(String(id))).filter((t) => t !== undefined);
  return {
    id: String(n._id),
    version: n.version,
    type: "note",
    title: normalizeApostrophes(n.title),
    body: markdownToText(n.body),
    kind: n.kind,
    theme: n.theme,
    question: n.question ?? null,
    tags: tagViews.map((t) => t.slug),
    tagText: tagViews.flatMap((t) => [t.label_it, t.label_en, ...t.synonyms].filter(Boolean)),
    author: n.author.name,
    ...(project && n.project
      ? {
          projectId: String(n.project),
          projectSlug: project.slug,
          projectTitle: normalizeApostrophes(project.title),
        }
      : {}),
    date: (n.publishedAt ?? n.createdAt).getTime(),
    visibility: "public",
    demo: n.demo ?? false,
  };
}

export function noteSettings(): Settings {
  return {
    searchableAttributes: ["title", "body", "tagText", "projectTitle", "author"],
    filterableAttributes: [...NOTE_FILTERABLE],
    sortableAttributes: ["date"],
    displayedAttributes: ["*"],
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["ita"] }],
    stopWords,
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: 5000 },
  };
}

const LIVE = { status: "published" as const, deletedAt: null };

export function createNoteSource(deps: {
  taxonomy: { tags(): Promise<TagIndex> };
  projects: Pick<ProjectRefs, "refsOf">;
}): SearchSource {
  // Notes of projects readers may see (published or archived).
  const projectsOf = (rows: NoteDoc[]) =>
    deps.projects.refsOf(
      rows.map((r) => r.project),
      { statuses: ["published", "archived"] },
    );
  const toDocs = async (rows: NoteDoc[]) => {
    const [projects, tags] = await Promise.all([projectsOf(rows), deps.taxonomy.tags()]);
    return rows
      .map((r) => noteToDocument(r, projects.get(String(r.project)), tags))
      .filter((d) => d !== null);
  };
  return {
    type: "note",
    indexName: "notes",
    projectionKey: () =>
      Promise.resolve(
        crypto.createHash("sha256").update(String(PROJECTION_VERSION)).digest("hex").slice(0, 16),
      ),
    settings: () => Promise.resolve(noteSettings()),
    async load(ids) {
      const valid = ids.filter((id) => mongoose.isValidObjectId(id));
      const rows = await NoteModel.find({ _id: { $in: valid } }).lean<NoteDoc[]>();
      return new Map((await toDocs(rows)).map((d) => [d.id, d]));
    },
    async *iterate(batchSize) {
      let last: mongoose.Types.ObjectId | undefined;
      for (;;) {
        const rows = await NoteModel.find({ ...LIVE, ...(last ? { _id: { $gt: last } } : {}) })
          .sort({ _id: 1 })
          .limit(batchSize)
          .lean<NoteDoc[]>();
        if (rows.length === 0) return;
        last = rows.at(-1)!._id;
        yield await toDocs(rows);
      }
    },
    async *versions() {
      // Notes of hidden projects are not indexed: the check must not count them.
      for await (const batch of this.iterate(1000)) {
        for (const d of batch) yield { id: d.id, version: d.version };
      }
    },
    count: () => NoteModel.countDocuments(LIVE),
  };
}
