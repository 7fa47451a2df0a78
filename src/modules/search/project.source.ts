// Projects in the search index: the projection from a Project to its search document, and its settings.
import crypto from "node:crypto";
import type { Settings } from "meilisearch";
import mongoose from "mongoose";
import stopWords from "../../seed/data/stopwords-it.json";
import { ProjectModel, type ProjectDoc } from "../projects/project.model";
import type { TagIndex } from "../taxonomy/taxonomy.types";
import { markdownToText } from "../../web/markdown";
import { normalizeApostrophes } from "../../web/text";
import type { SearchDocument, SearchSource } from "./sources";
import { expansions, loadThesaurus, synonymsOf } from "./thesaurus";

/** Bump when projectToDocument changes what it writes. */
const PROJECTION_VERSION = 1;

export interface ProjectSearchDocument extends SearchDocument {
  type: "project";
  slug: string;
  title: string;
  sortTitle: string;
  tagText: string[];
  summary: string;
  organisations: string[];
  description: string;
  outcomes: string;
  themes: string[];
  tags: string[];
  zones: string[];
  provinces: string[];
  targetGroups: string[];
  /** Every calendar year the project ran (start to end). */
  years: number[];
  startYear: number | null;
  endYear: number | null;
  date: number | null;
  budget: number | null;
  status: string;
  /** "public" for published projects, "internal" for what only coordinators may find. */
  visibility: "public" | "internal";
  demo: boolean;
}

export interface TaxonomyReader {
  tags(): Promise<TagIndex>;
}

type ProjectLean = Omit<ProjectDoc, "tags"> & { tags?: mongoose.Types.ObjectId[] | null };

function yearsOf(start: Date | null | undefined, end: Date | null | undefined): number[] {
  if (!start) return [];
  const from = start.getUTCFullYear();
  const to = Math.max(from, (end ?? start).getUTCFullYear());
  const years: number[] = [];
  for (let y = from; y <= Math.min(to, from + 30); y++) years.push(y);
  return years;
}

/** The search document of a project, or null when search must not know it (deleted). */
export function projectToDocument(
  p: ProjectLean,
  tags: TagIndex,
  thesaurus: string[][],
): ProjectSearchDocument | null {
  if (p.deletedAt) return null;
  const tagViews = (p.tags ?? []).map((id) => tags.byId.get(String(id))).filter((t) => t !== undefined);
  const title = normalizeApostrophes(p.title);
  const summary = normalizeApostrophes(p.summary ?? "");
  const description = markdownToText(p.description ?? "");
  const outcomes = markdownToText(p.outcomes ?? "");
  const tagTerms = tagViews.flatMap((t) => [t.label_it, t.label_en, ...t.synonyms].filter(Boolean));
  const text = [title, summary, description, outcomes, ...tagTerms].join(" \n ");
  const years = yearsOf(p.startDate, p.endDate);
  return {
    id: String(p._id),
    version: p.version,
    type: "project",
    slug: p.slug,
    title,
    sortTitle: p.sortTitle,
    tagText: [...new Set([...tagTerms, ...expansions(text, thesaurus)].map(normalizeApostrophes))],
    summary,
    organisations: [p.leadOrganisation ?? "", ...(p.partners ?? [])]
      .filter(Boolean)
      .map(normalizeApostrophes),
    description,
    outcomes,
    themes: p.themes ?? [],
    tags: tagViews.map((t) => t.slug),
    zones: p.zones ?? [],
    provinces: p.provinces ?? [],
    targetGroups: p.targetGroups ?? [],
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

export function createProjectSource(taxonomy: TaxonomyReader): SearchSource {
  const context = async () => ({ tags: await taxonomy.tags(), thesaurus: await loadThesaurus() });
  const toDocs = (rows: ProjectLean[], tags: TagIndex, thesaurus: string[][]) =>
    rows.map((r) => projectToDocument(r, tags, thesaurus)).filter((d) => d !== null);
  return {
    type: "project",
    indexName: "projects",
    async projectionKey() {
      const { tags, thesaurus } = await context();
      // Tag labels and synonyms and the thesaurus are copied into documents: a change means a rebuild.
      const data = JSON.stringify([PROJECTION_VERSION, thesaurus, tagGroups(tags)]);
      return crypto.createHash("sha256").update(data).digest("hex").slice(0, 16);
    },
    async settings() {
      const { tags, thesaurus } = await context();
      return projectSettings(tags, thesaurus);
    },
    async load(ids) {
      const valid = ids.filter((id) => mongoose.isValidObjectId(id));
      const [{ tags, thesaurus }, rows] = await Promise.all([
        context(),
        ProjectModel.find({ _id: { $in: valid } }).lean<ProjectLean[]>(),
      ]);
      return new Map(toDocs(rows, tags, thesaurus).map((d) => [d.id, d]));
    },
    async *iterate(batchSize) {
      const { tags, thesaurus } = await context();
      let last: mongoose.Types.ObjectId | undefined;
      for (;;) {
        const rows = await ProjectModel.find({ deletedAt: null, ...(last ? { _id: { $gt: last } } : {}) })
          .sort({ _id: 1 })
          .limit(batchSize)
          .lean<ProjectLean[]>();
        if (rows.length === 0) return;
        last = rows.at(-1)!._id;
        yield toDocs(rows, tags, thesaurus);
      }
    },
    async *versions() {
      const cursor = ProjectModel.find({ deletedAt: null }, { version: 1 })
        .lean()
        .cursor({ batchSize: 5000 });
      for await (const row of cursor) yield { id: String(row._id), version: row.version };
    },
    count: () => ProjectModel.countDocuments({ deletedAt: null }),
  };
}
