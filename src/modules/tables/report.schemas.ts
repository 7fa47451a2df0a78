// zod schemas of the reports' forms, addresses and query strings (strict; message keys as errors).
import { z } from "zod";
import {
  REPORT_SUMMARY_MAX,
  REPORT_TITLE_MAX,
  SCOPE_KINDS,
  SECTION_BODY_MAX,
  SECTION_HEADING_MAX,
  SECTION_KINDS,
  SECTIONS_MAX,
} from "./report.model";

const csrf = { _csrf: z.string().optional() };
const clean = (s: string) => s.replace(/\r\n?/g, "\n");
const many = z
  .union([z.string(), z.array(z.string()).max(SECTIONS_MAX + 1, "reports.error.sections")], {
    error: "reports.error.invalid",
  })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const version = z
  .string({ error: "reports.error.invalid" })
  .regex(/^\d{1,9}$/, "reports.error.invalid")
  .transform(Number);

export const slugParams = z.strictObject({ slug: z.string().regex(/^[a-z0-9-]{1,120}$/) });
/** `/reports/:file`: a slug and an export's extension. */
export const exportParams = z.strictObject({
  file: z.string().regex(/^[a-z0-9-]{1,120}\.(pdf|docx|md|json)$/),
});
export const revisionParams = z.strictObject({
  slug: z.string().regex(/^[a-z0-9-]{1,120}$/),
  version: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});
export const diffQuery = z.strictObject({ from: version, to: version });
export const langQuery = z.strictObject({ lang: z.enum(["it", "en"]).optional() });

export const newReportSchema = z.strictObject({
  ...csrf,
  title: z
    .string({ error: "reports.error.title" })
    .trim()
    .min(1, "reports.error.title")
    .max(REPORT_TITLE_MAX, "reports.error.title"),
  scope: z.enum(SCOPE_KINDS, { error: "reports.error.scope" }),
  theme: z.string().max(100).optional(),
  event: z.string().max(100).optional(),
});
export type NewReportForm = z.infer<typeof newReportSchema>;

export const reportFormSchema = z
  .strictObject({
    ...csrf,
    version,
    title: z
      .string({ error: "reports.error.title" })
      .trim()
      .min(1, "reports.error.title")
      .max(REPORT_TITLE_MAX, "reports.error.title"),
    summary: z
      .string({ error: "reports.error.invalid" })
      .max(REPORT_SUMMARY_MAX, "reports.error.long")
      .optional()
      .transform((v) => clean(v ?? "").trim()),
    heading: many,
    kind: many,
    body: many,
    add: z.literal("1").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.heading.length !== v.body.length || v.kind.length !== v.body.length) {
      ctx.addIssue({ code: "custom", path: ["sections"], message: "reports.error.invalid" });
    }
    v.body.forEach((b, i) => {
      const h = (v.heading[i] ?? "").trim();
      if (b.length > SECTION_BODY_MAX)
        ctx.addIssue({ code: "custom", path: [`body`], message: "reports.error.long" });
      if ((b.trim() && !h) || h.length > SECTION_HEADING_MAX) {
        ctx.addIssue({ code: "custom", path: ["heading"], message: "reports.error.heading" });
      }
      if (!(SECTION_KINDS as readonly string[]).includes(v.kind[i] ?? "")) {
        ctx.addIssue({ code: "custom", path: ["kind"], message: "reports.error.invalid" });
      }
    });
  })
  .transform((v) => ({
    version: v.version,
    add: !!v.add,
    content: {
      title: v.title,
      summary: v.summary,
      sections: v.body
        .map((b, i) => ({
          heading: (v.heading[i] ?? "").trim(),
          kind: v.kind[i] as (typeof SECTION_KINDS)[number],
          body: clean(b).trim(),
        }))
        .filter((s) => s.heading || s.body),
    },
  }))
  .refine((v) => v.content.sections.length <= SECTIONS_MAX, {
    path: ["sections"],
    message: "reports.error.sections",
  });

export const statusFormSchema = z.strictObject({
  ...csrf,
  version,
  action: z.enum(["submit", "publish", "reopen", "unpublish"], { error: "reports.error.invalid" }),
});
export const restoreFormSchema = z.strictObject({ ...csrf, version });
