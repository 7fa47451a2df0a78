// Plain-text normalisation shared by what we index, what users type and what feeds summarise.

/** Curly and look-alike apostrophes become the straight one, so `dell’abitare` = `dell'abitare`. */
export function normalizeApostrophes(text: string): string {
  // Also drops the control characters the search highlighter uses as markers.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u2018\u2019\u02BC\u00B4\u0060\u2032]/g, "'").replace(/[\u0000-\u0008]/g, "");
}
