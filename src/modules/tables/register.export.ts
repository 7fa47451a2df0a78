// The register as data: one item as JSON (the API, the JSON export) and the CSV export (one row per item
// and zone with a status, one row with empty zone columns for an item without any). CSV cells go through
// web/csv (a cell a spreadsheet would run as a formula is neutralised); Markdown stays as written.
import { csvCell } from "../../web/csv";
import { markdownToText } from "../../web/markdown";
import { withoutCitations } from "./report.citations";
import type { RegisterItemView } from "./register.queries";

/** Names of tables and zones (Italian, the register's language of record). */
export interface RegisterNames {
  table(theme: string | null): { key: string; number: number; name: string } | null;
  zone(key: string): string;
}

const base = (url: string) => url.replace(/\/+$/, "");

/** One item as the API and the JSON export give it. */
export function itemJson(item: RegisterItemView, names: RegisterNames, baseUrl: string) {
  const root = base(baseUrl);
  return {
    code: item.code,
    url: `${root}/recommendations/${item.code}`,
    state: item.state,
    withdrawnAt: item.withdrawnAt,
    table: names.table(item.theme),
    text: item.text,
    textPlain: markdownToText(withoutCitations(item.text)),
    section: item.section,
    report: { ...item.report, url: `${root}/reports/${item.report.slug}` },
    evidence: {
      notes: item.evidence.notes.map((id) => ({ id, url: `${root}/notes/${id}` })),
      projects: item.evidence.projects.map((slug) => ({ slug, url: `${root}/projects/${slug}` })),
    },
    statuses: item.statuses.map((s) => ({
      zone: s.zone,
      zoneName: names.zone(s.zone),
      status: s.status,
      date: s.date,
      note: s.note,
      link: s.link,
      recordedAt: s.at,
    })),
    version: item.version,
    demo: item.demo,
    updatedAt: item.updatedAt,
  };
}

export const REGISTER_CSV_COLUMNS = [
  "code",
  "state",
  "table",
  "table_name",
  "text",
  "report",
  "report_version",
  "evidence_notes",
  "evidence_projects",
  "zone",
  "zone_name",
  "status",
  "date",
  "note",
  "link",
  "url",
] as const;

/** The CSV export (with a byte-order mark, so spreadsheets read it as UTF-8). */
export function registerCsv(items: RegisterItemView[], names: RegisterNames, baseUrl: string): string {
  const root = base(baseUrl);
  const lines = [`\ufeff${REGISTER_CSV_COLUMNS.join(",")}`];
  for (const item of items) {
    const table = names.table(item.theme);
    const common = {
      code: item.code,
      state: item.state,
      table: table ? String(table.number) : "",
      table_name: table?.name ?? "",
      text: item.text,
      report: item.report.slug,
      report_version: String(item.report.version),
      evidence_notes: item.evidence.notes.join(";"),
      evidence_projects: item.evidence.projects.join(";"),
      url: `${root}/recommendations/${item.code}`,
    };
    const rows = item.statuses.length > 0 ? item.statuses : [null];
    for (const s of rows) {
      const cells: Record<(typeof REGISTER_CSV_COLUMNS)[number], string> = {
        ...common,
        zone: s?.zone ?? "",
        zone_name: s ? names.zone(s.zone) : "",
        status: s?.status ?? "",
        date: s?.date ?? "",
        note: s?.note ?? "",
        link: s?.link ?? "",
      };
      lines.push(REGISTER_CSV_COLUMNS.map((c) => csvCell(cells[c])).join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
