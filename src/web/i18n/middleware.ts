import express, { type RequestHandler, type Router } from "express";
import { DEFAULT_LANG, isLang, LANGS, translator } from "./index";
import { safeRedirectPath } from "../redirect";
import { langOfUrl, withLang } from "./lang-url";

export const LANG_COOKIE = "lang";

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Picks the language: `?lang=` in the address (a shared link opens in the language it was shared in; the
 * visitor's cookie is left as it is), then the cookie, then Accept-Language, then Italian.
 */
export function languageMiddleware(): RequestHandler {
  return (req, _res, next) => {
    const fromCookie = cookieValue(req.headers.cookie, LANG_COOKIE);
    const lang =
      langOfUrl(req.originalUrl) ??
      (isLang(fromCookie) ? fromCookie : req.acceptsLanguages(...LANGS) || DEFAULT_LANG);
    req.lang = isLang(lang) ? lang : DEFAULT_LANG;
    req.t = translator(req.lang);
    next();
  };
}

/**
 * Switches language by link (works without JavaScript): sets the cookie and goes back to the page, with the
 * language in its address so that the address can be shared as it is.
 */
export function languageRouter(options: { secureCookies: boolean }): Router {
  const router = express.Router();
  router.get("/lang/:lang", (req, res) => {
    const { lang } = req.params;
    if (!isLang(lang)) {
      // In both languages: the reader's language is what could not be chosen.
      res
        .status(400)
        .type("text")
        .send(
          `Lingua non disponibile: scegli fra ${LANGS.join(", ")}. / Unknown language: use ${LANGS.join(", ")}.`,
        );
      return;
    }
    res.cookie(LANG_COOKIE, lang, {
      maxAge: 365 * 24 * 3600 * 1000,
      sameSite: "lax",
      httpOnly: true,
      secure: options.secureCookies,
      path: "/",
    });
    res.redirect(303, withLang(safeRedirectPath(req.query.next), lang));
  });
  return router;
}
