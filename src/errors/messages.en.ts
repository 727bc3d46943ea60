import type { ErrorTexts } from "./codes.js";

/**
 * Every error in English: the API's messages, and the pages' for English readers. A `reason` is a
 * diagnostic for API clients (the parser's or the framework's words); pages leave it out.
 */
export const en: ErrorTexts = {
  VALIDATION_FAILED: ({ about, limit, reason }) =>
    about === "choice"
      ? "The choice is not valid."
      : about === "password"
        ? `The password needs ${limit} characters or more.`
        : (reason ?? "Some fields are missing or not valid."),
  INVALID_EMAIL: ({ reason }) => reason ?? "This is not an e-mail address we can use.",
  INVALID_COMPANY_NAME: ({ reason }) =>
    reason ?? "Enter the company name, with at least one letter or digit.",
  UNAUTHENTICATED: ({ about }) =>
    about === "signIn"
      ? "The e-mail or the password is wrong."
      : about === "apiTokensUnset"
        ? "This endpoint needs an API token, and none is configured (set API_TOKENS)."
        : "A valid API token is required: Authorization: Bearer <token>.",
  CSRF_INVALID: "This form expired. Reload the page and try again.",
  NOT_FOUND: ({ about, id, reason }) => {
    switch (about) {
      case "setupLink":
        return "This setup link does not exist. Check that you copied the whole link from the e-mail.";
      case "approvalLink":
        return "This approval link does not exist. Check that you copied the whole link from the e-mail.";
      case "order":
        return `No order ${id}.`;
      case "organization":
        return `No organization ${id}.`;
      case "user":
        return `No user ${id}.`;
      case "subscription":
        return `No subscription ${id}.`;
      case "adminRequest":
        return "No such administrator request.";
      case "message":
        return "No such message.";
      case "webhookEndpoint":
        return id ? `No webhook endpoint ${id}.` : "No such webhook endpoint.";
      case "webhookDelivery":
        return "No such webhook delivery.";
      case "domain":
        return `The organization has no domain ${id}.`;
      case "consoleSetup":
        return "This console setup link does not exist, was used already or has expired. If an operator exists, sign in.";
      case "route":
        return `No route ${reason}.`;
      default:
        return "This link does not exist. Check that you copied the whole link from the e-mail.";
    }
  },
  EMAIL_IN_USE: "This e-mail address is already a user of an organization.",
  EXTERNAL_ID_IN_USE: ({ about }) =>
    about === "subscription"
      ? "A subscription with this externalId exists already."
      : "An organization with this externalId exists already.",
  ORGANIZATION_NOT_FOUND: ({ about, id }) =>
    about === "organization" ? `No organization ${id}.` : `No organization with externalId ${id}.`,
  ORGANIZATION_DELETED: ({ id }) => `Organization ${id} was deleted: it takes no changes and no users.`,
  MANAGING_PARTNER_INVALID: ({ id }) =>
    id === undefined
      ? "managingPartnerId must be an existing partner organization."
      : `No partner organization with externalId ${id}.`,
  ADMIN_EMAIL_WRONG_KIND: ({ kind }) =>
    kind === "partner"
      ? "This e-mail belongs to a customer organization, so it cannot administer the partner's own subscription. Enter another administrator e-mail."
      : "This e-mail belongs to a partner organization, so it cannot be the customer's administrator. Enter the customer's own administrator.",
  ADMIN_EMAIL_IN_OTHER_ORG: ({ about }) =>
    about === "sinceRequested"
      ? "This e-mail address has since become a user of another organization, so it cannot be added. Reject the request instead."
      : "This e-mail address is already used by another organization. Enter another administrator e-mail.",
  ORDER_CONFLICT: ({ orderNumber }) => `Order ${orderNumber} exists already with different contents.`,
  PARTNER_ORGANIZATION_INVALID: "orderedBy.partnerOrganizationId must be an existing partner organization.",
  ORDER_NOT_OPEN: ({ orderNumber, status }) => `Order ${orderNumber} is ${status}.`,
  ALREADY_PROVISIONED: ({ orderNumber }) =>
    orderNumber ? `Order ${orderNumber} is already set up.` : "This order is already set up.",
  NOT_APPLICABLE: ({ about }) =>
    about === "subscriptionUnmapped"
      ? "This subscription still awaits setup (or its order ended before it was mapped): its status follows its order."
      : about === "operatorDecision"
        ? "This request went to the organization's full administrators: only they can decide it."
        : about === "setupBy"
          ? "Only a partner's order for a customer asks who sets it up."
          : about === "withdrawRequest"
            ? "This order waits for no administrator request: there is nothing to withdraw."
            : "This choice does not apply to this order.",
  ORGANIZATION_NOT_DISCLOSED: "Choose one of the organizations the search showed with this link.",
  ADMIN_REQUEST_PENDING: "This order waits for an administrator to approve the new administrator.",
  ADMIN_REQUEST_DECIDED: ({ status }) =>
    status ? `This request was already ${status}.` : "This request was already decided.",
  MESSAGE_NOT_DEAD: "Only a dead e-mail can be retried; this one is not dead.",
  WRONG_STEP: ({ about, orderNumber, status }) =>
    about === "setupBy"
      ? "First say who sets up this order: the partner or the customer."
      : orderNumber
        ? `Order ${orderNumber} is ${status?.replaceAll("_", " ")}.`
        : "This step is not available now.",
  APPROVER_NOT_ADMIN: "Only a current full administrator of the organization can decide.",
  WEBHOOK_URL_NOT_ALLOWED: ({ reason }) =>
    reason ? `This webhook URL is not allowed: ${reason}.` : "This webhook URL is not allowed.",
  DELIVERY_NOT_DEAD: "Only a dead delivery can be redelivered; this one is not dead.",
  DOMAIN_NOT_ALLOWED: ({ reason }) =>
    `This domain cannot be verified${reason ? `: ${reason}` : ""}. Enter the company's own e-mail domain, such as acme.com.`,
  DOMAIN_EXISTS: ({ domain }) => `The organization has the domain ${domain} already.`,
  DOMAIN_TAKEN: ({ domain }) => `Another organization has verified the domain ${domain}.`,
  DOMAIN_NOT_VERIFIED: ({ about, domain }) =>
    about === "domain"
      ? `Only a verified domain can be claimed; ${domain} is not verified.`
      : `The TXT record proving ${domain} was not found. Publish it and try again; DNS changes can take a while to be seen.`,
  DOMAIN_CLAIMED: ({ domain, organizationName }) =>
    `The domain ${domain} is claimed by ${organizationName ?? "an existing organization"}, so no new organization can be created for this administrator. Choose that organization, or enter another administrator e-mail.`,
  INVITATION_EXPIRED: "This setup link has expired. Ask for a new one.",
  INVITATION_USED: "This setup link was already used to set up the order.",
  INVITATION_REVOKED:
    "This setup link no longer works: a newer link was sent, or the order was cancelled. Use the most recent e-mail.",
  INVITATION_HANDED_OVER:
    "The setup of this order was handed over to the customer, so this link no longer works.",
  ADMIN_REQUEST_EXPIRED: "This request has expired.",
  EVENTS_EXPIRED: ({ id }) =>
    `Event ${id} is older than the events kept (EVENT_RETENTION_DAYS): read the feed from its start and reconcile.`,
  PAYLOAD_TOO_LARGE: ({ reason }) => reason ?? "What you sent is too large.",
  LINE_TOO_LONG: "The line is longer than 1 MiB: it was skipped.",
  UNSUPPORTED_MEDIA_TYPE: ({ about, reason }) =>
    about === "mediaType"
      ? "The import takes NDJSON: Content-Type application/x-ndjson."
      : (reason ?? "This form could not be read."),
  RATE_LIMITED: ({ about, limit, retryAfterSeconds }) => {
    switch (about) {
      case "matchCalls":
        return `This setup link may search at most ${limit} times an hour. Try again in ${Math.ceil((retryAfterSeconds ?? 60) / 60)} minutes.`;
      case "linkGuessing":
        return "Too many links that do not exist were asked for from this address. Wait and try again.";
      case "signIn":
        return "Too many failed sign-ins. Wait and try again.";
      default:
        return "Too many requests. Wait a while and try again.";
    }
  },
  INTERNAL_ERROR: "Something went wrong on our side. Try again in a moment.",
  NOT_READY: "The service is temporarily unavailable. Try again shortly.",
  DNS_UNAVAILABLE: ({ reason }) =>
    `The domain could not be checked: ${reason ?? "no answer from DNS"}. Try again in a few minutes.`,
};
