import { type Actor, recordAudit } from "../audit/audit.repository.js";
import { isId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { notifyWebhooks } from "../events/events.repository.js";
import { retryDead } from "../queue/queue.repository.js";
import { findDelivery, holdDeliveriesOfDisabled } from "./webhooks.repository.js";

/** The console's redelivery of a dead delivery: a fresh round of attempts, due now. */
export async function redeliverWebhook(
  deps: Deps,
  deliveryId: string,
  actor: Actor,
): Promise<{ endpointId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const delivery = isId(deliveryId) ? await findDelivery(trx, deliveryId) : undefined;
    if (!delivery) throw new AppError("NOT_FOUND", { context: { about: "webhookDelivery" } });
    if (!(await retryDead(trx, "webhook_deliveries", deliveryId, now))) {
      throw new AppError("DELIVERY_NOT_DEAD");
    }
    await holdDeliveriesOfDisabled(trx, delivery.endpoint_id, now);
    await notifyWebhooks(trx);
    await recordAudit(trx, {
      at: now,
      actor,
      action: "webhook_delivery.redelivered",
      subject: { type: "webhook_delivery", id: deliveryId },
      details: { endpointId: delivery.endpoint_id, eventId: delivery.event_id, attempts: delivery.attempts },
    });
    return { endpointId: delivery.endpoint_id };
  });
}
