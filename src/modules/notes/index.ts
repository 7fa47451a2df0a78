// The notes module's entry: the module as the composition root wires it, its routers and the parts it
// plugs into the catalogue's pages, and the read side other modules use.
import mongoose, { type Connection } from "mongoose";
import type { AuditService } from "../audit/index";
import type { ProjectRefs, ProjectService } from "../projects/index";
import { enqueueIndexingMany } from "../search/index";
import type { TaxonomyService } from "../taxonomy/index";
import { createModeration } from "./moderation.service";
import { NoteModel } from "./note.model";
import { createNoteQueries, type SessionLabel } from "./note.queries";
import { createTableNoteQueries } from "./note.tables";
import { createNotesCore } from "./note.service";
import { forgetMember, memberNotesData, type ForgetMode } from "./note.privacy";
import { createNoteExport } from "./note.export";

export type { NoteQueries, NoteView, SessionLabel } from "./note.queries";
export type { NoteCountRow, TableNoteFilter, TableNoteQueries } from "./note.tables";
export type { ContributionAuthor, ContributionInput } from "./note.service";
export { titleOf } from "./note.service";
export { EX_MEMBER, type ForgetMode } from "./note.privacy";
export { createNoteSource } from "./note.source";
export { createTableNoteQueries } from "./note.tables";
export { noteDraftRescue, notesRouter } from "./notes.routes";
export { notePagesRouter } from "./pages.routes";
export { notesExportRouter } from "./export.routes";
export { notesSectionFor, termNotesFor, themeNotesFor } from "./section";

export interface NotesModuleDeps {
  connection: Connection;
  audit: AuditService;
  taxonomy: TaxonomyService;
  /** The projects notes are written on and link to. */
  projects: Pick<ProjectRefs, "refBySlug" | "refsOf" | "publicIdsWhere">;
  /** The catalogue's writes: a project that becomes public or hidden, or changes what notes inherit, takes its notes along. */
  catalogue: Pick<ProjectService, "onNotesContextChanged">;
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

  // Notes are public only while their project is, and carry its zones, provinces, target groups and tags
  // in search: when it is archived, unpublished, deleted or brought back, or those change, its published
  // notes are re-indexed (one outbox entry each) in the same transaction.
  deps.catalogue.onNotesContextChanged(async (session, projectId) => {
    const rows = await NoteModel.find(
      { project: new mongoose.Types.ObjectId(projectId), status: "published", deletedAt: null },
      { _id: 1 },
    )
      .session(session)
      .lean();
    if (rows.length === 0) return;
    await enqueueIndexingMany(
      "note",
      rows.map((r) => r._id),
      { session },
    );
    core.changed();
  });
  // A merged tag disappears: its notes move to the surviving tag, in the merge's transaction. The change
  // hook below, which the merge runs next for the survivor, queues the published ones for the search
  // index (once each, whichever of the two tags they had); search holds no other notes.
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
    core.changed();
  });
  // A renamed, retired or merged-into tag changes the label text indexed with its notes.
  // Notes of projects with the tag inherit it (their documents carry its slug): they follow too.
  deps.taxonomy.onTagChanged(async (session, tag) => {
    const tagged = await deps.projects.publicIdsWhere({ tagId: tag.id }, { session });
    const rows = await NoteModel.find(
      {
        $or: [{ tags: new mongoose.Types.ObjectId(tag.id) }, { project: { $in: tagged } }],
        status: "published",
      },
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

  /** A member's notes under the privacy rights: their data, and forgetting them on account deletion. */
  const privacy = {
    dataOf: memberNotesData,
    async forget(userId: string, mode: ForgetMode) {
      const result = await forgetMember(deps.connection, userId, mode);
      core.changed();
      return result;
    },
  };

  return {
    core,
    moderation,
    queries,
    tables,
    privacy,
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
