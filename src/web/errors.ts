// Typed errors thrown by services and middleware, and the one handler that answers them.
export interface ErrorDetail {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Operational errors are expected (bad input, missing record); others are bugs. */
    readonly isOperational = true,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(400, "validation_failed", message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required") {
    super(401, "unauthorized", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do this") {
    super(403, "forbidden", message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found") {
    super(404, "not_found", message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(409, "conflict", message, details);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, "too_many_requests", message);
  }
}

export class UnavailableError extends AppError {
  constructor(message: string) {
    super(503, "unavailable", message);
  }
}

/** The client went away before its request was whole (nginx's 499): nobody is left to answer. */
export class ClientClosedError extends AppError {
  constructor(message = "The client closed the request") {
    super(499, "client_closed_request", message);
  }
}

/**
 * Errors that mean "the database is not answering" (unreachable, frozen, timed out, failing over):
 * the request is fine and may succeed shortly, so they answer 503, not 500.
 */
const UNAVAILABLE = new Set([
  "MongoServerSelectionError",
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoOperationTimeoutError",
  "MongoWaitQueueTimeoutError",
  "MongoPoolClearedError",
  "MongoNotConnectedError",
  "MongoTopologyClosedError",
]);

function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (UNAVAILABLE.has(err.name)) return true;
  // Mongoose holds operations while disconnected and then gives up with this message.
  return err.name === "MongooseError" && /buffering timed out/.test(err.message);
}

/** Normalises anything thrown into an AppError; errors from body parsers keep their 4xx status. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isUnavailable(err)) return new UnavailableError("The database is not answering: try again shortly");
  const e = err as {
    status?: unknown;
    statusCode?: unknown;
    type?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  const status =
    typeof e?.status === "number" ? e.status : typeof e?.statusCode === "number" ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const messages: Record<string, string> = {
      "entity.parse.failed": "The request body is not valid JSON",
      "entity.too.large": "The request body is too large",
      "encoding.unsupported": "The request body encoding is not supported",
      "charset.unsupported": "The request body charset is not supported",
      "parameters.too.many": "The request has too many parameters",
    };
    const message =
      (typeof e.type === "string" && messages[e.type]) ||
      (e.expose === true && typeof e.message === "string" ? e.message : "Bad request");
    return new AppError(status, typeof e.type === "string" ? e.type : "bad_request", message);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError(500, "internal_error", message, [], false);
}
