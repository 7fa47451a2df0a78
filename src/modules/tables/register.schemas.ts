// zod schemas of the register's query strings, addresses and status form (strict; message keys as errors).
// Table and zone values are checked against the vocabularies by the routes (an unknown one is a 400).
import { z } from "zod";
import { ITEM_STATES, REGISTER_STATUSES, STATUS_LINK_MAX, STATUS_NOTE_MAX } from "./register.model";
import { CODE_PATTERN } from "./register.queries";

/** An empty select ("all") is no filter. */
const key = z
  .string()
  .max(100)
  .regex(/^[a-z0-9-]*$/)
  .optional()
  .transform((v) => v || undefined);

const filters = {
  table: key,
  zone: key,
  status: z
    .union([z.enum(REGISTER_STATUSES), z.literal("")])
    .optional()
    .transform((v) => v || undefined),
  state: z
    .union([z.enum([...ITEM_STATES, "all"]), z.literal("")])
    .optional()
    .transform((v) => v || undefined),
};

/** The register page, the matrix and the exports: `table`, `zone`, `status`, `state`. */
export const registerQuery = z.strictObject(filters);
export type RegisterQuery = z.infer<typeof registerQuery>;

/** The API's list: `table`, `zone`, `status` and `state`. */
export const registerApiQuery = z.strictObject(filters);

export const codeParams = z.strictObject({
  code: z
    .string()
    .max(20)
    .refine((c) => CODE_PATTERN.test(c.toUpperCase())),
});

/** A recommendation's page: `saved=1` after the status form. */
export const itemQuery = z.strictObject({ saved: z.literal("1").optional() });
/** One recommendation in the API: no parameters. */
export const apiItemQuery = z.strictObject({});

export const reportSlugParams = z.strictObject({ slug: z.string().regex(/^[a-z0-9-]{1,120}$/) });

/** YYYY-MM-DD naming a real day between 1990 and 2100. */
const day = z
  .string({ error: "register.error.date" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "register.error.date")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    const year = d.getUTCFullYear();
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && year >= 1990 && year <= 2100;
  }, "register.error.date");

/** An http(s) address (normalised), or null when left empty; nothing else (javascript:, data:...). */
const link = z
  .string({ error: "register.error.link" })
  .trim()
  .max(STATUS_LINK_MAX, "register.error.link")
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    let url: URL | null;
    try {
      url = /^https?:\/\/[^\s]+$/i.test(v) ? new URL(v) : null;
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) {
      ctx.addIssue({ code: "custom", message: "register.error.link" });
      return z.NEVER;
    }
    return url.href;
  });

export const statusFormSchema = z.strictObject({
  _csrf: z.string().optional(),
  version: z
    .string({ error: "register.error.invalid" })
    .regex(/^\d{1,9}$/, "register.error.invalid")
    .transform(Number),
  zone: z.string({ error: "register.error.zone" }).regex(/^[a-z0-9-]{1,100}$/, "register.error.zone"),
  status: z.enum(REGISTER_STATUSES, { error: "register.error.status" }),
  date: day,
  note: z
    .string({ error: "register.error.note" })
    .max(STATUS_NOTE_MAX, "register.error.note")
    .optional()
    .transform((v) => (v ?? "").replace(/\r\n?/g, "\n")),
  link,
});
export type StatusForm = z.infer<typeof statusFormSchema>;
