// Query-string schemas of the search page and API (strict: unknown or malformed parameters are a 400).
import { z } from "zod";

const MAX_VALUES = 20;

/** A repeatable text parameter: `?tag=a&tag=b` arrives as an array, `?tag=a` as a string. */
const repeatable = (name: string) =>
  z
    .union([z.string().max(100), z.array(z.string().max(100)).max(MAX_VALUES)], {
      error: `${name} must be text (repeat the parameter for several values, at most ${MAX_VALUES})`,
    })
    .optional()
    .transform((v) => [
      ...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== "")),
    ]);

const intIn = (name: string, min: number, max: number, fallback: number) =>
  z
    .string({ error: `${name} must be a whole number` })
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!/^\d{1,6}$/.test(v) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

export const SORTS = ["relevance", "date", "title", "budget"] as const;
export type SearchSort = (typeof SORTS)[number];
export const SEARCH_TYPES = ["project", "note", "report", "recommendation"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const searchQuerySchema = z.strictObject(
  {
    q: z
      .string({ error: "q must be text" })
      .max(200, "q must be at most 200 characters")
      .optional()
      .transform((v) => (v ?? "").trim()),
    theme: repeatable("theme"),
    tag: repeatable("tag"),
    zone: repeatable("zone"),
    target: repeatable("target"),
    kind: repeatable("kind"),
    year: repeatable("year").pipe(
      z.array(
        z
          .string()
          .regex(/^(19|20)\d\d$/, "year must be a year such as 2021")
          .transform(Number),
      ),
    ),
    type: repeatable("type").pipe(
      z.array(z.enum(SEARCH_TYPES, { error: `type must be one of ${SEARCH_TYPES.join(", ")}` })),
    ),
    sort: z
      .enum(SORTS, { error: `sort must be one of ${SORTS.join(", ")}` })
      .optional()
      .transform((v) => v ?? "relevance"),
    page: intIn("page", 1, 1000, 1),
    limit: intIn("limit", 1, 50, 20),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `unknown parameter ${issue.keys.join(", ")}` : undefined,
  },
);

export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** Who searches. */
export interface Viewer {
  /** Coordinators and admins also find drafts and projects in review. */
  seesDrafts: boolean;
}

/** Facet-value search (`/api/v1/search/facets?facet=tag&q=medi`). */
export const facetQuerySchema = z.strictObject({
  facet: z.enum(["theme", "tag", "zone", "target", "year"], {
    error: "facet must be theme, tag, zone, target or year",
  }),
  q: z
    .string({ error: "q must be text" })
    .max(100)
    .optional()
    .transform((v) => (v ?? "").trim()),
});

export const thesaurusFormSchema = z.strictObject({
  _csrf: z.string().optional(),
  thesaurus: z.string({ error: "search.thesaurus.error.text" }).max(50_000, "search.thesaurus.error.long"),
});
