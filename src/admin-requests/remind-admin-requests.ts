import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { findOrganization } from "../directory/directory.repository.js";
import { enqueueMail } from "../mail/outbox.repository.js";
import { findInvitation, lockOrder } from "../orders/orders.repository.js";
import { timeZoneOf } from "../orders/time-zone.js";
import {
  findAdminRequest,
  findApproversOf,
  findRequestsToRemind,
  markReminded,
} from "./admin-requests.repository.js";
import { approvalMailParams } from "./raise-admin-request.js";

const DAY_MS = 86_400_000;

/**
 * The scheduled job of ADMIN_REQUEST_REMINDER_DAYS: a request still pending that many days before it
 * expires is e-mailed again to each of its administrators, with a fresh approval link, once. A request
 * whose whole life is shorter than that is not reminded; one sent to operators waits in their console.
 */
export async function remindAdminRequests(deps: Deps, options: { limit?: number } = {}): Promise<number> {
  const days = deps.config.adminRequestReminderDays;
  if (days === 0) return 0;
  const now = deps.clock.now();
  const due = await findRequestsToRemind(deps.db, {
    now,
    before: new Date(now.getTime() + days * DAY_MS),
    lifetimeOver: days * DAY_MS,
    limit: options.limit ?? 100,
  });
  let reminded = 0;
  for (const { id, order_id: orderId } of due) {
    const sent = await deps.db.transaction().execute(async (trx) => {
      const order = (await lockOrder(trx, orderId))!;
      const request = (await findAdminRequest(trx, id))!;
      if (request.status !== "pending" || request.reminder_sent_at || request.expires_at <= now) return 0;
      await markReminded(trx, id, now);
      const approvers = await findApproversOf(trx, id);
      if (approvers.length === 0) return 0;
      const [organization, invitation] = await Promise.all([
        findOrganization(trx, request.organization_id),
        findInvitation(trx, request.invitation_id),
      ]);
      const params = await approvalMailParams(trx, {
        request,
        order,
        organization: organization!,
        invitation: invitation!,
      });
      for (const approver of approvers) {
        await enqueueMail(trx, {
          template: "admin_request_reminder",
          params,
          locale: order.locale,
          timeZone: timeZoneOf(order),
          to: approver.email,
          dueAt: now,
          now,
          orderId: order.id,
          approverId: approver.id,
        });
      }
      await recordAudit(trx, {
        at: now,
        actor: "system",
        action: "admin_request.reminded",
        subject: { type: "admin_request", id },
        orderId: order.id,
        details: { approvers: approvers.length, expiresAt: request.expires_at.toISOString() },
      });
      return 1;
    });
    reminded += sent;
  }
  if (reminded > 0) deps.mailQueued();
  return reminded;
}
