import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { recordEvent } from "../events/events.repository.js";
import { maskEmail } from "../matching/email.js";
import { requireEmail } from "../matching/validated-inputs.js";
import { enqueueInvitationMail } from "../orders/invitation-mail.js";
import { endLiveInvitation, insertInvitation, updateOrder } from "../orders/orders.repository.js";
import type { Scenario } from "../vocabulary.js";
import type { SetupByInput } from "./setup.schemas.js";
import { openSetupLink, requireLiveLink } from "./setup-link.js";

/**
 * `POST /api/v1/setup/{token}/setup-by` (docs/product.md § The flow, 3), only on a partner's order for a
 * customer: the partner sets up itself (partner_for_customer), or hands over to the customer, who gets
 * a link of their own (customer_self) while this one answers INVITATION_HANDED_OVER from then on.
 */
export async function chooseSetupBy(
  deps: Deps,
  token: string,
  input: SetupByInput,
): Promise<{ scenario: Scenario }> {
  const customer =
    input.setupBy === "customer"
      ? requireEmail(input.customerContact.email, "customerContact.email")
      : undefined;
  const result = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const link = await openSetupLink(trx, token);
    requireLiveLink(link, now, "act");
    const { order, invitation } = link;
    if (
      order.ordered_by !== "partner" ||
      order.intended_use !== "customer" ||
      invitation.kind === "handover"
    ) {
      throw new AppError("NOT_APPLICABLE", { context: { about: "setupBy" } });
    }
    if (order.status !== "awaiting_setup") {
      throw new AppError("WRONG_STEP", {
        context: { orderNumber: order.order_number, status: order.status },
      });
    }
    const actor = `setup-link:${invitation.id}` as const;
    if (!customer) {
      await updateOrder(trx, order.id, { scenario: "partner_for_customer", now });
      await recordAudit(trx, {
        at: now,
        actor,
        action: "setup.partner_sets_up",
        subject: { type: "order", id: order.id },
        orderId: order.id,
      });
      return { scenario: "partner_for_customer" as const };
    }
    await endLiveInvitation(trx, order.id, "handed_over", now);
    const handover = await insertInvitation(trx, {
      orderId: order.id,
      kind: "handover",
      contactEmail: customer.email,
      contactName: input.setupBy === "customer" ? (input.customerContact.name ?? null) : null,
      sendAt: now,
      now,
    });
    await updateOrder(trx, order.id, { scenario: "customer_self", now });
    await enqueueInvitationMail(trx, { order, invitation: handover, now });
    await recordAudit(trx, {
      at: now,
      actor,
      action: "setup.handed_over",
      subject: { type: "order", id: order.id },
      orderId: order.id,
      details: { invitationId: handover.id, customerContact: maskEmail(customer.email) },
    });
    await recordEvent(trx, {
      type: "order.handed_over",
      data: {
        orderId: order.id,
        orderNumber: order.order_number,
        contactEmail: customer.email,
        contactName: handover.contact_name,
        invitationId: handover.id,
      },
      occurredAt: now,
    });
    return { scenario: "customer_self" as const };
  });
  if (result.scenario === "customer_self") deps.mailQueued();
  return result;
}
