// A document (report, guidelines) as DOCX (Word, LibreOffice and the other office suites public bodies edit in), made by the
// `docx` library: Word's own heading styles (so the navigation pane and a table of contents work), lists,
// and citation numbers and references as hyperlinks to the public pages. Text is XML-escaped by the library.
import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { ExportDocument, Run } from "./report.export.blocks";

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function childrenOf(runs: Run[]) {
  return runs.map((r) => {
    const run = new TextRun({
      text: r.text,
      bold: r.bold,
      italics: r.italic,
      font: r.code ? "Courier New" : undefined,
      style: r.href ? "Hyperlink" : undefined,
    });
    return r.href ? new ExternalHyperlink({ link: r.href, children: [run] }) : run;
  });
}

/** Renders an export document to DOCX bytes. */
export async function documentDocx(doc: ExportDocument, lang: string): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    ...doc.meta.map((line) => new Paragraph({ children: [new TextRun({ text: line, italics: true })] })),
  ];
  for (const b of doc.blocks) {
    if (b.type === "heading") {
      children.push(new Paragraph({ heading: HEADINGS[b.level], children: childrenOf(b.runs) }));
    } else if (b.type === "item") {
      const ordered = b.marker !== "•";
      children.push(
        new Paragraph({
          ...(ordered
            ? { indent: { left: 360 * b.depth } }
            : { bullet: { level: Math.min(8, b.depth - 1) } }),
          children: childrenOf(ordered ? [{ text: `${b.marker} ` }, ...b.runs] : b.runs),
        }),
      );
    } else if (b.type === "quote") {
      children.push(new Paragraph({ indent: { left: 720 }, children: childrenOf(b.runs) }));
    } else if (b.type === "code") {
      for (const line of b.text.replace(/\n$/, "").split("\n")) {
        children.push(new Paragraph({ children: [new TextRun({ text: line, font: "Courier New" })] }));
      }
    } else children.push(new Paragraph({ children: childrenOf(b.runs) }));
  }
  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.referencesTitle)] }),
  );
  for (const r of doc.references) {
    const runs: Run[] = [{ text: `[${r.n}] ` }, { text: r.label, italic: r.withdrawn }];
    if (r.href) runs.push({ text: " " }, { text: r.href, href: r.href });
    children.push(new Paragraph({ children: childrenOf(runs) }));
  }
  const file = new Document({
    title: doc.title,
    creator: "Atlante",
    styles: { default: { document: { run: { language: { value: lang === "en" ? "en-GB" : "it-IT" } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(file);
}

/** The reports' name for the same renderer. */
export const reportDocx = documentDocx;
