// Server-side rendering of preact views: escaped by default, one doctype, one context.
import type { Request, Response } from "express";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { PageContext, type PageContextValue } from "../../views/page-context";
import { assetVersion } from "./static";

export function pageContext(req: Request, res: Response): PageContextValue {
  return {
    lang: req.lang,
    t: req.t,
    path: req.path,
    url: req.originalUrl,
    user: res.locals.user,
    csrfToken: res.locals.csrfToken,
    assetVersion: assetVersion(),
    requestId: req.id ?? "",
    headLinks: res.locals.headLinks,
  };
}

/** Renders a page component to a complete HTML document. */
export function renderPage(req: Request, res: Response, page: VNode): string {
  const html = renderToString(
    <PageContext.Provider value={pageContext(req, res)}>{page}</PageContext.Provider>,
  );
  return `<!doctype html>${html}`;
}

/** Renders a page component and sends it. */
export function sendPage(req: Request, res: Response, page: VNode, status = 200): void {
  res
    .status(status)
    .type("html")
    .send(renderPage(req, res, page));
}
