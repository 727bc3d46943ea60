import type { ErrorCode, ErrorContext } from "./codes.js";
import { errorMessage } from "./messages.js";

export type AppErrorOptions = {
  /** Machine-readable particulars the API answers with: the fields in error, Retry-After seconds, … */
  details?: unknown;
  /** What the message says beyond the code (src/errors/messages.en.ts). */
  context?: ErrorContext;
};

/**
 * An error the service answers with: a code of src/errors/codes.ts, its details, and the context its
 * message is written from. The message is the English text of the one table pages also read.
 */
export class AppError extends Error {
  readonly details: unknown;
  readonly context: ErrorContext;

  constructor(
    readonly code: ErrorCode,
    options: AppErrorOptions = {},
  ) {
    super(errorMessage("en", code, options.context));
    this.name = "AppError";
    this.details = options.details;
    this.context = options.context ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The seconds a RATE_LIMITED error asks the client to wait (its `Retry-After`), if it says. */
export function retryAfterOf(error: unknown): number | undefined {
  if (!isAppError(error) || error.code !== "RATE_LIMITED") return undefined;
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === "number" ? seconds : undefined;
}
