import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { lockExistingEndpoint } from "./change-webhook-endpoint.js";
import { newWebhookSecret, sealSecret } from "./secrets.js";
import { updateEndpoint } from "./webhooks.repository.js";

const overlapMs = 24 * 3_600_000;

/**
 * `POST /api/v1/webhook-endpoints/{id}/rotate-secret`: a new secret; the one it replaces keeps signing
 * beside it (a second `v1,` signature) for 24 hours, so receivers can switch without losing a
 * delivery. Rotating again within the day drops the oldest at once.
 */
export async function rotateWebhookSecret(deps: Deps, id: string): Promise<{ secret: string }> {
  const secret = newWebhookSecret();
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const endpoint = await lockExistingEndpoint(trx, id);
    await updateEndpoint(trx, id, {
      secret: sealSecret(secret, deps.config.secretsKey),
      previousSecret: endpoint.secret,
      previousSecretExpiresAt: new Date(now.getTime() + overlapMs),
      now,
    });
    await recordAudit(trx, {
      at: now,
      actor: "api",
      action: "webhook_endpoint.secret_rotated",
      subject: { type: "webhook_endpoint", id },
      details: { previousSecretUntil: new Date(now.getTime() + overlapMs).toISOString() },
    });
  });
  return { secret };
}
