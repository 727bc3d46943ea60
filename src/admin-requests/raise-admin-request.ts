import type { Transaction } from "kysely";
import { recordAudit } from "../audit/audit.repository.js";
import type { AdminRequest, Database, Invitation, Order, Organization } from "../db/schema.js";
import { findFullAdmins, findOrganization, findUserByEmail } from "../directory/directory.repository.js";
import type { AdminRequestData } from "../events/event-types.js";
import { recordEvent } from "../events/events.repository.js";
import { enqueueMail } from "../mail/outbox.repository.js";
import type { AdminRequestParams } from "../mail/templates/admin-request.js";
import { maskEmail, type ParsedEmail } from "../matching/email.js";
import { orderServices } from "../orders/orders.repository.js";
import { timeZoneOf } from "../orders/time-zone.js";
import type { Scenario } from "../vocabulary.js";
import { insertAdminRequest, insertApprover } from "./admin-requests.repository.js";

const DAY_MS = 86_400_000;

/**
 * docs/product.md § 8: nobody becomes administrator of an existing organization by themselves. The request
 * goes to every full administrator of the organization, each with an approval link of their own, or
 * to operators when it has none. It expires after ADMIN_REQUEST_TTL_DAYS.
 */
export async function raiseAdminRequest(
  trx: Transaction<Database>,
  options: {
    order: Order;
    invitation: Invitation;
    organization: Organization;
    email: ParsedEmail;
    name: string | null;
    scenario: Scenario;
    ttlDays: number;
    now: Date;
  },
): Promise<AdminRequest> {
  const { order, invitation, organization, email, now } = options;
  const admins = await findFullAdmins(trx, organization.id);
  const request = await insertAdminRequest(trx, {
    orderId: order.id,
    invitationId: invitation.id,
    organizationId: organization.id,
    email: email.email,
    emailDomain: email.registrableDomain,
    name: options.name,
    requestedByEmail: invitation.contact_email,
    scenario: options.scenario,
    routedTo: admins.length > 0 ? "administrators" : "operators",
    expiresAt: new Date(now.getTime() + options.ttlDays * DAY_MS),
    now,
  });
  const params = await approvalMailParams(trx, { request, order, organization, invitation });
  for (const admin of admins) {
    const approverId = await insertApprover(trx, {
      adminRequestId: request.id,
      userId: admin.id,
      email: admin.email,
    });
    await enqueueMail(trx, {
      template: "admin_request",
      params,
      locale: order.locale,
      timeZone: timeZoneOf(order),
      to: admin.email,
      dueAt: now,
      now,
      orderId: order.id,
      approverId,
    });
  }
  await recordAudit(trx, {
    at: now,
    actor: `setup-link:${invitation.id}`,
    action: "admin_request.raised",
    subject: { type: "admin_request", id: request.id },
    orderId: order.id,
    details: {
      organizationId: organization.id,
      email: maskEmail(email.email),
      scenario: options.scenario,
      routedTo: request.routed_to,
      approvers: admins.length,
    },
  });
  await recordEvent(trx, { type: "admin_request.raised", data: adminRequestData(request), occurredAt: now });
  return request;
}

/** What every admin_request.* event carries (integration.md § 1). */
export function adminRequestData(request: AdminRequest): AdminRequestData {
  return {
    adminRequestId: request.id,
    orderId: request.order_id,
    organizationId: request.organization_id,
    email: request.email,
    name: request.name,
    scenario: request.scenario,
    routedTo: request.routed_to,
  };
}

/** What the approval e-mail and its reminder say: who asks, for what, and who would become administrator. */
export async function approvalMailParams(
  trx: Transaction<Database>,
  {
    request,
    order,
    organization,
    invitation,
  }: {
    request: AdminRequest;
    order: Order;
    organization: Pick<Organization, "id" | "name">;
    invitation: Pick<Invitation, "contact_name">;
  },
): Promise<AdminRequestParams> {
  const [user, services, partner] = await Promise.all([
    findUserByEmail(trx, request.email),
    orderServices(trx, order.id),
    order.partner_organization_id ? findOrganization(trx, order.partner_organization_id) : undefined,
  ]);
  return {
    orderNumber: order.order_number,
    organizationName: organization.name,
    requestedAdminEmail: request.email,
    requestedAdminName: request.name,
    requestedByEmail: request.requested_by_email,
    scenario: request.scenario,
    requestedByName: invitation.contact_name,
    partnerName: partner?.name ?? null,
    services,
    requestedAt: request.created_at.toISOString(),
    adminIsUser: user?.organization_id === organization.id,
  };
}
