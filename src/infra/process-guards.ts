// Last line of defence: an error that escaped every handler (a stream without an `error` listener, a
// promise nobody awaited) is logged and the process keeps serving. Ending the process would end every
// other request in flight and, with the embedded default, mongod and Meilisearch with it, with nothing to
// restart them. Known causes are fixed where they arise (each with a test); this only keeps a bug we have
// not found yet from becoming an outage. The count is visible in /readyz ("process" check).
import type { Logger } from "pino";

let strayErrors = 0;
let lastStray: string | undefined;

/** How many errors escaped every handler since the start, and the last one's message. */
export function strayErrorCount(): { count: number; last?: string } {
  return { count: strayErrors, ...(lastStray ? { last: lastStray } : {}) };
}

export function keepAliveOnStrayErrors(logger: Logger): void {
  const note = (err: unknown, origin: string) => {
    strayErrors += 1;
    lastStray = err instanceof Error ? err.message : String(err);
    logger.error({ err, origin }, "an error escaped every handler; the process keeps running");
  };
  process.on("uncaughtException", (err, origin) => note(err, origin));
  process.on("unhandledRejection", (reason) => note(reason, "unhandledRejection"));
}
