import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import {
  ClientClosedError,
  NotFoundError,
  TooManyRequestsError,
  toAppError,
  type ErrorDetail,
} from "./errors";
import { isMessageKey, type Translate } from "./i18n/index";
import { timedOut } from "./deadline";
import { sendPage } from "./render";
import { ErrorPage } from "../../views/errors/ErrorPage";
import type { Logger } from "../infra/logger";

/** JSON for the API and for clients that prefer it; HTML for browsers. */
export function wantsJson(req: Request): boolean {
  if (req.path.startsWith("/api/") || req.path === "/readyz" || req.path === "/healthz") return true;
  return req.accepts(["html", "json"]) === "json";
}

/**
 * What a person reads on an error page: the details as sentences of the page's language. A detail whose
 * message is a message key is translated; any other (a schema's technical text) names its field in a
 * plain sentence. The error's own message is for the log and the API, never for the page.
 */
export function readableDetails(t: Translate, details: ErrorDetail[]): string[] {
  const fieldName = (field: string) => {
    const key = `field.${field.split(".")[0]}`;
    return isMessageKey(key) ? t(key) : field;
  };
  const lines = details.map((d) =>
    isMessageKey(d.message) ? t(d.message) : t("error.field.invalid", { field: fieldName(d.field) }),
  );
  return [...new Set(lines)];
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No page at ${req.path}`));
};

export function errorHandler(options: { logger: Logger; exposeInternals: boolean }): ErrorRequestHandler {
  return (err, req, res, next) => {
    // The deadline already answered 503: whatever the handler ran into afterwards has no one to go to.
    if (res.headersSent && timedOut(res)) return;
    const error = toAppError(err);
    if (error.status === 503) options.logger.warn({ err, reqId: req.id }, "request answered 503");
    else if (error.status >= 500) options.logger.error({ err, reqId: req.id }, "request failed");
    // The client is gone (an upload cut off, a download abandoned): there is no one to answer.
    if (error instanceof ClientClosedError || req.socket.destroyed) {
      if (!res.headersSent) res.status(499);
      res.destroy();
      return;
    }
    if (res.headersSent) {
      next(err);
      return;
    }
    if (error.status === 503 && !res.getHeader("Retry-After")) res.setHeader("Retry-After", "5");
    if (error instanceof TooManyRequestsError) res.setHeader("Retry-After", String(error.retryAfterSeconds));
    // Internals (messages of unexpected errors) stay in the log unless we are developing.
    const message = error.isOperational || options.exposeInternals ? error.message : "Internal server error";
    if (wantsJson(req)) {
      res.status(error.status).json({
        error: message,
        code: error.code,
        ...(error.details.length > 0 ? { details: error.details } : {}),
        requestId: req.id,
      });
      return;
    }
    const retryAfterSeconds = error instanceof TooManyRequestsError ? error.retryAfterSeconds : undefined;
    // The page's own sentence says what kind of error it is; the details say which field, in words.
    // A bug's message is shown only to developers (exposeInternals), to help debugging.
    const shown =
      !error.isOperational && options.exposeInternals
        ? [message]
        : error.status === 404
          ? []
          : readableDetails(req.t, error.details);
    sendPage(
      req,
      res,
      <ErrorPage status={error.status} messages={shown} retryAfterSeconds={retryAfterSeconds} />,
      error.status,
    );
  };
}
