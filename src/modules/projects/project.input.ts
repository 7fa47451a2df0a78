// Validation of one project's input (the form, an import row, an API body): raw strings in,
// a normalised ProjectInput out, or one error per field as message keys of projects.messages.ts.
import { z } from "zod";
import type { MessageKey } from "../../web/i18n/index";
import { isSlug, type TagIndex, type Vocabulary, type VocabularyKind } from "../taxonomy/index";
import {
  columnsOf,
  CONTENT_FIELDS,
  CUP_PATTERN,
  specOf,
  type ContentColumn,
  type FieldKind,
  type FieldVocabulary,
  type ListColumn,
  type ProjectContent,
  type ProjectLink,
} from "./project.fields";

export { CUP_PATTERN };

export interface FieldError {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type { ProjectLink } from "./project.fields";

// The vocabularies the field list names are taxonomy's.
const _vocabularies: readonly VocabularyKind[] = [] as readonly FieldVocabulary[];

/** A validated project: its content (tags as ids) and the slug asked for, if any. */
export type ProjectInput = ProjectContent & { slug?: string };

const many = z.union([z.string().max(20_000), z.array(z.string().max(200)).max(200)]).optional();
const one = (max = 100_000) => z.string().max(max).optional();

/** The raw value of each kind's columns in a form or an import row, with its longest accepted length. */
const RAW: Record<FieldKind, z.ZodType<string | string[] | undefined>> = {
  text: one(),
  optional: one(200),
  list: many,
  lines: one(),
  date: one(100),
  money: one(100),
  tags: many,
  links: one(),
  contact: one(1000),
};

/** A form's or an import row's fields, as typed (lists may come as one string or as several values). */
export type ProjectRaw = { _csrf?: string; version?: string; slug?: string } & {
  [C in ContentColumn]?: C extends ListColumn ? string | string[] : string;
};

/** The fields a form or an import row may carry; anything else (or an object in a field) is a 400. */
export const projectRawSchema = z.strictObject({
  _csrf: one(200),
  version: one(20),
  slug: one(),
  ...Object.fromEntries(
    CONTENT_FIELDS.flatMap((f) => columnsOf(f).map((c) => [c, RAW[specOf(f).kind]] as const)),
  ),
}) as unknown as z.ZodType<ProjectRaw>;

/** Form values as strings and lists, for re-rendering a form with the user's own input. */
export type ListField = ListColumn;
export type ProjectFormValues = { slug: string } & {
  [C in ContentColumn]: C extends ListColumn ? string[] : string;
};

export function listOf(value: string | string[] | undefined): string[] {
  const parts = Array.isArray(value) ? value : (value ?? "").split(/[\n,]/);
  return [...new Set(parts.map((s) => s.trim()).filter(Boolean))];
}

export function linesOf(value: string | undefined): string[] {
  return (value ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A real calendar date written YYYY-MM-DD, as a UTC midnight; undefined when it is not one. */
export function parseDate(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return date;
}

export function formatDate(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 10) : "";
}

/**
 * Euro amounts as people write them ("12.500,50", "12500.50", "12,500.50", "€ 12 500") to integer
 * cents, with string arithmetic only (no floats). Undefined when it is not an amount.
 */
export function parseEuroCents(value: string): number | undefined {
  const s = value.replace(/[€\s\u00a0]/g, "").replace(/^EUR/i, "");
  const forms: [RegExp, string, string][] = [
    [/^(\d+)$/, "", ""],
    [/^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/, ".", ","],
    [/^(\d+),(\d{1,2})$/, "", ","],
    [/^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/, ",", "."],
    [/^(\d+)\.(\d{1,2})$/, "", "."],
  ];
  for (const [pattern, thousands] of forms) {
    const m = pattern.exec(s);
    if (!m) continue;
    const euros = thousands ? m[1]!.split(thousands).join("") : m[1]!;
    if (euros.length > 13) return undefined;
    const cents = Number(euros) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
    return Number.isSafeInteger(cents) ? cents : undefined;
  }
  return undefined;
}

/** Cents as euros with a decimal point and two decimals ("12500.50"), as files carry them; "" for none. */
export function centsText(cents: number | null | undefined): string {
  if (cents == null) return "";
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

/** Cents as an Italian-formatted amount without the currency sign (e.g. "12.500,50"). */
export function formatEuroInput(cents: number | null | undefined): string {
  if (cents == null) return "";
  const euros = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const rest = cents % 100;
  return rest === 0 ? euros : `${euros},${String(rest).padStart(2, "0")}`;
}

function parseLink(line: string): ProjectLink | undefined {
  const bar = line.lastIndexOf("|");
  const label = bar >= 0 ? line.slice(0, bar).trim() : "";
  const url = (bar >= 0 ? line.slice(bar + 1) : line).trim();
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
    if (!parsed.hostname) return undefined;
    return { label: label.slice(0, 200), url: parsed.toString() };
  } catch {
    return undefined;
  }
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
const PHONE = /^[0-9 +()./-]{3,40}$/;

/** Checks one raw project against the vocabularies and tags; never throws. */
export function validateProject(
  raw: ProjectRaw,
  vocab: Vocabulary,
  tags: TagIndex,
): { input: ProjectInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: string, key: MessageKey, params?: Record<string, string | number>) =>
    errors.push({ field, key, params });
  const text = (field: keyof ProjectRaw, max: number, required = false): string => {
    const v = (raw[field] ?? "").toString().trim();
    if (required && v === "") err(field, "projects.error.required");
    if (v.length > max) err(field, "projects.error.tooLong", { max });
    return v;
  };

  const title = text("title", 300, true);
  const slugRaw = text("slug", 100).toLowerCase();
  if (slugRaw && !isSlug(slugRaw)) err("slug", "projects.error.slugFormat");
  const summary = text("summary", 1000);
  const description = text("description", 50_000);
  const outcomes = text("outcomes", 20_000);
  const call = text("call", 300);
  const leadOrganisation = text("leadOrganisation", 300);

  const fundingProgramme = text("fundingProgramme", 100);
  if (fundingProgramme && !vocab.get("funding", fundingProgramme))
    err("fundingProgramme", "projects.error.unknownValue", { values: fundingProgramme });

  const cup = text("cup", 100).toUpperCase().replace(/[\s-]/g, "");
  if (cup && !CUP_PATTERN.test(cup)) err("cup", "projects.error.cupFormat");

  const partners = linesOf(raw.partners);
  if (partners.length > 50) err("partners", "projects.error.tooMany", { max: 50 });
  if (partners.some((p) => p.length > 300)) err("partners", "projects.error.tooLong", { max: 300 });

  const known = (
    field: "zones" | "provinces" | "targetGroups" | "themes",
    kind: Parameters<Vocabulary["get"]>[0],
  ) => {
    const values = listOf(raw[field]);
    const unknown = values.filter((v) => !vocab.get(kind, v));
    if (unknown.length > 0)
      err(field, "projects.error.unknownValue", { values: unknown.join(", ").slice(0, 300) });
    return values.filter((v) => vocab.get(kind, v));
  };
  const zones = known("zones", "zone");
  let provinces = known("provinces", "province");
  if (provinces.length === 0) {
    provinces = [...new Set(zones.flatMap((z) => vocab.get("zone", z)?.provinces ?? []))];
  }
  const targetGroups = known("targetGroups", "targetGroup");
  const themes = known("themes", "theme");

  const tagSlugs = listOf(raw.tags);
  const tagIds: string[] = [];
  const unknownTags: string[] = [];
  for (const slug of tagSlugs) {
    const tag = tags.bySlug.get(slug) ?? tags.byOldSlug.get(slug) ?? tags.byId.get(slug);
    let current = tag;
    for (let i = 0; i < 10 && current?.status === "merged" && current.mergedInto; i++) {
      current = tags.byId.get(current.mergedInto);
    }
    if (current && current.status === "active") tagIds.push(current.id);
    else unknownTags.push(slug);
  }
  if (unknownTags.length > 0)
    err("tags", "projects.error.unknownTags", { values: unknownTags.join(", ").slice(0, 300) });

  const dateField = (field: "startDate" | "endDate"): Date | undefined => {
    const v = text(field, 20);
    if (!v) return undefined;
    const d = parseDate(v);
    if (!d) err(field, "projects.error.dateInvalid");
    else if (d.getUTCFullYear() < 1990 || d.getUTCFullYear() > 2100) err(field, "projects.error.dateRange");
    return d;
  };
  const startDate = dateField("startDate");
  const endDate = dateField("endDate");
  if (startDate && endDate && endDate < startDate) err("endDate", "projects.error.endBeforeStart");

  const budgetRaw = text("budget", 40);
  let budgetCents: number | undefined;
  if (budgetRaw) {
    budgetCents = parseEuroCents(budgetRaw);
    if (budgetCents === undefined) err("budget", "projects.error.budgetFormat");
  }

  const links: ProjectLink[] = [];
  const linkLines = linesOf(raw.links);
  if (linkLines.length > 20) err("links", "projects.error.tooMany", { max: 20 });
  for (const line of linkLines) {
    const link = line.length <= 2200 ? parseLink(line) : undefined;
    if (link) links.push(link);
    else {
      err("links", "projects.error.linkInvalid", { value: line.slice(0, 100) });
      break;
    }
  }

  const contact = {
    name: text("contactName", 200),
    email: text("contactEmail", 200),
    phone: text("contactPhone", 40),
  };
  if (contact.email && !EMAIL.test(contact.email)) err("contactEmail", "projects.error.emailFormat");
  if (contact.phone && !PHONE.test(contact.phone)) err("contactPhone", "projects.error.phoneFormat");

  return {
    input: {
      title,
      slug: slugRaw || undefined,
      summary,
      description,
      fundingProgramme: fundingProgramme || undefined,
      call,
      cup: cup || undefined,
      leadOrganisation,
      partners,
      zones,
      provinces,
      startDate,
      endDate,
      budgetCents,
      targetGroups,
      themes,
      tags: [...new Set(tagIds)],
      outcomes,
      links,
      contact,
    },
    errors,
  };
}
