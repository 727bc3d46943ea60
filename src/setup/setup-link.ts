import type { Kysely, Transaction } from "kysely";
import type { Database, Invitation, Order, OrganizationKind } from "../db/schema.js";
import { AppError } from "../errors.js";
import { findLink } from "../links/links.repository.js";
import { findInvitation, findOrder, lockOrder } from "../orders/orders.repository.js";

export type SetupLink = { invitation: Invitation; order: Order };

/**
 * The invitation and order a setup secret opens. With a transaction, the order is locked first, as
 * every change to an order does. An unknown secret is NOT_FOUND whatever it looks like.
 */
export async function openSetupLink(
  db: Kysely<Database> | Transaction<Database>,
  token: string,
): Promise<SetupLink> {
  const link = await findLink(db, token);
  const invitationId = link?.invitationId;
  const invitation = invitationId ? await findInvitation(db, invitationId) : undefined;
  if (!invitationId || !invitation) throw new AppError("NOT_FOUND", "This setup link does not exist.");
  if (db.isTransaction) {
    const order = (await lockOrder(db as Transaction<Database>, invitation.order_id))!;
    // Read again under the order's lock: it may have changed while we waited.
    return { invitation: (await findInvitation(db, invitationId))!, order };
  }
  return { invitation, order: (await findOrder(db, invitation.order_id))! };
}

/**
 * Dead links answer their 410 code (api.md § Setup wizard). A used link still shows what was done;
 * acting on it again is INVITATION_USED, or ALREADY_PROVISIONED for `complete`.
 */
export function requireLiveLink(link: SetupLink, now: Date, purpose: "view" | "act" | "complete"): void {
  const { invitation, order } = link;
  switch (invitation.status) {
    case "revoked":
      throw new AppError(
        "INVITATION_REVOKED",
        "This setup link no longer works: a newer link was sent, or the order was cancelled. Use the most recent e-mail.",
      );
    case "handed_over":
      throw new AppError(
        "INVITATION_HANDED_OVER",
        "The setup of this order was handed over to the customer, so this link no longer works.",
      );
    case "expired":
      throw expired();
    case "used":
      if (purpose === "view") return;
      if (purpose === "complete" && order.status === "provisioned") {
        throw new AppError("ALREADY_PROVISIONED", `Order ${order.order_number} is already set up.`);
      }
      throw new AppError("INVITATION_USED", "This setup link was already used to set up the order.");
    case "scheduled":
    case "sent":
      if (invitation.expires_at && invitation.expires_at <= now) throw expired();
  }
}

function expired(): AppError {
  return new AppError("INVITATION_EXPIRED", "This setup link has expired. Ask for a new one.");
}

/** Customer subscriptions match customers; a partner's own use matches partners (matching.md § 2). */
export function subscriptionKind(order: Order): OrganizationKind {
  return order.scenario === "partner_own_use" ? "partner" : "customer";
}
