// The feeds' part of the OpenAPI document: Atom, not JSON, but public endpoints all the same.
import { registerApiPaths } from "../../web/openapi";

const atom = (description: string) => ({
  description,
  content: { "application/atom+xml": { schema: { type: "string" } } },
});

registerApiPaths({
  "/feeds/atlante.atom": {
    get: {
      summary: "Atom feed of the newest published projects and notes (30 entries)",
      operationId: "feedAll",
      tags: ["Feeds"],
      responses: { "200": atom("Atom 1.0 feed") },
    },
  },
  "/feeds/reports.atom": {
    get: {
      summary: "Atom feed of the published synthesis reports, newest publication first (30 entries)",
      operationId: "feedReports",
      tags: ["Feeds"],
      responses: { "200": atom("Atom 1.0 feed") },
    },
  },
  "/feeds/recommendations.atom": {
    get: {
      summary:
        "Atom feed of the recommendations register's changes, newest first (30 entries): new items and statuses per zone-distretto",
      operationId: "feedRecommendations",
      tags: ["Feeds"],
      responses: { "200": atom("Atom 1.0 feed") },
    },
  },
  "/feeds/themes/{key}": {
    get: {
      summary: "Atom feed of one working table: its newest projects and notes",
      operationId: "feedTheme",
      tags: ["Feeds"],
      parameters: [
        {
          name: "key",
          in: "path",
          required: true,
          description: "The theme's key followed by .atom, e.g. governance-multilivello.atom",
          schema: { type: "string", pattern: "^[a-z0-9-]{1,80}\\.atom$" },
        },
      ],
      responses: {
        "200": atom("Atom 1.0 feed"),
        "400": { $ref: "#/components/responses/BadRequest" },
        "404": { $ref: "#/components/responses/NotFound" },
      },
    },
  },
  "/feeds/tags/{slug}": {
    get: {
      summary: "Atom feed of one tag: its newest projects and notes",
      operationId: "feedTag",
      tags: ["Feeds"],
      parameters: [
        {
          name: "slug",
          in: "path",
          required: true,
          description: "The tag's slug followed by .atom; an old slug of a renamed or merged tag works too",
          schema: { type: "string", pattern: "^[a-z0-9-]{1,120}\\.atom$" },
        },
      ],
      responses: {
        "200": atom("Atom 1.0 feed"),
        "400": { $ref: "#/components/responses/BadRequest" },
        "404": { $ref: "#/components/responses/NotFound" },
      },
    },
  },
});
