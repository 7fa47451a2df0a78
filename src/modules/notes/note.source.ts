// Notes in the search index: only published notes of visible projects are documents; anything else
// (pending, rejected, deleted, project gone) is missing from load() and so deleted from the index.
import crypto from "node:crypto";
import mongoose from "mongoose";
import type { ProjectRefs } from "../projects/index";
import type { SearchSource } from "../search/index";
import type { TagIndex } from "../taxonomy/index";
import { PROJECTION_VERSION, noteSettings, noteToDocument } from "./note.document";
import { createNoteFallback } from "./note.fallback";
import { NoteModel, type NoteDoc } from "./note.model";

const LIVE = { status: "published" as const, deletedAt: null };

export function createNoteSource(deps: {
  taxonomy: { tags(): Promise<TagIndex> };
  projects: Pick<ProjectRefs, "refsOf" | "factsOf">;
}): SearchSource {
  // Only notes of public projects are documents (factsOf reads public ones only): archiving a project takes
  // its notes out of search. Notes inherit their project's zones, provinces, target groups and tags.
  const projectsOf = (rows: NoteDoc[]) => deps.projects.factsOf(rows.map((r) => r.project));
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
    fallback: createNoteFallback(deps),
  };
}
