import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { recordEvent } from "../events/events.repository.js";
import { lockOrder } from "../orders/orders.repository.js";
import {
  decideAdminRequest,
  findAdminRequest,
  findExpiredAdminRequests,
} from "./admin-requests.repository.js";
import { adminRequestData } from "./raise-admin-request.js";
import { tellContact } from "./tell-contact.js";

/**
 * The scheduled job of ADMIN_REQUEST_TTL_DAYS: a pending request past its expiry expires; the contact
 * is told, and a stopped order goes back to setup. The order's lock first, as for every change to it.
 */
export async function expireAdminRequests(deps: Deps, options: { limit?: number } = {}): Promise<number> {
  const now = deps.clock.now();
  const due = await findExpiredAdminRequests(deps.db, now, options.limit ?? 100);
  let expired = 0;
  for (const { id, order_id: orderId } of due) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const order = (await lockOrder(trx, orderId))!;
      const request = (await findAdminRequest(trx, id))!;
      if (request.status !== "pending" || request.expires_at > now) return false;
      await decideAdminRequest(trx, id, { status: "expired", by: "system", reason: null, now });
      await tellContact(trx, { deps, order, request, outcome: "expired", reason: null, now });
      await recordAudit(trx, {
        at: now,
        actor: "system",
        action: "admin_request.expired",
        subject: { type: "admin_request", id },
        orderId: order.id,
      });
      await recordEvent(trx, {
        type: "admin_request.expired",
        data: adminRequestData(request),
        occurredAt: now,
      });
      return true;
    });
    if (done) expired++;
  }
  if (expired > 0) deps.mailQueued();
  return expired;
}
