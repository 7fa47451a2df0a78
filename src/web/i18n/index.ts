// The message catalogue: every module's dictionary is listed here once.
import { coreMessages } from "./core.messages";
import { homeMessages } from "../../modules/home/home.messages";
import { accountsMessages } from "../../modules/accounts/accounts.messages";
import { auditMessages } from "../../modules/audit/audit.messages";
import { projectsMessages } from "../../modules/projects/projects.messages";
import { taxonomyMessages } from "../../modules/taxonomy/taxonomy.messages";
import { searchMessages } from "../../modules/search/search.messages";
import { importMessages } from "../../modules/projects/import.messages";
import { notesMessages } from "../../modules/notes/notes.messages";
import { tablesMessages } from "../../modules/tables/tables.messages";
import { reportsMessages } from "../../modules/tables/reports.messages";
import { DEFAULT_LANG, type Lang } from "./define";

export { LANGS, DEFAULT_LANG, isLang, type Lang } from "./define";

const catalogs = [
  coreMessages,
  homeMessages,
  accountsMessages,
  auditMessages,
  projectsMessages,
  taxonomyMessages,
  searchMessages,
  notesMessages,
  importMessages,
  tablesMessages,
  reportsMessages,
] as const;

type KeysOf<C> = C extends { it: infer D } ? keyof D & string : never;
export type MessageKey = KeysOf<(typeof catalogs)[number]>;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

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

const translators = new Map<Lang, Translate>();

/** The translate function of a language; `{name}` placeholders are replaced from params. */
export function translator(lang: Lang): Translate {
  let t = translators.get(lang);
  if (!t) {
    const dict = dictionaries[lang];
    t = (key, params) => {
      const text = dict.get(key) ?? dictionaries[DEFAULT_LANG].get(key) ?? key;
      if (!params) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      );
    };
    translators.set(lang, t);
  }
  return t;
}
