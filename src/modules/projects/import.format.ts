// Reading an import file: bytes -> text (UTF-8 checked, BOM dropped, Latin-1 recognised) -> CSV or JSON
// records -> raw project rows with their line numbers. File-level problems throw ImportFileError;
// row-level problems become row errors later.
import { stripControlsDeep } from "../../web/control-chars";
import type { MessageKey } from "../../web/i18n/index";
import { columnsOf, CONTENT_COLUMNS, fieldsOfKind, type ContentColumn } from "./project.fields";
import { centsText, type ProjectRaw } from "./project.input";
import { PROJECT_STATUSES, type ProjectStatus } from "./project.model";

/** A problem with the whole file: nothing is imported. `message` is English; `key` is for the UI. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export interface RowProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * The columns of the import format (docs/import-format.md), in export order: what identifies a project
 * (CUP, slug), its title and status, then the other content columns in the field list's order.
 */
export const IMPORT_COLUMNS = [
  "cup",
  "slug",
  "title",
  "status",
  ...CONTENT_COLUMNS.filter((c) => c !== "cup" && c !== "title"),
] as const satisfies readonly (ContentColumn | "slug" | "status")[];
export type ImportColumn = ContentColumn | "slug" | "status";
export const REQUIRED_COLUMNS: ImportColumn[] = ["title"];
/** Columns holding several values: `;` between values in CSV, arrays in JSON. */
export const LIST_COLUMNS = new Set<ImportColumn>(fieldsOfKind("list", "tags").flatMap(columnsOf));
/** Columns with one value per line (partners; links as `label|url`): arrays in JSON. */
export const LINE_COLUMNS = new Set<ImportColumn>(fieldsOfKind("lines", "links").flatMap(columnsOf));
/** JSON keys for money in integer cents (`budgetCents`), with the column they stand for (`budget`). */
const CENTS_KEYS = new Map(fieldsOfKind("money").map((f) => [f as string, columnsOf(f)[0]!]));
/** Link columns, which JSON may give as `{label, url}` objects. */
const LINK_COLUMNS = new Set<string>(fieldsOfKind("links").flatMap(columnsOf));
/** A cell longer than this is refused before validation (the longest field, description, allows 50,000). */
export const MAX_CELL = 100_000;

export interface ImportRow {
  /** Line of the file where the record starts (CSV), or the position of the object in the array (JSON). */
  line: number;
  raw: ProjectRaw;
  status?: ProjectStatus;
  /** Problems found while reading the cells (too long, wrong type, bad status). */
  errors: RowProblem[];
  warnings: RowProblem[];
}

export interface ParsedFile {
  format: "csv" | "json";
  rows: ImportRow[];
}

/** Decodes the bytes as UTF-8; a BOM is dropped, anything else than UTF-8 is refused with a reason. */
export function decodeText(bytes: Buffer): string {
  if (bytes.length === 0 || bytes.toString("utf8").trim() === "")
    throw new ImportFileError("The file is empty.", "import.file.empty");
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new ImportFileError(
      "The file is in UTF-16: save it as UTF-8 and import it again.",
      "import.file.utf16",
    );
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  if (body.subarray(0, 8192).includes(0))
    throw new ImportFileError(
      "This is not a CSV or JSON file (it contains binary data).",
      "import.file.binary",
    );
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    const line = lineOfFirstInvalidByte(body);
    throw new ImportFileError(
      `The file is not valid UTF-8 (first invalid byte on line ${line}); it looks like Latin-1 / Windows-1252. ` +
        "Save it as UTF-8 (in a spreadsheet: CSV UTF-8) and import it again.",
      "import.file.latin1",
      { line },
    );
  }
}

function lineOfFirstInvalidByte(bytes: Buffer): number {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return line;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return line;
    if (b === 0x0a) line++;
    i += len;
  }
  return line;
}

/** RFC 4180 records with the line each starts on; quoted cells may hold commas, quotes and newlines. */
export function parseCsv(text: string, delimiter = ","): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let atCellStart = true;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      // Copy a run of plain characters at once: a 50 MB cell must not be built one character at a time.
      const next = text.indexOf('"', i);
      const end = next < 0 ? n : next;
      const chunk = text.slice(i, end);
      for (let k = chunk.indexOf("\n"); k >= 0; k = chunk.indexOf("\n", k + 1)) line++;
      cell += chunk;
      i = end;
      continue;
    }
    if (c === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      i++;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = "";
      atCellStart = true;
      i++;
    } else if (c === "\r" || c === "\n") {
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== "") records.push({ line: recordLine, cells });
      cells = [];
      cell = "";
      atCellStart = true;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      cell += c;
      atCellStart = false;
      i++;
    }
  }
  if (quoted)
    throw new ImportFileError(
      `A quoted cell opened on line ${recordLine} is never closed.`,
      "import.file.quote",
      {
        line: recordLine,
      },
    );
  cells.push(cell);
  if (cells.length > 1 || cells[0] !== "") records.push({ line: recordLine, cells });
  return records;
}

const FORMULA = /^'+[=+\-@\t\r]/;

/** Undoes the export's formula neutralisation (one apostrophe added before =, +, -, @, tab or CR). */
function unneutralise(value: string): string {
  return FORMULA.test(value) ? value.slice(1) : value;
}

function checkHeader(header: string[]): ImportColumn[] {
  const names = header.map((h) => h.trim());
  const known = new Set<string>(IMPORT_COLUMNS);
  const unknown = names.filter((h) => !known.has(h));
  if (unknown.length === names.length)
    throw new ImportFileError(
      `This does not look like a project file: none of its columns (${names.slice(0, 5).join(", ").slice(0, 200)}) ` +
        `is a known column. The first line must name the columns: ${IMPORT_COLUMNS.join(", ")}.`,
      "import.file.noColumns",
      { columns: IMPORT_COLUMNS.join(", ") },
    );
  if (unknown.length > 0)
    throw new ImportFileError(
      `Unknown column(s): ${unknown.join(", ").slice(0, 300)}. Known columns: ${IMPORT_COLUMNS.join(", ")}.`,
      "import.file.unknownColumns",
      { values: unknown.join(", ").slice(0, 300), columns: IMPORT_COLUMNS.join(", ") },
    );
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0)
    throw new ImportFileError(`Missing column(s): ${missing.join(", ")}.`, "import.file.missingColumns", {
      values: missing.join(", "),
    });
  const dup = names.find((h, i) => names.indexOf(h) !== i);
  if (dup)
    throw new ImportFileError(`The column ${dup} appears twice.`, "import.file.duplicateColumn", {
      value: dup,
    });
  return names as ImportColumn[];
}

/** One record (cells by column name, strings or string arrays) to an import row. */
function rowOf(line: number, values: Map<ImportColumn, unknown>): ImportRow {
  const row: ImportRow = { line, raw: {}, errors: [], warnings: [] };
  const raw = row.raw as Record<string, string | string[]>;
  for (const [column, value] of values) {
    const parts: string[] | undefined = Array.isArray(value)
      ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v)))
      : undefined;
    if (value === null || value === undefined) continue;
    if (!parts && typeof value !== "string" && typeof value !== "number") {
      row.errors.push({ field: column, key: "import.row.notText" });
      continue;
    }
    const text = parts ? parts.join("\n") : textOf(value);
    if (text.length > MAX_CELL) {
      row.errors.push({
        field: column,
        key: "import.row.tooLong",
        params: { length: text.length, max: MAX_CELL },
      });
      continue;
    }
    if (/^[=+@]/.test(text) || /^-[^0-9]/.test(text))
      row.warnings.push({ field: column, key: "import.row.formula" });
    if (column === "status") {
      const s = text.trim();
      if (s && !(PROJECT_STATUSES as readonly string[]).includes(s))
        row.errors.push({
          field: "status",
          key: "import.row.status",
          params: { values: PROJECT_STATUSES.join(", ") },
        });
      else if (s) row.status = s as ProjectStatus;
    } else if (LIST_COLUMNS.has(column)) {
      raw[column] = (parts ?? text.split(";")).map((s) => unneutralise(s.trim())).filter(Boolean);
    } else if (LINE_COLUMNS.has(column) && parts) {
      raw[column] = parts.map(unneutralise).join("\n");
    } else {
      raw[column] = unneutralise(text);
    }
  }
  return row;
}

function parseCsvRows(text: string): ImportRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(";").length > firstLine.split(",").length ? ";" : ",";
  const records = parseCsv(text, delimiter);
  if (records.length === 0) throw new ImportFileError("The file is empty.", "import.file.empty");
  const columns = checkHeader(records[0]!.cells);
  return records.slice(1).map(({ line, cells }) => {
    const values = new Map<ImportColumn, unknown>();
    columns.forEach((c, i) => values.set(c, cells[i] ?? ""));
    const row = rowOf(line, values);
    if (cells.length !== columns.length)
      row.errors.push({
        field: "row",
        key: "import.row.cells",
        params: { cells: cells.length, columns: columns.length },
      });
    return row;
  });
}

/** The JSON format: an array of objects (or `{ "projects": [...] }`) with the columns as keys. */
function parseJsonRows(text: string): ImportRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ImportFileError(`The file is not valid JSON: ${(err as Error).message}.`, "import.file.json", {
      reason: (err as Error).message.slice(0, 200),
    });
  }
  if (data && typeof data === "object" && !Array.isArray(data) && "projects" in data) data = data.projects;
  if (!Array.isArray(data))
    throw new ImportFileError(
      'A JSON import must be an array of projects (or { "projects": [...] }).',
      "import.file.jsonShape",
    );
  if (data.length === 0) throw new ImportFileError("The file has no projects.", "import.file.noRows");
  const known = new Set<string>([...IMPORT_COLUMNS, ...CENTS_KEYS.keys()]);
  return data.map((item: unknown, index) => {
    const line = index + 1;
    if (!item || typeof item !== "object" || Array.isArray(item))
      return { line, raw: {}, errors: [{ field: "row", key: "import.row.notObject" }], warnings: [] };
    const values = new Map<ImportColumn, unknown>();
    const extra: string[] = [];
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      const centsOf = CENTS_KEYS.get(k);
      if (!known.has(k)) extra.push(k);
      else if (centsOf) {
        if (v !== null) values.set(centsOf, Number.isSafeInteger(v) ? centsText(v as number) : v);
      } else if (LINK_COLUMNS.has(k) && Array.isArray(v))
        values.set(
          k as ImportColumn,
          v.map((l: unknown) =>
            l && typeof l === "object" && "url" in l
              ? `${textOf((l as { label?: unknown }).label)}|${textOf(l.url)}`
              : l,
          ),
        );
      else values.set(k as ImportColumn, v);
    }
    const row = rowOf(line, values);
    if (extra.length > 0)
      row.errors.push({
        field: "row",
        key: "import.row.unknownFields",
        params: { values: extra.join(", ").slice(0, 200) },
      });
    if (!values.has("title")) row.errors.push({ field: "title", key: "projects.error.required" });
    return row;
  });
}

function textOf(v: unknown): string {
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

/** Reads a whole import file; the name's extension decides the format, else the first character. */
export function parseImportFile(bytes: Buffer, fileName = ""): ParsedFile {
  const text = decodeText(bytes);
  const ext = /\.(csv|json)$/i.exec(fileName)?.[1]?.toLowerCase();
  const first = text.trimStart()[0];
  const format = ext === "json" || (!ext && (first === "[" || first === "{")) ? "json" : "csv";
  if (fileName && !ext && !/\.txt$/i.test(fileName) && /\.[a-z0-9]+$/i.test(fileName))
    throw new ImportFileError("Only .csv and .json files can be imported.", "import.file.extension");
  const rows = format === "json" ? parseJsonRows(text) : parseCsvRows(text);
  // Invisible control characters (NUL, form feeds from a PDF) never reach a stored project.
  return { format, rows: stripControlsDeep(rows) };
}
