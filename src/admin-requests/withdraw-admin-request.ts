import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { maskEmail } from "../matching/email.js";
import { updateOrder } from "../orders/orders.repository.js";
import { openSetupLink, requireLiveLink } from "../setup/setup-link.js";
import {
  findPendingAdminRequest,
  withdrawAdminRequest as markWithdrawn,
} from "./admin-requests.repository.js";

/**
 * `POST /api/v1/setup/{token}/withdraw-request`: the provisioning contact takes back the request the
 * order waits for (customer_self, partner_own_use). The administrators' links stop working (the request
 * is no longer pending), their unsent e-mails are dropped at delivery, and the order goes back to setup.
 */
export async function withdrawAdminRequest(deps: Deps, token: string): Promise<{ adminRequestId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const link = await openSetupLink(trx, token);
    requireLiveLink(link, now, "act");
    const { order, invitation } = link;
    const request = await findPendingAdminRequest(trx, order.id);
    if (order.status !== "awaiting_admin_approval" || !request) {
      throw new AppError("NOT_APPLICABLE", { context: { about: "withdrawRequest" } });
    }
    const actor = `setup-link:${invitation.id}` as const;
    await markWithdrawn(trx, request.id, { by: actor, now });
    await updateOrder(trx, order.id, { status: "awaiting_setup", now });
    await recordAudit(trx, {
      at: now,
      actor,
      action: "admin_request.withdrawn",
      subject: { type: "admin_request", id: request.id },
      orderId: order.id,
      details: { organizationId: request.organization_id, email: maskEmail(request.email) },
    });
    return { adminRequestId: request.id };
  });
}
