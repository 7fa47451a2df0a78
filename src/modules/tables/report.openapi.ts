// The reports' part of the OpenAPI document (registered when the reports router is imported).
import { registerApiPaths } from "../../web/openapi";

const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const json = (ref: string) => ({ "application/json": { schema: { $ref: ref } } });
const scope = {
  type: "object",
  properties: {
    kind: { type: "string", enum: ["all", "table", "event"] },
    theme: nullableStr,
    event: nullableStr,
  },
};

registerApiPaths(
  {
    "/api/v1/reports": {
      get: {
        summary: "Published synthesis reports, newest publication first",
        operationId: "listReports",
        responses: {
          "200": { description: "The published reports", content: json("#/components/schemas/ReportList") },
        },
      },
    },
    "/api/v1/reports/{slug}": {
      get: {
        summary:
          "One published report (its published version), with its sections and citations resolved. Exports: /reports/{slug}.pdf, .docx, .md, .json",
        operationId: "getReport",
        parameters: [
          {
            name: "slug",
            in: "path",
            required: true,
            schema: { type: "string", pattern: "^[a-z0-9-]{1,120}$" },
          },
        ],
        responses: {
          "200": { description: "The report", content: json("#/components/schemas/Report") },
          "400": { $ref: "#/components/responses/BadRequest" },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
    },
  },
  {
    ReportList: {
      type: "object",
      required: ["reports"],
      properties: {
        reports: {
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
              scope,
              demo: { type: "boolean" },
            },
          },
        },
      },
    },
    Report: {
      type: "object",
      required: ["slug", "title", "sections", "citations"],
      properties: {
        slug: str,
        url: str,
        title: str,
        scope,
        version: { type: "integer" },
        publishedAt: { type: "string", format: "date-time" },
        publishedBy: nullableStr,
        demo: { type: "boolean" },
        summary: {
          type: "object",
          properties: { markdown: str, resolved: { ...str, description: "Citations as [n](url)" } },
        },
        sections: {
          type: "array",
          items: {
            type: "object",
            properties: {
              heading: str,
              kind: { type: "string", enum: ["text", "recommendations"] },
              markdown: { ...str, description: "As written, citations as [@nota:id] / [@progetto:slug]" },
              resolved: { ...str, description: "Citations as [n](url), or [n] for a withdrawn source" },
            },
          },
        },
        citations: {
          type: "array",
          items: {
            type: "object",
            required: ["n", "kind", "ref", "withdrawn"],
            properties: {
              n: { type: "integer" },
              kind: { type: "string", enum: ["note", "project"] },
              ref: { ...str, description: "The note's id or the project's slug as cited" },
              title: nullableStr,
              url: nullableStr,
              withdrawn: { type: "boolean", description: "The source is no longer public" },
            },
          },
        },
      },
    },
  },
);
