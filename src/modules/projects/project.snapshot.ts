// What a revision stores (the editable fields, plain JSON) and how two of them differ.
import {
  CONTENT_FIELDS,
  contactOf,
  idsOf,
  linksOf,
  specOf,
  stringsOf,
  textOf,
  type ContentField,
  type FieldKind,
  type SnapshotContent,
} from "./project.fields";
import { formatDate } from "./project.input";

/** A project in a revision: its content, slug, status and whether it was deleted. */
export type Snapshot = SnapshotContent & { slug: string; status: string; deleted: boolean };

/** The snapshot's fields in the order diffs show them. */
export const SNAPSHOT_FIELDS: readonly (keyof Snapshot)[] = [
  "title",
  "slug",
  "status",
  "deleted",
  ...CONTENT_FIELDS.filter((f) => f !== "title"),
];

/** A stored value of each kind as a snapshot holds it. */
const SNAPSHOT: Record<FieldKind, (value: unknown) => unknown> = {
  text: textOf,
  optional: textOf,
  list: stringsOf,
  lines: stringsOf,
  date: (v) => formatDate(v as Date | null | undefined),
  money: (v) => v ?? null,
  tags: idsOf,
  links: linksOf,
  contact: contactOf,
};

/** What a snapshot is taken of: a stored project, or a stored project with a validated input over it. */
export type SnapshotSource = { slug: string } & Partial<Record<ContentField, unknown>> & {
    status?: string | null;
    deletedAt?: Date | null;
  };

export function snapshotOf(p: SnapshotSource): Snapshot {
  const snapshot: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) {
    snapshot[field] = SNAPSHOT[specOf(field).kind](p[field]);
    if (field === "title") snapshot.slug = p.slug;
  }
  snapshot.status = p.status ?? "draft";
  snapshot.deleted = !!p.deletedAt;
  return snapshot as Snapshot;
}

export type DiffSegment = { kind: "same" | "add" | "del"; text: string };
export interface FieldDiff {
  field: keyof Snapshot;
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

const LONG_TEXT = new Set<string>(CONTENT_FIELDS.filter((f) => specOf(f).long));

/**
 * The fields that differ between two snapshots, each shown as readable text through `show`
 * (which turns keys and ids into labels).
 */
export function diffSnapshots(
  a: Snapshot,
  b: Snapshot,
  show: (field: keyof Snapshot, value: unknown) => string,
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
