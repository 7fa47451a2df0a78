// Export of the catalogue as CSV or JSON, in the import format (docs/import-format.md): what is exported
// can be imported again. Coordinators get every project that is not deleted; everyone else the published ones.
import type { Writable } from "node:stream";
import { hasRole } from "../../web/auth-guards";
import { csvCell, write } from "../../web/csv";
import type { Role } from "../accounts/index";
import type { TagIndex, TaxonomyService } from "../taxonomy/index";
import { IMPORT_COLUMNS, LINE_COLUMNS, type ImportColumn } from "./import.format";
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
import { centsText, formatDate } from "./project.input";
import { ProjectModel, type ProjectDoc } from "./project.model";

export type ExportFormat = "csv" | "json";

type Cell = string | string[];

/** A stored value of each kind as its columns' cells (in columnsOf order). */
const CELLS: Record<FieldKind, (value: unknown, tags: TagIndex) => Cell[]> = {
  text: (v) => [textOf(v)],
  optional: (v) => [textOf(v)],
  list: (v) => [stringsOf(v)],
  lines: (v) => [stringsOf(v)],
  date: (v) => [formatDate(v as Date | null | undefined)],
  money: (v) => [centsText(v as number | null | undefined)],
  tags: (v, tags) => [tagSlugsOf(v, tags)],
  links: (v) => [linksOf(v).map((l) => (l.label ? `${l.label}|${l.url}` : l.url))],
  contact: (v) => {
    const c = contactOf(v);
    return CONTACT_PARTS.map((part) => c[part]);
  },
};

/** Kinds that JSON writes as values rather than as their cells, under the field's name. */
const JSON_VALUES: Partial<Record<FieldKind, (value: unknown) => unknown>> = {
  money: (v) => v ?? null,
  links: linksOf,
};

/** One project as the import format's values (lists as arrays). */
export function exportRecord(
  p: ProjectDoc,
  tags: TagIndex,
  options: { withContact: boolean },
): Record<ImportColumn, Cell> {
  const record: Record<string, Cell> = { slug: p.slug, status: p.status };
  for (const field of CONTENT_FIELDS) {
    // Members-only fields (contacts) keep their columns, empty, in anonymous exports.
    const hidden = specOf(field).membersOnly && !options.withContact;
    const cells = CELLS[specOf(field).kind](hidden ? undefined : p[field], tags);
    columnsOf(field).forEach((column, i) => (record[column] = cells[i]!));
  }
  return record;
}

function csvLine(record: Record<ImportColumn, Cell>): string {
  return (
    IMPORT_COLUMNS.map((c) => {
      const v = record[c];
      return csvCell(Array.isArray(v) ? v.join(LINE_COLUMNS.has(c) ? "\n" : ";") : v);
    }).join(",") + "\r\n"
  );
}

/** The JSON record: the columns in order, then the fields JSON writes as values (cents, link objects). */
const JSON_AS_VALUES = CONTENT_FIELDS.filter((f) => JSON_VALUES[specOf(f).kind]);
const REPLACED = new Set<string>(JSON_AS_VALUES.flatMap(columnsOf));
const JSON_COLUMNS = IMPORT_COLUMNS.filter((c) => !REPLACED.has(c));
function jsonRecord(record: Record<ImportColumn, Cell>, p: ProjectDoc) {
  const json: Record<string, unknown> = {};
  for (const column of JSON_COLUMNS) json[column] = record[column];
  for (const field of JSON_AS_VALUES) json[field] = JSON_VALUES[specOf(field).kind]!(p[field]);
  return json;
}

export function createExportService(deps: { taxonomy: TaxonomyService }) {
  /** Writes the catalogue the viewer may see to `out` (not ended), oldest first. Returns the count. */
  async function exportCatalogue(
    format: ExportFormat,
    viewer: { role?: Role },
    out: Writable,
  ): Promise<number> {
    const tags = await deps.taxonomy.tags();
    const match = hasRole(viewer.role, "coordinator")
      ? { deletedAt: null }
      : { status: "published" as const, deletedAt: null };
    let n = 0;
    await write(out, format === "csv" ? `\ufeff${IMPORT_COLUMNS.join(",")}\r\n` : "[\n");
    let buffer = "";
    for await (const p of ProjectModel.find(match)
      .sort({ _id: 1 })
      .lean<ProjectDoc[]>()
      .cursor({ batchSize: 1000 })) {
      const record = exportRecord(p, tags, { withContact: hasRole(viewer.role, "member") });
      buffer +=
        format === "csv" ? csvLine(record) : `${n > 0 ? ",\n" : ""}${JSON.stringify(jsonRecord(record, p))}`;
      n++;
      if (buffer.length > 64_000) {
        await write(out, buffer);
        buffer = "";
      }
    }
    await write(out, buffer + (format === "json" ? "\n]\n" : ""));
    return n;
  }
  return { exportCatalogue };
}

export type ExportService = ReturnType<typeof createExportService>;
