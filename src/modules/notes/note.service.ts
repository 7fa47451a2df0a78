// Notes: posting, editing, deleting, replies, "useful" marks and flags. Every change to a note's
// content or status runs in a transaction that also writes the search outbox entry.
import mongoose, { type ClientSession, type Connection } from "mongoose";
import { hasRole } from "../../web/auth-guards";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../web/errors";
import type { AuditService } from "../audit/index";
import { enqueueIndexing } from "../search/index";
import type { Actor } from "../accounts/index";
import type { ProjectRefs } from "../projects/index";
import type { NoteKind, TaxonomyService } from "../taxonomy/index";
import { NoteDraftModel, NoteModel, type NoteDoc } from "./note.model";
import { checkVocabulary, draftToken, openProject } from "./note.rules";
import type { EditForm, NoteForm } from "./note.schemas";

export interface NotesDeps {
  connection: Connection;
  audit: AuditService;
  taxonomy: TaxonomyService;
  /** The projects notes are written on. */
  projects: Pick<ProjectRefs, "refBySlug">;
  /** Approved notes after which a member publishes directly. */
  trustedAfter: number;
  /** Signs draft tokens. */
  secret: string;
}

export type NoteLean = NoteDoc;

/** Who sends a contribution: a signed-in member, or a guest of the session (a display name, no account). */
export type ContributionAuthor = { actor: Actor } | { guest: { id: string; name: string } };

/** A contribution as the session's form sends it, already checked against the session by the caller. */
export interface ContributionInput {
  kind: NoteKind;
  theme: string;
  question: string | null;
  body: string;
  projectSlug?: string | null;
  tableSession: string;
  event: string;
  /** The form's one-time key: a second submission finds the first contribution. */
  idem?: string;
  demo?: boolean;
}

const TITLE_WORDS_MAX = 90;

/** A title for a contribution: its first line, cut at a word before TITLE_WORDS_MAX characters. */
export function titleOf(body: string): string {
  const line = (body.split("\n").find((l) => l.trim()) ?? "").replace(/[#*_`>]/g, "").trim();
  if (line.length <= TITLE_WORDS_MAX) return line || "…";
  const cut = line.slice(0, TITLE_WORDS_MAX);
  const space = cut.lastIndexOf(" ");
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const isModerator = (actor: Actor) => hasRole(actor.role, "coordinator");

export function createNotesCore(deps: NotesDeps) {
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((l) => l());

  async function tx<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
    const result = await deps.connection.transaction(fn);
    changed();
    return result;
  }

  /** Loads a live note or throws 404. */
  async function load(id: string, session?: ClientSession) {
    if (!mongoose.isValidObjectId(id)) throw new NotFoundError("No such note");
    const note = await NoteModel.findOne({ _id: id, deletedAt: null }).session(session ?? null);
    if (!note) throw new NotFoundError("No such note");
    return note;
  }

  /** Whether an author's notes skip moderation. */
  async function isTrusted(actor: Actor): Promise<boolean> {
    if (isModerator(actor)) return true;
    if (deps.trustedAfter <= 0) return true;
    const approved = await NoteModel.countDocuments({
      "author.id": actor.id,
      status: "published",
      deletedAt: null,
    });
    return approved >= deps.trustedAfter;
  }

  /**
   * A member's note on a project (`slug`), or on a working table alone (`slug` null: the form's theme,
   * and a guiding question it must answer). The same moderation rule applies to both.
   */
  async function create(
    actor: Actor,
    slug: string | null,
    form: NoteForm,
  ): Promise<{ note: NoteLean; duplicate: boolean; slug: string | null }> {
    const project = slug === null ? null : await openProject(deps.projects, slug);
    if (form.idem) {
      const existing = await NoteModel.findOne({
        "author.id": actor.id,
        idempotencyKey: form.idem,
      }).lean<NoteLean>();
      if (existing) return { note: existing, duplicate: true, slug: project?.slug ?? null };
    }
    if (!project && !form.question) {
      throw new ValidationError("A note on a working table answers one of its guiding questions", [
        { field: "question", message: "notes.error.question_required" },
      ]);
    }
    const { tagIds } = await checkVocabulary(deps.taxonomy, form);
    const published = await isTrusted(actor);
    try {
      const note = await tx(async (session) => {
        const [doc] = await NoteModel.create(
          [
            {
              project: project?._id ?? null,
              author: { id: actor.id, name: actor.name },
              kind: form.kind,
              theme: form.theme,
              question: form.question,
              title: form.title,
              body: form.body,
              tags: tagIds,
              status: published ? "published" : "pending",
              publishedAt: published ? new Date() : null,
              idempotencyKey: form.idem ?? null,
            },
          ],
          { session },
        );
        await enqueueIndexing(session, "note", String(doc!._id));
        if (project) {
          await NoteDraftModel.deleteMany({ userId: actor.id, projectSlug: project.slug }).session(session);
        }
        return doc!.toObject<NoteLean>();
      });
      return { note, duplicate: false, slug: project?.slug ?? null };
    } catch (err) {
      // Two submissions of one form raced: the unique key kept one note; answer with it.
      if ((err as { code?: number }).code === 11000 && form.idem) {
        const existing = await NoteModel.findOne({
          "author.id": actor.id,
          idempotencyKey: form.idem,
        }).lean<NoteLean>();
        if (existing) return { note: existing, duplicate: true, slug: project?.slug ?? null };
      }
      throw err;
    }
  }

  /**
   * A contribution sent during a working-table session: a member (the trusted-members rule applies) or a
   * guest (always pending), on a project or none. Its title is the start of its text.
   */
  async function contribute(author: ContributionAuthor, input: ContributionInput): Promise<NoteLean> {
    const project = input.projectSlug ? await openProject(deps.projects, input.projectSlug) : null;
    const person = "guest" in author ? author.guest : { id: author.actor.id, name: author.actor.name };
    if (input.idem) {
      const existing = await NoteModel.findOne({
        "author.id": person.id,
        idempotencyKey: input.idem,
      }).lean<NoteLean>();
      if (existing) return existing;
    }
    await checkVocabulary(deps.taxonomy, { theme: input.theme, question: input.question, tags: [] });
    // Guests are never trusted: whatever the setting, their contributions wait for a coordinator.
    const published = "guest" in author ? false : await isTrusted(author.actor);
    try {
      return await tx(async (session) => {
        const [doc] = await NoteModel.create(
          [
            {
              project: project?._id ?? null,
              author: person,
              guest: "guest" in author,
              tableSession: new mongoose.Types.ObjectId(input.tableSession),
              event: new mongoose.Types.ObjectId(input.event),
              kind: input.kind,
              theme: input.theme,
              question: input.question,
              title: titleOf(input.body),
              body: input.body,
              status: published ? "published" : "pending",
              publishedAt: published ? new Date() : null,
              idempotencyKey: input.idem ?? null,
              demo: input.demo ?? false,
            },
          ],
          { session },
        );
        await enqueueIndexing(session, "note", String(doc!._id));
        return doc!.toObject<NoteLean>();
      });
    } catch (err) {
      // The same form sent twice at once: the unique key kept one contribution; answer with it.
      if ((err as { code?: number }).code === 11000 && input.idem) {
        const existing = await NoteModel.findOne({
          "author.id": person.id,
          idempotencyKey: input.idem,
        }).lean<NoteLean>();
        if (existing) return existing;
      }
      throw err;
    }
  }

  /** The author's edit (kept as a revision) or a moderator's edit (recorded as such). */
  async function update(actor: Actor, id: string, form: EditForm, ip?: string): Promise<NoteLean> {
    const current = await load(id);
    const own = current.author.id === actor.id;
    if (!own && !isModerator(actor))
      throw new ForbiddenError("Only the author or a coordinator may edit this note");
    const { tagIds } = await checkVocabulary(deps.taxonomy, form);
    const trusted = own ? await isTrusted(actor) : true;
    const note = await tx(async (session) => {
      const doc = await load(id, session);
      if (doc.version !== form.version) {
        throw new ConflictError("Someone changed this note meanwhile: reload it and edit again", [
          { field: "_form", message: "notes.error.stale" },
        ]);
      }
      doc.revisions.push({
        version: doc.version,
        kind: doc.kind,
        theme: doc.theme,
        question: doc.question ?? undefined,
        title: doc.title,
        body: doc.body,
        tags: doc.tags,
        editedBy: { id: actor.id, name: actor.name },
        role: own ? "author" : "moderator",
        reason: form.reason ?? "",
        at: new Date(),
      });
      Object.assign(doc, {
        kind: form.kind,
        theme: form.theme,
        question: form.question,
        title: form.title,
        body: form.body,
        tags: tagIds,
      });
      // An edit by a member still under moderation goes back to the queue; so does a rejected note.
      if (own && (doc.status === "rejected" || (!trusted && doc.status === "published"))) {
        doc.status = "pending";
        doc.rejectReason = null;
        doc.publishedAt = null;
      }
      doc.version += 1;
      await doc.save({ session });
      await enqueueIndexing(session, "note", id);
      return doc.toObject<NoteLean>();
    });
    if (!own) {
      await deps.audit.record({
        actorId: actor.id,
        action: "notes.edit",
        targetType: "note",
        targetId: id,
        details: { reason: form.reason ?? "", version: note.version },
        ip,
      });
    }
    return note;
  }

  async function remove(actor: Actor, id: string, ip?: string): Promise<{ projectId: string }> {
    const current = await load(id);
    const own = current.author.id === actor.id;
    if (!own && !isModerator(actor))
      throw new ForbiddenError("Only the author or a coordinator may delete this note");
    await tx(async (session) => {
      await NoteModel.updateOne(
        { _id: id },
        { $set: { deletedAt: new Date() }, $inc: { version: 1 } },
        { session },
      );
      await enqueueIndexing(session, "note", id);
    });
    if (!own) {
      await deps.audit.record({
        actorId: actor.id,
        action: "notes.delete",
        targetType: "note",
        targetId: id,
        ip,
      });
    }
    return { projectId: String(current.project) };
  }

  /**
   * One reply (one level: replies have no replies) to a published note. It follows the notes' rule: a
   * member whose notes are moderated writes replies that wait for a coordinator too.
   */
  async function reply(
    actor: Actor,
    id: string,
    body: string,
  ): Promise<{ note: NoteLean; replyId: string; published: boolean }> {
    const note = await load(id);
    if (note.status !== "published") {
      if (note.status === "pending" && note.author.id !== actor.id && !isModerator(actor)) {
        throw new NotFoundError("No such note");
      }
      throw new ConflictError("Only published notes take replies", [
        { field: "body", message: "notes.error.reply_closed" },
      ]);
    }
    const published = await isTrusted(actor);
    const replyId = new mongoose.Types.ObjectId();
    const entry = {
      _id: replyId,
      author: { id: actor.id, name: actor.name },
      body,
      status: published ? "published" : "pending",
    };
    const updated = await tx(async (session) => {
      const doc = await NoteModel.findOneAndUpdate(
        { _id: id, status: "published", deletedAt: null },
        { $push: { replies: entry }, $inc: { version: 1 } },
        { session, returnDocument: "after" },
      ).lean<NoteLean>();
      if (!doc) throw new ConflictError("The note changed meanwhile");
      await enqueueIndexing(session, "note", id);
      return doc;
    });
    return { note: updated, replyId: String(replyId), published };
  }

  /** Marks a published note as useful (once per member); a second mark takes it back. */
  async function toggleUseful(actor: Actor, id: string): Promise<{ useful: boolean; count: number }> {
    const note = await load(id);
    if (note.status !== "published") throw new NotFoundError("No such note");
    const added = await NoteModel.findOneAndUpdate(
      { _id: id, usefulBy: { $ne: actor.id } },
      { $push: { usefulBy: actor.id }, $inc: { usefulCount: 1 } },
      { returnDocument: "after" },
    ).lean<NoteLean>();
    if (added) {
      changed();
      return { useful: true, count: added.usefulCount };
    }
    const removed = await NoteModel.findOneAndUpdate(
      { _id: id, usefulBy: actor.id },
      { $pull: { usefulBy: actor.id }, $inc: { usefulCount: -1 } },
      { returnDocument: "after" },
    ).lean<NoteLean>();
    changed();
    return { useful: false, count: removed?.usefulCount ?? note.usefulCount };
  }

  /** Anyone signed in may flag a published note once; flagged notes show in the moderation queue. */
  async function flag(actor: Actor, id: string, reason: string, ip?: string): Promise<void> {
    const note = await load(id);
    if (note.status !== "published") throw new NotFoundError("No such note");
    const res = await NoteModel.updateOne(
      { _id: id, "flags.by.id": { $ne: actor.id } },
      { $push: { flags: { by: { id: actor.id, name: actor.name }, reason } }, $inc: { flagCount: 1 } },
    );
    if (res.modifiedCount > 0) {
      changed();
      await deps.audit.record({
        actorId: actor.id,
        action: "notes.flag",
        targetType: "note",
        targetId: id,
        details: { reason },
        ip,
      });
    }
  }

  return {
    load,
    isTrusted,
    create,
    contribute,
    update,
    remove,
    reply,
    toggleUseful,
    flag,
    tx,
    draftToken: (userId: string, slug: string) => draftToken(deps.secret, userId, slug),
    /** Keeps the text of a form whose session expired, for its author to find after login. */
    async saveDraft(userId: string, slug: string, fields: Record<string, string>): Promise<void> {
      await NoteDraftModel.deleteMany({ userId, projectSlug: slug });
      await NoteDraftModel.create({ userId, projectSlug: slug, fields });
    },
    async findDraft(userId: string, slug: string): Promise<Record<string, string> | undefined> {
      const d = await NoteDraftModel.findOne({ userId, projectSlug: slug }).sort({ createdAt: -1 }).lean();
      return (d?.fields as Record<string, string> | undefined) ?? undefined;
    },
    onChange: (listener: () => void) => void listeners.push(listener),
    changed,
  };
}

export type NotesCore = ReturnType<typeof createNotesCore>;
