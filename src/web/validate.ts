// Input validation for every route: parse with a zod schema, or answer 400 naming the fields. Forms that
// are shown again get their field errors as message keys instead (parseForm).
import type { Request } from "express";
import type { z } from "zod";
import { wantsJson } from "./error-handler";
import { ValidationError, type ErrorDetail } from "./errors";
import { isMessageKey, type MessageKey } from "./i18n/index";

/** Zod issues as error details: each field's dotted path, `whole` for an issue about the whole input. */
export function detailsOf(error: z.ZodError, whole = "_"): ErrorDetail[] {
  return error.issues.map((i) => ({ field: i.path.join(".") || whole, message: i.message }));
}

/**
 * Parses params, query or a body that has no form to show again: a mismatch is a 400 naming the fields,
 * never a 500. `what` ("query", "form", "address") names the input in the message.
 */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what?: string): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ValidationError(
    what ? `Invalid ${what}` : "The request is not valid",
    detailsOf(result.error, what),
  );
}

/** A form's errors: one message key per field ("_form" for the form as a whole). */
export type FieldErrors = Partial<Record<string, MessageKey>>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parses a form to show again with its errors: the schemas' messages are message keys. */
export function parseForm<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field =
      issue.code === "unrecognized_keys" || issue.path.length === 0 ? "_form" : String(issue.path[0]);
    errors[field] ??= isMessageKey(issue.message) ? issue.message : "form.invalid";
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
