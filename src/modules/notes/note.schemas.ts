// zod schemas of the notes forms and API (strict; message keys as errors so forms can show them).
import { z } from "zod";
import { NOTE_KINDS } from "../taxonomy/index";
import { BODY_MAX, REASON_MAX, REPLY_MAX, TITLE_MAX } from "./note.model";

const text = (max: number, tooLong: string) =>
  z
    .string({ error: "notes.error.invalid" })
    .trim()
    .max(max, tooLong)
    .transform((s) => s.replace(/\r\n?/g, "\n"));
const required = (max: number, empty: string, tooLong: string) =>
  text(max, tooLong).pipe(z.string().min(1, empty));

export const noteFields = {
  kind: z.enum(NOTE_KINDS, { error: "notes.error.kind" }),
  theme: z.string({ error: "notes.error.theme" }).trim().min(1, "notes.error.theme").max(80),
  question: z
    .string({ error: "notes.error.question" })
    .trim()
    .max(40, "notes.error.question")
    .optional()
    .transform((v) => (v ? v : null)),
  title: required(TITLE_MAX, "notes.error.title_empty", "notes.error.title_long"),
  body: required(BODY_MAX, "notes.error.body_empty", "notes.error.body_long"),
  tags: text(500, "notes.error.tags")
    .optional()
    .transform((v) =>
      [
        ...new Set(
          (v ?? "")
            .split(/[,\n]/)
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean),
        ),
      ].slice(0, 10),
    ),
};

export const noteFormSchema = z.strictObject({
  _csrf: z.string().optional(),
  idem: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "notes.error.invalid")
    .optional(),
  draftToken: z.string().max(200).optional(),
  preview: z.literal("1").optional(),
  ...noteFields,
});
export type NoteForm = z.infer<typeof noteFormSchema>;

export const editFormSchema = z.strictObject({
  _csrf: z.string().optional(),
  draftToken: z.string().max(200).optional(),
  preview: z.literal("1").optional(),
  version: z
    .string()
    .regex(/^\d{1,9}$/, "notes.error.invalid")
    .transform(Number),
  reason: text(REASON_MAX, "notes.error.reason_long").optional(),
  ...noteFields,
});
export type EditForm = z.infer<typeof editFormSchema>;

export const previewSchema = z.strictObject({
  _csrf: z.string().optional(),
  body: z.string({ error: "notes.error.invalid" }).max(BODY_MAX, "notes.error.body_long"),
});

export const replySchema = z.strictObject({
  _csrf: z.string().optional(),
  body: required(REPLY_MAX, "notes.error.body_empty", "notes.error.reply_long"),
});

export const reasonSchema = z.strictObject({
  _csrf: z.string().optional(),
  reason: required(REASON_MAX, "notes.error.reason_empty", "notes.error.reason_long"),
});

export const MODERATION_ACTIONS = ["approve", "reject", "dismiss"] as const;
export const bulkSchema = z.strictObject({
  _csrf: z.string().optional(),
  action: z.enum(MODERATION_ACTIONS, { error: "notes.error.invalid" }),
  reason: text(REASON_MAX, "notes.error.reason_long").optional(),
  ids: z
    .union([z.string(), z.array(z.string()).max(200)], { error: "notes.error.select" })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^[a-f0-9]{24}$/, "notes.error.invalid")).min(1, "notes.error.select")),
});

export const REPLY_ACTIONS = ["approve", "reject"] as const;
export const replyDecisionSchema = z.strictObject({
  _csrf: z.string().optional(),
  note: z.string().regex(/^[a-f0-9]{24}$/, "notes.error.invalid"),
  reply: z.string().regex(/^[a-f0-9]{24}$/, "notes.error.invalid"),
  action: z.enum(REPLY_ACTIONS, { error: "notes.error.invalid" }),
  reason: text(REASON_MAX, "notes.error.reason_long").optional(),
});

export const idParams = z.strictObject({ id: z.string().regex(/^[a-f0-9]{24}$/, "not a note id") });
export const slugParams = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,150}$/, "not a project address"),
});
export const emptyForm = z.strictObject({ _csrf: z.string().optional() });
export const queueQuery = z.strictObject({
  filter: z.enum(["all", "pending", "flagged"]).optional(),
  select: z.literal("all").optional(),
  decided: z.literal("reply").optional(),
  session: z
    .string()
    .regex(/^([a-f0-9]{24})?$/, "not a session id")
    .optional()
    .transform((v) => v || undefined),
});
export const NOTE_NOTICES = ["posted", "reply_published", "reply_pending", "flagged"] as const;
export type NoteNotice = (typeof NOTE_NOTICES)[number];
/** The note page's query: which action just happened (its confirmation). Anything else is ignored. */
export const notePageQuery = z.object({ notice: z.enum(NOTE_NOTICES).optional().catch(undefined) });

export const themeParams = z.strictObject({
  theme: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "not a working table"),
});
export const tableNoteQuery = z.strictObject({
  question: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,40}$/, "not a guiding question")
    .optional(),
});

export const newNoteQuery = z.strictObject({
  draft: z.string().max(10).optional(),
});
