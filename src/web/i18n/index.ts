// The message catalogue: every module's dictionary is listed here once.
import { coreMessages } from "./core.messages";
import { jobsMessages } from "./jobs.messages";
import { homeMessages } from "../../modules/home/home.messages";
import { accountsMessages } from "../../modules/accounts/accounts.messages";
import { twoFactorMessages } from "../../modules/accounts/two-factor.messages";
import { auditMessages } from "../../modules/audit/audit.messages";
import { projectsMessages } from "../../modules/projects/projects.messages";
import { taxonomyMessages } from "../../modules/taxonomy/taxonomy.messages";
import { searchMessages } from "../../modules/search/search.messages";
import { importMessages } from "../../modules/projects/import.messages";
import { notesMessages } from "../../modules/notes/notes.messages";
import { siteMessages } from "../../modules/site/site.messages";
import { privacyMessages } from "../../modules/privacy/privacy.messages";
import { tablesMessages } from "../../modules/tables/tables.messages";
import { reportsMessages } from "../../modules/tables/reports.messages";
import { guidelinesMessages } from "../../modules/tables/guidelines.messages";
import { feedsMessages } from "../../modules/feeds/feeds.messages";
import { registerMessages } from "../../modules/tables/register.messages";
import { DEFAULT_LANG, type Lang } from "./define";
import { formatInteger } from "./format";

export { LANGS, DEFAULT_LANG, isLang, type Lang } from "./define";

const catalogs = [
  coreMessages,
  homeMessages,
  accountsMessages,
  twoFactorMessages,
  auditMessages,
  projectsMessages,
  taxonomyMessages,
  searchMessages,
  notesMessages,
  importMessages,
  siteMessages,
  jobsMessages,
  privacyMessages,
  tablesMessages,
  reportsMessages,
  guidelinesMessages,
  feedsMessages,
  registerMessages,
] as const;

type KeysOf<C> = C extends { it: infer D } ? keyof D & string : never;
export type MessageKey = KeysOf<(typeof catalogs)[number]>;

type Params = Record<string, string | number>;

/** The base of a count's messages: `notes.count` when `notes.count.one` and `notes.count.other` exist. */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

export interface Translate {
  (key: MessageKey, params?: Params): string;
  /**
   * A count in words: the form the language's plural rules (`Intl.PluralRules`) choose for n
   * (`base.one`, `base.other`, or Italian's `base.many` when it exists), with `{n}` the number as the
   * language writes it.
   */
  plural(base: PluralBase, n: number, params?: Params): string;
}

/** The plural forms every count's messages need, in every language. */
export const REQUIRED_PLURAL_FORMS = ["one", "other"] as const;
const PLURAL_FORM = /\.(zero|one|two|few|many|other)$/;

/**
 * Counts whose messages lack a form, as "lang: key" lines: a base is any key that ends in a plural
 * category (`.one`, `.other`, ...), and each needs every REQUIRED_PLURAL_FORMS in every language.
 */
export function missingPluralForms(dicts: Record<string, ReadonlyMap<string, string>>): string[] {
  const bases = new Set<string>();
  for (const dict of Object.values(dicts)) {
    for (const key of dict.keys()) {
      const m = PLURAL_FORM.exec(key);
      if (m) bases.add(key.slice(0, m.index));
    }
  }
  const missing: string[] = [];
  for (const [lang, dict] of Object.entries(dicts)) {
    for (const base of bases) {
      for (const form of REQUIRED_PLURAL_FORMS) {
        if (!dict.has(`${base}.${form}`)) missing.push(`${lang}: ${base}.${form}`);
      }
    }
  }
  return missing.sort();
}

const dictionaries: Record<Lang, Map<string, string>> = { it: new Map(), en: new Map() };
for (const catalog of catalogs) {
  for (const lang of ["it", "en"] as const) {
    for (const [key, text] of Object.entries(catalog[lang])) {
      if (dictionaries[lang].has(key)) throw new Error(`duplicate message key ${key}`);
      dictionaries[lang].set(key, text);
    }
  }
}

/** Whether a string is a known message key (for keys that come from data, e.g. vocabulary codes). */
export function isMessageKey(key: string): key is MessageKey {
  return dictionaries[DEFAULT_LANG].has(key);
}

/** Every message, per language (read-only; for checks such as missingPluralForms). */
export const messageDictionaries: Record<Lang, ReadonlyMap<string, string>> = dictionaries;

const translators = new Map<Lang, Translate>();
const pluralRules = new Map<Lang, Intl.PluralRules>();

function fill(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The translate function of a language; `{name}` placeholders are replaced from params. */
export function translator(lang: Lang): Translate {
  let t = translators.get(lang);
  if (!t) {
    const dict = dictionaries[lang];
    const lookup = (key: string) => dict.get(key) ?? dictionaries[DEFAULT_LANG].get(key);
    let rules = pluralRules.get(lang);
    if (!rules) {
      rules = new Intl.PluralRules(lang === "en" ? "en-GB" : "it-IT");
      pluralRules.set(lang, rules);
    }
    const plural = rules;
    t = Object.assign((key: MessageKey, params?: Params) => fill(lookup(key) ?? key, params), {
      plural(base: PluralBase, n: number, params?: Params) {
        const text = lookup(`${base}.${plural.select(n)}`) ?? lookup(`${base}.other`) ?? base;
        return fill(text, { ...params, n: formatInteger(n, lang) });
      },
    });
    translators.set(lang, t);
  }
  return t;
}
