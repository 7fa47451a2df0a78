// The one export path of the tables module's documents (synthesis reports, guidelines): a document's
// `ExportSource` goes to PDF, DOCX or Markdown through the same renderers, and its JSON is the caller's;
// each answer carries its type, a file name and a short public cache life.
import type { Response } from "express";
import type { Translate } from "../../web/i18n/index";
import { exportDocumentOf, type ExportSource } from "./report.export.blocks";
import { documentDocx } from "./report.export.docx";
import { documentPdf } from "./report.export.pdf";
import { documentMarkdown } from "./report.export.text";

export const EXPORT_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
} as const;
export type ExportExtension = keyof typeof EXPORT_TYPES;

/** Renders `source` as `ext` (JSON through `json`) and sends it as the download `<slug>.<ext>`. */
export async function sendExport(
  res: Response,
  opts: {
    source: ExportSource;
    slug: string;
    ext: ExportExtension;
    lang: string;
    t: Translate;
    baseUrl: string;
    /** Lines under the title: who published it and when, where it lives. */
    meta: string[];
    json: () => unknown;
  },
): Promise<void> {
  const { ext } = opts;
  let body: Buffer | string;
  if (ext === "json") body = JSON.stringify(opts.json());
  else if (ext === "md") body = documentMarkdown(opts.source, opts);
  else {
    const doc = exportDocumentOf(opts.source, opts);
    body = ext === "pdf" ? await documentPdf(doc, opts.lang) : await documentDocx(doc, opts.lang);
  }
  res.setHeader("content-type", EXPORT_TYPES[ext]);
  if (ext !== "json") res.setHeader("content-disposition", `attachment; filename="${opts.slug}.${ext}"`);
  res.setHeader("cache-control", "public, max-age=60");
  res.send(body);
}
