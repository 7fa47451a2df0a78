// What a revision stores (the editable fields, plain JSON) and how two of them differ.
import mongoose from "mongoose";
import type { ProjectDoc } from "./project.model";
import { formatDate, formatEuroInput, parseDate, type ProjectLink } from "./project.input";

export interface Snapshot {
  title: string;
  slug: string;
  summary: string;
  description: string;
  fundingProgramme: string;
  call: string;
  cup: string;
  leadOrganisation: string;
  partners: string[];
  zones: string[];
  provinces: string[];
  startDate: string;
  endDate: string;
  budgetCents: number | null;
  targetGroups: string[];
  themes: string[];
  tags: string[];
  outcomes: string;
  links: ProjectLink[];
  contact: { name: string; email: string; phone: string };
  status: string;
  deleted: boolean;
}

export const SNAPSHOT_FIELDS = [
  "title",
  "slug",
  "status",
  "deleted",
  "summary",
  "description",
  "fundingProgramme",
  "call",
  "cup",
  "leadOrganisation",
  "partners",
  "zones",
  "provinces",
  "startDate",
  "endDate",
  "budgetCents",
  "targetGroups",
  "themes",
  "tags",
  "outcomes",
  "links",
  "contact",
] as const satisfies readonly (keyof Snapshot)[];

type StoredProject = Pick<ProjectDoc, "title" | "slug"> & Partial<ProjectDoc>;

export function snapshotOf(p: StoredProject): Snapshot {
  return {
    title: p.title,
    slug: p.slug,
    summary: p.summary ?? "",
    description: p.description ?? "",
    fundingProgramme: p.fundingProgramme ?? "",
    call: p.call ?? "",
    cup: p.cup ?? "",
    leadOrganisation: p.leadOrganisation ?? "",
    partners: [...(p.partners ?? [])],
    zones: [...(p.zones ?? [])],
    provinces: [...(p.provinces ?? [])],
    startDate: formatDate(p.startDate),
    endDate: formatDate(p.endDate),
    budgetCents: p.budgetCents ?? null,
    targetGroups: [...(p.targetGroups ?? [])],
    themes: [...(p.themes ?? [])],
    tags: (p.tags ?? []).map(String),
    outcomes: p.outcomes ?? "",
    links: (p.links ?? []).map((l) => ({ label: l.label ?? "", url: l.url })),
    contact: {
      name: p.contact?.name ?? "",
      email: p.contact?.email ?? "",
      phone: p.contact?.phone ?? "",
    },
    status: p.status ?? "draft",
    deleted: !!p.deletedAt,
  };
}

/** The content fields of a snapshot as a MongoDB $set (status, slug and deletion are left alone). */
export function contentUpdateOf(s: Snapshot, liveTagIds: (ids: string[]) => string[]) {
  const start = parseDate(s.startDate);
  return {
    title: s.title,
    summary: s.summary,
    description: s.description,
    fundingProgramme: s.fundingProgramme || undefined,
    call: s.call,
    cup: s.cup || undefined,
    leadOrganisation: s.leadOrganisation,
    partners: s.partners,
    zones: s.zones,
    provinces: s.provinces,
    startDate: start,
    endDate: parseDate(s.endDate),
    startYear: start?.getUTCFullYear(),
    budgetCents: s.budgetCents ?? undefined,
    targetGroups: s.targetGroups,
    themes: s.themes,
    tags: liveTagIds(s.tags).map((id) => new mongoose.Types.ObjectId(id)),
    outcomes: s.outcomes,
    links: s.links,
    contact: s.contact,
  };
}

export type DiffSegment = { kind: "same" | "add" | "del"; text: string };
export interface FieldDiff {
  field: (typeof SNAPSHOT_FIELDS)[number];
  before: string;
  after: string;
  /** Long texts: a line-by-line diff. */
  lines?: DiffSegment[];
}

/** Line diff (longest common subsequence), for the description and other long texts. */
export function lineDiff(a: string, b: string): DiffSegment[] {
  const x = a.split(/\r?\n/).slice(0, 400);
  const y = b.split(/\r?\n/).slice(0, 400);
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffSegment[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ kind: "same", text: x[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: "del", text: x[i++]! });
    else out.push({ kind: "add", text: y[j++]! });
  }
  while (i < n) out.push({ kind: "del", text: x[i++]! });
  while (j < m) out.push({ kind: "add", text: y[j++]! });
  return out;
}

const LONG_TEXT = new Set(["summary", "description", "outcomes"]);

/**
 * The fields that differ between two snapshots, each shown as readable text through `show`
 * (which turns keys and ids into labels).
 */
export function diffSnapshots(
  a: Snapshot,
  b: Snapshot,
  show: (field: (typeof SNAPSHOT_FIELDS)[number], value: unknown) => string,
): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const field of SNAPSHOT_FIELDS) {
    if (JSON.stringify(a[field]) === JSON.stringify(b[field])) continue;
    const before = show(field, a[field]);
    const after = show(field, b[field]);
    diffs.push({
      field,
      before,
      after,
      lines: LONG_TEXT.has(field) ? lineDiff(before, after) : undefined,
    });
  }
  return diffs;
}

export { formatEuroInput };
