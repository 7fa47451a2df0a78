// A document (report, guidelines) as Markdown, and a report as JSON, citations resolved: in Markdown each
// citation is `[n]` linking to its source's public address (plain `[n]` when withdrawn) and the sources are
// listed at the end; the JSON carries the Markdown as written, the same with citations resolved, and the
// reference list.
import type { Translate } from "../../web/i18n/index";
import { byKey, substituteCitations, type Reference } from "./report.citations";
import type { ExportSource } from "./report.export.blocks";
import type { ResolvedReport } from "./report.queries";

export const absoluteOf = (baseUrl: string) => {
  const base = baseUrl.replace(/\/+$/, "");
  return (href: string) => (href.startsWith("/") ? `${base}${href}` : href);
};

/** The Markdown of a document with citations resolved and its list of sources. */
export function documentMarkdown(
  report: ExportSource,
  opts: { baseUrl: string; t: Translate; meta: string[] },
) {
  const absolute = absoluteOf(opts.baseUrl);
  const refs = byKey(report.references);
  const cite = (md: string) => substituteCitations(md, refs, (r) => (r.href ? absolute(r.href) : null));
  const out = [`# ${report.content.title.replace(/\n/g, " ")}`, "", ...opts.meta.map((m) => `_${m}_  `), ""];
  if (report.content.summary) out.push(cite(report.content.summary), "");
  for (const s of report.content.sections)
    out.push(`## ${s.heading.replace(/\n/g, " ")}`, "", cite(s.body), "");
  out.push(`## ${opts.t("reports.references")}`, "");
  for (const r of report.references) out.push(`${r.n}. ${referenceLine(r, opts.t, absolute)}`);
  return `${portableMarkdown(out.join("\n")).trim()}\n`;
}

const UNSAFE_LINK = /(\]\(\s*<?\s*|^\s{0,3}\[[^\]\n]+\]:\s*<?\s*)(javascript|vbscript|data|file):/gim;

/** Fenced code blocks, and code spans that stay within a paragraph: their text is literal everywhere. */
const CODE = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$|(`+)(?:(?!\n[ \t]*\n)[^`])+?\2(?!`)/gm;

/**
 * Markdown that any renderer reads as ours does (raw HTML is text there, and links go only to safe
 * addresses): outside code, `<` becomes `&lt;`, and a link to a script or data address loses its scheme.
 */
export function portableMarkdown(md: string): string {
  const safe = (text: string) => text.replace(UNSAFE_LINK, "$1#$2-").replace(/</g, "&lt;");
  let out = "";
  let last = 0;
  for (const m of md.matchAll(CODE)) {
    out += safe(md.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + safe(md.slice(last));
}

/** A report's Markdown (the name the reports' code knows). */
export const reportMarkdown = documentMarkdown;

function referenceLine(r: Reference, t: Translate, absolute: (h: string) => string): string {
  if (r.withdrawn) return `_${t("reports.reference.withdrawn")}_`;
  const kind = t(r.kind === "note" ? "reports.reference.note" : "reports.reference.project");
  const title = r.title.replace(/([\\[\]])/g, "\\$1");
  return `${kind}: [${title}](${absolute(r.href!)})`;
}

/** The reference list as the JSON exports give it. */
export function citationsJson(references: Reference[], baseUrl: string) {
  const absolute = absoluteOf(baseUrl);
  return references.map((r) => ({
    n: r.n,
    kind: r.kind,
    ref: r.ref,
    title: r.withdrawn ? null : r.title,
    url: r.href ? absolute(r.href) : null,
    withdrawn: r.withdrawn,
  }));
}

/** The JSON of a published report (the API and the .json export give the same). */
export function reportJson(report: ResolvedReport, baseUrl: string) {
  const absolute = absoluteOf(baseUrl);
  const refs = byKey(report.references);
  const cite = (md: string) => substituteCitations(md, refs, (r) => (r.href ? absolute(r.href) : null));
  return {
    slug: report.meta.slug,
    url: absolute(`/reports/${report.meta.slug}`),
    title: report.content.title,
    scope: report.meta.scope,
    version: report.version,
    publishedAt: report.meta.publishedAt,
    publishedBy: report.meta.publishedBy?.name ?? null,
    demo: report.meta.demo,
    summary: { markdown: report.content.summary, resolved: cite(report.content.summary) },
    sections: report.content.sections.map((s) => ({
      heading: s.heading,
      kind: s.kind,
      markdown: s.body,
      resolved: cite(s.body),
    })),
    citations: citationsJson(report.references, baseUrl),
  };
}
