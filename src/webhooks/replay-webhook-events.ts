import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { notifyWebhooks } from "../events/events.repository.js";
import { positionOf } from "../events/list-events.js";
import { lockExistingEndpoint } from "./change-webhook-endpoint.js";
import { queueReplay } from "./webhooks.repository.js";

/**
 * `POST /api/v1/webhook-endpoints/{id}/replay`: the endpoint's events after `after` (of its types, in
 * feed order) are delivered again, dead ones included. A disabled endpoint gets them once enabled.
 */
export async function replayWebhookEvents(
  deps: Deps,
  id: string,
  after: string,
): Promise<{ queued: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const endpoint = await lockExistingEndpoint(trx, id);
    const position = await positionOf({ db: trx }, after, "body.after");
    const queued = await queueReplay(trx, endpoint, position, now);
    if (queued > 0) await notifyWebhooks(trx);
    await recordAudit(trx, {
      at: now,
      actor: "api",
      action: "webhook_endpoint.replayed",
      subject: { type: "webhook_endpoint", id },
      details: { after, queued },
    });
    return { queued };
  });
}
