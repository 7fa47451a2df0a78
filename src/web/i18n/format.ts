// Dates and numbers as each language writes them. Intl formatters are costly to build (a project page
// formats dozens of dates), so each one is built once per language and style and then reused.
import type { Lang } from "./define";

const LOCALES: Record<Lang, string> = { it: "it-IT", en: "en-GB" };

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

function localeOf(lang: string): string {
  return lang === "en" ? LOCALES.en : LOCALES.it;
}

function toDate(date: Date | string | number): Date {
  return date instanceof Date ? date : new Date(date);
}

/** A calendar day (dates without a time of day are stored at UTC midnight): "3 marzo 2024" / "3 Mar 2024". */
export function formatDay(
  date: Date | string | number | null | undefined,
  lang: string,
  style: "long" | "medium" = "long",
): string {
  if (date == null || date === "") return "";
  const locale = localeOf(lang);
  return cached(
    `d|${locale}|${style}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" }),
  ).format(toDate(date));
}

/** A moment, in Italian time: "3 mar 2024, 14:05". */
export function formatDateTime(date: Date | string | number | null | undefined, lang: string): string {
  if (date == null || date === "") return "";
  const locale = localeOf(lang);
  return cached(
    `dt|${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Rome" }),
  ).format(toDate(date));
}

/** A whole number with the language's grouping: "12.345" / "12,345". */
export function formatInteger(n: number, lang: string): string {
  const locale = localeOf(lang);
  return cached(`n|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(n);
}
