// A document (report, guidelines) as PDF, made on the server by pdfkit: Titillium Web (the design system's typeface, shipped with
// bootstrap-italia) embedded, so Italian accents render everywhere; headings make the PDF's outline
// (bookmarks); citation numbers and references are working links to the public pages.
import path from "node:path";
import PDFDocument from "pdfkit";
import type { ExportDocument, Run } from "./report.export.blocks";

const FONT_DIR = path.join(
  path.dirname(require.resolve("bootstrap-italia/package.json")),
  "dist/fonts/Titillium_Web",
);
const MONO_DIR = path.join(path.dirname(FONT_DIR), "Roboto_Mono");
const font = (dir: string, file: string) => path.join(dir, file);

const FONTS = {
  regular: font(FONT_DIR, "titillium-web-v10-latin-ext_latin-regular.ttf"),
  bold: font(FONT_DIR, "titillium-web-v10-latin-ext_latin-700.ttf"),
  italic: font(FONT_DIR, "titillium-web-v10-latin-ext_latin-italic.ttf"),
  boldItalic: font(FONT_DIR, "titillium-web-v10-latin-ext_latin-700italic.ttf"),
  heading: font(FONT_DIR, "titillium-web-v10-latin-ext_latin-600.ttf"),
  mono: font(MONO_DIR, "roboto-mono-v13-latin-ext_latin-regular.ttf"),
};

const SIZE = { 1: 17, 2: 14, 3: 12 } as const;
const LINK = "#0066cc";
const TEXT = "#1a1a1a";

function fontOf(run: Run): keyof typeof FONTS {
  if (run.code) return "mono";
  if (run.bold && run.italic) return "boldItalic";
  if (run.bold) return "bold";
  if (run.italic) return "italic";
  return "regular";
}

/** Renders an export document to PDF bytes. */
export function documentPdf(docIn: ExportDocument, lang: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 60, bottom: 60, left: 64, right: 64 },
    info: { Title: docIn.title, Creator: "Atlante" },
    lang,
    displayTitle: true,
    autoFirstPage: true,
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const write = (runs: Run[], size: number, opts: { indent?: number; gap?: number } = {}) => {
    const list = runs.length > 0 ? runs : [{ text: " " }];
    list.forEach((run, i) => {
      doc
        .font(fontOf(run))
        .fontSize(size)
        .fillColor(run.href ? LINK : TEXT)
        .text(run.text, {
          continued: i < list.length - 1,
          link: run.href ?? null,
          underline: !!run.href,
          indent: i === 0 ? (opts.indent ?? 0) : 0,
        });
    });
    doc.moveDown(opts.gap ?? 0.4);
  };

  doc.font("heading").fontSize(22).fillColor(TEXT).text(docIn.title);
  const root = doc.outline;
  root.addItem(docIn.title);
  doc.moveDown(0.3);
  for (const line of docIn.meta) doc.font("italic").fontSize(10).fillColor("#555555").text(line);
  doc.moveDown(0.8);

  let current = root;
  for (const block of docIn.blocks) {
    if (block.type === "heading") {
      const text = block.runs.map((r) => r.text).join("");
      doc.moveDown(0.5);
      doc.font("heading").fontSize(SIZE[block.level]).fillColor(TEXT).text(text);
      doc.moveDown(0.3);
      if (block.level === 1) current = root.addItem(text);
      else current.addItem(text);
    } else if (block.type === "paragraph") write(block.runs, 11);
    else if (block.type === "quote") write(block.runs, 11, { indent: 18 });
    else if (block.type === "item") {
      write([{ text: `${block.marker} ` }, ...block.runs], 11, { indent: 14 * block.depth, gap: 0.2 });
    } else {
      doc.font("mono").fontSize(9).fillColor(TEXT).text(block.text);
      doc.moveDown(0.4);
    }
  }

  doc.moveDown(0.8);
  doc.font("heading").fontSize(SIZE[1]).fillColor(TEXT).text(docIn.referencesTitle);
  root.addItem(docIn.referencesTitle);
  doc.moveDown(0.3);
  for (const r of docIn.references) {
    const runs: Run[] = [{ text: `[${r.n}] ` }, { text: r.label, italic: r.withdrawn }];
    if (r.href) runs.push({ text: " " }, { text: r.href, href: r.href });
    write(runs, 10, { gap: 0.15 });
  }
  doc.end();
  return done;
}

/** The reports' name for the same renderer. */
export const reportPdf = documentPdf;
