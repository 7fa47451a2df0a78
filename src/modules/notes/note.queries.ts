// Reads of notes: per project (grouped), per working table, per author, recent (feeds) and the API.
import mongoose from "mongoose";
import { hasRole } from "../../web/auth-guards";
import { renderMarkdown } from "../../web/markdown";
import type { Role } from "../accounts/index";
import { PUBLIC_STATUSES, type ProjectRef, type ProjectRefs } from "../projects/index";
import type { NoteKind } from "../taxonomy/index";
import { NoteDraftModel, NoteModel, type NoteDoc, type NoteStatus } from "./note.model";

export interface Viewer {
  id?: string;
  role?: Role;
}

/** A note ready for a view: body and replies already rendered by the sanitiser. */
export interface NoteView {
  note: NoteDoc;
  html: string;
  /** The published replies, and those the viewer may see (their own waiting or rejected; all for coordinators). */
  replies: ReplyView[];
}

export interface ReplyView {
  id: string;
  author: string;
  authorId: string;
  at: Date;
  html: string;
  status: NoteStatus;
  rejectReason: string | null;
}

/** A reply waiting for a coordinator, with the note it answers. */
export interface PendingReply {
  noteId: string;
  noteTitle: string;
  reply: ReplyView;
  ageMs: number;
}

export type { ProjectRef };

/** A note in the moderation queue, with its project and how long it has waited. */
export interface QueueItem {
  view: NoteView;
  project: ProjectRef | undefined;
  /** Since the note was written (pending) or first flagged (published and flagged). */
  ageMs: number;
  /** The working-table session the note was contributed in. */
  sessionId?: string;
}

/** How pages name a working-table session (the tables module tells the notes module). */
export interface SessionLabel {
  label: string;
  href: string;
}

const LIST_LIMIT = 500;
// Rendering Markdown is the costly part of a notes list: keep the HTML of recent versions.
const htmlCache = new Map<string, string>();
function cachedMarkdown(key: string, source: string): string {
  let html = htmlCache.get(key);
  if (html === undefined) {
    html = renderMarkdown(source);
    if (htmlCache.size > 5000) htmlCache.delete(htmlCache.keys().next().value!);
    htmlCache.set(key, html);
  }
  return html;
}

/** Replies written before replies were moderated have no status: they were published at once. */
export const replyStatusOf = (r: { status?: string | null }): NoteStatus =>
  (r.status as NoteStatus | null | undefined) ?? "published";

export function replyView(noteId: string, r: NoteDoc["replies"][number]): ReplyView {
  return {
    id: String(r._id),
    author: r.author.name,
    authorId: r.author.id,
    at: r.at,
    html: cachedMarkdown(`${noteId}/${String(r._id)}`, r.body),
    status: replyStatusOf(r),
    rejectReason: r.rejectReason ?? null,
  };
}

/** A note for lists kept for everyone: only its published replies. */
export function toView(note: NoteDoc): NoteView {
  return toViewFor(note, {});
}

/** A note for one viewer: the published replies, their own others, and every one for coordinators. */
export function toViewFor(note: NoteDoc, viewer: Viewer): NoteView {
  const id = String(note._id);
  const moderator = hasRole(viewer.role, "coordinator");
  return {
    note,
    html: cachedMarkdown(`${id}@${note.version}`, note.body),
    replies: (note.replies ?? [])
      .filter(
        (r) =>
          replyStatusOf(r) === "published" ||
          moderator ||
          (viewer.id !== undefined && r.author.id === viewer.id),
      )
      .map((r) => replyView(id, r)),
  };
}

/**
 * Notes with the project each names, readers' view: a note on a project readers may not see is left out;
 * a note on a working table alone (no project) stays, without one.
 */
export function withVisibleProjects(
  rows: NoteDoc[],
  projects: Map<string, ProjectRef>,
): { note: NoteDoc; project?: ProjectRef }[] {
  return rows.flatMap((note) => {
    if (!note.project) return [{ note }];
    const project = projects.get(String(note.project));
    return project ? [{ note, project }] : [];
  });
}

export function createNoteQueries(deps: { projects: Pick<ProjectRefs, "refsOf" | "publicIdsWhere"> }) {
  /** The notes' projects the public may see (published: see PUBLIC_STATUSES). */
  const projectsById = (ids: (mongoose.Types.ObjectId | null | undefined)[]) =>
    deps.projects.refsOf(ids, { statuses: PUBLIC_STATUSES });

  return {
    /** Published notes of a project, plus the viewer's own pending or rejected ones. */
    async forProject(projectId: mongoose.Types.ObjectId, viewer: Viewer): Promise<NoteView[]> {
      const visible: Record<string, unknown>[] = [{ status: "published" }];
      if (viewer.id) visible.push({ "author.id": viewer.id });
      const rows = await NoteModel.find({ project: projectId, deletedAt: null, $or: visible })
        .sort({ publishedAt: -1, createdAt: -1 })
        .limit(LIST_LIMIT)
        .lean<NoteDoc[]>();
      return rows.map(toView);
    },
    /** The projects that have published notes (a distinct scan of the notes' project index). */
    async projectsWithPublishedNotes(): Promise<mongoose.Types.ObjectId[]> {
      return NoteModel.distinct("project", { deletedAt: null, status: "published" });
    },
    /** Published notes of a project, newest first. */
    async publishedOf(projectId: string | mongoose.Types.ObjectId): Promise<NoteView[]> {
      const rows = await NoteModel.find({ project: projectId, deletedAt: null, status: "published" })
        .sort({ publishedAt: -1, _id: -1 })
        .limit(LIST_LIMIT)
        .lean<NoteDoc[]>();
      return rows.map(toView);
    },
    /** A member's own notes on a project that are not published (waiting, or rejected with a reason). */
    async mineOf(projectId: string | mongoose.Types.ObjectId, userId: string): Promise<NoteView[]> {
      const rows = await NoteModel.find({
        project: projectId,
        deletedAt: null,
        "author.id": userId,
        status: { $in: ["pending", "rejected"] },
      })
        .sort({ createdAt: -1 })
        .lean<NoteDoc[]>();
      return rows.map(toView);
    },
    /** How many notes of a project wait for moderation (shown to coordinators). */
    pendingCount: (projectId: string | mongoose.Types.ObjectId) =>
      NoteModel.countDocuments({ project: projectId, status: "pending", deletedAt: null }),
    /** Published notes of one working table, with their projects. */
    async forTheme(theme: string): Promise<{ view: NoteView; project?: ProjectRef }[]> {
      const rows = await NoteModel.find({ theme, status: "published", deletedAt: null })
        .sort({ publishedAt: -1 })
        .limit(LIST_LIMIT)
        .lean<NoteDoc[]>();
      const projects = await projectsById(rows.map((r) => r.project));
      return withVisibleProjects(rows, projects).map(({ note, project }) => ({
        view: toView(note),
        project,
      }));
    },
    /**
     * The newest published notes of a zone's or a tag's public projects (a tag page also lists notes
     * tagged with it themselves), at most `limit`, with their total.
     */
    async forTerm(
      filter: { zone?: string; tagId?: string },
      limit: number,
    ): Promise<{ notes: { view: NoteView; project: ProjectRef }[]; total: number }> {
      const ids = await deps.projects.publicIdsWhere(filter);
      const or: Record<string, unknown>[] = [{ project: { $in: ids } }];
      if (filter.tagId && mongoose.isValidObjectId(filter.tagId))
        or.push({ tags: new mongoose.Types.ObjectId(filter.tagId) });
      const where = { status: "published" as const, deletedAt: null, $or: or };
      const [rows, total] = await Promise.all([
        NoteModel.find(where).sort({ publishedAt: -1, _id: 1 }).limit(limit).lean<NoteDoc[]>(),
        NoteModel.countDocuments(where),
      ]);
      const projects = await projectsById(rows.map((r) => r.project));
      return {
        notes: rows.flatMap((r) => {
          const project = projects.get(String(r.project));
          return project ? [{ view: toView(r), project }] : [];
        }),
        total,
      };
    },
    /** A member's published notes, for the public profile. */
    async forAuthor(userId: string): Promise<{ view: NoteView; project?: ProjectRef }[]> {
      const rows = await NoteModel.find({ "author.id": userId, status: "published", deletedAt: null })
        .sort({ publishedAt: -1 })
        .limit(LIST_LIMIT)
        .lean<NoteDoc[]>();
      const projects = await projectsById(rows.map((r) => r.project));
      return withVisibleProjects(rows, projects).map(({ note, project }) => ({
        view: toView(note),
        project,
      }));
    },
    /** Recently published notes, optionally of one theme or tag (feeds). */
    async recent(filter: { theme?: string; tagId?: string }, limit = 30) {
      const q: Record<string, unknown> = { status: "published", deletedAt: null };
      if (filter.theme) q.theme = filter.theme;
      if (filter.tagId) q.tags = new mongoose.Types.ObjectId(filter.tagId);
      const rows = await NoteModel.find(q).sort({ publishedAt: -1 }).limit(limit).lean<NoteDoc[]>();
      const projects = await projectsById(rows.map((r) => r.project));
      return withVisibleProjects(rows, projects);
    },
    /** A note as a viewer may see it: published, or the viewer's own, or any for coordinators. */
    async visible(id: string, viewer: Viewer): Promise<NoteDoc | undefined> {
      if (!mongoose.isValidObjectId(id)) return undefined;
      const note = await NoteModel.findOne({ _id: id, deletedAt: null }).lean<NoteDoc>();
      if (!note) return undefined;
      if (
        note.status === "published" ||
        note.author.id === viewer.id ||
        hasRole(viewer.role, "coordinator")
      ) {
        return note;
      }
      return undefined;
    },
    /** Everything a member wrote (but deleted), newest first, with the projects it names, for "Le mie note". */
    async ofMember(userId: string): Promise<{ view: NoteView; project?: ProjectRef }[]> {
      const rows = await NoteModel.find({ "author.id": userId, deletedAt: null })
        .sort({ createdAt: -1 })
        .limit(LIST_LIMIT)
        .lean<NoteDoc[]>();
      const projects = await deps.projects.refsOf(
        rows.map((r) => r.project),
        { statuses: PUBLIC_STATUSES },
      );
      // The author sees their own waiting and rejected replies too.
      return rows.map((r) => ({
        view: toViewFor(r, { id: userId }),
        project: r.project ? projects.get(String(r.project)) : undefined,
      }));
    },
    /** How many of a member's notes wait for moderation. */
    pendingOf: (userId: string) =>
      NoteModel.countDocuments({ "author.id": userId, status: "pending", deletedAt: null }),
    /** The texts a member was writing when the session expired (kept 30 days), by project. */
    async draftsOf(userId: string): Promise<{ projectSlug: string; title: string; createdAt: Date }[]> {
      const rows = await NoteDraftModel.find({ userId }).sort({ createdAt: -1 }).limit(50).lean();
      return rows.map((d) => {
        const fields = (d.fields ?? {}) as Record<string, unknown>;
        return {
          projectSlug: d.projectSlug,
          title: typeof fields.title === "string" ? fields.title : "",
          createdAt: d.createdAt,
        };
      });
    },
    /**
     * A note's project as this viewer may see it: public ones for everyone, any not deleted for coordinators
     * (none for a note on a working table alone).
     */
    projectRef: async (id: mongoose.Types.ObjectId | null | undefined, viewer: Viewer = {}) =>
      id
        ? (hasRole(viewer.role, "coordinator")
            ? await deps.projects.refsOf([id])
            : await projectsById([id])
          ).get(String(id))
        : undefined,
  };
}

export type NoteQueries = ReturnType<typeof createNoteQueries>;

/** Counts by working table and kind, for the project page's headings. */
export function countsOf(views: NoteView[]): Map<string, Map<NoteKind, number>> {
  const out = new Map<string, Map<NoteKind, number>>();
  for (const v of views) {
    if (v.note.status !== "published") continue;
    const byKind = out.get(v.note.theme) ?? new Map<NoteKind, number>();
    byKind.set(v.note.kind, (byKind.get(v.note.kind) ?? 0) + 1);
    out.set(v.note.theme, byKind);
  }
  return out;
}
