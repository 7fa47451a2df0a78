/** A path of this site: one leading slash, never `//` or `/\` (which browsers read as another host). */
function isLocalPath(path: string): boolean {
  // eslint-disable-next-line no-control-regex
  return path.startsWith("/") && !path.startsWith("//") && !/[\u0000-\u001f\u007f\\]/.test(path);
}

/**
 * The one place every `next` goes through: a same-site path to go back to, or the fallback; never another
 * host, scheme or protocol-relative URL. The target is normalised first (dot segments, `%2e%2e`) and the
 * result is checked again: `/..//evil.example` normalises to `//evil.example`, another host.
 */
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2000) return fallback;
  if (!isLocalPath(target)) return fallback;
  try {
    const parsed = new URL(target, "http://same.invalid");
    if (parsed.origin !== "http://same.invalid") return fallback;
    const normalised = parsed.pathname + parsed.search + parsed.hash;
    return isLocalPath(normalised) ? normalised : fallback;
  } catch {
    return fallback;
  }
}
