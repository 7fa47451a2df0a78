// The read side of the recommendations register: the list with its filters (table, zone, status), one
// item by code with its history, the items of a zone or of a report, and the latest changes (for feeds).
// Views are plain data: Markdown as written (pages render it through web/markdown), dates as Dates.
import {
  RecommendationHistoryModel,
  RecommendationModel,
  type HistoryAction,
  type ItemState,
  type RecommendationDoc,
  type RecommendationHistoryDoc,
  type RegisterStatus,
} from "./register.model";

/** How many items a list returns at most (the register holds dozens to a few hundred). */
export const REGISTER_LIST_MAX = 2_000;

/** An item's code as the URL and the API accept it. */
export const CODE_PATTERN = /^R-(?:T\d{1,2}|G)-\d{2,5}$/;

export interface PersonView {
  id: string;
  name: string;
}

/** Where an item stands in one zone now. */
export interface ZoneStatusView {
  zone: string;
  status: RegisterStatus;
  date: string;
  /** Markdown (render through web/markdown). */
  note: string;
  link: string | null;
  by: PersonView;
  at: Date;
}

/** One item of the register, with its current status in every zone that recorded one. */
export interface RegisterItemView {
  id: string;
  code: string;
  /** The working table (theme key), or null for none. */
  theme: string | null;
  tableNumber: number;
  /** Markdown as written in the report, citations included. */
  text: string;
  section: string;
  report: { slug: string; title: string; version: number; firstVersion: number };
  /** What it rests on: cited notes (ids) and projects (slugs). */
  evidence: { notes: string[]; projects: string[] };
  state: ItemState;
  withdrawnAt: Date | null;
  /** Current statuses, by zone key order of recording (latest last). */
  statuses: ZoneStatusView[];
  version: number;
  demo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** One change of an item (see HISTORY_ACTIONS). */
export interface RegisterHistoryEntry {
  id: string;
  code: string;
  version: number;
  action: HistoryAction;
  zone: string | null;
  status: RegisterStatus | null;
  previous: RegisterStatus | null;
  date: string | null;
  note: string;
  link: string | null;
  text: string | null;
  reportVersion: number | null;
  by: PersonView;
  at: Date;
}

/** The register's filters; every value already checked against the vocabularies by the caller. */
export interface RegisterFilter {
  /** A theme key. */
  table?: string;
  /** A zone key: items with a status recorded in that zone. */
  zone?: string;
  /** Items with this status (in `zone` when given, in any zone otherwise). */
  status?: RegisterStatus;
  /** Active items only (default), withdrawn only, or both. */
  state?: ItemState | "all";
  /** A report's slug. */
  report?: string;
}

export function itemViewOf(d: RecommendationDoc): RegisterItemView {
  const stamps = d as { createdAt?: Date; updatedAt?: Date };
  return {
    id: String(d._id),
    code: d.code,
    theme: d.theme ?? null,
    tableNumber: d.tableNumber,
    text: d.text,
    section: d.section ?? "",
    report: {
      slug: d.report?.slug ?? "",
      title: d.report?.title ?? "",
      version: d.report?.version ?? 0,
      firstVersion: d.report?.firstVersion ?? 0,
    },
    evidence: { notes: [...(d.evidence?.notes ?? [])], projects: [...(d.evidence?.projects ?? [])] },
    state: d.state,
    withdrawnAt: d.withdrawnAt ?? null,
    statuses: (d.statuses ?? []).map((s) => ({
      zone: s.zone,
      status: s.status,
      date: s.date,
      note: s.note ?? "",
      link: s.link ?? null,
      by: { id: s.by.id, name: s.by.name },
      at: s.at,
    })),
    version: d.version,
    demo: !!d.demo,
    createdAt: stamps.createdAt ?? new Date(0),
    updatedAt: stamps.updatedAt ?? new Date(0),
  };
}

function historyViewOf(h: RecommendationHistoryDoc): RegisterHistoryEntry {
  return {
    id: String(h._id),
    code: h.code,
    version: h.version,
    action: h.action,
    zone: h.zone ?? null,
    status: (h.status as RegisterStatus | null) ?? null,
    previous: (h.previous as RegisterStatus | null) ?? null,
    date: h.date ?? null,
    note: h.note ?? "",
    link: h.link ?? null,
    text: h.text ?? null,
    reportVersion: h.reportVersion ?? null,
    by: { id: h.by.id, name: h.by.name },
    at: h.at,
  };
}

function matchOf(filter: RegisterFilter): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  const state = filter.state ?? "active";
  if (state !== "all") q.state = state;
  if (filter.table) q.theme = filter.table;
  if (filter.report) q["report.slug"] = filter.report;
  if (filter.zone && filter.status) {
    q.statuses = { $elemMatch: { zone: filter.zone, status: filter.status } };
  } else if (filter.zone) q["statuses.zone"] = filter.zone;
  else if (filter.status) q["statuses.status"] = filter.status;
  return q;
}

/** Whether an item passes a filter (the same rule as the list's query, for counts made in memory). */
export function matchesFilter(item: RegisterItemView, filter: RegisterFilter): boolean {
  const state = filter.state ?? "active";
  if (state !== "all" && item.state !== state) return false;
  if (filter.table && item.theme !== filter.table) return false;
  if (filter.report && item.report.slug !== filter.report) return false;
  if (filter.zone || filter.status) {
    return item.statuses.some(
      (s) => (!filter.zone || s.zone === filter.zone) && (!filter.status || s.status === filter.status),
    );
  }
  return true;
}

/** The status of an item in a zone, or null when none was recorded. */
export const statusIn = (item: RegisterItemView, zone: string): ZoneStatusView | null =>
  item.statuses.find((s) => s.zone === zone) ?? null;

export function createRegisterQueries() {
  return {
    /** Items matching the filter, by table then code (active only unless `state` says otherwise). */
    async list(filter: RegisterFilter = {}): Promise<RegisterItemView[]> {
      const docs = await RecommendationModel.find(matchOf(filter))
        .sort({ tableNumber: 1, seq: 1 })
        .limit(REGISTER_LIST_MAX)
        .lean<RecommendationDoc[]>();
      return docs.map(itemViewOf);
    },

    /** One item by its code (case-insensitive), or null. */
    async byCode(code: string): Promise<RegisterItemView | null> {
      const normal = code.toUpperCase();
      if (!CODE_PATTERN.test(normal)) return null;
      const doc = await RecommendationModel.findOne({ code: normal }).lean<RecommendationDoc>();
      return doc ? itemViewOf(doc) : null;
    },

    /** An item's changes, oldest first (creation, rewordings, withdrawal, every status), or null. */
    async history(code: string): Promise<RegisterHistoryEntry[] | null> {
      const normal = code.toUpperCase();
      if (!CODE_PATTERN.test(normal)) return null;
      const doc = await RecommendationModel.findOne({ code: normal }, { _id: 1 }).lean();
      if (!doc) return null;
      const rows = await RecommendationHistoryModel.find({ itemId: doc._id })
        .sort({ version: 1 })
        .limit(5_000)
        .lean<RecommendationHistoryDoc[]>();
      return rows.map(historyViewOf);
    },

    /** The items with a status recorded in a zone (withdrawn ones included, marked), each with it. */
    async ofZone(zone: string): Promise<{ item: RegisterItemView; status: ZoneStatusView }[]> {
      const docs = await RecommendationModel.find({ "statuses.zone": zone })
        .sort({ tableNumber: 1, seq: 1 })
        .limit(REGISTER_LIST_MAX)
        .lean<RecommendationDoc[]>();
      return docs.map(itemViewOf).map((item) => ({ item, status: statusIn(item, zone)! }));
    },

    /** The items taken from a report (withdrawn ones included), in the report's order. */
    async ofReport(slug: string): Promise<RegisterItemView[]> {
      const docs = await RecommendationModel.find({ "report.slug": slug })
        .sort({ state: 1, position: 1 })
        .limit(REGISTER_LIST_MAX)
        .lean<RecommendationDoc[]>();
      return docs.map(itemViewOf);
    },

    /** The latest changes across the register, newest first (`since` excluded), for feeds. */
    async changes(options: { since?: Date; limit?: number } = {}): Promise<RegisterHistoryEntry[]> {
      const q = options.since ? { at: { $gt: options.since } } : {};
      const rows = await RecommendationHistoryModel.find(q)
        .sort({ at: -1, _id: -1 })
        .limit(Math.min(options.limit ?? 50, 500))
        .lean<RecommendationHistoryDoc[]>();
      return rows.map(historyViewOf);
    },
  };
}

export type RegisterQueries = ReturnType<typeof createRegisterQueries>;
