// Text that people send (forms, API bodies, import files) never keeps invisible control characters:
// NUL and the other C0 and C1 controls, DEL, and the noncharacters U+FFFE/U+FFFF. Tabs and line breaks
// stay. They are removed rather than refused: they come from pasting (a word processor's vertical tab,
// a PDF's form feed) far more often than from attacks, and nobody can see or fix them in a form.
import type { RequestHandler } from "express";

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, "");
}

/** Every string inside a parsed body (objects and arrays walked), with control characters removed. */
export function stripControlsDeep<T>(value: T, depth = 0): T {
  if (typeof value === "string") return stripControlCharacters(value) as T;
  if (depth > 32 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v: unknown) => stripControlsDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[stripControlCharacters(key)] = stripControlsDeep(v, depth + 1);
  }
  return out as T;
}

/** After the body parsers: forms and JSON bodies reach the routes without control characters. */
export const cleanBodies: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined && req.body !== null && typeof req.body === "object") {
    req.body = stripControlsDeep(req.body as unknown);
  }
  next();
};
