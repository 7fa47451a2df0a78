// A project as the search index holds it: the projection from a Project to its search document, and the
// index's settings (synonyms from the tag vocabulary and the thesaurus).
import type { Settings } from "meilisearch";
import type mongoose from "mongoose";
import stopWords from "../../seed/data/stopwords-it.json";
import { markdownToText } from "../../web/markdown";
import { normalizeApostrophes } from "../../web/text";
import { expansions, synonymsOf, type ProjectSearchDocument } from "../search/index";
import type { TagIndex, Vocabulary } from "../taxonomy/index";
import { CONTENT_FIELDS, specOf } from "./project.fields";
import type { ProjectDoc } from "./project.model";

/** Bump when projectToDocument changes what it writes. */
export const PROJECTION_VERSION = 2;

export type ProjectLean = Omit<ProjectDoc, "tags"> & { tags?: mongoose.Types.ObjectId[] | null };

function yearsOf(start: Date | null | undefined, end: Date | null | undefined): number[] {
  if (!start) return [];
  const from = start.getUTCFullYear();
  const to = Math.max(from, (end ?? start).getUTCFullYear());
  const years: number[] = [];
  for (let y = from; y <= Math.min(to, from + 30); y++) years.push(y);
  return years;
}

// What the field list says search makes of each field: searchable text (Markdown as plain text),
// organisations, or filters copied as they are.
const TEXT_FIELDS = CONTENT_FIELDS.filter((f) => specOf(f).search === "text");
const ORGANISATION_FIELDS = CONTENT_FIELDS.filter((f) => specOf(f).search === "organisation");
const FACET_FIELDS = CONTENT_FIELDS.filter((f) => specOf(f).search === "facet");

/**
 * The labels of a vocabulary value with its other names (and a zone's towns); the English label only when
 * it adds words ("Florence", not "Lunigiana zone-district"): every word indexed costs ingestion time.
 */
function namesOf(term: { label_it: string; label_en: string; aliases: string[]; towns: string[] }): string[] {
  const english = term.label_en.toLowerCase().includes(term.label_it.toLowerCase()) ? [] : [term.label_en];
  return [term.label_it, ...english, ...term.aliases, ...term.towns];
}

/**
 * What people type for the vocabulary values a project carries: the labels, aliases and towns of its
 * zones with their provinces' names, its provinces, target groups (with everyday words), working tables
 * and funding programme. Unknown keys add nothing.
 */
export function vocabularyTerms(p: ProjectLean, vocab: Vocabulary): string[] {
  const out: string[] = [];
  const add = (kind: Parameters<Vocabulary["get"]>[0], keys: readonly string[] | null | undefined) => {
    for (const key of keys ?? []) {
      const term = vocab.get(kind, key);
      if (!term) continue;
      out.push(...namesOf(term));
      if (kind === "zone") add("province", term.provinces);
    }
  };
  add("zone", p.zones);
  add("province", p.provinces);
  add("targetGroup", p.targetGroups);
  add("theme", p.themes);
  if (p.fundingProgramme) add("funding", [p.fundingProgramme]);
  return [...new Set(out.map((s) => normalizeApostrophes(s.trim())).filter(Boolean))];
}

/** The CUP as stored and as search compares it (upper case, no spaces or dashes). */
function cupForms(cup: string | null | undefined): string[] {
  if (!cup) return [];
  return [...new Set([cup.trim(), cup.toUpperCase().replace(/[\s-]/g, "")])].filter(Boolean);
}

/** The search document of a project, or null when search must not know it (deleted). */
export function projectToDocument(
  p: ProjectLean,
  tags: TagIndex,
  thesaurus: string[][],
  vocab: Vocabulary,
): ProjectSearchDocument | null {
  if (p.deletedAt) return null;
  const tagViews = (p.tags ?? []).map((id) => tags.byId.get(String(id))).filter((t) => t !== undefined);
  const texts: Record<string, string> = {};
  for (const field of TEXT_FIELDS) {
    const value = (p[field] as string | null | undefined) ?? "";
    texts[field] = specOf(field).markdown ? markdownToText(value) : normalizeApostrophes(value);
  }
  const tagTerms = tagViews.flatMap((t) => [t.label_it, t.label_en, ...t.synonyms].filter(Boolean));
  const vocabText = vocabularyTerms(p, vocab);
  const text = [...Object.values(texts), ...tagTerms, ...vocabText].join(" \n ");
  const facets: Record<string, string[]> = {};
  for (const field of FACET_FIELDS) facets[field] = (p[field] as string[] | null | undefined) ?? [];
  const years = yearsOf(p.startDate, p.endDate);
  return {
    id: String(p._id),
    version: p.version,
    type: "project",
    slug: p.slug,
    ...(texts as Pick<ProjectSearchDocument, "title" | "summary" | "description" | "outcomes">),
    sortTitle: p.sortTitle,
    cup: cupForms(p.cup),
    // What people type for the vocabulary values the project carries: its tags' and the other
    // vocabularies' names, and the thesaurus' equivalents of what it says.
    tagText: [
      ...new Set([...tagTerms, ...vocabText, ...expansions(text, thesaurus)].map(normalizeApostrophes)),
    ],
    organisations: ORGANISATION_FIELDS.flatMap((f) => (p[f] ?? []) as string | string[])
      .filter(Boolean)
      .map(normalizeApostrophes),
    ...(facets as Pick<ProjectSearchDocument, "themes" | "zones" | "provinces" | "targetGroups">),
    tags: tagViews.map((t) => t.slug),
    years,
    startYear: years[0] ?? null,
    endYear: years.at(-1) ?? null,
    date: p.startDate ? p.startDate.getTime() : null,
    budget: p.budgetCents ?? null,
    status: p.status,
    visibility: p.status === "published" ? "public" : "internal",
    demo: p.demo ?? false,
  };
}

export const PROJECT_FILTERABLE = [
  "themes",
  "tags",
  "zones",
  "provinces",
  "targetGroups",
  "years",
  "status",
  "visibility",
] as const;

/** Synonym groups from the tag vocabulary: a tag's labels and synonyms are equivalent. */
export function tagGroups(tags: TagIndex): string[][] {
  return tags.all
    .filter((t) => t.status === "active")
    .map((t) =>
      [t.label_it, t.label_en, ...t.synonyms].map((s) => normalizeApostrophes(s.trim())).filter(Boolean),
    )
    .filter((g) => new Set(g.map((s) => s.toLowerCase())).size >= 2);
}

/**
 * Words of the places' proper names (zones, their aliases and towns, provinces): typo tolerance must not
 * turn them into other words ("Lucca" into "Lucia", "Prato" into "parto"), so they match only as typed.
 * Words shorter than the one-typo size get no typos anyway.
 */
export function properNameWords(vocab: Vocabulary): string[] {
  const stop = new Set(stopWords);
  const words = new Set<string>();
  for (const term of [...vocab.zones, ...vocab.provinces]) {
    for (const name of [term.label_it, ...term.aliases, ...term.towns]) {
      for (const word of normalizeApostrophes(name)
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)) {
        if (word.length >= MIN_TYPO_WORD && !stop.has(word)) words.add(word);
      }
    }
  }
  return [...words].sort();
}

/** Words this long or longer may match with one typo (two from TWO_TYPOS_WORD). */
const MIN_TYPO_WORD = 4;
const TWO_TYPOS_WORD = 8;

export function projectSettings(tags: TagIndex, thesaurus: string[][], vocab: Vocabulary): Settings {
  return {
    // Order is rank: the title, the vocabulary values the project carries (tags, zones, target groups...:
    // above looser matches of the same words in its prose), an exact CUP, then the prose. Few attributes
    // ahead of the prose: Meilisearch scores an attribute by its rank among all of them, and the federated
    // search weighs those scores against the notes'.
    searchableAttributes: ["title", "tagText", "cup", "summary", "organisations", "description", "outcomes"],
    filterableAttributes: [...PROJECT_FILTERABLE],
    sortableAttributes: ["date", "sortTitle", "budget"],
    displayedAttributes: ["*"],
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["ita"] }],
    stopWords,
    synonyms: synonymsOf([...thesaurus, ...tagGroups(tags)]),
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: MIN_TYPO_WORD, twoTypos: TWO_TYPOS_WORD },
      // A CUP one digit off is another project's CUP; a place's name one letter off is another word.
      disableOnAttributes: ["cup"],
      disableOnWords: properNameWords(vocab),
    },
    faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: 5000 },
  };
}
