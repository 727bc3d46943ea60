import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { lockExistingEndpoint } from "./change-webhook-endpoint.js";
import { deleteEndpoint } from "./webhooks.repository.js";

/** `DELETE /api/v1/webhook-endpoints/{id}`: the endpoint and its deliveries; the audit log keeps the fact. */
export async function deleteWebhookEndpoint(deps: Deps, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const endpoint = await lockExistingEndpoint(trx, id);
    await deleteEndpoint(trx, id);
    await recordAudit(trx, {
      at: now,
      actor: "api",
      action: "webhook_endpoint.deleted",
      subject: { type: "webhook_endpoint", id },
      details: { host: new URL(endpoint.url).host },
    });
  });
}
