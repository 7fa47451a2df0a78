// The read side of the working tables, for their pages and for what later builds on them (synthesis
// reports, recommendations): published notes of a table, a guiding question, a kind or an event with their
// projects and those projects' zones, target groups and start year; and the counts of those notes. Counts
// come from one MongoDB pipeline over indexed fields (notes) and one read of the projects' facts, and are
// kept for TABLE_MS or until a note, a project or a vocabulary changes in this process.
import { ExpiringMap, remembered } from "../../infra/expiring-map";
import type { NoteCountRow, NoteView, TableNoteFilter, TableNoteQueries } from "../notes/index";
import type { ProjectFacts, ProjectRefs } from "../projects/index";
import { NOTE_KINDS, type NoteKind } from "../taxonomy/index";

/** A change made by another app instance shows within this. */
export const TABLE_MS = 60_000;
/** Notes shown under each guiding question and kind on a table's page. */
export const NEWEST_PER_KIND = 3;

export interface Count {
  key: string;
  n: number;
}

/** Counts of published notes (of a table, or one of its questions). */
export interface NoteCounts {
  total: number;
  /** Notes that name no project (session contributions): in the totals, not in zones, groups or years. */
  withoutProject: number;
  byKind: Record<NoteKind, number>;
  byQuestion: { question: string | null; byKind: Record<NoteKind, number>; total: number }[];
  /** A note on a project of several zones (or target groups) counts in each. Largest first. */
  byZone: Count[];
  byTargetGroup: Count[];
  /** By the project's start year, oldest first. */
  byYear: Count[];
  /** The projects the notes come from, most notes first. */
  projects: { slug: string; title: string; n: number }[];
}

/** A published note with its project (undefined: it names none). */
export interface TableNote {
  view: NoteView;
  project: ProjectFacts | undefined;
}

export interface TableData {
  theme: string;
  counts: NoteCounts;
  /** Per guiding question (null: no question), the counts of its notes. */
  questionCounts: Map<string | null, NoteCounts>;
  /** The newest notes of each guiding question and kind. */
  newest: TableNote[];
}

const zeroKinds = (): Record<NoteKind, number> =>
  Object.fromEntries(NOTE_KINDS.map((k) => [k, 0])) as Record<NoteKind, number>;

function sorted(map: Map<string, number>, by: "count" | "key"): Count[] {
  const list = [...map].map(([key, n]) => ({ key, n }));
  return by === "count"
    ? list.sort((a, b) => b.n - a.n || a.key.localeCompare(b.key))
    : list.sort((a, b) => a.key.localeCompare(b.key));
}

/** Counts from the pipeline's rows; rows of projects readers cannot see are left out. */
export function countsOf(rows: NoteCountRow[], facts: Map<string, ProjectFacts>): NoteCounts {
  const byKind = zeroKinds();
  const byQuestion = new Map<string | null, Record<NoteKind, number>>();
  const zones = new Map<string, number>();
  const groups = new Map<string, number>();
  const years = new Map<string, number>();
  const projects = new Map<string, { slug: string; title: string; n: number }>();
  let total = 0;
  let withoutProject = 0;
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const r of rows) {
    const project = r.project ? facts.get(r.project) : undefined;
    if (r.project && !project) continue;
    total += r.n;
    byKind[r.kind] += r.n;
    const q = byQuestion.get(r.question) ?? zeroKinds();
    q[r.kind] += r.n;
    byQuestion.set(r.question, q);
    if (!project) {
      withoutProject += r.n;
      continue;
    }
    for (const z of new Set(project.zones)) add(zones, z, r.n);
    for (const g of new Set(project.targetGroups)) add(groups, g, r.n);
    if (project.startYear) add(years, String(project.startYear), r.n);
    const p = projects.get(project.slug) ?? { slug: project.slug, title: project.title, n: 0 };
    p.n += r.n;
    projects.set(project.slug, p);
  }
  return {
    total,
    withoutProject,
    byKind,
    byQuestion: [...byQuestion].map(([question, kinds]) => ({
      question,
      byKind: kinds,
      total: Object.values(kinds).reduce((a, b) => a + b, 0),
    })),
    byZone: sorted(zones, "count"),
    byTargetGroup: sorted(groups, "count"),
    byYear: sorted(years, "key"),
    projects: [...projects.values()].sort((a, b) => b.n - a.n || a.title.localeCompare(b.title)),
  };
}

export function createTablesQueries(deps: {
  notes: TableNoteQueries;
  projects: Pick<ProjectRefs, "factsOf">;
}) {
  const tables = new ExpiringMap<Promise<TableData>>(TABLE_MS, 50);

  async function withProjects(views: NoteView[]): Promise<TableNote[]> {
    const facts = await deps.projects.factsOf(views.map((v) => v.note.project));
    return views.flatMap((view) => {
      const project = view.note.project ? facts.get(String(view.note.project)) : undefined;
      // A note on a project readers cannot see (a draft, deleted) is not shown.
      return view.note.project && !project ? [] : [{ view, project }];
    });
  }

  async function read(theme: string): Promise<TableData> {
    const [rows, newest] = await Promise.all([
      deps.notes.countsOf({ theme }),
      deps.notes.newestByQuestionAndKind({ theme }, NEWEST_PER_KIND),
    ]);
    const facts = await deps.projects.factsOf([
      ...rows.map((r) => r.project),
      ...newest.map((v) => v.note.project),
    ]);
    const questions = new Set(rows.map((r) => r.question));
    const questionCounts = new Map<string | null, NoteCounts>();
    for (const q of questions) {
      questionCounts.set(
        q,
        countsOf(
          rows.filter((r) => r.question === q),
          facts,
        ),
      );
    }
    return {
      theme,
      counts: countsOf(rows, facts),
      questionCounts,
      newest: newest.flatMap((view) => {
        const project = view.note.project ? facts.get(String(view.note.project)) : undefined;
        return view.note.project && !project ? [] : [{ view, project }];
      }),
    };
  }

  return {
    /** A table's counts (whole and per guiding question) and newest notes, kept for TABLE_MS. */
    table: (theme: string) => remembered(tables, theme, () => read(theme)),

    /** Counts of the published notes matching a filter (an event, a question...), not kept. */
    async counts(filter: TableNoteFilter): Promise<NoteCounts> {
      const rows = await deps.notes.countsOf(filter);
      return countsOf(rows, await deps.projects.factsOf(rows.map((r) => r.project)));
    },

    /** A page of the published notes matching a filter, newest first, with their projects' facts. */
    async notes(filter: TableNoteFilter, page: { skip: number; limit: number }) {
      const { notes, total } = await deps.notes.published(filter, page);
      return { notes: await withProjects(notes), total };
    },

    /** A session's contributions (any status) from `since` on, oldest first, with their projects. */
    async contributions(sessionId: string, since?: Date): Promise<TableNote[]> {
      const views = await deps.notes.ofSession(sessionId, since);
      const facts = await deps.projects.factsOf(views.map((v) => v.note.project));
      // The facilitator sees every contribution, even one whose project was hidden meanwhile.
      return views.map((view) => ({ view, project: facts.get(String(view.note.project)) }));
    },

    /** Forgets the kept tables (a note, project or vocabulary changed). */
    clear: () => tables.clear(),
    epoch: () => tables.epoch,
  };
}

export type TablesQueries = ReturnType<typeof createTablesQueries>;
