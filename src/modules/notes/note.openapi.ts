// The notes' part of the OpenAPI document (registered once, when the notes' export router is imported).
import { exportOperation, registerApiPaths } from "../../web/openapi";
import { NOTE_KINDS } from "../taxonomy/index";

const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const filter = (name: string, description: string) => ({
  name,
  in: "query",
  required: false,
  description,
  schema: { type: "string", pattern: "^[A-Za-z0-9-]{1,120}$" },
});

registerApiPaths(
  {
    "/api/v1/notes": {
      get: {
        summary: "Published notes, oldest first, with paging and filters",
        operationId: "listNotes",
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
          filter("theme", "Working table (theme key)"),
          filter("question", "Guiding question id"),
          { name: "kind", in: "query", schema: { type: "string", enum: [...NOTE_KINDS] } },
          filter("project", "Project slug, or `none` for notes that name no project"),
          filter("tag", "Tag slug"),
        ],
        responses: {
          "200": {
            description: "One page of notes",
            content: { "application/json": { schema: { $ref: "#/components/schemas/NotePage" } } },
          },
          "400": { $ref: "#/components/responses/BadRequest" },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
    },
    "/export/notes.{format}": exportOperation(
      "Every note as a file, with its project, working table, guiding question and kind: published notes for everyone; coordinators get every status",
      "exportNotes",
      "NoteRecord",
    ),
  },
  {
    // Not "Note": that name is the project notes endpoint's (notes.openapi.ts), with its HTML.
    NoteRecord: {
      type: "object",
      required: ["id", "url", "kind", "table", "title", "body"],
      properties: {
        id: str,
        url: str,
        status: { type: "string", enum: ["published"] },
        kind: { type: "string", enum: [...NOTE_KINDS] },
        kindLabel: str,
        table: { type: "string", description: "Working table (theme key)" },
        tableLabel: str,
        question: nullableStr,
        questionText: nullableStr,
        project: {
          type: ["object", "null"],
          description: "Null for a contribution to a working table that names no project",
          properties: { slug: str, title: str },
        },
        title: str,
        body: { type: "string", description: "Markdown" },
        tags: { type: "array", items: str },
        author: str,
        guest: { type: "boolean" },
        publishedAt: { type: ["string", "null"], format: "date-time" },
        createdAt: { type: "string", format: "date-time" },
        useful: { type: "integer" },
        replies: { type: "integer", description: "Published replies" },
        rejectReason: nullableStr,
        demo: { type: "boolean", description: "Fictional demo content" },
      },
    },
    NotePage: {
      type: "object",
      required: ["data", "page", "limit", "total", "pages"],
      properties: {
        data: { type: "array", items: { $ref: "#/components/schemas/NoteRecord" } },
        page: { type: "integer" },
        limit: { type: "integer" },
        total: { type: "integer" },
        pages: { type: "integer" },
      },
    },
  },
);
