// A note as a search document, and the settings of the notes index: what the source indexes and what the
// MongoDB fallback answers with.
import type { Settings } from "meilisearch";
import stopWords from "../../seed/data/stopwords-it.json";
import type { ProjectFacts } from "../projects/index";
import type { NoteSearchDocument } from "../search/index";
import { markdownToText } from "../../web/markdown";
import { normalizeApostrophes } from "../../web/text";
import type { TagIndex } from "../taxonomy/index";
import type { NoteDoc } from "./note.model";

// 2: notes inherit their project's zones, provinces, target groups and tags; 3: notes on a working table
// alone (no project) are documents too.
export const PROJECTION_VERSION = 3;

export const NOTE_FILTERABLE = [
  "kind",
  "theme",
  "tags",
  "allTags",
  "zones",
  "provinces",
  "targetGroups",
  "visibility",
  "projectSlug",
] as const;

export function noteToDocument(
  n: NoteDoc,
  project: ProjectFacts | undefined,
  tags: TagIndex,
): NoteSearchDocument | null {
  // A note on a project readers cannot see is not searchable; a note on a working table alone is.
  if (n.deletedAt || n.status !== "published" || (n.project && !project)) return null;
  const tagViews = (n.tags ?? []).map((id) => tags.byId.get(String(id))).filter((t) => t !== undefined);
  const projectTags = (project?.tags ?? [])
    .map((id) => tags.byId.get(id)?.slug)
    .filter((s) => s !== undefined);
  return {
    id: String(n._id),
    version: n.version,
    type: "note",
    title: normalizeApostrophes(n.title),
    body: markdownToText(n.body),
    kind: n.kind,
    theme: n.theme,
    question: n.question ?? null,
    tags: tagViews.map((t) => t.slug),
    tagText: tagViews.flatMap((t) => [t.label_it, t.label_en, ...t.synonyms].filter(Boolean)),
    author: n.author.name,
    ...(project && n.project
      ? {
          projectId: String(n.project),
          projectSlug: project.slug,
          projectTitle: normalizeApostrophes(project.title),
        }
      : {}),
    // Inherited from the project, so that a zone, target-group or tag filter narrows notes too.
    zones: project?.zones ?? [],
    provinces: project?.provinces ?? [],
    targetGroups: project?.targetGroups ?? [],
    allTags: [...new Set([...tagViews.map((t) => t.slug), ...projectTags])],
    date: (n.publishedAt ?? n.createdAt).getTime(),
    visibility: "public",
    demo: n.demo ?? false,
  };
}

export function noteSettings(): Settings {
  return {
    searchableAttributes: ["title", "body", "tagText", "projectTitle", "author"],
    filterableAttributes: [...NOTE_FILTERABLE],
    sortableAttributes: ["date"],
    displayedAttributes: ["*"],
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["ita"] }],
    stopWords,
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    faceting: { maxValuesPerFacet: 300, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: 5000 },
  };
}
