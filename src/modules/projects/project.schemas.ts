import { z } from "zod";
import { PROJECT_STATUSES } from "./project.model";
import { TRANSITIONS } from "./project.workflow";

const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);
const key = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^[A-Za-z0-9-]{1,120}$/)
    .optional(),
);

/** Query string of the browse page (also used by theme, tag and zone pages for paging). */
export const browseQuerySchema = z.strictObject({
  theme: key,
  tag: key,
  zone: key,
  target: key,
  year: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{4}$/, "a year like 2021")
      .optional(),
  ),
  status: z.preprocess(emptyToUndefined, z.enum([...PROJECT_STATUSES, "all", "deleted"]).optional()),
  sort: z.preprocess(emptyToUndefined, z.enum(["start", "title", "updated"]).optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(5000).optional()),
});
export type BrowseQueryInput = z.infer<typeof browseQuerySchema>;

/** Query string of the API's list: the browse filters (published projects only), a longer page range, a limit. */
export const apiListQuerySchema = browseQuerySchema.omit({ status: true, page: true }).extend({
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10_000).optional()),
  limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).optional()),
});

export const pageQuerySchema = z.strictObject({
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(5000).optional()),
});

export const slugParamsSchema = z.strictObject({ slug: z.string().regex(/^[a-z0-9-]{1,120}$/) });

const version = z.coerce.number().int().min(1).max(1e9);

export const versionBodySchema = z.strictObject({ _csrf: z.string().optional(), version });

export const transitionBodySchema = z.strictObject({
  _csrf: z.string().optional(),
  action: z.enum(Object.keys(TRANSITIONS) as [keyof typeof TRANSITIONS, ...(keyof typeof TRANSITIONS)[]]),
  version,
});

export const csrfBodySchema = z.strictObject({ _csrf: z.string().optional() });

export const diffQuerySchema = z.strictObject({ from: version, to: version });

export const restoreParamsSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9-]{1,120}$/),
  version: z.coerce.number().int().min(1).max(1e9),
});
