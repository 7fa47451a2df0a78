// A project as MongoDB stores it: the stored fields of a validated input or of a revision's snapshot
// (built from the field list), and a new project complete with what the schema's defaults would fill.
import mongoose from "mongoose";
import { CONTENT_FIELDS, specOf, type FieldKind, type ProjectContent } from "./project.fields";
import { parseDate } from "./project.input";
import type { ProjectDoc, ProjectStatus } from "./project.model";
import type { Snapshot } from "./project.snapshot";

export type Update = Record<string, unknown>;

/** Who wrote something, as documents record it. */
export interface Person {
  id: string;
  name: string;
}

/** The browse sort key of a title. */
export function sortKey(title: string): string {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, "")
    .trim()
    .slice(0, 200);
}

const tagIds = (ids: string[]) => ids.map((id) => new mongoose.Types.ObjectId(id));

/** A validated value of each kind as stored (undefined: the field is cleared). */
const STORE: Record<FieldKind, (value: unknown) => unknown> = {
  text: (v) => v,
  optional: (v) => v,
  list: (v) => v,
  lines: (v) => v,
  date: (v) => v,
  money: (v) => v,
  tags: (v) => tagIds(v as string[]),
  links: (v) => v,
  contact: (v) => v,
};

/** A snapshot's value of each kind as stored; `live` maps tag ids to the tags that stand for them now. */
const FROM_SNAPSHOT: Record<FieldKind, (value: unknown, live: (ids: string[]) => string[]) => unknown> = {
  text: (v) => v,
  optional: (v) => v || undefined,
  list: (v) => v,
  lines: (v) => v,
  date: (v) => parseDate(v as string),
  money: (v) => v ?? undefined,
  tags: (v, live) => tagIds(live(v as string[])),
  links: (v) => v,
  contact: (v) => v,
};

/** The fields computed from the content: the title's sort key and the start year (the year filter). */
function derivedOf(values: Update): Update {
  return {
    sortTitle: sortKey(values.title as string),
    startYear: (values.startDate as Date | undefined)?.getUTCFullYear(),
  };
}

/** The stored fields of a validated input; the absent optional ones are undefined (see setAndUnset). */
export function storedValuesOf(input: ProjectContent): Update {
  const values: Update = {};
  for (const field of CONTENT_FIELDS) values[field] = STORE[specOf(field).kind](input[field]);
  return { ...values, ...derivedOf(values) };
}

/**
 * The content of a snapshot as stored fields (status, slug and deletion are left alone); tags merged or
 * retired since then go through `liveTagIds`.
 */
export function storedValuesOfSnapshot(s: Snapshot, liveTagIds: (ids: string[]) => string[]): Update {
  const values: Update = {};
  for (const field of CONTENT_FIELDS) values[field] = FROM_SNAPSHOT[specOf(field).kind](s[field], liveTagIds);
  return { ...values, ...derivedOf(values) };
}

/** $set for present values, $unset for the absent optional ones (so an emptied field is really cleared). */
export function setAndUnset(values: Update): Update {
  const $set: Update = {};
  const $unset: Record<string, 1> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) $unset[k] = 1;
    else $set[k] = v;
  }
  return Object.keys($unset).length > 0 ? { $set, $unset } : { $set };
}

/**
 * A new project at version 1, complete with the schema's defaults, for the driver to insert (insertProjects):
 * Mongoose's per-document casting and validation would cost more than the insert, and validateProject has
 * checked every field. Dates default to `createdAt`; published projects are published then.
 */
export function newProjectDoc(
  input: ProjectContent & { slug: string },
  meta: {
    status: ProjectStatus;
    by: Person;
    demo?: boolean;
    createdAt?: Date;
    updatedAt?: Date;
    publishedAt?: Date;
  },
): ProjectDoc {
  const createdAt = meta.createdAt ?? new Date();
  const publishedAt = meta.publishedAt ?? (meta.status === "published" ? createdAt : undefined);
  const values = Object.entries(storedValuesOf(input)).filter(([, v]) => v !== undefined);
  return {
    _id: new mongoose.Types.ObjectId(),
    ...Object.fromEntries(values),
    slug: input.slug,
    oldSlugs: [],
    status: meta.status,
    demo: meta.demo ?? false,
    createdBy: meta.by,
    updatedBy: meta.by,
    ...(publishedAt ? { publishedAt } : {}),
    deletedAt: null,
    version: 1,
    createdAt,
    updatedAt: meta.updatedAt ?? createdAt,
  } as unknown as ProjectDoc;
}
