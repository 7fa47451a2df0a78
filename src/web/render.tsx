// Server-side rendering of preact views: escaped by default, one doctype, one context.
import type { Request, Response } from "express";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { PageContext, type PageContextValue } from "../../views/page-context.js";
import { assetVersion } from "./static.js";

export function pageContext(req: Request, res: Response): PageContextValue {
  return {
    lang: req.lang,
    t: req.t,
    path: req.path,
    url: req.originalUrl,
    user: res.locals.user,
    csrfToken: res.locals.csrfToken,
    assetVersion: assetVersion(),
    requestId: String(req.id ?? ""),
    headLinks: res.locals.headLinks,
  };
}

/** Renders a page component to a complete HTML document and sends it. */
export function sendPage(req: Request, res: Response, page: VNode, status = 200): void {
  const html = renderToString(
    <PageContext.Provider value={pageContext(req, res)}>{page}</PageContext.Provider>,
  );
  res.status(status).type("html").send(`<!doctype html>${html}`);
}
