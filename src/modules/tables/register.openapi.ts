// The register's part of the OpenAPI document (registered when the register's router is imported).
import { registerApiPaths } from "../../web/openapi";
import { ITEM_STATES, REGISTER_STATUSES } from "./register.model";

const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const json = (ref: string) => ({ "application/json": { schema: { $ref: ref } } });
const statusEnum = { type: "string", enum: [...REGISTER_STATUSES] };
const keyParam = (name: string, description: string) => ({
  name,
  in: "query",
  required: false,
  description,
  schema: { type: "string", pattern: "^[a-z0-9-]{0,100}$" },
});

const recommendation = {
  type: "object",
  required: ["code", "url", "state", "text", "report", "evidence", "statuses", "version"],
  properties: {
    code: { ...str, description: "Stable code: R-T<table>-<n> (R-G-<n>: no single table); never reused" },
    url: str,
    state: { type: "string", enum: [...ITEM_STATES] },
    withdrawnAt: { type: ["string", "null"], format: "date-time" },
    table: {
      type: ["object", "null"],
      properties: { key: str, number: { type: "integer" }, name: str },
    },
    text: { ...str, description: "Markdown as in the report, citations as [@nota:id] / [@progetto:slug]" },
    textPlain: str,
    section: str,
    report: {
      type: "object",
      properties: {
        slug: str,
        title: str,
        version: { type: "integer", description: "The published version holding this wording" },
        firstVersion: { type: "integer" },
        url: str,
      },
    },
    evidence: {
      type: "object",
      properties: {
        notes: { type: "array", items: { type: "object", properties: { id: str, url: str } } },
        projects: { type: "array", items: { type: "object", properties: { slug: str, url: str } } },
      },
    },
    statuses: {
      type: "array",
      description: "The current status in each zone-distretto that recorded one",
      items: {
        type: "object",
        required: ["zone", "status", "date"],
        properties: {
          zone: str,
          zoneName: str,
          status: statusEnum,
          date: { type: "string", format: "date" },
          note: { ...str, description: "Markdown" },
          link: { ...nullableStr, description: "http(s) address of the plan's text" },
          recordedAt: { type: "string", format: "date-time" },
        },
      },
    },
    version: { type: "integer" },
    demo: { type: "boolean" },
    updatedAt: { type: "string", format: "date-time" },
  },
};

registerApiPaths(
  {
    "/api/v1/recommendations": {
      get: {
        summary:
          "The recommendations register: items of published reports with their status per zone-distretto. Exports: /recommendations.csv, /recommendations.json",
        operationId: "listRecommendations",
        parameters: [
          keyParam("table", "A working table (theme key); unknown keys are refused"),
          keyParam("zone", "A zone-distretto key: items with a status recorded there"),
          {
            name: "status",
            in: "query",
            required: false,
            description: "Items with this status (in `zone` when given, in any zone otherwise)",
            schema: statusEnum,
          },
          {
            name: "state",
            in: "query",
            required: false,
            description: "active (default), withdrawn or all",
            schema: { type: "string", enum: [...ITEM_STATES, "all"] },
          },
        ],
        responses: {
          "200": {
            description: "The matching recommendations",
            content: json("#/components/schemas/RecommendationList"),
          },
          "400": { $ref: "#/components/responses/BadRequest" },
        },
      },
    },
    "/api/v1/recommendations/{code}": {
      get: {
        summary: "One recommendation with its statuses per zone and its history",
        operationId: "getRecommendation",
        parameters: [
          {
            name: "code",
            in: "path",
            required: true,
            schema: { type: "string", pattern: "^R-(T[0-9]{1,2}|G)-[0-9]{2,5}$" },
          },
        ],
        responses: {
          "200": {
            description: "The recommendation",
            content: json("#/components/schemas/RecommendationDetail"),
          },
          "400": { $ref: "#/components/responses/BadRequest" },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
    },
  },
  {
    Recommendation: recommendation,
    RecommendationList: {
      type: "object",
      required: ["total", "recommendations"],
      properties: {
        total: { type: "integer" },
        recommendations: { type: "array", items: { $ref: "#/components/schemas/Recommendation" } },
      },
    },
    RecommendationDetail: {
      allOf: [
        { $ref: "#/components/schemas/Recommendation" },
        {
          type: "object",
          properties: {
            history: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  version: { type: "integer" },
                  action: { type: "string", enum: ["create", "text", "withdraw", "reinstate", "status"] },
                  zone: nullableStr,
                  status: { type: ["string", "null"], enum: [...REGISTER_STATUSES, null] },
                  previous: { type: ["string", "null"], enum: [...REGISTER_STATUSES, null] },
                  date: nullableStr,
                  note: str,
                  link: nullableStr,
                  text: nullableStr,
                  reportVersion: { type: ["integer", "null"] },
                  at: { type: "string", format: "date-time" },
                },
              },
            },
          },
        },
      ],
    },
  },
);
