import type { Transaction } from "kysely";
import type { AdminRequest, Database, Order } from "../db/schema.js";
import type { Deps } from "../deps.js";
import { findOrganization } from "../directory/directory.repository.js";
import { enqueueMail } from "../mail/outbox.repository.js";
import { currentInvitation, extendInvitation, updateOrder } from "../orders/orders.repository.js";
import { timeZoneOf } from "../orders/time-zone.js";

const DAY_MS = 86_400_000;

/**
 * After a decision, an expiry or a withdrawal (the organization was deleted): the order's current contact is told. A stopped order (customer_self,
 * partner_own_use) goes back to setup and the e-mail carries the setup link to resume; when approved,
 * the link stays valid for INVITATION_TTL_DAYS at least.
 */
export async function tellContact(
  trx: Transaction<Database>,
  options: {
    deps: Pick<Deps, "config">;
    order: Order;
    request: AdminRequest;
    outcome: "approved" | "rejected" | "expired" | "withdrawn";
    reason: string | null;
    now: Date;
  },
): Promise<void> {
  const { order, request, outcome, now } = options;
  const invitation = await currentInvitation(trx, order.id);
  const stopped = order.status === "awaiting_admin_approval";
  const live = invitation.status === "scheduled" || invitation.status === "sent";
  if (stopped) await updateOrder(trx, order.id, { status: "awaiting_setup", now });
  if (stopped && live && outcome === "approved") {
    const fullPeriod = new Date(now.getTime() + options.deps.config.invitationTtlDays * DAY_MS);
    if (invitation.expires_at && invitation.expires_at < fullPeriod) {
      await extendInvitation(trx, invitation.id, fullPeriod, now);
    }
  }
  const organization = (await findOrganization(trx, request.organization_id))!;
  const common = {
    locale: order.locale,
    timeZone: timeZoneOf(order),
    to: invitation.contact_email,
    dueAt: now,
    now,
    orderId: order.id,
    ...(stopped && live ? { invitationId: invitation.id } : {}),
  };
  const params = {
    orderNumber: order.order_number,
    organizationName: organization.name,
    adminEmail: request.email,
    scenario: request.scenario,
  };
  if (outcome === "approved")
    await enqueueMail(trx, { ...common, template: "admin_request_approved", params });
  else if (outcome === "rejected") {
    await enqueueMail(trx, {
      ...common,
      template: "admin_request_rejected",
      params: { ...params, reason: options.reason },
    });
  } else if (outcome === "expired") {
    await enqueueMail(trx, { ...common, template: "admin_request_expired", params });
  } else await enqueueMail(trx, { ...common, template: "admin_request_withdrawn", params });
}
