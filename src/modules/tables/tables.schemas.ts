// zod schemas of the tables' forms, query strings and addresses (strict; message keys as errors).
import { z } from "zod";
import { NOTE_KINDS } from "../taxonomy/index";
import { EVENT_DESCRIPTION_MAX, EVENT_TITLE_MAX } from "./event.model";

const text = (max: number, tooLong: string) =>
  z
    .string({ error: "tables.error.invalid" })
    .trim()
    .max(max, tooLong)
    .transform((s) => s.replace(/\r\n?/g, "\n"));
const optionalText = (max: number, tooLong: string) =>
  text(max, tooLong)
    .optional()
    .transform((v) => v ?? "");
const lines = (max: number, tooLong: string) =>
  optionalText(max, tooLong).transform((v) =>
    v
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  );
const count = (error: string) =>
  z
    .string({ error })
    .trim()
    .regex(/^\d{0,6}$/, error)
    .optional()
    .transform((v) => (v ? Number(v) : null));
const csrf = { _csrf: z.string().optional() };

const LINK_LINE = /^(?:(.{1,200}?)\s*\|\s*)?(https?:\/\/\S{1,2000})$/;

export const eventFormSchema = z
  .strictObject({
    ...csrf,
    version: z
      .string()
      .regex(/^\d{1,9}$/, "tables.error.invalid")
      .optional()
      .transform((v) => (v ? Number(v) : undefined)),
    title: text(EVENT_TITLE_MAX, "tables.error.title_long").pipe(
      z.string().min(1, "tables.error.title_empty"),
    ),
    date: z
      .string({ error: "tables.error.date" })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "tables.error.date")
      .refine((v) => {
        const d = new Date(`${v}T00:00:00Z`);
        return (
          !Number.isNaN(d.getTime()) &&
          d.toISOString().startsWith(v) &&
          v >= "1990-01-01" &&
          v <= "2100-12-31"
        );
      }, "tables.error.date"),
    online: z.enum(["1", ""], { error: "tables.error.invalid" }).optional(),
    place: optionalText(300, "tables.error.place_long"),
    organisers: lines(2000, "tables.error.organisers_long").pipe(
      z.array(z.string().max(200, "tables.error.organisers_long")).max(20, "tables.error.organisers_long"),
    ),
    participants: count("tables.error.participants"),
    description: optionalText(EVENT_DESCRIPTION_MAX, "tables.error.description_long"),
    links: lines(10_000, "tables.error.links")
      .pipe(z.array(z.string().regex(LINK_LINE, "tables.error.links")).max(20, "tables.error.links"))
      .transform((list) =>
        list.map((l) => {
          const m = LINK_LINE.exec(l)!;
          return { label: (m[1] ?? "").trim() || m[2]!, url: m[2]! };
        }),
      ),
  })
  .refine((v) => v.online || v.place.length > 0, { path: ["place"], message: "tables.error.place_empty" });
export type EventForm = z.infer<typeof eventFormSchema>;

export const sessionFormSchema = z.strictObject({
  ...csrf,
  version: z
    .string()
    .regex(/^\d{1,9}$/, "tables.error.invalid")
    .optional()
    .transform((v) => (v ? Number(v) : undefined)),
  theme: z
    .string({ error: "tables.error.theme" })
    .trim()
    .min(1, "tables.error.theme")
    .max(80, "tables.error.theme"),
  facilitatorName: optionalText(120, "tables.error.facilitator_long"),
  facilitatorEmail: optionalText(254, "tables.error.facilitator_email").pipe(
    z.union([z.literal(""), z.email("tables.error.facilitator_email")]),
  ),
  participants: count("tables.error.participants"),
  questions: z
    .union([z.string(), z.array(z.string()).max(20)], { error: "tables.error.question" })
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^[a-z0-9-]{1,40}$/, "tables.error.question"))),
  projects: lines(5000, "tables.error.projects").pipe(
    z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,150}$/, "tables.error.projects"))
      .max(50, "tables.error.projects"),
  ),
});
export type SessionForm = z.infer<typeof sessionFormSchema>;

export const openFormSchema = z.strictObject({
  ...csrf,
  hours: z
    .string()
    .regex(/^(1[0-2]|[1-9])$/, "tables.error.hours")
    .optional()
    .transform((v) => (v ? Number(v) : 4)),
});

export const inviteFormSchema = z.strictObject({
  ...csrf,
  list: optionalText(200_000, "tables.error.list_long"),
});

/** A session code as typed: letters and digits, spaces and dashes ignored, any case. */
export const joinFormSchema = z.strictObject({
  ...csrf,
  code: z
    .string({ error: "tables.error.code" })
    .transform((v) => v.replace(/[\s-]/g, "").toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{6}$/, "tables.error.code")),
  name: optionalText(60, "tables.error.name_long"),
});

export const CONTRIBUTION_MAX = 2000;

export const contributionFormSchema = z.strictObject({
  ...csrf,
  idem: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "tables.error.invalid")
    .optional(),
  kind: z.enum(NOTE_KINDS, { error: "tables.error.kind" }),
  question: z
    .string({ error: "tables.error.question" })
    .trim()
    .max(40, "tables.error.question")
    .optional()
    .transform((v) => v || null),
  body: text(CONTRIBUTION_MAX, "tables.error.body_long").pipe(z.string().min(1, "tables.error.body_empty")),
  project: z
    .string({ error: "tables.error.project" })
    .trim()
    .max(300, "tables.error.project")
    .optional()
    .transform((v) => v ?? ""),
});
export type ContributionForm = z.infer<typeof contributionFormSchema>;

export const idParams = z.strictObject({ id: z.string().regex(/^[a-f0-9]{24}$/, "not an id") });
export const themeParams = z.strictObject({ theme: z.string().regex(/^[a-z0-9-]{1,80}$/, "not a table") });
export const emptyForm = z.strictObject(csrf);
export const tableQuery = z.strictObject({
  question: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "not a guiding question")
    .optional(),
});
export const tableNotesQuery = z.strictObject({
  question: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "not a guiding question")
    .optional(),
  kind: z.enum(NOTE_KINDS).optional(),
  event: z
    .string()
    .regex(/^[a-f0-9]{24}$/, "not an event")
    .optional(),
  page: z
    .string()
    .regex(/^[1-9]\d{0,4}$/, "not a page")
    .optional()
    .transform((v) => (v ? Number(v) : 1)),
});
export const liveQuery = z.strictObject({
  after: z
    .string()
    .regex(/^[a-f0-9]{24}$/, "not an id")
    .optional(),
});
export const sentQuery = z.strictObject({ sent: z.literal("1").optional() });
