// Markdown to safe HTML: raw HTML in the source is escaped (html: false), links and images may only
// point to http(s), mailto or same-site paths, and every link opens with rel="nofollow noopener".
// Markdown to plain text too, for the search index and the feeds.
import MarkdownIt from "markdown-it";
import { normalizeApostrophes } from "./text";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i;
md.validateLink = (url: string) => SAFE_URL.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet("rel", "nofollow noopener");
  return defaultLinkOpen(tokens, idx, options, env, self);
};
// Images would load third-party content under our CSP anyway; show their alt text as a link instead.
md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = md.utils.escapeHtml(String(token.attrGet("src") ?? ""));
  const alt = md.utils.escapeHtml(token.content);
  return `<a href="${src}" rel="nofollow noopener">${alt || src}</a>`;
};

/** Renders untrusted Markdown to HTML that is safe to insert into a page. */
export function renderMarkdown(source: string): string {
  return md.render(source.slice(0, 100_000));
}

/** Markdown to plain text, roughly: enough for indexing, snippets and feeds (never rendered as HTML). */
export function markdownToText(source: string): string {
  return normalizeApostrophes(source)
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, "")
    .replace(/[*_~`]+/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** A Markdown token stream, for documents that are not HTML (PDF, DOCX): links already pass `SAFE_URL`. */
export function parseMarkdown(source: string): ReturnType<typeof md.parse> {
  return md.parse(source.slice(0, 100_000), {});
}
