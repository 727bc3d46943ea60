import { cancelPendingAdminRequests } from "../admin-requests/admin-requests.repository.js";
import { type Actor, recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { recordEvent } from "../events/events.repository.js";
import { getOrder } from "./get-order.js";
import { lockExistingOrder, requireOpenOrder } from "./open-order.js";
import { endLiveInvitation, settleOrderSubscriptions, updateOrder } from "./orders.repository.js";
import type { OrderRecord } from "./orders.schemas.js";

/**
 * `POST /api/v1/orders/{id}/cancel`: the order and its subscriptions are cancelled, its link stops
 * working and a pending administrator request is withdrawn. Cancelling twice answers the same.
 */
export async function cancelOrder(deps: Deps, orderId: string, actor: Actor = "api"): Promise<OrderRecord> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const order = await lockExistingOrder(trx, orderId);
    if (order.status === "cancelled") return;
    requireOpenOrder(order);
    const revokedId = await endLiveInvitation(trx, order.id, "revoked", now);
    await settleOrderSubscriptions(trx, order.id, { status: "cancelled", now });
    await updateOrder(trx, order.id, { status: "cancelled", now });
    const withdrawn = await cancelPendingAdminRequests(trx, order.id, { now, reason: "order cancelled" });
    await recordAudit(trx, {
      at: now,
      actor,
      action: "order.cancelled",
      subject: { type: "order", id: order.id },
      orderId: order.id,
      details: { revokedInvitationId: revokedId ?? null, cancelledAdminRequestIds: withdrawn },
    });
    await recordEvent(trx, {
      type: "order.cancelled",
      data: { orderId: order.id, orderNumber: order.order_number, cancelledAdminRequestIds: withdrawn },
      occurredAt: now,
    });
  });
  return getOrder(deps, orderId);
}
