// Strict zod parsing of forms and JSON bodies, with field errors as message keys for the views.
import type { Request } from "express";
import { z } from "zod";
import { isMessageKey, type MessageKey } from "../../web/i18n/index";
import { ValidationError } from "../../web/errors";
import { wantsJson } from "../../web/error-handler";
import { PASSWORD_MAX } from "./password";

export type FieldErrors = Partial<Record<string, MessageKey>>;

const key = (k: MessageKey) => ({ error: k });

export const emailField = z
  .string(key("accounts.email.invalid"))
  .trim()
  .max(254, "accounts.email.invalid")
  .pipe(z.email("accounts.email.invalid"));
/** Any string: the rules are checked by the service (so the message can name the broken rule). */
export const passwordField = z
  .string(key("accounts.password.too_short"))
  .max(PASSWORD_MAX, "accounts.password.too_long");
export const nameField = z
  .string(key("accounts.name.required"))
  .trim()
  .min(1, "accounts.name.required")
  .max(120, "accounts.name.required");
export const textField = (max: number) =>
  z.string(key("accounts.field.invalid")).trim().max(max, "accounts.field.invalid");
/** The CSRF field and the return path travel in forms; they are checked elsewhere. */
export const formBase = { _csrf: z.string().optional() };

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseForm<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field =
      issue.code === "unrecognized_keys" || issue.path.length === 0 ? "_form" : String(issue.path[0]);
    errors[field] ??= isMessageKey(issue.message) ? issue.message : "accounts.field.invalid";
  }
  return { ok: false, errors };
}

/** For JSON clients, bad input is a 400 JSON error; browsers get the form back (also 400). */
export function throwIfJson(req: Request, errors: FieldErrors): void {
  if (!wantsJson(req) && !req.is("application/json")) return;
  throw new ValidationError(
    "The request is not valid",
    Object.entries(errors).map(([field, message]) => ({ field, message: req.t(message!) })),
  );
}

/** Service validation errors (message keys in details) as field errors for a form. */
export function fieldErrorsOf(err: unknown): FieldErrors | undefined {
  if (!(err instanceof ValidationError) && !(err instanceof Error && "details" in err)) return undefined;
  const details = (err as { details?: { field: string; message: string }[] }).details ?? [];
  const errors: FieldErrors = {};
  for (const d of details) if (isMessageKey(d.message)) errors[d.field] = d.message;
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** Parses params, query or a body that has no form to show again: bad input is a 400, never a 500. */
export function parseOr400<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new ValidationError(
    "The request is not valid",
    result.error.issues.map((i) => ({ field: i.path.join(".") || "_", message: i.message })),
  );
}
