// Every request gets an answer in bounded time: when a dependency stalls (a frozen MongoDB answers
// nothing, and its driver notices only after tens of seconds), a response not started before the
// deadline becomes a clear 503 with Retry-After. The handler may still finish later; what it tries to
// send then is dropped (see the error handler). Responses already under way (exports, downloads) and
// routes that declared a longer deadline (imports) are left alone.
import type { RequestHandler, Response } from "express";
import { UnavailableError } from "./errors";

export const DEFAULT_DEADLINE_MS = 8_000;
const TIMER = Symbol("deadlineTimer");
const FIRE = Symbol("deadlineFire");

type WithDeadline = Response & { [TIMER]?: NodeJS.Timeout; [FIRE]?: () => void };

/** True once the deadline answered for this request. */
export function timedOut(res: Response): boolean {
  return res.locals.timedOut === true;
}

/** Gives a slow but legitimate route (an import) more time; the clock starts again now. */
export function extendDeadline(res: Response, ms: number): void {
  const r = res as WithDeadline;
  if (!r[TIMER] || !r[FIRE]) return;
  clearTimeout(r[TIMER]);
  r[TIMER] = setTimeout(r[FIRE], ms);
}

export function requestDeadline(options: {
  ms?: number;
  /** Answers the 503: the error handler's, so that HTML and JSON clients each get their own. */
  answer: (res: Response, err: UnavailableError) => void;
}): RequestHandler {
  const ms = options.ms ?? DEFAULT_DEADLINE_MS;
  return (_req, res, next) => {
    const r = res as WithDeadline;
    r[FIRE] = () => {
      if (res.headersSent || res.writableEnded) return;
      res.locals.timedOut = true;
      res.setHeader("Retry-After", "5");
      options.answer(res, new UnavailableError("The service is not answering in time: try again shortly"));
    };
    r[TIMER] = setTimeout(r[FIRE], ms);
    const stop = () => clearTimeout(r[TIMER]);
    res.once("finish", stop);
    res.once("close", stop);
    next();
  };
}
