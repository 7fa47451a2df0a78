// The OpenAPI 3.1 description served at /api/v1/openapi.json. Each module registers its own paths and
// schemas at import time (`registerApiPaths`), so the document grows with the modules that are mounted.

export type OpenApiObject = Record<string, unknown>;

const paths: Record<string, OpenApiObject> = {};
const schemas: Record<string, OpenApiObject> = {};

/** Adds paths (keyed "/api/v1/...") and component schemas to the document; a path or schema twice is a bug. */
export function registerApiPaths(
  more: Record<string, OpenApiObject>,
  moreSchemas: Record<string, OpenApiObject> = {},
) {
  for (const [p, item] of Object.entries(more)) {
    if (p in paths) throw new Error(`OpenAPI path ${p} registered twice`);
    paths[p] = item;
  }
  for (const [name, schema] of Object.entries(moreSchemas)) {
    if (name in schemas) throw new Error(`OpenAPI schema ${name} registered twice`);
    schemas[name] = schema;
  }
}

/** A streamed download at `/export/<what>.{format}` (CSV or JSON, an array of `itemSchema`). */
export function exportOperation(summary: string, operationId: string, itemSchema: string): OpenApiObject {
  return {
    get: {
      summary,
      operationId,
      parameters: [
        { name: "format", in: "path", required: true, schema: { type: "string", enum: ["csv", "json"] } },
      ],
      responses: {
        "200": {
          description: "An attachment (Content-Disposition), streamed",
          content: {
            "text/csv": { schema: { type: "string" } },
            "application/json": {
              schema: { type: "array", items: { $ref: `#/components/schemas/${itemSchema}` } },
            },
          },
        },
        "400": { $ref: "#/components/responses/BadRequest" },
      },
    },
  };
}

/** The error body every JSON route answers with (see src/web/error-handler.tsx). */
const errorSchema = {
  type: "object",
  required: ["error", "code"],
  properties: {
    error: { type: "string" },
    code: { type: "string" },
    details: {
      type: "array",
      items: {
        type: "object",
        properties: { field: { type: "string" }, message: { type: "string" } },
      },
    },
  },
};

/** The whole document, as registered so far. */
export function openApiDocument(): OpenApiObject {
  return {
    openapi: "3.1.0",
    info: {
      title: "Atlante API",
      version: "1.0.0",
      description:
        "Read-only public API of Atlante, the knowledge base of the projects funded under the social-cohesion call. " +
        "Only published content is returned. Errors are JSON: {error, code, details}.",
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [{ url: "/" }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: { Error: errorSchema, ...schemas },
      responses: {
        BadRequest: {
          description: "Invalid parameters",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
        NotFound: {
          description: "Not found",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  };
}
