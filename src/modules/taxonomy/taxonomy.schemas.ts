import { z } from "zod";
import { VOCABULARY_KINDS } from "./taxonomy.types";

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const list = z
  .string()
  .max(4000)
  .transform((v) =>
    [
      ...new Set(
        v
          .split(/[\n,]/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ].slice(0, 50),
  );

/** The tag form (create, propose, edit/rename). */
export const tagFormSchema = z.strictObject({
  _csrf: z.string().optional(),
  slug: text(80).default(""),
  label_it: text(80).min(1, "required"),
  label_en: text(80).default(""),
  description_it: text(1000).default(""),
  description_en: text(1000).default(""),
  synonyms: list.default([]),
});
export type TagForm = z.infer<typeof tagFormSchema>;

export const mergeFormSchema = z.strictObject({
  _csrf: z.string().optional(),
  into: z.string().trim().min(1).max(120),
});

export const csrfOnlySchema = z.strictObject({ _csrf: z.string().optional() });

export const termFormSchema = z.strictObject({
  _csrf: z.string().optional(),
  label_it: text(200).min(1, "required"),
  label_en: text(200).min(1, "required"),
  description_it: text(4000).default(""),
  description_en: text(4000).default(""),
  /** Themes only: one guiding question per line, Italian and English in two fields. */
  questions_it: text(8000).optional(),
  questions_en: text(8000).optional(),
});
export type TermForm = z.infer<typeof termFormSchema>;

export const vocabularyKindSchema = z.enum(VOCABULARY_KINDS);
export const slugParamSchema = z.strictObject({ slug: z.string().regex(/^[a-z0-9-]{1,120}$/) });
export const keyParamSchema = z.strictObject({
  kind: vocabularyKindSchema,
  key: z.string().regex(/^[A-Za-z0-9-]{1,120}$/),
});
