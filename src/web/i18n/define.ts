export const LANGS = ["it", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "it";

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/** A module's messages: Italian first; the English dictionary must have exactly the same keys. */
export function defineMessages<const K extends string>(messages: {
  it: Record<K, string>;
  en: Record<NoInfer<K>, string>;
}) {
  return messages;
}
