// A published report as a search document, and the settings of the reports index: what the report source
// indexes and what its MongoDB fallback answers with. Only the version the public reads is a document.
import type { Settings } from "meilisearch";
import stopWords from "../../seed/data/stopwords-it.json";
import type { ReportSearchDocument } from "../search/index";
import { markdownToText } from "../../web/markdown";
import { normalizeApostrophes } from "../../web/text";
import { withoutCitations } from "./report.citations";
import type { ReportDoc, ReportSnapshot } from "./report.model";

/** Bump when documents come out differently for unchanged data: the live index is then rebuilt. */
export const REPORT_PROJECTION_VERSION = 1;

export const REPORT_FILTERABLE = ["themes", "zones", "visibility"] as const;

const plain = (markdown: string) => normalizeApostrophes(markdownToText(withoutCitations(markdown)));

/**
 * The document of a report's published version. Its `version` is the published version (a revision
 * number): editing the working copy changes nothing the public reads, so it leaves the index alone.
 */
export function reportToDocument(
  report: ReportDoc,
  published: ReportSnapshot,
  zones: string[],
): ReportSearchDocument | null {
  if (report.publishedVersion == null) return null;
  return {
    id: String(report._id),
    version: report.publishedVersion,
    type: "report",
    slug: report.slug,
    title: normalizeApostrophes(published.title),
    summary: plain(published.summary),
    body: published.sections.map((s) => `${plain(s.heading)}\n${plain(s.body)}`).join("\n\n"),
    themes: report.scope?.theme ? [report.scope.theme] : [],
    zones: [...new Set(zones)].sort(),
    date: (report.publishedAt ?? new Date(0)).getTime(),
    visibility: "public",
    demo: !!report.demo,
  };
}

export function reportSettings(): Settings {
  return {
    searchableAttributes: ["title", "summary", "body"],
    filterableAttributes: [...REPORT_FILTERABLE],
    sortableAttributes: ["date"],
    displayedAttributes: ["*"],
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["ita"] }],
    stopWords,
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: 5000 },
  };
}
