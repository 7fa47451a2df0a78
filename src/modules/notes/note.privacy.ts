// A member's notes under the privacy rights: what we hold of them (for the data download), and what
// happens to it when they delete their account (their notes deleted, or kept under "ex membro").
import type { Connection } from "mongoose";
import { enqueueIndexingMany } from "../search/index";
import { NoteDraftModel, NoteModel, type NoteDoc } from "./note.model";

/** Who a note's author, replier, flagger or moderator becomes once their account is deleted. */
export const EX_MEMBER = { id: "ex-member", name: "ex membro" } as const;

export type ForgetMode = "delete" | "keep";

/** Everything the notes hold about one member, as plain JSON-ready data. */
export async function memberNotesData(userId: string) {
  const own = await NoteModel.find({ "author.id": userId }).sort({ createdAt: 1 }).lean<NoteDoc[]>();
  const touched = await NoteModel.find(
    {
      "author.id": { $ne: userId },
      $or: [{ "replies.author.id": userId }, { "flags.by.id": userId }, { usefulBy: userId }],
    },
    { title: 1, replies: 1, flags: 1, usefulBy: 1, deletedAt: 1 },
  ).lean<NoteDoc[]>();
  return {
    notes: own.map((n) => ({
      id: String(n._id),
      project: String(n.project),
      kind: n.kind,
      theme: n.theme,
      question: n.question ?? null,
      title: n.title,
      body: n.body,
      status: n.status,
      createdAt: n.createdAt,
      publishedAt: n.publishedAt ?? null,
      deletedAt: n.deletedAt ?? null,
      // Earlier versions of the member's own text (edits by moderators are listed as such).
      revisions: (n.revisions ?? []).map((r) => ({
        version: r.version,
        title: r.title,
        body: r.body,
        editedBy: r.role,
        at: r.at,
      })),
      replies: (n.replies ?? [])
        .filter((r) => r.author.id === userId)
        .map((r) => ({ body: r.body, at: r.at })),
    })),
    replies: touched.flatMap((n) =>
      (n.replies ?? [])
        .filter((r) => r.author.id === userId)
        .map((r) => ({ note: String(n._id), noteTitle: n.title, body: r.body, at: r.at })),
    ),
    flags: touched.flatMap((n) =>
      (n.flags ?? [])
        .filter((f) => f.by?.id === userId)
        .map((f) => ({ note: String(n._id), noteTitle: n.title, reason: f.reason ?? "", at: f.at })),
    ),
    useful: touched
      .filter((n) => (n.usefulBy ?? []).includes(userId))
      .map((n) => ({ note: String(n._id), noteTitle: n.title })),
    drafts: (await NoteDraftModel.find({ userId }).lean()).map((d) => ({
      project: d.projectSlug,
      fields: d.fields as Record<string, string>,
      createdAt: d.createdAt,
    })),
  };
}

/**
 * Removes a member from the notes, in one transaction with the search outbox entries. `delete`: their
 * notes are erased (not soft-deleted: nothing of the text stays), and so are their replies. `keep`: their
 * published notes and replies stay, signed "ex membro" with no link; notes never published are erased.
 * Either way their flags, "useful" marks, moderation signatures and edit signatures lose their name.
 */
export async function forgetMember(
  connection: Connection,
  userId: string,
  mode: ForgetMode,
): Promise<{ notesDeleted: number; notesKept: number }> {
  return connection.transaction(async (session) => {
    const own = await NoteModel.find({ "author.id": userId }, { _id: 1, status: 1, deletedAt: 1 })
      .session(session)
      .lean<Pick<NoteDoc, "_id" | "status" | "deletedAt">[]>();
    const keep = own.filter((n) => mode === "keep" && n.status === "published" && !n.deletedAt);
    const erase = own.filter((n) => !keep.includes(n));
    const touched = await NoteModel.find(
      {
        $or: [
          { "replies.author.id": userId },
          { "flags.by.id": userId },
          { usefulBy: userId },
          { "moderatedBy.id": userId },
          { "revisions.editedBy.id": userId },
        ],
      },
      { _id: 1 },
    )
      .session(session)
      .lean();
    if (erase.length > 0) {
      await NoteModel.deleteMany({ _id: { $in: erase.map((n) => n._id) } }, { session });
    }
    if (keep.length > 0) {
      await NoteModel.updateMany(
        { _id: { $in: keep.map((n) => n._id) } },
        { $set: { author: EX_MEMBER, idempotencyKey: null } },
        { session },
      );
    }
    const others = { _id: { $nin: erase.map((n) => n._id) } };
    if (mode === "delete") {
      await NoteModel.updateMany(
        { ...others, "replies.author.id": userId },
        { $pull: { replies: { "author.id": userId } } },
        { session },
      );
    } else {
      await NoteModel.updateMany(
        { ...others, "replies.author.id": userId },
        { $set: { "replies.$[r].author": EX_MEMBER } },
        { session, arrayFilters: [{ "r.author.id": userId }] },
      );
    }
    await NoteModel.updateMany(
      { ...others, "flags.by.id": userId },
      { $set: { "flags.$[f].by": EX_MEMBER } },
      { session, arrayFilters: [{ "f.by.id": userId }] },
    );
    await NoteModel.updateMany(
      { ...others, usefulBy: userId },
      { $pull: { usefulBy: userId }, $inc: { usefulCount: -1 } },
      { session },
    );
    await NoteModel.updateMany(
      { ...others, "moderatedBy.id": userId },
      { $set: { moderatedBy: EX_MEMBER } },
      { session },
    );
    await NoteModel.updateMany(
      { ...others, "revisions.editedBy.id": userId },
      { $set: { "revisions.$[e].editedBy": EX_MEMBER } },
      { session, arrayFilters: [{ "e.editedBy.id": userId }] },
    );
    const changed = [...new Set([...keep, ...touched].map((n) => String(n._id)))].filter(
      (id) => !erase.some((e) => String(e._id) === id),
    );
    if (changed.length > 0) {
      await NoteModel.updateMany({ _id: { $in: changed } }, { $inc: { version: 1 } }, { session });
    }
    // Every note whose document may change (or disappear) is re-read by the indexer.
    await enqueueIndexingMany("note", [...erase.map((n) => String(n._id)), ...changed], { session });
    await NoteDraftModel.deleteMany({ userId }, { session });
    return { notesDeleted: erase.length, notesKept: keep.length };
  });
}
