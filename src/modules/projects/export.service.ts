// Export of the catalogue as CSV or JSON, in the import format (docs/import-format.md): what is exported
// can be imported again. Coordinators get every project that is not deleted; everyone else the published ones.
import type { Writable } from "node:stream";
import { hasRole } from "../../web/auth-guards";
import { csvCell, write } from "../../web/csv";
import type { Role } from "../accounts/index";
import type { TagIndex, TaxonomyService } from "../taxonomy/index";
import { IMPORT_COLUMNS, type ImportColumn } from "./import.format";
import { formatDate } from "./project.input";
import { ProjectModel, type ProjectDoc } from "./project.model";

export type ExportFormat = "csv" | "json";

function centsText(cents: number | null | undefined): string {
  if (cents == null) return "";
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

/** One project as the import format's values (lists as arrays). */
export function exportRecord(
  p: ProjectDoc,
  tags: TagIndex,
  options: { withContact: boolean },
): Record<ImportColumn, string | string[]> {
  // Contacts are for members only: anonymous exports keep the columns, empty.
  const contact = options.withContact ? p.contact : undefined;
  return {
    cup: p.cup ?? "",
    slug: p.slug,
    title: p.title,
    status: p.status,
    summary: p.summary ?? "",
    description: p.description ?? "",
    fundingProgramme: p.fundingProgramme ?? "",
    call: p.call ?? "",
    leadOrganisation: p.leadOrganisation ?? "",
    partners: [...(p.partners ?? [])],
    zones: [...(p.zones ?? [])],
    provinces: [...(p.provinces ?? [])],
    startDate: formatDate(p.startDate),
    endDate: formatDate(p.endDate),
    budget: centsText(p.budgetCents),
    targetGroups: [...(p.targetGroups ?? [])],
    themes: [...(p.themes ?? [])],
    tags: (p.tags ?? []).map((id) => tags.byId.get(String(id))?.slug ?? String(id)),
    outcomes: p.outcomes ?? "",
    links: (p.links ?? []).map((l) => (l.label ? `${l.label}|${l.url}` : l.url)),
    contactName: contact?.name ?? "",
    contactEmail: contact?.email ?? "",
    contactPhone: contact?.phone ?? "",
  };
}

function csvLine(record: Record<ImportColumn, string | string[]>): string {
  return (
    IMPORT_COLUMNS.map((c) => {
      const v = record[c];
      return csvCell(Array.isArray(v) ? v.join(c === "partners" || c === "links" ? "\n" : ";") : v);
    }).join(",") + "\r\n"
  );
}

function jsonRecord(record: Record<ImportColumn, string | string[]>, p: ProjectDoc) {
  const { budget: _budget, links: _links, ...rest } = record;
  return {
    ...rest,
    budgetCents: p.budgetCents ?? null,
    links: (p.links ?? []).map((l) => ({ label: l.label ?? "", url: l.url })),
  };
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
