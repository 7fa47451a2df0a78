import type { z } from "zod";
import { ValidationError } from "../../web/errors";

/** Parses params, query or body with a zod schema; a mismatch is a 400 naming the fields. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what = "request"): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ValidationError(
    `Invalid ${what}`,
    result.error.issues.map((i) => ({ field: i.path.join(".") || what, message: i.message })),
  );
}
