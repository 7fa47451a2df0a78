// The notes' part of the OpenAPI document (registered once, when the notes routers are imported).
import { registerApiPaths } from "../../web/openapi";

const str = { type: "string" };
const dateTime = { type: ["string", "null"], format: "date-time" };

registerApiPaths(
  {
    "/api/v1/projects/{slug}/notes": {
      get: {
        summary: "The published notes of a published (or archived) project, grouped by nothing, oldest first",
        operationId: "listProjectNotes",
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
            description: "The project and its published notes",
            content: { "application/json": { schema: { $ref: "#/components/schemas/ProjectNotes" } } },
          },
          "400": { $ref: "#/components/responses/BadRequest" },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
    },
  },
  {
    Note: {
      type: "object",
      required: ["id", "url", "kind", "theme", "title", "body", "bodyHtml", "author", "version"],
      properties: {
        id: str,
        url: { type: "string", description: "The note in its project page" },
        kind: { type: "string", enum: ["worked", "worked_less", "recommendation", "lesson"] },
        theme: { type: "string", description: "Theme key (working table)" },
        question: { type: ["string", "null"], description: "Key of the guiding question answered" },
        title: str,
        body: { type: "string", description: "Markdown" },
        bodyHtml: { type: "string", description: "The body as sanitised HTML" },
        tags: { type: "array", items: str, description: "Tag slugs" },
        author: { type: "object", properties: { id: str, name: str } },
        publishedAt: dateTime,
        updatedAt: dateTime,
        useful: { type: "integer", description: "How many members found it useful" },
        replies: {
          type: "array",
          items: {
            type: "object",
            properties: { id: str, author: str, at: dateTime, bodyHtml: str },
          },
        },
        demo: { type: "boolean", description: "Fictional demo content" },
        version: { type: "integer" },
      },
    },
    ProjectNotes: {
      type: "object",
      required: ["project", "total", "notes"],
      properties: {
        project: { type: "object", properties: { slug: str, title: str } },
        total: { type: "integer" },
        notes: { type: "array", items: { $ref: "#/components/schemas/Note" } },
      },
    },
  },
);
