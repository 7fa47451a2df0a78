// The accounts forms' fields: strict zod schemas whose messages are message keys for the views.
import { z } from "zod";
import type { MessageKey } from "../../web/i18n/index";
import { PASSWORD_MAX } from "./password";

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
