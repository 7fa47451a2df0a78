import pino, { type Logger } from "pino";
import type { LogLevel } from "../config";

export type { Logger };

/**
 * JSON logs to stdout; secrets and credentials are redacted wherever they appear in a logged object.
 * `buffered` (the server) writes in 4 KiB chunks instead of a syscall per line; call flushLogs() before exit.
 */
export function createLogger(level: LogLevel, options: { buffered?: boolean } = {}): Logger {
  const destination = options.buffered
    ? pino.destination({ dest: 1, sync: false, minLength: 4096 })
    : undefined;
  return pino(
    {
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
    },
    destination as pino.DestinationStream,
  );
}

/** Writes out buffered log lines (before the process exits). */
export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
