import type { OrganizationKind } from "../vocabulary.js";

/**
 * Every error code the service can answer with, and its HTTP status. Domain code throws AppError with
 * one of these (src/errors/app-error.ts); `src/http/error-handler.ts` alone turns a code into an answer.
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
  ORGANIZATION_DELETED: 409,
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
  DOMAIN_NOT_ALLOWED: 400,
  DOMAIN_EXISTS: 409,
  DOMAIN_TAKEN: 409,
  DOMAIN_NOT_VERIFIED: 409,
  DOMAIN_CLAIMED: 409,
  INVITATION_EXPIRED: 410,
  INVITATION_USED: 410,
  INVITATION_REVOKED: 410,
  INVITATION_HANDED_OVER: 410,
  ADMIN_REQUEST_EXPIRED: 410,
  EVENTS_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  /** An import line over the line limit: reported for that line; the import goes on. */
  LINE_TOO_LONG: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  NOT_READY: 503,
  /** The DNS servers did not answer a domain check in time (DNS_SERVERS). */
  DNS_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export type ErrorDetail = { path: string; message: string };

/**
 * What an error's message may say beyond its code: the texts of src/errors/messages.*.ts turn a code
 * and this context into a sentence, in English for the API and in the reader's language for pages.
 */
export type ErrorContext = {
  /** What the error is about, where one code has several causes (NOT_FOUND: an order, a link, …). */
  about?:
    | "setupLink"
    | "approvalLink"
    | "order"
    | "organization"
    | "subscription"
    | "user"
    | "subscriptionUnmapped"
    | "adminRequest"
    | "message"
    | "route"
    | "apiToken"
    | "apiTokensUnset"
    | "signIn"
    | "matchCalls"
    | "linkGuessing"
    | "operatorDecision"
    | "setupBy"
    | "withdrawRequest"
    | "sinceRequested"
    | "mediaType"
    | "password"
    | "choice"
    | "consoleSetup"
    | "webhookEndpoint"
    | "webhookDelivery"
    | "domain";
  /** A registrable domain (DOMAIN_* codes). */
  domain?: string;
  /** The organization a DOMAIN_CLAIMED or DOMAIN_TAKEN is about, by name. */
  organizationName?: string;
  id?: string;
  orderNumber?: string;
  status?: string;
  /** The subscription's kind (ADMIN_EMAIL_WRONG_KIND). */
  kind?: OrganizationKind;
  /** A diagnostic in English from a parser or the framework (INVALID_EMAIL: "The address has no @."). */
  reason?: string;
  limit?: number;
  retryAfterSeconds?: number;
};

/** The texts of every error code, in one language: a sentence, or one written from the error's context. */
export type ErrorTexts = Record<ErrorCode, string | ((context: ErrorContext) => string)>;
