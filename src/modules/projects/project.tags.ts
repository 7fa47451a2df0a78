// What a tag's curation does to the catalogue, inside the tag's transaction (taxonomy's hooks): a merged
// tag's projects move to the survivor, and the projects of a changed tag are queued for the search index.
import mongoose, { type ClientSession } from "mongoose";
import { enqueueIndexingMany } from "../search/index";
import type { TaxonomyService } from "../taxonomy/index";
import { ProjectModel, type ProjectDoc } from "./project.model";
import { writeRevisions } from "./project.writes";

/** Registers the catalogue's tag hooks; `changed` tells the catalogue's listeners (caches). */
export function registerTagHooks(taxonomy: TaxonomyService, changed: () => void): void {
  /** Recounts the published uses of these tags. */
  async function recountTags(session: ClientSession, tagIds: string[]): Promise<void> {
    const counts = new Map<string, number>();
    for (const id of new Set(tagIds)) {
      counts.set(
        id,
        await ProjectModel.countDocuments({
          tags: new mongoose.Types.ObjectId(id),
          status: "published",
          deletedAt: null,
        }).session(session),
      );
    }
    await taxonomy.setTagUsage(session, counts);
  }

  // A merged tag's projects move to the survivor: a new version of each, with its revision. The search
  // index learns of them from the change hook below, which the merge runs next for the survivor: one
  // outbox entry per project, whether it had the merged tag, the survivor or both.
  taxonomy.onTagMerged(async (session, loser, survivor, actor) => {
    const loserId = new mongoose.Types.ObjectId(loser.id);
    const survivorId = new mongoose.Types.ObjectId(survivor.id);
    const affected = await ProjectModel.find({ tags: loserId }, { _id: 1 }).session(session).lean();
    if (affected.length === 0) return;
    const ids = affected.map((p) => p._id);
    const by = { id: actor.id, name: actor.name };
    await ProjectModel.updateMany({ _id: { $in: ids } }, { $addToSet: { tags: survivorId } }, { session });
    await ProjectModel.updateMany(
      { _id: { $in: ids } },
      { $pull: { tags: loserId }, $inc: { version: 1 }, $set: { updatedBy: by } },
      { session },
    );
    const docs = await ProjectModel.find({ _id: { $in: ids } })
      .session(session)
      .lean<ProjectDoc[]>();
    await writeRevisions(session, docs, `merge-tag:${loser.slug}`, by);
    await recountTags(session, [loser.id, survivor.id]);
    changed();
  });

  // A renamed, retired or merged-into tag changes what the search index shows for its projects.
  taxonomy.onTagChanged(async (session, tag) => {
    const rows = await ProjectModel.find({ tags: new mongoose.Types.ObjectId(tag.id) }, { _id: 1 })
      .session(session)
      .lean();
    await enqueueIndexingMany(
      "project",
      rows.map((p) => p._id),
      { session },
    );
    changed();
  });
}
