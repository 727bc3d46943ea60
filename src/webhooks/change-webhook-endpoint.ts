import type { Transaction } from "kysely";
import { type Actor, recordAudit } from "../audit/audit.repository.js";
import { isId } from "../db/ids.js";
import type { Database, WebhookEndpoint } from "../db/schema.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { notifyWebhooks } from "../events/events.repository.js";
import { checkWebhookTarget, parseWebhookUrl } from "./url-guard.js";
import {
  holdDeliveriesOfDisabled,
  lockEndpoint,
  releaseHeldDeliveries,
  updateEndpoint,
} from "./webhooks.repository.js";
import type { EndpointPatch } from "./webhooks.schemas.js";

/**
 * `PATCH /api/v1/webhook-endpoints/{id}`, and the console's disable and enable. A new URL passes the
 * SSRF guard. Enabling again sends what waited meanwhile (deliveries of a disabled endpoint wait).
 */
export async function changeWebhookEndpoint(
  deps: Deps,
  id: string,
  patch: EndpointPatch,
  actor: Actor = "api",
): Promise<WebhookEndpoint> {
  const url = patch.url === undefined ? undefined : parseWebhookUrl(patch.url, "body.url");
  if (url) {
    await checkWebhookTarget(url, {
      allowPrivate: deps.config.webhookAllowPrivate,
      resolve: deps.resolveHost,
      path: "body.url",
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const before = await lockExistingEndpoint(trx, id);
    const statusChanged = patch.status !== undefined && patch.status !== before.status;
    const after = await updateEndpoint(trx, id, {
      ...(url ? { url: url.href } : {}),
      ...(patch.types !== undefined ? { types: patch.types } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(statusChanged
        ? {
            status: patch.status!,
            disabledReason: patch.status === "disabled" ? `disabled by ${actor}` : null,
          }
        : {}),
      now,
    });
    if (statusChanged && after.status === "disabled") await holdDeliveriesOfDisabled(trx, id, now);
    if (statusChanged && after.status === "enabled" && (await releaseHeldDeliveries(trx, id, now)) > 0) {
      await notifyWebhooks(trx);
    }
    await recordAudit(trx, {
      at: now,
      actor,
      action: statusChanged ? `webhook_endpoint.${after.status}` : "webhook_endpoint.changed",
      subject: { type: "webhook_endpoint", id },
      details: {
        changed: Object.keys(patch).filter((k) => patch[k as keyof EndpointPatch] !== undefined),
        ...(url ? { host: url.host } : {}),
      },
    });
    return after;
  });
}

/** The endpoint, locked for the transaction, or NOT_FOUND. */
export async function lockExistingEndpoint(trx: Transaction<Database>, id: string): Promise<WebhookEndpoint> {
  const endpoint = isId(id) ? await lockEndpoint(trx, id) : undefined;
  if (!endpoint) throw new AppError("NOT_FOUND", { context: { about: "webhookEndpoint", id } });
  return endpoint;
}
