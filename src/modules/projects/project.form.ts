// The edit form's values: of a stored project (to edit it) and of a submission (shown back with its
// errors), built from the field list (project.fields.ts).
import type { Translate } from "../../web/i18n/index";
import type { TagIndex } from "../taxonomy/index";
import {
  CONTACT_PARTS,
  CONTENT_FIELDS,
  columnsOf,
  contactOf,
  linksOf,
  specOf,
  stringsOf,
  tagSlugsOf,
  textOf,
  type FieldKind,
} from "./project.fields";
import {
  formatDate,
  formatEuroInput,
  listOf,
  type FieldError,
  type ProjectFormValues,
  type ProjectRaw,
} from "./project.input";

type FormValue = string | string[];

/** A stored value of each kind as its form columns' values (in columnsOf order). */
const FORM: Record<FieldKind, (value: unknown, tags: TagIndex) => FormValue[]> = {
  text: (v) => [textOf(v)],
  optional: (v) => [textOf(v)],
  list: (v) => [stringsOf(v)],
  lines: (v) => [stringsOf(v).join("\n")],
  date: (v) => [formatDate(v as Date | null | undefined)],
  money: (v) => [formatEuroInput(v as number | null | undefined)],
  tags: (v, tags) => [tagSlugsOf(v, tags)],
  links: (v) => [
    linksOf(v)
      .map((l) => (l.label ? `${l.label} | ${l.url}` : l.url))
      .join("\n"),
  ],
  contact: (v) => {
    const c = contactOf(v);
    return CONTACT_PARTS.map((part) => c[part]);
  },
};

/** What the form needs of a project: its slug and content (stored, or as the read model holds it). */
export type FormSource = { slug: string } & Partial<Record<(typeof CONTENT_FIELDS)[number], unknown>>;

/** The edit form's values for a stored project. */
export function formValuesOfProject(p: FormSource, tags: TagIndex): ProjectFormValues {
  const values: Record<string, FormValue> = { slug: p.slug };
  for (const field of CONTENT_FIELDS) {
    const cells = FORM[specOf(field).kind](p[field], tags);
    columnsOf(field).forEach((column, i) => (values[column] = cells[i]!));
  }
  return values as ProjectFormValues;
}

/** The form values of a raw submission (what the user typed, shown back with the errors). */
export function formValuesOfRaw(raw: ProjectRaw): ProjectFormValues {
  const values: Record<string, FormValue> = { slug: raw.slug ?? "" };
  for (const field of CONTENT_FIELDS) {
    const kind = specOf(field).kind;
    for (const column of columnsOf(field)) {
      const value = raw[column];
      values[column] =
        kind === "list" || kind === "tags"
          ? listOf(value)
          : ((Array.isArray(value) ? value.join("\n") : value) ?? "");
    }
  }
  return values as ProjectFormValues;
}

/** Field errors translated and grouped by field, for the form. */
export function groupErrors(errors: FieldError[], t: Translate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[e.field] ??= []).push(t(e.key, e.params));
  return out;
}
