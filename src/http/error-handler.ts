import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isAppError, retryAfterOf } from "../errors/app-error.js";
import { type ErrorCode, type ErrorContext, errorCodes } from "../errors/codes.js";
import { errorMessage } from "../errors/messages.js";
import { maskEmail } from "../matching/email.js";

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

// Fastify's own errors that are the client's doing, by Fastify code.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_CSRF_INVALID_TOKEN: "CSRF_INVALID",
  FST_CSRF_MISSING_SECRET: "CSRF_INVALID",
};

// Driver errors meaning "the database is not there right now", not "the request is wrong".
const unavailableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "08006",
]);
// node-postgres's own errors for a connection lost (a server restart) or not made in time: they carry no code.
const unavailableMessages = new Set([
  "Connection terminated unexpectedly",
  "Client has encountered a connection error and is not queryable",
  "timeout exceeded when trying to connect",
  "Connection terminated due to connection timeout",
]);

/** The answer for an error code: its message from the error table (src/errors/messages.en.ts). */
export function errorBody(code: ErrorCode, context: ErrorContext = {}, details?: unknown): ErrorBody {
  const message = errorMessage("en", code, context);
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** An address nobody serves, as a page for a person's browser. */
export type NotFoundPage = (request: FastifyRequest) => string;

/**
 * The one place where an error becomes an HTTP answer: `{error: {code, message, details}}`. An unknown
 * address asked for by a browser (not under /api/, not asking for JSON) gets `notFoundPage` instead.
 */
export function installErrorHandler(app: FastifyInstance, notFoundPage?: NotFoundPage): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== undefined) void reply.header("retry-after", String(retryAfter));
      return reply.status(errorCodes[error.code]).send(errorBody(error.code, error.context, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((issue) => ({
        path: [error.validationContext ?? "body", ...issue.instancePath.split("/").filter(Boolean)].join("."),
        message: issue.message ?? "is invalid",
      }));
      return reply
        .status(400)
        .send(errorBody("VALIDATION_FAILED", { reason: "The request has invalid fields." }, details));
    }
    const mapped = fastifyCodes[error.code];
    if (mapped) return reply.status(errorCodes[mapped]).send(errorBody(mapped, { reason: error.message }));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed JSON, forbidden prototype keys, empty bodies and the like.
      return reply.status(400).send(errorBody("VALIDATION_FAILED", { reason: error.message }));
    }
    if (unavailableCodes.has(error.code) || unavailableMessages.has(error.message)) {
      request.log.warn({ err: error }, "database unavailable");
      return reply.status(503).header("retry-after", "5").send(errorBody("NOT_READY"));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send(errorBody("INTERNAL_ERROR"));
  });

  app.setNotFoundHandler((request, reply) => {
    if (notFoundPage && !wantsJson(request)) {
      return reply
        .status(404)
        .header("content-type", "text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(notFoundPage(request));
    }
    return reply
      .status(404)
      .send(
        errorBody("NOT_FOUND", { about: "route", reason: `${request.method} ${redactUrl(request.url)}` }),
      );
  });
}

/** An API client: a path under /api/, or an Accept header that names JSON and not HTML. */
function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith("/api/")) return true;
  const accept = request.headers.accept ?? "";
  return accept.includes("json") && !accept.includes("text/html");
}

/**
 * Secret path segments (setup and approval tokens) never reach a log or an error message, and an
 * e-mail address in a path or query (a console search, say), plain or URL-encoded, is masked.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/\/(setup|admin-requests)\/[^/?#]+/g, "/$1/[token]")
    .replace(/[^/?&=#]*(?:@|%40)[^/?&=#]*/gi, (address) => maskEmail(decodeOrKeep(address)));
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text.replace(/%40/gi, "@");
  }
}
