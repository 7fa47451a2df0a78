// The notes module's entry: the module as the composition root wires it, its routers and the parts it
// plugs into the catalogue's pages, and the read side other modules use.
import mongoose, { type Connection } from "mongoose";
import type { AuditService } from "../audit/index";
import type { ProjectRefs } from "../projects/index";
import { enqueueIndexingMany } from "../search/index";
import type { TaxonomyService } from "../taxonomy/index";
import { createModeration } from "./moderation.service";
import { NoteModel } from "./note.model";
import { createNoteQueries, type SessionLabel } from "./note.queries";
import { createTableNoteQueries } from "./note.tables";
import { createNotesCore } from "./note.service";
import { createNoteExport } from "./note.export";

export type { NoteQueries, NoteView, SessionLabel } from "./note.queries";
export type { NoteCountRow, TableNoteFilter, TableNoteQueries } from "./note.tables";
export type { ContributionAuthor, ContributionInput } from "./note.service";
export { titleOf } from "./note.service";
export { createNoteSource } from "./note.source";
export { noteDraftRescue, notesRouter } from "./notes.routes";
export { notePagesRouter } from "./pages.routes";
export { notesExportRouter } from "./export.routes";
export { notesSectionFor, themeNotesFor } from "./section";

export interface NotesModuleDeps {
  connection: Connection;
  audit: AuditService;
  taxonomy: TaxonomyService;
  /** The projects notes are written on and link to. */
  projects: Pick<ProjectRefs, "refBySlug" | "refsOf">;
  trustedAfter: number;
  secret: string;
}

export function createNotesModule(deps: NotesModuleDeps) {
  const core = createNotesCore(deps);
  const moderation = createModeration({ core, audit: deps.audit, projects: deps.projects });
  const queries = createNoteQueries({ projects: deps.projects });
  const tables = createTableNoteQueries();
  const exports = createNoteExport({
    taxonomy: deps.taxonomy,
    projects: deps.projects,
    onChange: core.onChange,
  });
  // How the queue names a contribution's session: the tables module (above notes) tells us.
  let labelSessions: (ids: string[]) => Promise<Map<string, SessionLabel>> = () =>
    Promise.resolve(new Map<string, SessionLabel>());

  // A merged tag disappears: its notes move to the surviving tag, in the merge's transaction.
  deps.taxonomy.onTagMerged(async (session, loser, survivor) => {
    const loserId = new mongoose.Types.ObjectId(loser.id);
    const survivorId = new mongoose.Types.ObjectId(survivor.id);
    const rows = await NoteModel.find({ tags: loserId }, { _id: 1 }).session(session).lean();
    if (rows.length === 0) return;
    const ids = rows.map((r) => r._id);
    await NoteModel.updateMany({ _id: { $in: ids } }, { $addToSet: { tags: survivorId } }, { session });
    await NoteModel.updateMany(
      { _id: { $in: ids } },
      { $pull: { tags: loserId }, $inc: { version: 1 } },
      { session },
    );
    await enqueueIndexingMany("note", ids, { session });
    core.changed();
  });
  // A renamed tag changes the label text indexed with its notes.
  deps.taxonomy.onTagChanged(async (session, tag) => {
    const rows = await NoteModel.find(
      { tags: new mongoose.Types.ObjectId(tag.id), status: "published" },
      { _id: 1 },
    )
      .session(session)
      .lean();
    await enqueueIndexingMany(
      "note",
      rows.map((r) => r._id),
      { session },
    );
  });

  return {
    core,
    moderation,
    queries,
    tables,
    /** Notes in bulk: the CSV/JSON download and the API's pages. */
    exports,
    /** Registers how session ids become labels and links (the tables module does, when it is built). */
    labelSessionsWith(fn: (ids: string[]) => Promise<Map<string, SessionLabel>>) {
      labelSessions = fn;
    },
    sessionLabels: (ids: string[]) => labelSessions(ids),
  };
}

export type NotesModule = ReturnType<typeof createNotesModule>;
