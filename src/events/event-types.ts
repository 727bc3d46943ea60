import type { OrganizationKind, Scenario, Service, UserRole } from "../vocabulary.js";

/**
 * The events of integration.md § 1 and what each carries. A new type is one line here (and its
 * emitting use-case): the feed, the webhook filters and the OpenAPI list follow from this table.
 * `domain.verified` and `domain.lapsed` are emitted by verified domains (docs/api.md § Domains).
 */
export type EventDataByType = {
  "order.placed": {
    orderId: string;
    orderNumber: string;
    scenario: Scenario | null;
    orderedBy: "customer" | "partner";
    partnerOrganizationId: string | null;
    contactEmail: string;
  };
  "invitation.sent": {
    orderId: string;
    orderNumber: string;
    invitationId: string;
    /** setup: the first link; handover: the customer's after a handover; resume: after an administrator's decision */
    kind: "setup" | "handover" | "resume";
    contactEmail: string;
    expiresAt: string;
  };
  "order.handed_over": {
    orderId: string;
    orderNumber: string;
    contactEmail: string;
    contactName: string | null;
    invitationId: string;
  };
  "organization.created": {
    organizationId: string;
    name: string;
    kind: OrganizationKind;
    country: string | null;
    managingPartnerId: string | null;
    orderId: string;
  };
  "user.added": {
    userId: string;
    organizationId: string;
    email: string;
    name: string | null;
    role: UserRole;
    orderId: string;
    adminRequestId: string | null;
  };
  "user.role_changed": {
    userId: string;
    organizationId: string;
    email: string;
    role: UserRole;
    previousRole: UserRole;
    orderId: string;
    adminRequestId: string;
  };
  "subscription.activated": {
    subscriptionId: string;
    orderId: string;
    organizationId: string;
    services: Service[];
  };
  "order.provisioned": {
    orderId: string;
    orderNumber: string;
    organizationId: string;
    pendingAdminRequestId: string | null;
  };
  "order.awaiting_admin_approval": {
    orderId: string;
    orderNumber: string;
    organizationId: string;
    adminRequestId: string;
  };
  "admin_request.raised": AdminRequestData;
  "admin_request.approved": AdminRequestData;
  "admin_request.rejected": AdminRequestData & { reason: string | null };
  "admin_request.expired": AdminRequestData;
  "order.closed": { orderId: string; orderNumber: string; cancelledAdminRequestIds: string[] };
  "order.cancelled": { orderId: string; orderNumber: string; cancelledAdminRequestIds: string[] };
  "domain.verified": { organizationId: string; domain: string };
  "domain.lapsed": { organizationId: string; domain: string };
};

export type AdminRequestData = {
  adminRequestId: string;
  orderId: string;
  organizationId: string;
  email: string;
  name: string | null;
  scenario: Scenario;
  routedTo: "administrators" | "operators";
};

export type EventType = keyof EventDataByType;

/** Every type, in the order of integration.md § 1. */
export const eventTypes = [
  "order.placed",
  "invitation.sent",
  "order.handed_over",
  "organization.created",
  "user.added",
  "user.role_changed",
  "subscription.activated",
  "order.provisioned",
  "order.awaiting_admin_approval",
  "admin_request.raised",
  "admin_request.approved",
  "admin_request.rejected",
  "admin_request.expired",
  "order.closed",
  "order.cancelled",
  "domain.verified",
  "domain.lapsed",
] as const satisfies readonly EventType[];

// Compile-time check that the list above names every type of the table.
type Missing = Exclude<EventType, (typeof eventTypes)[number]>;
const complete: Missing extends never ? true : Missing = true;
void complete;

export function isEventType(value: string): value is EventType {
  return (eventTypes as readonly string[]).includes(value);
}
