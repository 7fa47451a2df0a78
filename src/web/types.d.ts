import type { Lang, Translate } from "./i18n/index";
import type { PageUser } from "../../views/page-context";

declare global {
  namespace Express {
    interface Request {
      /** Request id: the client's X-Request-Id when well-formed, else a new UUID. */
      id: string;
      /** Language of this response (user preference, cookie, Accept-Language, then Italian). */
      lang: Lang;
      t: Translate;
    }
    interface Locals {
      user?: PageUser;
      csrfToken?: string;
      /** A user of a role that needs a second factor, without one: the end of their grace period (ISO). */
      twoFactorDue?: string;
      headLinks?: { rel: string; type?: string; href: string; title?: string }[];
    }
  }
}

export {};
