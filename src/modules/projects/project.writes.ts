// The catalogue's write path, shared by the project service, the import and the dataset generator: every
// version of a project written gets, in the same MongoDB transaction, its revision, its search outbox
// entry and its tags' usage counts. New projects go through insertProjects, changes through recordChange.
import type { ClientSession, Connection } from "mongoose";
import { enqueueIndexing, enqueueIndexingMany } from "../search/index";
import type { TaxonomyService } from "../taxonomy/index";
import { ProjectModel, type ProjectDoc } from "./project.model";
import { snapshotOf } from "./project.snapshot";
import type { Person } from "./project.stored";
import { RevisionModel } from "./revision.model";

type TagUsage = Pick<TaxonomyService, "adjustTagUsage">;

/** Writes the revision of each of these versions, as `by` did `action` (at each one's updatedAt). */
export async function writeRevisions(
  session: ClientSession,
  docs: ProjectDoc[],
  action: string,
  by: Person,
): Promise<void> {
  if (docs.length === 0) return;
  await RevisionModel.collection.insertMany(
    docs.map((d) => ({
      projectId: d._id,
      version: d.version,
      action,
      snapshot: snapshotOf(d),
      by: { id: by.id, name: by.name },
      at: d.updatedAt ?? new Date(),
    })),
    { session },
  );
}

/** The tags a project counts for: those of a published project that is not deleted. */
function countedTags(p: ProjectDoc | undefined): Set<string> {
  return new Set(p && p.status === "published" && !p.deletedAt ? (p.tags ?? []).map(String) : []);
}

/** Usage counts move by one when a tag enters or leaves a published, not deleted project. */
function usageDeltas(changes: { before?: ProjectDoc; after: ProjectDoc }[]): Map<string, number> {
  const deltas = new Map<string, number>();
  const add = (id: string, n: number) => deltas.set(id, (deltas.get(id) ?? 0) + n);
  for (const { before, after } of changes) {
    const [was, is] = [countedTags(before), countedTags(after)];
    for (const id of is) if (!was.has(id)) add(id, 1);
    for (const id of was) if (!is.has(id)) add(id, -1);
  }
  return deltas;
}

/**
 * Records one change of a project inside its transaction: `doc` is the new version, `before` the
 * previous one. Writes the revision and the outbox entry, and moves the tags' usage counts.
 */
export async function recordChange(
  session: ClientSession,
  taxonomy: TagUsage,
  change: { doc: ProjectDoc; before: ProjectDoc; action: string; by: Person },
): Promise<void> {
  const { doc, before, action, by } = change;
  await writeRevisions(session, [doc], action, by);
  await enqueueIndexing(session, "project", String(doc._id));
  await taxonomy.adjustTagUsage(session, usageDeltas([{ before, after: doc }]));
}

/**
 * Inserts new projects (complete documents at version 1, see newProjectDoc) in one transaction with
 * their revision 1, their outbox entries and their tags' usage counts: all of them or none. The dataset
 * generator may leave the outbox out (`queueIndexing: false`), to rebuild the index afterwards. A slug or
 * CUP already taken fails with the driver's duplicate key error (code 11000).
 */
export async function insertProjects(
  deps: { connection: Connection; taxonomy: TagUsage },
  docs: ProjectDoc[],
  options: { action: string; by: Person; queueIndexing?: boolean },
): Promise<void> {
  if (docs.length === 0) return;
  await deps.connection.transaction(async (session) => {
    await ProjectModel.collection.insertMany(docs, { session, ordered: true });
    await writeRevisions(session, docs, options.action, options.by);
    if (options.queueIndexing !== false)
      await enqueueIndexingMany(
        "project",
        docs.map((d) => d._id),
        { session },
      );
    await deps.taxonomy.adjustTagUsage(session, usageDeltas(docs.map((after) => ({ after }))));
  });
}
