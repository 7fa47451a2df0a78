// What the export tests share: downloading a file whole, and opening a PDF with pdf.js (text, links,
// outline) in a separate Node process (pdfjs-dist is ESM-only; Jest runs tests as CommonJS).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type supertest from "supertest";

export interface PdfContent {
  text: string;
  links: { url: string | null; unsafeUrl: string | null; action: unknown }[];
  outline: { title: string; depth: number }[];
}

/** GETs a URL and keeps the body as bytes, whatever its type. */
export function download(agent: supertest.Agent, url: string): supertest.Test {
  return agent
    .get(url)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    });
}

/** Opens a PDF's bytes with pdf.js and answers what it reads in them. */
export function readPdf(bytes: Buffer): PdfContent {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlante-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    fs.writeFileSync(file, bytes);
    return JSON.parse(
      execFileSync(process.execPath, [path.join(__dirname, "pdf-read.mjs"), file], { encoding: "utf8" }),
    ) as PdfContent;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
