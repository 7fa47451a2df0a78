// Highlight markers that cannot occur in indexed text, turned into <mark> only after escaping.
export const PRE = "\u0001";
export const POST = "\u0002";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Strips the control characters we use as markers from text before it is indexed. */
export function stripMarkers(text: string): string {
  // eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
  return text.replace(/[\u0001\u0002]/g, "");
}

/** Escapes everything, then turns only our markers into <mark>…</mark> (balanced). */
export function highlightToHtml(text: string): string {
  let open = false;
  let out = "";
  // eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
  for (const part of text.split(/([\u0001\u0002])/)) {
    if (part === PRE) {
      if (!open) out += "<mark>";
      open = true;
    } else if (part === POST) {
      if (open) out += "</mark>";
      open = false;
    } else out += escapeHtml(part);
  }
  return open ? `${out}</mark>` : out;
}

/** The plain text of a highlighted string. */
export function highlightToText(text: string): string {
  return stripMarkers(text);
}

/** Text with markers as plain and marked segments (for views, which escape text themselves). */
export function highlightSegments(text: string): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = [];
  let mark = false;
  // eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
  for (const part of text.split(/([\u0001\u0002])/)) {
    if (part === PRE) mark = true;
    else if (part === POST) mark = false;
    else if (part) out.push({ text: part, mark });
  }
  return out;
}
