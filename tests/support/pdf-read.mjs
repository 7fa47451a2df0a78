// Reads a PDF with pdfjs-dist (Mozilla's PDF reader) and prints, as JSON, what the export tests check:
// the text of every page, the outline (bookmarks) and the links' targets. A separate Node process,
// because pdfjs-dist is ESM-only and Jest runs tests as CommonJS.
import fs from "node:fs";

// pdfjs-dist 6 calls Promise.withResolvers, which Node 20 lacks.
Promise.withResolvers ??= function () {
  let resolve, reject;
  const promise = new Promise((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
};
const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
const text = [];
const links = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const content = await page.getTextContent();
  text.push(content.items.map((it) => ("str" in it ? it.str : "")).join(" "));
  for (const a of await page.getAnnotations()) {
    if (a.subtype === "Link")
      links.push({ url: a.url ?? null, unsafeUrl: a.unsafeUrl ?? null, action: a.action ?? null });
  }
}
const flatten = (items, depth = 0) =>
  (items ?? []).flatMap((o) => [{ title: o.title, depth }, ...flatten(o.items, depth + 1)]);
const outline = flatten(await doc.getOutline());
const fonts = [];
process.stdout.write(JSON.stringify({ pages: doc.numPages, text: text.join("\n"), links, outline, fonts }));
