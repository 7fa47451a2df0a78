// One log line per request, with a request id that is also returned to the client.
// Lighter than pino-http: no child logger per request, the line is built once the response is sent.
import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "../infra/logger";
import { withoutSecrets } from "./url-secrets";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader("X-Request-Id", id);
    const started = performance.now();
    res.once("finish", () => {
      const status = res.statusCode;
      const level = status >= 500 ? "error" : "info";
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          reqId: id,
          method: req.method,
          // Invitation and reset links carry a token, multipart posts the CSRF token: never logged.
          url: withoutSecrets(req.originalUrl),
          status,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    });
    next();
  };
}
