// zod schemas of the guidelines' forms (strict; message keys as errors). Addresses, query strings and the
// status and restore forms are the reports' (same shapes).
import { z } from "zod";
import {
  GUIDELINES_INTRO_MAX,
  GUIDELINES_ITEMS_MAX,
  GUIDELINES_SECTION_INTRO_MAX,
  GUIDELINES_TITLE_MAX,
} from "./guidelines.model";

export {
  diffQuery,
  exportParams,
  langQuery,
  restoreFormSchema,
  revisionParams,
  slugParams,
  statusFormSchema,
} from "./report.schemas";

const csrf = { _csrf: z.string().optional() };
const clean = (s: string) => s.replace(/\r\n?/g, "\n").trim();
/** A repeated form field: one value or several (at most `max`, each at most `each` characters). */
const many = (
  max: number,
  each: number,
  tooMany: "guidelines.error.items_max" | "guidelines.error.invalid",
) =>
  z.preprocess(
    (v) => (v === undefined ? [] : typeof v === "string" ? [v] : v),
    z
      .array(z.string({ error: "guidelines.error.invalid" }).max(each, "guidelines.error.long"), {
        error: "guidelines.error.invalid",
      })
      .max(max, tooMany),
  );
const title = z
  .string({ error: "guidelines.error.title" })
  .trim()
  .min(1, "guidelines.error.title")
  .max(GUIDELINES_TITLE_MAX, "guidelines.error.title");
const intro = z
  .string({ error: "guidelines.error.invalid" })
  .max(GUIDELINES_INTRO_MAX, "guidelines.error.long")
  .optional()
  .transform((v) => clean(v ?? ""));

export const newGuidelinesSchema = z.strictObject({ ...csrf, title, intro });

export const guidelinesFormSchema = z
  .strictObject({
    ...csrf,
    version: z
      .string({ error: "guidelines.error.invalid" })
      .regex(/^\d{1,9}$/, "guidelines.error.invalid")
      .transform(Number),
    title,
    intro,
    /** Each table's key, paired with `sectionIntro` by position. */
    theme: many(20, 100, "guidelines.error.invalid"),
    sectionIntro: many(20, GUIDELINES_SECTION_INTRO_MAX, "guidelines.error.invalid"),
    /** The chosen register codes. */
    item: many(GUIDELINES_ITEMS_MAX, 60, "guidelines.error.items_max"),
  })
  .refine((v) => v.theme.length === v.sectionIntro.length, {
    path: ["sectionIntro"],
    message: "guidelines.error.invalid",
  })
  .transform((v) => ({
    version: v.version,
    input: {
      title: v.title,
      intro: v.intro,
      sectionIntros: Object.fromEntries(v.theme.map((th, i) => [th, clean(v.sectionIntro[i] ?? "")])),
      items: v.item.map((c) => c.trim()).filter(Boolean),
    },
  }));
