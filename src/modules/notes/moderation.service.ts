// Moderation: the queue of pending and flagged notes, and the coordinators' decisions (each audited).
import mongoose from "mongoose";
import { ConflictError, ValidationError } from "../../web/errors";
import type { AuditService } from "../audit/index";
import type { ProjectRefs } from "../projects/index";
import { enqueueIndexing } from "../search/index";
import type { Actor } from "../accounts/index";
import { NoteModel, type NoteDoc } from "./note.model";
import { replyView, toView, type PendingReply, type QueueItem } from "./note.queries";
import type { NotesCore } from "./note.service";

export type ModerationAction = "approve" | "reject" | "dismiss";
export type ReplyAction = "approve" | "reject";

const rejectionNeedsReason = () =>
  new ValidationError("A rejection needs a reason", [
    { field: "reason", message: "notes.error.reason_empty" },
  ]);

/** When a queue item started waiting: a pending note since it was written, a flagged one since its first flag. */
function waitingSince(n: NoteDoc): number {
  if (n.status === "pending") return new Date(n.createdAt).getTime();
  const flags = (n.flags ?? []).map((f) => new Date(f.at).getTime());
  return flags.length > 0 ? Math.min(...flags) : new Date(n.createdAt).getTime();
}

export function createModeration(deps: {
  core: NotesCore;
  audit: AuditService;
  projects: Pick<ProjectRefs, "refsOf">;
}) {
  const { core } = deps;

  /** Applies one decision to one note; throws 409 when the note is not in a state the decision fits. */
  async function decide(actor: Actor, id: string, action: ModerationAction, reason: string, ip?: string) {
    if (action === "reject" && !reason) throw rejectionNeedsReason();
    const from = await core.tx(async (session) => {
      const note = await core.load(id, session);
      const before = note.status;
      if (action === "approve") {
        if (note.status !== "pending") throw new ConflictError(`The note is ${note.status}, not pending`);
        note.status = "published";
        note.publishedAt = new Date();
        note.rejectReason = null;
      } else if (action === "reject") {
        if (note.status === "rejected") throw new ConflictError("The note is already rejected");
        note.status = "rejected";
        note.rejectReason = reason;
        note.publishedAt = null;
      } else {
        if (note.flagCount === 0) throw new ConflictError("The note has no flags");
      }
      // Deciding on a note settles its flags.
      note.set("flags", []);
      note.flagCount = 0;
      note.moderatedBy = { id: actor.id, name: actor.name };
      note.version += 1;
      await note.save({ session });
      await enqueueIndexing(session, "note", id);
      return before;
    });
    await deps.audit.record({
      actorId: actor.id,
      action: `notes.${action}`,
      targetType: "note",
      targetId: id,
      details: { from, ...(reason ? { reason } : {}) },
      ip,
    });
  }

  /** Publishes or rejects (with a reason) one reply waiting for moderation; 409 when it no longer waits. */
  async function decideReply(
    actor: Actor,
    noteId: string,
    replyId: string,
    action: ReplyAction,
    reason: string,
    ip?: string,
  ) {
    if (action === "reject" && !reason) throw rejectionNeedsReason();
    if (!mongoose.isValidObjectId(noteId) || !mongoose.isValidObjectId(replyId)) {
      throw new ConflictError("No such reply waiting");
    }
    await core.tx(async (session) => {
      const res = await NoteModel.updateOne(
        {
          _id: noteId,
          deletedAt: null,
          replies: { $elemMatch: { _id: new mongoose.Types.ObjectId(replyId), status: "pending" } },
        },
        {
          $set: {
            "replies.$.status": action === "approve" ? "published" : "rejected",
            "replies.$.rejectReason": action === "reject" ? reason : null,
            "replies.$.moderatedBy": { id: actor.id, name: actor.name },
          },
          $inc: { version: 1 },
        },
        { session },
      );
      if (res.matchedCount === 0) throw new ConflictError("The reply is no longer waiting");
      await enqueueIndexing(session, "note", noteId);
    });
    await deps.audit.record({
      actorId: actor.id,
      action: `notes.reply.${action}`,
      targetType: "note",
      targetId: noteId,
      details: { reply: replyId, ...(reason ? { reason } : {}) },
      ip,
    });
  }

  return {
    decide,
    decideReply,
    /** Applies a decision to many notes; reports which ones could not take it. */
    async bulk(actor: Actor, ids: string[], action: ModerationAction, reason: string, ip?: string) {
      const failed: string[] = [];
      let done = 0;
      for (const id of ids) {
        try {
          await decide(actor, id, action, reason, ip);
          done += 1;
        } catch (err) {
          if (err instanceof ValidationError) throw err;
          failed.push(id);
        }
      }
      return { done, failed };
    },
    /**
     * Pending notes (oldest first) and flagged published notes, with counts; `session` keeps only the
     * contributions of one working-table session.
     */
    async queue(filter: "all" | "pending" | "flagged" = "all", options: { session?: string } = {}) {
      const or: Record<string, unknown>[] = [];
      if (filter !== "flagged") or.push({ status: "pending" });
      if (filter !== "pending") or.push({ status: "published", flagCount: { $gt: 0 } });
      const bySession =
        options.session && mongoose.isValidObjectId(options.session)
          ? { tableSession: new mongoose.Types.ObjectId(options.session) }
          : {};
      const [notes, pending, flagged, withReplies, replies] = await Promise.all([
        NoteModel.find({ deletedAt: null, $or: or, ...bySession })
          .sort({ createdAt: 1 })
          .limit(200)
          .lean<NoteDoc[]>(),
        NoteModel.countDocuments({ deletedAt: null, status: "pending" }),
        NoteModel.countDocuments({ deletedAt: null, status: "published", flagCount: { $gt: 0 } }),
        filter === "flagged"
          ? Promise.resolve([])
          : NoteModel.find({ deletedAt: null, "replies.status": "pending", ...bySession })
              .limit(200)
              .lean<NoteDoc[]>(),
        NoteModel.aggregate<{ n: number }>([
          { $match: { deletedAt: null, "replies.status": "pending" } },
          { $unwind: "$replies" },
          { $match: { "replies.status": "pending" } },
          { $count: "n" },
        ]),
      ]);
      const byId = await deps.projects.refsOf(
        notes.map((n) => n.project),
        { withDeleted: true },
      );
      const now = Date.now();
      const items: QueueItem[] = notes.map((n) => ({
        view: toView(n),
        project: byId.get(String(n.project)),
        ageMs: now - waitingSince(n),
        sessionId: n.tableSession ? String(n.tableSession) : undefined,
      }));
      const oldest = items
        .filter((i) => i.view.note.status === "pending")
        .reduce((m, i) => Math.max(m, i.ageMs), 0);
      const pendingReplies: PendingReply[] = withReplies
        .flatMap((n) =>
          (n.replies ?? [])
            .filter((r) => r.status === "pending")
            .map((r) => ({
              noteId: String(n._id),
              noteTitle: n.title,
              reply: replyView(String(n._id), r),
              ageMs: now - new Date(r.at).getTime(),
            })),
        )
        .sort((a, b) => b.ageMs - a.ageMs);
      return {
        items,
        replies: pendingReplies,
        counts: { pending, flagged, replies: replies[0]?.n ?? 0, oldestMs: oldest },
      };
    },
    /** The sessions that have contributions waiting, for the queue's filter. */
    async pendingSessions(): Promise<string[]> {
      const ids = await NoteModel.distinct("tableSession", {
        status: "pending",
        deletedAt: null,
        tableSession: { $type: "objectId" },
      });
      return ids.map(String);
    },
  };
}

export type Moderation = ReturnType<typeof createModeration>;
