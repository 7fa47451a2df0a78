// Text normalisation shared by what we index and what users type.

/** Curly and look-alike apostrophes become the straight one, so `dell’abitare` = `dell'abitare`. */
export function normalizeApostrophes(text: string): string {
  // Also drops the control characters the highlighter uses as markers.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u2018\u2019\u02BC\u00B4\u0060\u2032]/g, "'").replace(/[\u0000-\u0008]/g, "");
}

/** A query as we send it to Meilisearch: apostrophes normalised, spaces collapsed. */
export function normalizeQuery(q: string): string {
  return normalizeApostrophes(q).replace(/\s+/g, " ").trim();
}

/** Markdown to plain text, roughly: enough for indexing and snippets (never rendered as HTML). */
export function markdownToText(md: string): string {
  return normalizeApostrophes(md)
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, "")
    .replace(/[*_~`]+/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Lowercase, without accents: for matching thesaurus terms inside a text. */
export function foldForMatch(text: string): string {
  return normalizeApostrophes(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
