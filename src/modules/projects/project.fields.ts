// The project's content fields, declared once. Every shape a project takes (the stored document, a
// revision's snapshot, the read model views get, the edit form, the import and export columns, the
// public API and the search document) is built from this list, and from how each *kind* of field is
// written in that shape: a `Record<FieldKind, ...>` in the shape's file, so that a new kind does not
// compile until every shape knows it. docs/architecture.md says which files a new field touches.
// Plain data and types only: views may import it.

/** The vocabularies a field takes its values from (taxonomy's VocabularyKind; checked in project.input.ts). */
export type FieldVocabulary = "theme" | "zone" | "province" | "targetGroup" | "funding";

/**
 * How a field is written:
 * - `text`: a string, "" when empty; `optional`: a string that may be absent (a key, a code);
 * - `list`: keys, `;` between them in CSV; `lines`: one entry per line (partners);
 * - `date`: a UTC midnight, `YYYY-MM-DD` in text; `money`: integer euro cents, euros in text;
 * - `tags`: tag ids (slugs outside); `links`: `{label, url}`, `label | url` lines in text;
 * - `contact`: a name, an e-mail and a phone, one column each.
 */
export type FieldKind =
  "text" | "optional" | "list" | "lines" | "date" | "money" | "tags" | "links" | "contact";

/** What the search document makes of a field (project.document.ts). */
export type SearchRole = "text" | "organisation" | "facet";

export interface FieldSpec {
  kind: FieldKind;
  vocabulary?: FieldVocabulary;
  /** Markdown: rendered (sanitised) on the page, indexed as plain text. */
  markdown?: boolean;
  /** Prose of several lines: the history shows a line-by-line diff. */
  long?: boolean;
  /** Searchable text, one of the organisations, or a filter copied as it is. */
  search?: SearchRole;
  /** Members only: left out of the public API, and empty in exports for anonymous readers. */
  membersOnly?: boolean;
  /** The form and import column, when it is not the field's name. */
  column?: string;
}

/** The CUP code (Codice Unico di Progetto): a letter, two digits, a letter, eleven digits. */
export const CUP_PATTERN = /^[A-Z][0-9]{2}[A-Z][0-9]{11}$/;

/** The editable content of a project, in the order of the form, the API and the history's diffs. */
export const PROJECT_FIELDS = {
  title: { kind: "text", search: "text" },
  summary: { kind: "text", long: true, search: "text" },
  description: { kind: "text", long: true, markdown: true, search: "text" },
  fundingProgramme: { kind: "optional", vocabulary: "funding" },
  call: { kind: "text" },
  cup: { kind: "optional" },
  leadOrganisation: { kind: "text", search: "organisation" },
  partners: { kind: "lines", search: "organisation" },
  zones: { kind: "list", vocabulary: "zone", search: "facet" },
  provinces: { kind: "list", vocabulary: "province", search: "facet" },
  startDate: { kind: "date" },
  endDate: { kind: "date" },
  budgetCents: { kind: "money", column: "budget" },
  targetGroups: { kind: "list", vocabulary: "targetGroup", search: "facet" },
  themes: { kind: "list", vocabulary: "theme", search: "facet" },
  tags: { kind: "tags" },
  outcomes: { kind: "text", long: true, markdown: true, search: "text" },
  links: { kind: "links" },
  contact: { kind: "contact", membersOnly: true },
} as const satisfies Record<string, FieldSpec>;

export type ContentField = keyof typeof PROJECT_FIELDS;
export type KindOf<F extends ContentField> = (typeof PROJECT_FIELDS)[F]["kind"];
/** The content fields in their declared order. */
export const CONTENT_FIELDS = Object.keys(PROJECT_FIELDS) as ContentField[];

/** A field's spec, seen through the common interface. */
export function specOf(field: ContentField): FieldSpec {
  return PROJECT_FIELDS[field];
}

export interface ProjectLink {
  label: string;
  url: string;
}

export interface ProjectContact {
  name: string;
  email: string;
  phone: string;
}

/** A value of each kind as a validated input and the read model hold it (tags as id strings). */
export interface ValueOfKind {
  text: string;
  optional: string | undefined;
  list: string[];
  lines: string[];
  date: Date | undefined;
  money: number | undefined;
  tags: string[];
  links: ProjectLink[];
  contact: ProjectContact;
}

/** A value of each kind in a revision's snapshot (plain JSON: dates as YYYY-MM-DD, "" or null when empty). */
export interface SnapshotValueOfKind {
  text: string;
  optional: string;
  list: string[];
  lines: string[];
  date: string;
  money: number | null;
  tags: string[];
  links: ProjectLink[];
  contact: ProjectContact;
}

// Stored values (or the read model's, or null when absent) as plain data, for the shapes built below.

/** A text ("" when absent). */
export function textOf(value: unknown): string {
  return (value as string | null | undefined) ?? "";
}

/** A list of strings, copied ([] when absent). */
export function stringsOf(value: unknown): string[] {
  return [...((value as string[] | null | undefined) ?? [])];
}

/** Tag ids (ObjectIds or strings) as strings. */
export function idsOf(value: unknown): string[] {
  return ((value as { toString(): string }[] | null | undefined) ?? []).map(String);
}

/** Tag ids as the tags' slugs (the id itself for a tag that is gone). */
export function tagSlugsOf(value: unknown, tags: { byId: Map<string, { slug: string }> }): string[] {
  return idsOf(value).map((id) => tags.byId.get(id)?.slug ?? id);
}

/** Links, each with its label ("" when it has none). */
export function linksOf(value: unknown): ProjectLink[] {
  const links = (value as { label?: string | null; url: string }[] | null | undefined) ?? [];
  return links.map((l) => ({ label: l.label ?? "", url: l.url }));
}

/** A contact with each of its parts ("" when missing). */
export function contactOf(value: unknown): ProjectContact {
  const c = value as Partial<Record<keyof ProjectContact, string | null>> | null | undefined;
  return { name: c?.name ?? "", email: c?.email ?? "", phone: c?.phone ?? "" };
}

type Values<M> = { [F in ContentField]: M[KindOf<F> & keyof M] };
/** Fields whose value may be absent become optional properties. */
type WithOptional<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** A project's content, as a validated input and as the read model (ProjectView) hold it. */
export type ProjectContent = WithOptional<Values<ValueOfKind>>;
/** A project's content in a revision's snapshot. */
export type SnapshotContent = Values<SnapshotValueOfKind>;

// Columns of the form and of import/export files.

export const CONTACT_PARTS = ["name", "email", "phone"] as const;
type ContactColumn<F extends string> = `${F}${"Name" | "Email" | "Phone"}`;
type ColumnsOfField<F extends ContentField> =
  KindOf<F> extends "contact"
    ? ContactColumn<F>
    : (typeof PROJECT_FIELDS)[F] extends { column: infer C extends string }
      ? C
      : F;
/** A column of the form and of import files (the fields' names, `budget`, `contactName`...). */
export type ContentColumn = { [F in ContentField]: ColumnsOfField<F> }[ContentField];
/** Columns holding several values (`;` between them in CSV, arrays in JSON, checkboxes in the form). */
export type ListColumn = { [F in ContentField]: KindOf<F> extends "list" | "tags" ? F : never }[ContentField];

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The columns of a field, in order: its name, its `column`, or one per part of a contact. */
export function columnsOf(field: ContentField): ContentColumn[] {
  const spec = specOf(field);
  if (spec.kind === "contact")
    return CONTACT_PARTS.map((part) => `${field}${capitalised(part)}` as ContentColumn);
  return [(spec.column ?? field) as ContentColumn];
}

/** Every content column, in the fields' order. */
export const CONTENT_COLUMNS: ContentColumn[] = CONTENT_FIELDS.flatMap(columnsOf);

/** Whether a field is of one of these kinds (narrows nothing: for filtering the list). */
export function fieldsOfKind(...kinds: FieldKind[]): ContentField[] {
  return CONTENT_FIELDS.filter((f) => kinds.includes(specOf(f).kind));
}
