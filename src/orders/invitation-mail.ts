import type { Transaction } from "kysely";
import type { Database, Invitation, Order } from "../db/schema.js";
import { findOrganization } from "../directory/directory.repository.js";
import { enqueueMail } from "../mail/outbox.repository.js";
import type { Service } from "../vocabulary.js";
import { orderServices } from "./orders.repository.js";
import { timeZoneOf } from "./time-zone.js";

/**
 * Queues the e-mail that carries an invitation's setup link: the setup invitation to the order's
 * contact, or the handover invitation to the customer a partner handed over to. Due at its send time.
 */
export async function enqueueInvitationMail(
  trx: Transaction<Database>,
  {
    order,
    invitation,
    now,
    services: known,
  }: { order: Order; invitation: Invitation; now: Date; services?: Service[] },
): Promise<void> {
  const [services, partner] = await Promise.all([
    known ?? orderServices(trx, order.id),
    order.partner_organization_id ? findOrganization(trx, order.partner_organization_id) : undefined,
  ]);
  const common = {
    locale: order.locale,
    timeZone: timeZoneOf(order),
    to: invitation.contact_email,
    dueAt: invitation.send_at,
    now,
    orderId: order.id,
    invitationId: invitation.id,
  };
  if (invitation.kind === "handover") {
    await enqueueMail(trx, {
      ...common,
      template: "handover_invitation",
      params: {
        orderNumber: order.order_number,
        services,
        contactName: invitation.contact_name,
        partnerName: partner?.name ?? "",
      },
    });
  } else {
    await enqueueMail(trx, {
      ...common,
      template: "setup_invitation",
      params: {
        orderNumber: order.order_number,
        services,
        contactName: invitation.contact_name,
        partnerName: partner?.name ?? null,
      },
    });
  }
}
