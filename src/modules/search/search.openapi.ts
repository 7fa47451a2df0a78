// OpenAPI description of the search API (registered when the search routes are loaded).
import { registerApiPaths } from "../../web/openapi";
import { SEARCH_TYPES, SORTS } from "./search.schemas";

const repeatable = (name: string, description: string) => ({
  name,
  in: "query",
  description: `${description} Repeat the parameter for several values (any of them matches). Unknown values are a 400 listing the valid ones.`,
  schema: { type: "array", items: { type: "string" }, maxItems: 20 },
  style: "form",
  explode: true,
});

const facetValues = {
  type: "array",
  items: {
    type: "object",
    required: ["value", "count"],
    properties: { value: { type: "string" }, count: { type: "integer" } },
  },
};

registerApiPaths(
  {
    "/api/v1/search": {
      get: {
        summary: "Full-text search over published projects, notes, synthesis reports and recommendations",
        description:
          "Forgiving Italian search (typos, accents, apostrophes, synonyms). Facet counts of a selected facet are " +
          "computed as if it were not selected. When Meilisearch is unavailable, the answer comes from a simpler " +
          'MongoDB text search and `engine` is "mongodb". Without `type`, projects and notes are searched; ' +
          "`type=report` searches published synthesis reports and `type=recommendation` the items of the " +
          "recommendations register (both filter by `theme` and `zone`).",
        parameters: [
          { name: "q", in: "query", schema: { type: "string", maxLength: 200 } },
          repeatable("theme", "Working table (theme) key."),
          repeatable("tag", "Tag slug."),
          repeatable(
            "zone",
            "Zone-distretto key (projects, notes through their project, reports through the projects of the notes they cite, recommendations by the zones with a status).",
          ),
          repeatable("target", "Target group key (projects only)."),
          repeatable("year", "A year the project ran (projects only)."),
          repeatable("kind", "Kind of note: worked, worked_less, recommendation, lesson (notes only)."),
          {
            name: "type",
            in: "query",
            description:
              "project, note, report or recommendation (repeat for several); projects and notes when absent.",
            schema: { type: "array", items: { type: "string", enum: [...SEARCH_TYPES] } },
            style: "form",
            explode: true,
          },
          { name: "sort", in: "query", schema: { type: "string", enum: [...SORTS], default: "relevance" } },
          { name: "page", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000, default: 1 } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 50, default: 20 } },
        ],
        responses: {
          "200": {
            description: "Results",
            content: { "application/json": { schema: { $ref: "#/components/schemas/SearchResult" } } },
          },
          "400": { $ref: "#/components/responses/BadRequest" },
        },
      },
    },
    "/api/v1/search/facets": {
      get: {
        summary: "Values of one facet whose label contains a text (for facet search boxes)",
        parameters: [
          {
            name: "facet",
            in: "query",
            required: true,
            schema: { type: "string", enum: ["theme", "tag", "zone", "target", "year", "kind"] },
          },
          { name: "q", in: "query", schema: { type: "string", maxLength: 100 } },
        ],
        responses: {
          "200": { description: "Matching values with their labels" },
          "400": { $ref: "#/components/responses/BadRequest" },
        },
      },
    },
  },
  {
    SearchHit: {
      type: "object",
      required: ["type", "id", "slug", "title", "snippet", "url"],
      properties: {
        type: { type: "string", enum: [...SEARCH_TYPES] },
        id: { type: "string" },
        slug: {
          type: "string",
          description:
            "The project's slug (for a note, its project's; for a report, its own; for a recommendation, its report's).",
        },
        title: { type: "string" },
        titleHtml: { type: "string", description: "Escaped HTML; matches wrapped in <mark>." },
        snippet: { type: "string" },
        snippetHtml: { type: "string", description: "Escaped HTML; matches wrapped in <mark>." },
        url: { type: "string" },
        themes: { type: "array", items: { type: "string" } },
        zones: { type: "array", items: { type: "string" } },
        tags: { type: "array", items: { type: "string" } },
        years: { type: "array", items: { type: "integer" } },
        kind: { type: "string" },
        projectTitle: { type: "string" },
        code: { type: "string", description: "A recommendation's code in the register, e.g. R-T2-03." },
        reportTitle: { type: "string", description: "The report a recommendation comes from." },
      },
    },
    SearchResult: {
      type: "object",
      required: ["query", "total", "page", "hits", "facets"],
      properties: {
        query: { type: "string" },
        total: { type: "integer" },
        page: { type: "integer" },
        limit: { type: "integer" },
        pages: { type: "integer" },
        engine: { type: "string", enum: ["meilisearch", "mongodb"] },
        hits: { type: "array", items: { $ref: "#/components/schemas/SearchHit" } },
        facets: {
          type: "object",
          properties: {
            theme: facetValues,
            tag: facetValues,
            zone: facetValues,
            target: facetValues,
            year: facetValues,
            kind: facetValues,
          },
        },
      },
    },
  },
);
