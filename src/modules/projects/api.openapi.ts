// The catalogue's part of the OpenAPI document (registered once, when the API router is imported).
import { exportOperation, registerApiPaths } from "../../web/openapi";
import { apiProjectSchema } from "./api.project";
import { CUP_PATTERN } from "./project.fields";

const filter = (name: string, description: string) => ({
  name,
  in: "query",
  required: false,
  description,
  schema: { type: "string", pattern: "^[A-Za-z0-9-]{1,120}$" },
});
const json = (ref: string) => ({ "application/json": { schema: { $ref: ref } } });

registerApiPaths(
  {
    "/api/v1/projects": {
      get: {
        summary: "Published projects, newest first, with paging and the browse page's filters",
        operationId: "listProjects",
        parameters: [
          {
            name: "page",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: 10000, default: 1 },
          },
          {
            name: "limit",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
          },
          filter("theme", "Theme key (working table)"),
          filter("tag", "Tag slug (an old slug or a merged tag's slug also works)"),
          filter("zone", "Zone-distretto key"),
          filter("target", "Target group key"),
          {
            name: "year",
            in: "query",
            schema: { type: "string", pattern: "^\\d{4}$" },
            description: "Start year",
          },
          { name: "sort", in: "query", schema: { type: "string", enum: ["start", "title", "updated"] } },
        ],
        responses: {
          "200": { description: "One page of projects", content: json("#/components/schemas/ProjectPage") },
          "400": { $ref: "#/components/responses/BadRequest" },
        },
      },
    },
    "/api/v1/projects/{slug}": {
      get: {
        summary: "One published project; an old slug answers 301 to the current address",
        operationId: "getProject",
        parameters: [
          {
            name: "slug",
            in: "path",
            required: true,
            schema: { type: "string", pattern: "^[a-z0-9-]{1,120}$" },
          },
        ],
        responses: {
          "200": {
            description: "The project",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["data"],
                  properties: { data: { $ref: "#/components/schemas/Project" } },
                },
              },
            },
          },
          "301": { description: "The project moved to a new slug (Location header)" },
          "400": { $ref: "#/components/responses/BadRequest" },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
    },
    "/export/projects.{format}": exportOperation(
      "The whole catalogue as a file: published projects for everyone; coordinators also get drafts and projects in review",
      "exportProjects",
      "Project",
    ),
    "/api/v1/openapi.json": {
      get: {
        summary: "This document",
        operationId: "openApi",
        responses: { "200": { description: "OpenAPI 3.1 description", content: { "application/json": {} } } },
      },
    },
  },
  {
    Project: apiProjectSchema({
      cup: { pattern: CUP_PATTERN.source },
      budgetCents: { description: "Budget in euro cents" },
    }),
    ProjectPage: {
      type: "object",
      required: ["data", "page", "limit", "total", "pages"],
      properties: {
        data: { type: "array", items: { $ref: "#/components/schemas/Project" } },
        page: { type: "integer" },
        limit: { type: "integer" },
        total: { type: "integer" },
        pages: { type: "integer" },
      },
    },
  },
);
