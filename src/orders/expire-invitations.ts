import { cancelPendingAdminRequests } from "../admin-requests/admin-requests.repository.js";
import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { recordEvent } from "../events/events.repository.js";
import { enqueueMail } from "../mail/outbox.repository.js";
import {
  expireInvitation,
  findExpiredInvitations,
  lockOrder,
  orderServices,
  settleOrderSubscriptions,
  updateOrder,
} from "./orders.repository.js";
import { timeZoneOf } from "./time-zone.js";

/**
 * The scheduled job of INVITATION_TTL_DAYS: a live link past its expiry ends; if its order was not
 * provisioned, the order and its subscriptions close and the contact is told. Each order in its own
 * transaction, taking the order's lock first as every other change to an order does.
 */
export async function expireInvitations(deps: Deps, options: { limit?: number } = {}): Promise<number> {
  const now = deps.clock.now();
  const due = await findExpiredInvitations(deps.db, now, options.limit ?? 100);
  let expired = 0;
  for (const { id, order_id: orderId } of due) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const order = (await lockOrder(trx, orderId))!;
      const invitation = await expireInvitation(trx, id, now);
      if (!invitation) return false; // someone else acted on it first
      const closes = order.status === "awaiting_setup" || order.status === "awaiting_admin_approval";
      if (closes) {
        await settleOrderSubscriptions(trx, order.id, { status: "closed", now });
        await updateOrder(trx, order.id, { status: "closed", now });
        const withdrawn = await cancelPendingAdminRequests(trx, order.id, {
          now,
          reason: "setup link expired",
        });
        await recordEvent(trx, {
          type: "order.closed",
          data: { orderId: order.id, orderNumber: order.order_number, cancelledAdminRequestIds: withdrawn },
          occurredAt: now,
        });
        await enqueueMail(trx, {
          template: "invitation_expired",
          params: { orderNumber: order.order_number, services: await orderServices(trx, order.id) },
          locale: order.locale,
          timeZone: timeZoneOf(order),
          to: invitation.contact_email,
          dueAt: now,
          now,
          orderId: order.id,
        });
      }
      await recordAudit(trx, {
        at: now,
        actor: "system",
        action: "invitation.expired",
        subject: { type: "order", id: order.id },
        orderId: order.id,
        details: { invitationId: id, orderClosed: closes },
      });
      return true;
    });
    if (done) expired++;
  }
  if (expired > 0) deps.mailQueued();
  return expired;
}
