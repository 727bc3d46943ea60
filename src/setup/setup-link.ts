import type { Kysely, Transaction } from "kysely";
import type { Database, Invitation, Order } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { hashLinkToken } from "../links/link-token.js";
import { findLink, findSetupLinkLockingOrder } from "../links/links.repository.js";
import { findInvitation, findOrder } from "../orders/orders.repository.js";
import {
  findInvitationWithCalls,
  type LinkCallCount,
  readSearchLink,
  type SearchLink,
} from "./setup.repository.js";

/**
 * What a setup secret opens; `superseded` when a newer secret of the same invitation was mailed since;
 * `calls`, when asked for, the link's match and complete calls in its rate window (link-calls.ts).
 */
export type SetupLink = { invitation: Invitation; order: Order; superseded: boolean; calls?: LinkCallCount };

/** What the rules of a link read of it (a SetupLink, or the lighter SearchLink of a search). */
export type LinkState = {
  invitation: Pick<Invitation, "id" | "status" | "expires_at">;
  order: Pick<Order, "id" | "order_number" | "scenario" | "status">;
  superseded: boolean;
  calls?: LinkCallCount;
};

/**
 * The invitation and order a setup secret opens. With a transaction, the order is locked first, as
 * every change to an order does, in two statements: the secret with its order locked, then the
 * invitation under that lock (with the link's calls since `countCallsSince`, when given). An unknown
 * secret is NOT_FOUND whatever it looks like.
 */
export async function openSetupLink(
  db: Kysely<Database> | Transaction<Database>,
  token: string,
  options: { countCallsSince?: Date } = {},
): Promise<SetupLink> {
  if (db.isTransaction) {
    const trx = db as Transaction<Database>;
    const locked = await findSetupLinkLockingOrder(trx, token);
    if (!locked) throw linkNotFound();
    const { order, superseded, invitationId } = locked;
    // Read under the order's lock: the invitation may have changed while we waited.
    if (options.countCallsSince) {
      const read = await findInvitationWithCalls(trx, invitationId, options.countCallsSince);
      if (!read) throw linkNotFound();
      return { invitation: read.invitation, order, superseded, calls: read.calls };
    }
    const invitation = await findInvitation(trx, invitationId);
    if (!invitation) throw linkNotFound();
    return { invitation, order, superseded };
  }
  const link = await findLink(db, token);
  const invitationId = link?.invitationId;
  if (!invitationId) throw linkNotFound();
  const invitation = await findInvitation(db, invitationId);
  if (!invitation) throw linkNotFound();
  return { invitation, order: (await findOrder(db, invitation.order_id))!, superseded: link.superseded };
}

/**
 * What a search reads of the link a setup secret opens, in one statement and without a lock, with the
 * link's calls since `callsSince` (match-setup.ts records the search only if none of it changed). An
 * unknown secret is NOT_FOUND whatever it looks like.
 */
export async function openSearchLink(
  db: Kysely<Database>,
  token: string,
  callsSince: Date,
): Promise<SearchLink> {
  const hash = hashLinkToken(token);
  const link = hash && (await readSearchLink(db, hash, callsSince));
  if (!link) throw linkNotFound();
  return link;
}

function linkNotFound(): AppError {
  return new AppError("NOT_FOUND", { context: { about: "setupLink" } });
}

/**
 * Dead links answer their 410 code (docs/api.md § Setup wizard). A used link still shows what was done;
 * acting on it again is INVITATION_USED, or ALREADY_PROVISIONED for `complete`.
 */
export function requireLiveLink(link: LinkState, now: Date, purpose: "view" | "act" | "complete"): void {
  const { invitation, order } = link;
  switch (invitation.status) {
    case "revoked":
      throw new AppError("INVITATION_REVOKED");
    case "handed_over":
      throw new AppError("INVITATION_HANDED_OVER");
    case "expired":
      throw expired();
    case "used":
      if (purpose === "view") return;
      if (purpose === "complete" && order.status === "provisioned") {
        throw new AppError("ALREADY_PROVISIONED", { context: { orderNumber: order.order_number } });
      }
      throw new AppError("INVITATION_USED");
    case "scheduled":
    case "sent":
      if (invitation.expires_at && invitation.expires_at <= now) throw expired();
      // A newer e-mail carries this order's one live link.
      if (link.superseded) throw new AppError("INVITATION_REVOKED");
  }
}

function expired(): AppError {
  return new AppError("INVITATION_EXPIRED");
}
