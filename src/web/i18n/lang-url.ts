// The language in the address: `?lang=en` on any page opens it in that language for that request (a
// shared link keeps its language), without touching the visitor's own choice (the `lang` cookie).
import querystring from "node:querystring";
import { isLang, type Lang } from "./define";

/** The language a URL asks for with `?lang=`, if it names a known one (the first `lang` counts). */
export function langOfUrl(url: string): Lang | undefined {
  const q = url.indexOf("?");
  if (q < 0) return undefined;
  const value = new URLSearchParams(url.slice(q + 1).split("#")[0]).get("lang");
  return isLang(value) ? value : undefined;
}

/** The same path and query with `lang` set to the given language (any other `lang` removed). */
export function withLang(url: string, lang: Lang): string {
  const hash = url.indexOf("#");
  const fragment = hash >= 0 ? url.slice(hash) : "";
  const bare = hash >= 0 ? url.slice(0, hash) : url;
  const q = bare.indexOf("?");
  const path = q >= 0 ? bare.slice(0, q) : bare;
  const params = new URLSearchParams(q >= 0 ? bare.slice(q + 1) : "");
  params.delete("lang");
  params.append("lang", lang);
  return `${path}?${params.toString()}${fragment}`;
}

/**
 * The app's query parser: Node's querystring (Express's "simple" parser) without `lang`, which the
 * language middleware reads from the address itself; routes' strict query schemas never see it.
 */
export function parseQueryWithoutLang(str: string): Record<string, unknown> {
  const query = querystring.parse(str);
  delete query.lang;
  return query;
}

/** The address without `lang` in its query. */
export function withoutLang(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  params.delete("lang");
  const rest = params.toString();
  return rest ? `${url.slice(0, q)}?${rest}` : url.slice(0, q);
}
