import pino, { type Logger } from "pino";
import type { LogLevel } from "../config";

export type { Logger };

/**
 * JSON logs to stdout; secrets and credentials are redacted wherever they appear in a logged object.
 * Lines are written synchronously: an error must reach the terminal or the log collector at once (4 KiB
 * buffering was tried: it held a crash report back until more lines came, for no measurable gain).
 */
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
        "*.twoFactorKey",
        "*.clientSecret",
        "*.code",
        "*.token",
      ],
      censor: "[redacted]",
    },
  });
}

/** Writes out any log lines still held by the destination (before the process exits). */
export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
