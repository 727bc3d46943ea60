/**
 * Every error code the service can answer with. Domain code throws AppError with one of these;
 * `src/http/error-handler.ts` alone turns a code into an HTTP status.
 */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  INVALID_EMAIL: 400,
  INVALID_COMPANY_NAME: 400,
  UNAUTHENTICATED: 401,
  CSRF_INVALID: 403,
  NOT_FOUND: 404,
  EMAIL_IN_USE: 409,
  EXTERNAL_ID_IN_USE: 409,
  ORGANIZATION_NOT_FOUND: 409,
  MANAGING_PARTNER_INVALID: 409,
  ADMIN_EMAIL_WRONG_KIND: 409,
  ADMIN_EMAIL_IN_OTHER_ORG: 409,
  ORDER_CONFLICT: 409,
  PARTNER_ORGANIZATION_INVALID: 409,
  ORDER_NOT_OPEN: 409,
  ALREADY_PROVISIONED: 409,
  NOT_APPLICABLE: 409,
  ORGANIZATION_NOT_DISCLOSED: 409,
  ADMIN_REQUEST_PENDING: 409,
  ADMIN_REQUEST_DECIDED: 409,
  MESSAGE_NOT_DEAD: 409,
  WRONG_STEP: 409,
  APPROVER_NOT_ADMIN: 409,
  WEBHOOK_URL_NOT_ALLOWED: 400,
  DELIVERY_NOT_DEAD: 409,
  INVITATION_EXPIRED: 410,
  INVITATION_USED: 410,
  INVITATION_REVOKED: 410,
  INVITATION_HANDED_OVER: 410,
  ADMIN_REQUEST_EXPIRED: 410,
  EVENTS_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export type ErrorDetail = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
