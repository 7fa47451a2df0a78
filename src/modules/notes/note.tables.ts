// The working tables' reads of notes (used by the tables module through index.ts): published notes of a
// table, a guiding question, a kind or an event, counted by question, kind and project in one MongoDB
// pipeline over indexed fields; the newest of each question and kind; and a session's contributions as
// they arrive. Projects are only ids here: the tables module joins them with the projects' facts.
import mongoose, { type PipelineStage } from "mongoose";
import type { NoteKind } from "../taxonomy/index";
import { NoteModel, type NoteDoc } from "./note.model";
import { toView, type NoteView } from "./note.queries";

/** Which published notes: a working table, optionally one guiding question, kind, event or session. */
export interface TableNoteFilter {
  theme?: string;
  question?: string;
  kind?: NoteKind;
  event?: string;
  session?: string;
}

/** Published notes counted by guiding question, kind and project (null: no project, no question). */
export interface NoteCountRow {
  question: string | null;
  kind: NoteKind;
  project: string | null;
  n: number;
}

const objectId = (id: string) => new mongoose.Types.ObjectId(id);

function matchOf(filter: TableNoteFilter): Record<string, unknown> {
  const q: Record<string, unknown> = { status: "published", deletedAt: null };
  if (filter.theme) q.theme = filter.theme;
  if (filter.question) q.question = filter.question;
  if (filter.kind) q.kind = filter.kind;
  if (filter.event) q.event = mongoose.isValidObjectId(filter.event) ? objectId(filter.event) : null;
  if (filter.session)
    q.tableSession = mongoose.isValidObjectId(filter.session) ? objectId(filter.session) : null;
  return q;
}

export function createTableNoteQueries() {
  return {
    /** The counts' raw rows: one per (question, kind, project) with how many published notes. */
    async countsOf(filter: TableNoteFilter): Promise<NoteCountRow[]> {
      const pipeline: PipelineStage[] = [
        { $match: matchOf(filter) },
        { $group: { _id: { q: "$question", k: "$kind", p: "$project" }, n: { $sum: 1 } } },
      ];
      const rows = await NoteModel.aggregate<{
        _id: { q?: string | null; k: NoteKind; p?: mongoose.Types.ObjectId | null };
        n: number;
      }>(pipeline);
      return rows.map((r) => ({
        question: r._id.q ?? null,
        kind: r._id.k,
        project: r._id.p ? String(r._id.p) : null,
        n: r.n,
      }));
    },

    /** The `per` newest published notes of each (guiding question, kind) matching the filter. */
    async newestByQuestionAndKind(filter: TableNoteFilter, per: number): Promise<NoteView[]> {
      const rows = await NoteModel.aggregate<{ notes: NoteDoc[] }>([
        { $match: matchOf(filter) },
        {
          $group: {
            _id: { q: "$question", k: "$kind" },
            notes: { $topN: { n: per, sortBy: { publishedAt: -1, _id: -1 }, output: "$$ROOT" } },
          },
        },
      ]);
      return rows.flatMap((r) => r.notes).map(toView);
    },

    /** A page of the published notes matching the filter, newest first, and how many there are. */
    async published(
      filter: TableNoteFilter,
      page: { skip: number; limit: number },
    ): Promise<{ notes: NoteView[]; total: number }> {
      const match = matchOf(filter);
      const [rows, total] = await Promise.all([
        NoteModel.find(match)
          .sort({ publishedAt: -1, _id: -1 })
          .skip(page.skip)
          .limit(page.limit)
          .lean<NoteDoc[]>(),
        NoteModel.countDocuments(match),
      ]);
      return { notes: rows.map(toView), total };
    },

    /**
     * A session's contributions (pending, published or rejected), oldest first; `since`: only those whose
     * id was made from that moment on. Ids are made before their transaction commits, so contributions
     * sent at the same time become visible in any order: a reader that follows them asks again from a
     * little before the newest it saw, and skips what it has (see the live view).
     */
    async ofSession(sessionId: string, since?: Date, limit = 500): Promise<NoteView[]> {
      if (!mongoose.isValidObjectId(sessionId)) return [];
      const q: Record<string, unknown> = { tableSession: objectId(sessionId), deletedAt: null };
      if (since) q._id = { $gte: mongoose.Types.ObjectId.createFromTime(Math.floor(since.getTime() / 1000)) };
      const rows = await NoteModel.find(q).sort({ _id: 1 }).limit(limit).lean<NoteDoc[]>();
      return rows.map(toView);
    },

    /**
     * The newest `limit` published notes matching the filter, only the fields a report's proposed draft
     * groups them by (no rendered HTML: a proposal reads up to thousands of notes at once).
     */
    async forProposal(filter: TableNoteFilter, limit: number) {
      const rows = await NoteModel.find(matchOf(filter), {
        title: 1,
        body: 1,
        kind: 1,
        theme: 1,
        question: 1,
        tags: 1,
        project: 1,
      })
        .sort({ publishedAt: -1, _id: -1 })
        .limit(limit)
        .lean();
      return rows.map((r) => ({
        id: String(r._id),
        title: r.title,
        body: r.body,
        kind: r.kind,
        theme: r.theme,
        question: r.question ?? null,
        tags: (r.tags ?? []).map(String),
        project: r.project ? String(r.project) : null,
      }));
    },

    /**
     * What a report needs to cite notes: each existing note's title, project, working table (the
     * recommendations register files an item under its notes' table) and whether the public may
     * read it (published and not deleted). Unknown or malformed ids are simply absent from the map.
     */
    async citable(
      ids: string[],
    ): Promise<
      Map<string, { title: string; project: string | null; theme: string | null; visible: boolean }>
    > {
      const valid = [...new Set(ids)].filter((id) => mongoose.isValidObjectId(id)).map(objectId);
      const out = new Map<
        string,
        { title: string; project: string | null; theme: string | null; visible: boolean }
      >();
      if (valid.length === 0) return out;
      const rows = await NoteModel.find(
        { _id: { $in: valid } },
        { title: 1, project: 1, theme: 1, status: 1, deletedAt: 1 },
      ).lean();
      for (const r of rows) {
        out.set(String(r._id), {
          title: r.title,
          project: r.project ? String(r.project) : null,
          theme: r.theme ?? null,
          visible: r.status === "published" && !r.deletedAt,
        });
      }
      return out;
    },

    /** How many contributions each session has, by status. */
    async sessionCounts(
      sessionIds: string[],
    ): Promise<Map<string, { pending: number; published: number; rejected: number }>> {
      const ids = sessionIds.filter((id) => mongoose.isValidObjectId(id)).map(objectId);
      const out = new Map<string, { pending: number; published: number; rejected: number }>();
      if (ids.length === 0) return out;
      const rows = await NoteModel.aggregate<{
        _id: { s: mongoose.Types.ObjectId; st: "pending" | "published" | "rejected" };
        n: number;
      }>([
        { $match: { tableSession: { $in: ids }, deletedAt: null } },
        { $group: { _id: { s: "$tableSession", st: "$status" }, n: { $sum: 1 } } },
      ]);
      for (const r of rows) {
        const key = String(r._id.s);
        const entry = out.get(key) ?? { pending: 0, published: 0, rejected: 0 };
        entry[r._id.st] = r.n;
        out.set(key, entry);
      }
      return out;
    },
  };
}

export type TableNoteQueries = ReturnType<typeof createTableNoteQueries>;
