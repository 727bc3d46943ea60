import { recordAudit } from "../audit/audit.repository.js";
import type { WebhookEndpoint } from "../db/schema.js";
import type { Deps } from "../deps.js";
import { newWebhookSecret, sealSecret } from "./secrets.js";
import { checkWebhookTarget, parseWebhookUrl } from "./url-guard.js";
import { insertEndpoint } from "./webhooks.repository.js";
import type { EndpointInput } from "./webhooks.schemas.js";

/**
 * `POST /api/v1/webhook-endpoints`: the URL passes the SSRF guard now (and again at every delivery);
 * the secret is made here, stored sealed under SECRETS_KEY, and answered this once.
 */
export async function createWebhookEndpoint(
  deps: Deps,
  input: EndpointInput,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = parseWebhookUrl(input.url, "body.url");
  await checkWebhookTarget(url, {
    allowPrivate: deps.config.webhookAllowPrivate,
    resolve: deps.resolveHost,
    path: "body.url",
  });
  const secret = newWebhookSecret();
  const endpoint = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const created = await insertEndpoint(trx, {
      url: url.href,
      types: input.types ?? null,
      description: input.description ?? null,
      secret: sealSecret(secret, deps.config.secretsKey),
      now,
    });
    await recordAudit(trx, {
      at: now,
      actor: "api",
      action: "webhook_endpoint.created",
      subject: { type: "webhook_endpoint", id: created.id },
      details: { host: url.host, types: created.types },
    });
    return created;
  });
  return { endpoint, secret };
}
