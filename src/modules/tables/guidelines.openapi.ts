// The guidelines' part of the OpenAPI document (registered when the guidelines router is imported).
import { registerApiPaths } from "../../web/openapi";

const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const json = (ref: string) => ({ "application/json": { schema: { $ref: ref } } });
const lang = { name: "lang", in: "query", required: false, schema: { type: "string", enum: ["it", "en"] } };

registerApiPaths(
  {
    "/api/v1/guidelines": {
      get: {
        summary: "Published guidelines for the zonal integrated plans, newest publication first",
        operationId: "listGuidelines",
        responses: {
          "200": {
            description: "The published documents",
            content: json("#/components/schemas/GuidelinesList"),
          },
        },
      },
    },
    "/api/v1/guidelines/{slug}": {
      get: {
        summary:
          "One published guidelines document (its published version): introduction, a section per working table with its chosen recommendations, citations resolved. Exports: /guidelines/{slug}.pdf, .docx, .md, .json",
        operationId: "getGuidelines",
        parameters: [
          {
            name: "slug",
            in: "path",
            required: true,
            schema: { type: "string", pattern: "^[a-z0-9-]{1,120}$" },
          },
          lang,
        ],
        responses: {
          "200": { description: "The document", content: json("#/components/schemas/Guidelines") },
          "400": { $ref: "#/components/responses/BadRequest" },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
    },
  },
  {
    GuidelinesList: {
      type: "object",
      required: ["guidelines"],
      properties: {
        guidelines: {
          type: "array",
          items: {
            type: "object",
            required: ["slug", "title", "url"],
            properties: {
              slug: str,
              title: str,
              url: str,
              publishedAt: { type: "string", format: "date-time" },
              version: { type: "integer" },
              demo: { type: "boolean" },
            },
          },
        },
      },
    },
    Guidelines: {
      type: "object",
      required: ["slug", "title", "sections", "citations"],
      properties: {
        slug: str,
        url: str,
        title: str,
        version: { type: "integer" },
        publishedAt: { type: "string", format: "date-time" },
        publishedBy: nullableStr,
        demo: { type: "boolean" },
        introduction: { ...str, description: "Markdown, citations as [@nota:id] / [@progetto:slug]" },
        sections: {
          type: "array",
          items: {
            type: "object",
            properties: {
              table: { ...str, description: "The working table's key" },
              label: str,
              introduction: str,
              recommendations: {
                type: "array",
                items: {
                  type: "object",
                  required: ["code", "withdrawn"],
                  properties: {
                    code: { ...str, description: "The register's stable code, e.g. R-T2-03" },
                    withdrawn: {
                      type: "boolean",
                      description: "Withdrawn from the register since it was chosen",
                    },
                    markdown: {
                      ...nullableStr,
                      description: "Its text, evidence and report, as Markdown with citations",
                    },
                  },
                },
              },
            },
          },
        },
        citations: { type: "array", items: { $ref: "#/components/schemas/GuidelinesCitation" } },
      },
    },
    GuidelinesCitation: {
      type: "object",
      required: ["n", "kind", "ref", "withdrawn"],
      properties: {
        n: { type: "integer" },
        kind: { type: "string", enum: ["note", "project"] },
        ref: str,
        title: nullableStr,
        url: nullableStr,
        withdrawn: { type: "boolean" },
      },
    },
  },
);
