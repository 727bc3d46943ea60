import { type Actor, recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { maskEmail } from "../matching/email.js";
import { requireEmail } from "../matching/validated-inputs.js";
import { getOrder } from "./get-order.js";
import { enqueueInvitationMail } from "./invitation-mail.js";
import { lockExistingOrder, requireOpenOrder } from "./open-order.js";
import { currentInvitation, endLiveInvitation, insertInvitation } from "./orders.repository.js";
import type { OrderRecord } from "./orders.schemas.js";

/**
 * `POST /api/v1/orders/{id}/invitation/resend`: a new link, mailed now, optionally to a new contact;
 * the old link stops working. Refused once the order is provisioned (ALREADY_PROVISIONED) or closed.
 */
export async function resendInvitation(
  deps: Deps,
  orderId: string,
  input: { contactEmail?: string | undefined; contactName?: string | undefined },
  actor: Actor = "api",
): Promise<OrderRecord> {
  const newContact =
    input.contactEmail === undefined ? undefined : requireEmail(input.contactEmail, "contactEmail");
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const order = await lockExistingOrder(trx, orderId);
    requireOpenOrder(order);
    const previous = await currentInvitation(trx, order.id);
    const revokedId = await endLiveInvitation(trx, order.id, "revoked", now);
    const contactEmail = newContact?.email ?? previous.contact_email;
    const sameContact = contactEmail === previous.contact_email;
    const invitation = await insertInvitation(trx, {
      orderId: order.id,
      kind: previous.kind,
      contactEmail,
      contactName: input.contactName ?? (sameContact ? previous.contact_name : null),
      sendAt: now,
      now,
    });
    await enqueueInvitationMail(trx, { order, invitation, now });
    await recordAudit(trx, {
      at: now,
      actor,
      action: "invitation.resent",
      subject: { type: "order", id: order.id },
      orderId: order.id,
      details: {
        invitationId: invitation.id,
        revokedInvitationId: revokedId ?? null,
        contact: maskEmail(contactEmail),
        contactChanged: !sameContact,
      },
    });
  });
  deps.mailQueued();
  return getOrder(deps, orderId);
}
