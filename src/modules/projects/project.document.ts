// A project as the search index holds it: the projection from a Project to its search document, and the
// index's settings (synonyms from the tag vocabulary and the thesaurus).
import type { Settings } from "meilisearch";
import type mongoose from "mongoose";
import stopWords from "../../seed/data/stopwords-it.json";
import { markdownToText } from "../../web/markdown";
import { normalizeApostrophes } from "../../web/text";
import { expansions, synonymsOf, type ProjectSearchDocument } from "../search/index";
import type { TagIndex } from "../taxonomy/index";
import { CONTENT_FIELDS, specOf } from "./project.fields";
import type { ProjectDoc } from "./project.model";

/** Bump when projectToDocument changes what it writes. */
export const PROJECTION_VERSION = 1;

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

/** The search document of a project, or null when search must not know it (deleted). */
export function projectToDocument(
  p: ProjectLean,
  tags: TagIndex,
  thesaurus: string[][],
): ProjectSearchDocument | null {
  if (p.deletedAt) return null;
  const tagViews = (p.tags ?? []).map((id) => tags.byId.get(String(id))).filter((t) => t !== undefined);
  const texts: Record<string, string> = {};
  for (const field of TEXT_FIELDS) {
    const value = (p[field] as string | null | undefined) ?? "";
    texts[field] = specOf(field).markdown ? markdownToText(value) : normalizeApostrophes(value);
  }
  const tagTerms = tagViews.flatMap((t) => [t.label_it, t.label_en, ...t.synonyms].filter(Boolean));
  const text = [...Object.values(texts), ...tagTerms].join(" \n ");
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
    tagText: [...new Set([...tagTerms, ...expansions(text, thesaurus)].map(normalizeApostrophes))],
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

export function projectSettings(tags: TagIndex, thesaurus: string[][]): Settings {
  return {
    searchableAttributes: ["title", "tagText", "summary", "organisations", "description", "outcomes"],
    filterableAttributes: [...PROJECT_FILTERABLE],
    sortableAttributes: ["date", "sortTitle", "budget"],
    displayedAttributes: ["*"],
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["ita"] }],
    stopWords,
    synonyms: synonymsOf([...thesaurus, ...tagGroups(tags)]),
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: 5000 },
  };
}
