// Projects as a search source: the documents of the catalogue for the indexer, rebuilds and the consistency
// check, and the MongoDB text search that answers while Meilisearch cannot.
import crypto from "node:crypto";
import mongoose from "mongoose";
import { loadThesaurus, type SearchSource } from "../search/index";
import type { TagIndex, Vocabulary } from "../taxonomy/index";
import { ensureFallbackIndex, mongoSearch } from "./project.fallback";
import { ProjectModel } from "./project.model";
import {
  PROJECTION_VERSION,
  projectSettings,
  projectToDocument,
  tagGroups,
  type ProjectLean,
} from "./project.document";

export interface TaxonomyReader {
  tags(): Promise<TagIndex>;
  vocabulary(): Promise<Vocabulary>;
}

interface Context {
  tags: TagIndex;
  thesaurus: string[][];
  vocab: Vocabulary;
}

/** What of the vocabularies documents and settings copy: editing it changes the projection. */
function vocabularyNames(vocab: Vocabulary): unknown[] {
  return [...vocab.zones, ...vocab.provinces, ...vocab.targetGroups, ...vocab.themes, ...vocab.funding].map(
    (t) => [t.kind, t.key, t.label_it, t.label_en, t.aliases, t.towns, t.provinces],
  );
}

export function createProjectSource(taxonomy: TaxonomyReader): SearchSource {
  const context = async (): Promise<Context> => {
    const [tags, thesaurus, vocab] = await Promise.all([
      taxonomy.tags(),
      loadThesaurus(),
      taxonomy.vocabulary(),
    ]);
    return { tags, thesaurus, vocab };
  };
  const toDocs = (rows: ProjectLean[], c: Context) =>
    rows.map((r) => projectToDocument(r, c.tags, c.thesaurus, c.vocab)).filter((d) => d !== null);
  return {
    type: "project",
    indexName: "projects",
    async projectionKey() {
      const { tags, thesaurus, vocab } = await context();
      // Tag labels and synonyms, the thesaurus and the vocabularies' names are copied into documents: a
      // change means a rebuild.
      const data = JSON.stringify([PROJECTION_VERSION, thesaurus, tagGroups(tags), vocabularyNames(vocab)]);
      return crypto.createHash("sha256").update(data).digest("hex").slice(0, 16);
    },
    async settings() {
      const { tags, thesaurus, vocab } = await context();
      return projectSettings(tags, thesaurus, vocab);
    },
    async load(ids) {
      const valid = ids.filter((id) => mongoose.isValidObjectId(id));
      const [c, rows] = await Promise.all([
        context(),
        ProjectModel.find({ _id: { $in: valid } }).lean<ProjectLean[]>(),
      ]);
      return new Map(toDocs(rows, c).map((d) => [d.id, d]));
    },
    async *iterate(batchSize) {
      const c = await context();
      let last: mongoose.Types.ObjectId | undefined;
      for (;;) {
        const rows = await ProjectModel.find({ deletedAt: null, ...(last ? { _id: { $gt: last } } : {}) })
          .sort({ _id: 1 })
          .limit(batchSize)
          .lean<ProjectLean[]>();
        if (rows.length === 0) return;
        last = rows.at(-1)!._id;
        yield toDocs(rows, c);
      }
    },
    async *versions() {
      const cursor = ProjectModel.find({ deletedAt: null }, { version: 1 })
        .lean()
        .cursor({ batchSize: 5000 });
      for await (const row of cursor) yield { id: String(row._id), version: row.version };
    },
    count: () => ProjectModel.countDocuments({ deletedAt: null }),
    fallback: {
      prepare: ensureFallbackIndex,
      search: async (query, viewer, slice) =>
        mongoSearch(query, viewer, await taxonomy.tags(), await taxonomy.vocabulary(), slice),
    },
  };
}
