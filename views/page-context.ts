import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { translator, type Lang, type Translate } from "../src/web/i18n/index";
import type { Role } from "../src/modules/accounts/actor";

export interface PageUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** What every view may read about the current request. */
export interface PageContextValue {
  lang: Lang;
  t: Translate;
  /** Path of the current page (no query string). */
  path: string;
  /** Path and query of the current page, for "come back here" links. */
  url: string;
  user: PageUser | undefined;
  csrfToken: string | undefined;
  /** Set while a user whose role needs a second factor has none: the end of the grace period (ISO). */
  twoFactorDue?: string;
  assetVersion: string;
  requestId: string;
  /** Extra <link> elements for the head, e.g. feeds. */
  headLinks?: { rel: string; type?: string; href: string; title?: string }[];
}

export const PageContext = createContext<PageContextValue | null>(null);

/** The page context; views are only ever rendered inside sendPage(), which provides it. */
export function usePage(): PageContextValue {
  const ctx = useContext(PageContext);
  if (!ctx) throw new Error("usePage() outside of a page render");
  return ctx;
}

const anonymous = new Map<Lang, PageContextValue>();

/**
 * The context of a part rendered once for every reader (no user, no request), to be kept and embedded in
 * pages: a project's published notes, a related project's card.
 */
export function anonymousContext(lang: Lang): PageContextValue {
  let ctx = anonymous.get(lang);
  if (!ctx) {
    ctx = {
      lang,
      t: translator(lang),
      path: "",
      url: "",
      user: undefined,
      csrfToken: undefined,
      assetVersion: "",
      requestId: "",
    };
    anonymous.set(lang, ctx);
  }
  return ctx;
}
