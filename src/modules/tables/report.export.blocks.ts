// A document of the tables module (a synthesis report, a guidelines document) as a list of plain blocks
// (headings, paragraphs, list items, quotes, code) made of styled runs, for the PDF and DOCX exports: the
// one export path every such document goes through (see `ExportSource`). It comes from the same sanitising Markdown parser as the pages: raw HTML is
// text, and links are only http(s), mailto or site paths (made absolute here). Citations are numbers that
// link to their source's public address; a withdrawn source is plain "[n]".
import { parseMarkdown } from "../../web/markdown";
import type { Translate } from "../../web/i18n/index";
import { byKey, substituteCitations, type Reference } from "./report.citations";

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  href?: string;
}

export type Block =
  | { type: "heading"; level: 1 | 2 | 3; runs: Run[] }
  | { type: "paragraph"; runs: Run[] }
  | { type: "item"; depth: number; marker: string; runs: Run[] }
  | { type: "quote"; runs: Run[] }
  | { type: "code"; text: string };

type Token = ReturnType<typeof parseMarkdown>[number];

function runsOf(children: Token[] | null, absolute: (href: string) => string): Run[] {
  const runs: Run[] = [];
  let bold = 0;
  let italic = 0;
  let href: string | undefined;
  for (const c of children ?? []) {
    if (c.type === "strong_open") bold++;
    else if (c.type === "strong_close") bold--;
    else if (c.type === "em_open") italic++;
    else if (c.type === "em_close") italic--;
    else if (c.type === "link_open") href = absolute(String(c.attrGet("href") ?? ""));
    else if (c.type === "link_close") href = undefined;
    else if (c.type === "softbreak" || c.type === "hardbreak") runs.push({ text: " " });
    else if (c.type === "code_inline") runs.push({ text: c.content, code: true, href });
    else if (c.type === "text" || c.type === "html_inline") {
      if (c.content) runs.push({ text: c.content, bold: bold > 0, italic: italic > 0, href });
    } else if (c.type === "image")
      runs.push({ text: c.content, href: absolute(String(c.attrGet("src") ?? "")) });
  }
  return runs;
}

/** Markdown to blocks; Markdown headings # and ## become level `base`, the smaller ones level 3. */
export function blocksOf(markdown: string, base: 2 | 3, absolute: (href: string) => string): Block[] {
  const tokens = parseMarkdown(markdown);
  const blocks: Block[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let quote = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i]!;
    if (tk.type === "bullet_list_open") lists.push({ ordered: false, n: 0 });
    else if (tk.type === "ordered_list_open")
      lists.push({ ordered: true, n: Number(tk.attrGet("start") ?? 1) - 1 });
    else if (tk.type === "bullet_list_close" || tk.type === "ordered_list_close") lists.pop();
    else if (tk.type === "blockquote_open") quote++;
    else if (tk.type === "blockquote_close") quote--;
    else if (tk.type === "heading_open") {
      const level = Number(tk.tag.slice(1)) <= 2 ? base : 3;
      blocks.push({ type: "heading", level, runs: runsOf(tokens[i + 1]!.children, absolute) });
      i++;
    } else if (tk.type === "fence" || tk.type === "code_block")
      blocks.push({ type: "code", text: tk.content });
    else if (tk.type === "inline") {
      const runs = runsOf(tk.children, absolute);
      const list = lists[lists.length - 1];
      const itemStart = tokens[i - 2]?.type === "list_item_open";
      if (list && itemStart) {
        list.n++;
        blocks.push({ type: "item", depth: lists.length, marker: list.ordered ? `${list.n}.` : "•", runs });
      } else if (quote > 0) blocks.push({ type: "quote", runs });
      else blocks.push({ type: "paragraph", runs });
    }
  }
  return blocks;
}

export interface ExportDocument {
  title: string;
  /** Lines under the title: who published it and when, where it lives. */
  meta: string[];
  blocks: Block[];
  referencesTitle: string;
  references: { n: number; label: string; href: string | null; withdrawn: boolean }[];
}

/**
 * What the export path renders: a title, an introduction and sections with Markdown bodies in which
 * citations (`[@nota:…]`, `[@progetto:…]`) stand for the numbered references. A resolved report is one;
 * a guidelines document builds one from its chosen recommendations.
 */
export interface ExportSource {
  content: { title: string; summary: string; sections: { heading: string; body: string }[] };
  references: Reference[];
}

/** The whole export: title, meta, introduction, sections (level 1), then the references. */
export function exportDocumentOf(
  report: ExportSource,
  opts: { baseUrl: string; t: Translate; meta: string[] },
): ExportDocument {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const absolute = (href: string) => (href.startsWith("/") ? `${base}${href}` : href);
  const refs = byKey(report.references);
  const cite = (md: string) => substituteCitations(md, refs, (r) => (r.href ? absolute(r.href) : null));
  const blocks: Block[] = [...blocksOf(cite(report.content.summary), 2, absolute)];
  for (const s of report.content.sections) {
    blocks.push({ type: "heading", level: 1, runs: [{ text: s.heading }] });
    blocks.push(...blocksOf(cite(s.body), 2, absolute));
  }
  return {
    title: report.content.title,
    meta: opts.meta,
    blocks,
    referencesTitle: opts.t("reports.references"),
    references: report.references.map((r: Reference) => ({
      n: r.n,
      label: r.withdrawn
        ? opts.t("reports.reference.withdrawn")
        : `${opts.t(r.kind === "note" ? "reports.reference.note" : "reports.reference.project")}: ${r.title}`,
      href: r.href ? absolute(r.href) : null,
      withdrawn: r.withdrawn,
    })),
  };
}
