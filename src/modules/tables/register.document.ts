// A recommendation of the register as a search document, and the settings of its index.
import type { Settings } from "meilisearch";
import stopWords from "../../seed/data/stopwords-it.json";
import type { RecommendationSearchDocument } from "../search/index";
import { markdownToText } from "../../web/markdown";
import { normalizeApostrophes } from "../../web/text";
import { withoutCitations } from "./report.citations";
import type { RecommendationDoc } from "./register.model";

/** Bump when documents come out differently for unchanged data: the live index is then rebuilt. */
export const RECOMMENDATION_PROJECTION_VERSION = 1;

export const RECOMMENDATION_FILTERABLE = ["themes", "zones", "visibility", "reportSlug"] as const;

const TITLE_MAX = 140;

/** The first words of a text, cut at a word boundary. */
function firstWords(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= TITLE_MAX) return flat;
  const cut = flat.slice(0, TITLE_MAX);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 60))}…`;
}

/**
 * The document of an active item of a published report (`reportPublished`); null otherwise (withdrawn
 * from the register, or its report withdrawn): such an item is not searchable.
 */
export function recommendationToDocument(
  item: RecommendationDoc,
  reportPublished: boolean,
): RecommendationSearchDocument | null {
  if (item.state !== "active" || !reportPublished) return null;
  const text = normalizeApostrophes(markdownToText(withoutCitations(item.text)));
  const stamps = item as { createdAt?: Date; updatedAt?: Date };
  return {
    id: String(item._id),
    version: item.version,
    type: "recommendation",
    code: item.code,
    title: firstWords(text),
    text,
    themes: item.theme ? [item.theme] : [],
    zones: [...new Set((item.statuses ?? []).map((s) => s.zone))].sort(),
    reportSlug: item.report?.slug ?? "",
    reportTitle: normalizeApostrophes(item.report?.title ?? ""),
    date: (stamps.updatedAt ?? stamps.createdAt ?? new Date(0)).getTime(),
    visibility: "public",
    demo: !!item.demo,
  };
}

export function recommendationSettings(): Settings {
  return {
    // The title is the text's first words: searching the text is enough.
    searchableAttributes: ["code", "text", "reportTitle"],
    filterableAttributes: [...RECOMMENDATION_FILTERABLE],
    sortableAttributes: ["date", "code"],
    displayedAttributes: ["*"],
    localizedAttributes: [{ attributePatterns: ["text", "reportTitle"], locales: ["ita"] }],
    stopWords,
    // A code one digit off is another recommendation.
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
      disableOnAttributes: ["code"],
    },
    faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: 5000 },
  };
}
