// Server-side rendering of preact views: escaped by default, one doctype, one context.
import type { Request, Response } from "express";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { PageContext, type PageContextValue } from "../../views/page-context";
import { assetVersion } from "./static";
import { withoutSecrets } from "./url-secrets";
import { collectFragments, sendHtml, type HtmlFragment } from "./fragments";

export function pageContext(req: Request, res: Response): PageContextValue {
  return {
    lang: req.lang,
    t: req.t,
    path: req.path,
    url: withoutSecrets(req.originalUrl),
    user: res.locals.user,
    csrfToken: res.locals.csrfToken,
    twoFactorDue: res.locals.twoFactorDue,
    assetVersion: assetVersion(),
    requestId: req.id ?? "",
    headLinks: res.locals.headLinks,
  };
}

/** Renders a page component to a complete HTML document, with markers where it embeds cached fragments. */
export function renderDocument(
  req: Request,
  res: Response,
  page: VNode,
): { html: string; fragments: HtmlFragment[] } {
  const { result, fragments } = collectFragments(() =>
    renderToString(<PageContext.Provider value={pageContext(req, res)}>{page}</PageContext.Provider>),
  );
  return { html: `<!doctype html>${result}`, fragments };
}

/** Renders a page component and sends it, compressed in one piece (cached fragments spliced in). */
export function sendPage(req: Request, res: Response, page: VNode, status = 200): void {
  const { html, fragments } = renderDocument(req, res, page);
  res.status(status);
  sendHtml(req, res, html, fragments);
}
