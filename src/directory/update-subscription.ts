import type { Kysely, Transaction } from "kysely";
import { recordAudit } from "../audit/audit.repository.js";
import { isId } from "../db/ids.js";
import type { Database, Subscription } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { findSubscription, updateSubscriptionStatus } from "./directory.repository.js";
import type { SubscriptionPatch } from "./directory.schemas.js";
import type { DirectoryWrite } from "./directory-deps.js";

/** `GET /api/v1/subscriptions/{id}`: the subscription, or NOT_FOUND. */
export async function requireSubscription(
  db: Kysely<Database> | Transaction<Database>,
  id: string,
): Promise<Subscription> {
  const subscription = isId(id) ? await findSubscription(db, id) : undefined;
  if (!subscription) throw new AppError("NOT_FOUND", { context: { about: "subscription", id } });
  return subscription;
}

/**
 * `PATCH /api/v1/subscriptions/{id}`: the status of a subscription an organization has (active,
 * suspended, expired, cancelled); the active count follows through the triggers. One still awaiting
 * setup, or whose order ended before it was mapped, follows its order: 409 NOT_APPLICABLE.
 */
export async function updateSubscription(
  { deps, actor }: DirectoryWrite,
  id: string,
  patch: SubscriptionPatch,
): Promise<Subscription> {
  return deps.db.transaction().execute(async (trx) => {
    const subscription = await requireSubscription(trx, id);
    if (subscription.status === "awaiting_setup" || subscription.organization_id === null) {
      throw new AppError("NOT_APPLICABLE", { context: { about: "subscriptionUnmapped" } });
    }
    const updated = await updateSubscriptionStatus(trx, subscription.id, patch.status, deps.clock.now());
    await recordAudit(trx, {
      at: deps.clock.now(),
      actor,
      action: "subscription.updated",
      subject: { type: "subscription", id: subscription.id },
      orderId: subscription.order_id,
      details: { from: subscription.status, to: patch.status },
    });
    return updated;
  });
}
