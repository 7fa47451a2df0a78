// createApp(deps) builds the Express app; it opens no connection and listens on nothing.
import { randomUUID } from "node:crypto";
import compression from "compression";
import express, { type Express } from "express";
import { pinoHttp } from "pino-http";
import type { Infra, Services } from "./composition.js";
import type { ReadinessCheck } from "./infra/health-check.js";
import { errorHandler, notFound } from "./web/error-handler.js";
import { healthRouter } from "./web/health.js";
import { languageMiddleware, languageRouter } from "./web/i18n/middleware.js";
import { securityHeaders } from "./web/security.js";
import { staticRouter } from "./web/static.js";
import { homeRouter } from "./modules/home/home.routes.js";

export interface AppDeps extends Infra {
  services: Services;
  readiness: ReadinessCheck[];
  isShuttingDown?: () => boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.set("query parser", "simple");

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(healthRouter({ checks: deps.readiness, isShuttingDown: deps.isShuttingDown ?? (() => false) }));
  app.use(securityHeaders({ https: config.secureCookies }));
  app.use(compression());
  app.use(staticRouter());
  app.use(languageMiddleware());
  app.use(express.urlencoded({ extended: false, limit: "1mb", parameterLimit: 2000 }));
  app.use(express.json({ limit: "1mb" }));

  app.use(languageRouter({ secureCookies: config.secureCookies }));
  app.use(homeRouter());

  app.use(notFound);
  app.use(errorHandler({ logger, exposeInternals: !config.isProduction && config.env !== "test" }));
  return app;
}
