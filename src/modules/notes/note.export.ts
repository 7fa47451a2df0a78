// Notes in bulk: the CSV/JSON download (published notes for everyone, every status for coordinators) and
// the pages of the JSON API. Each note comes with its project, working table, guiding question and kind.
// Notes of projects readers may not see (drafts, deleted) are left out for everyone but coordinators.
import type { Writable } from "node:stream";
import mongoose from "mongoose";
import { hasRole } from "../../web/auth-guards";
import { csvCell, write } from "../../web/csv";
import { translator } from "../../web/i18n/index";
import type { Role } from "../accounts/index";
import { PUBLIC_STATUSES, type ProjectRef, type ProjectRefs } from "../projects/index";
import type { NoteKind, TagIndex, TaxonomyService, Vocabulary } from "../taxonomy/index";
import { NoteModel, type NoteDoc } from "./note.model";
import { replyStatusOf } from "./note.queries";

export type NoteExportFormat = "csv" | "json";

export const NOTE_EXPORT_COLUMNS = [
  "id",
  "url",
  "status",
  "kind",
  "kindLabel",
  "table",
  "tableLabel",
  "question",
  "questionText",
  "project",
  "projectTitle",
  "title",
  "body",
  "tags",
  "author",
  "guest",
  "publishedAt",
  "createdAt",
  "useful",
  "replies",
  "rejectReason",
  "demo",
] as const;
export type NoteExportColumn = (typeof NOTE_EXPORT_COLUMNS)[number];

const KIND_KEYS = {
  worked: "notes.kind.worked",
  worked_less: "notes.kind.worked_less",
  recommendation: "notes.kind.recommendation",
  lesson: "notes.kind.lesson",
} as const satisfies Record<NoteKind, string>;

/** Which notes a bulk read returns (API filters; the export takes them all). */
export interface NoteFilter {
  theme?: string;
  question?: string;
  kind?: NoteKind;
  /** A project's id; null: notes that name no project. */
  project?: string | null;
  tagId?: string;
}

export interface NoteRecord {
  id: string;
  url: string;
  status: string;
  kind: NoteKind;
  kindLabel: string;
  table: string;
  tableLabel: string;
  question: string | null;
  questionText: string | null;
  project: { slug: string; title: string } | null;
  title: string;
  body: string;
  tags: string[];
  author: string;
  guest: boolean;
  publishedAt: string | null;
  createdAt: string;
  useful: number;
  replies: number;
  rejectReason: string | null;
  demo: boolean;
}

function iso(d: Date | null | undefined): string | null {
  return d ? new Date(d).toISOString() : null;
}

/** One note with the names of its table, question, kind (Italian) and project. */
export function noteRecord(
  n: NoteDoc,
  project: ProjectRef | undefined,
  vocab: Vocabulary,
  tags: TagIndex,
  moderator: boolean,
): NoteRecord {
  const id = String(n._id);
  const theme = vocab.get("theme", n.theme);
  const question = theme?.guidingQuestions.find((q) => q.id === n.question);
  return {
    id,
    url: `/notes/${id}`,
    status: n.status,
    kind: n.kind,
    kindLabel: translator("it")(KIND_KEYS[n.kind]),
    table: n.theme,
    tableLabel: theme?.label_it ?? n.theme,
    question: n.question ?? null,
    questionText: question?.it ?? null,
    project: project ? { slug: project.slug, title: project.title } : null,
    title: n.title,
    body: n.body,
    tags: (n.tags ?? []).map((t) => tags.byId.get(String(t))?.slug).filter((s) => s !== undefined),
    author: n.author.name,
    guest: n.guest ?? false,
    publishedAt: iso(n.publishedAt),
    createdAt: iso(n.createdAt)!,
    useful: n.usefulCount ?? 0,
    replies: (n.replies ?? []).filter((r) => replyStatusOf(r) === "published").length,
    rejectReason: moderator ? (n.rejectReason ?? null) : null,
    demo: n.demo ?? false,
  };
}

function csvLine(r: NoteRecord): string {
  const cells: Record<NoteExportColumn, string> = {
    ...r,
    question: r.question ?? "",
    questionText: r.questionText ?? "",
    project: r.project?.slug ?? "",
    projectTitle: r.project?.title ?? "",
    tags: r.tags.join(";"),
    guest: r.guest ? "yes" : "no",
    publishedAt: r.publishedAt ?? "",
    useful: String(r.useful),
    replies: String(r.replies),
    rejectReason: r.rejectReason ?? "",
    demo: r.demo ? "yes" : "no",
  };
  return NOTE_EXPORT_COLUMNS.map((c) => csvCell(cells[c])).join(",") + "\r\n";
}

const HIDDEN_MS = 30_000;

export function createNoteExport(deps: {
  taxonomy: Pick<TaxonomyService, "vocabulary" | "tags">;
  projects: Pick<ProjectRefs, "refsOf">;
  onChange: (listener: () => void) => void;
}) {
  let hidden: { ids: Promise<mongoose.Types.ObjectId[]>; until: number } | undefined;
  deps.onChange(() => (hidden = undefined));

  /**
   * Projects that have notes but that readers may not see (back to draft, in review, deleted): their
   * notes are left out of public reads. Few in practice; kept HIDDEN_MS or until a note changes here.
   */
  function hiddenProjects(): Promise<mongoose.Types.ObjectId[]> {
    if (hidden && hidden.until > Date.now()) return hidden.ids;
    const ids = (async () => {
      const all = await NoteModel.distinct<"project">("project", {
        deletedAt: null,
        status: "published",
        project: { $type: "objectId" },
      });
      const visible = await deps.projects.refsOf(all, { statuses: PUBLIC_STATUSES });
      return all.filter((id) => !visible.has(String(id)));
    })();
    ids.catch(() => (hidden = undefined));
    hidden = { ids, until: Date.now() + HIDDEN_MS };
    return ids;
  }

  async function matchOf(filter: NoteFilter, moderator: boolean): Promise<Record<string, unknown>> {
    const match: Record<string, unknown> = moderator
      ? { deletedAt: null }
      : { deletedAt: null, status: "published" };
    if (filter.theme) match.theme = filter.theme;
    if (filter.question) match.question = filter.question;
    if (filter.kind) match.kind = filter.kind;
    if (filter.tagId) match.tags = new mongoose.Types.ObjectId(filter.tagId);
    if (filter.project === null) match.project = null;
    else if (filter.project) match.project = new mongoose.Types.ObjectId(filter.project);
    if (!moderator) {
      const hide = await hiddenProjects();
      if (hide.length > 0) {
        match.$and = [{ project: { $nin: hide } }];
      }
    }
    return match;
  }

  async function recordsOf(rows: NoteDoc[], moderator: boolean): Promise<NoteRecord[]> {
    const [projects, vocab, tags] = await Promise.all([
      deps.projects.refsOf(
        rows.map((r) => r.project),
        moderator ? { withDeleted: true } : { statuses: PUBLIC_STATUSES },
      ),
      deps.taxonomy.vocabulary(),
      deps.taxonomy.tags(),
    ]);
    return rows.map((r) => noteRecord(r, projects.get(String(r.project)), vocab, tags, moderator));
  }

  return {
    /** One page of notes (published for everyone, every status for coordinators), oldest first. */
    async page(filter: NoteFilter, viewer: { role?: Role }, page: number, limit: number) {
      const moderator = hasRole(viewer.role, "coordinator");
      const match = await matchOf(filter, moderator);
      const [rows, total] = await Promise.all([
        NoteModel.find(match)
          .sort({ _id: 1 })
          .skip((page - 1) * limit)
          .limit(limit)
          .lean<NoteDoc[]>(),
        NoteModel.countDocuments(match),
      ]);
      return { data: await recordsOf(rows, moderator), total };
    },

    /** Streams every note the viewer may read to `out` (not ended), oldest first. Returns the count. */
    async exportNotes(format: NoteExportFormat, viewer: { role?: Role }, out: Writable): Promise<number> {
      const moderator = hasRole(viewer.role, "coordinator");
      const match = await matchOf({}, moderator);
      await write(out, format === "csv" ? `\ufeff${NOTE_EXPORT_COLUMNS.join(",")}\r\n` : "[\n");
      let n = 0;
      let batch: NoteDoc[] = [];
      const flush = async () => {
        const records = await recordsOf(batch, moderator);
        let chunk = "";
        for (const r of records) {
          chunk += format === "csv" ? csvLine(r) : `${n > 0 ? ",\n" : ""}${JSON.stringify(r)}`;
          n++;
        }
        batch = [];
        if (chunk) await write(out, chunk);
      };
      for await (const row of NoteModel.find(match)
        .sort({ _id: 1 })
        .lean<NoteDoc[]>()
        .cursor({ batchSize: 500 })) {
        batch.push(row);
        if (batch.length >= 500) await flush();
      }
      await flush();
      await write(out, format === "json" ? "\n]\n" : "");
      return n;
    },
  };
}

export type NoteExport = ReturnType<typeof createNoteExport>;
