import pino, { type Logger } from "pino";
import type { LogLevel } from "../config";

export type { Logger };

/** JSON logs to stdout; secrets and credentials are redacted wherever they appear in a logged object. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'res.headers["set-cookie"]',
        "*.password",
        "*.sessionSecret",
        "*.meiliMasterKey",
        "*.token",
      ],
      censor: "[redacted]",
    },
  });
}
