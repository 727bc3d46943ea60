import { sql } from "kysely";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import { systemClock } from "../clock.js";
import type { Config } from "../config.js";
import type { WebhookDelivery } from "../db/schema.js";
import type { Deps } from "../deps.js";
import { isAppError } from "../errors.js";
import type { Metrics } from "../metrics/metrics.js";
import { backoffMs, claimDue, markDone, markFailed } from "../queue/queue.repository.js";
import { postWebhook, type WebhookAgents, type WebhookAnswer } from "./post-webhook.js";
import { openSecret, signature } from "./secrets.js";
import { checkWebhookTarget, parseWebhookUrl, type ResolveHost } from "./url-guard.js";
import { type DeliveryWork, loadDeliveryWork, updateEndpoint } from "./webhooks.repository.js";

export type WebhookSenderDeps = {
  db: Deps["db"];
  clock: Clock;
  config: Pick<
    Config,
    | "webhookAllowPrivate"
    | "webhookTimeoutSeconds"
    | "webhookRetrySeconds"
    | "webhookMaxAttempts"
    | "secretsKey"
  >;
  logger: Logger;
  agents: WebhookAgents;
  resolve: ResolveHost;
  metrics?: Pick<Metrics, "webhookDeliveries">;
  /** The time put in `webhook-timestamp`: receivers compare it with their own clock, so it is the wall clock. */
  signingClock?: Clock;
};

export type WebhookOutcome = "delivered" | "failed" | "dead";

/** Deliveries in flight at once per process, and to one endpoint (a slow one keeps the others going). */
export const webhookConcurrency = 16;
export const perEndpointConcurrency = 8;
const maxRetryDelayMs = 10 * 3_600_000;
// How long a worker keeps trying to record a delivery the receiver accepted, within its lease.
const recordDeliveredForMs = 45_000;

/** A claimed delivery is its worker's for the timeout and the time to record the answer, and then some. */
export function webhookLeaseMs(config: Pick<Config, "webhookTimeoutSeconds">): number {
  return config.webhookTimeoutSeconds * 1000 + 60_000;
}

/**
 * The webhook side of the delivery queue: claims due deliveries of enabled endpoints (never more than
 * `perEndpointConcurrency` of one endpoint in flight in this process) and posts each, signed.
 */
export function createWebhookSender(deps: WebhookSenderDeps) {
  const inFlight = new Map<string, number>();
  const busy = () => [...inFlight].filter(([, n]) => n >= perEndpointConcurrency).map(([id]) => id);
  return {
    async claim(limit: number): Promise<DeliveryWork[]> {
      const saturated = busy();
      const claimed = await claimDue<WebhookDelivery>(deps.db, "webhook_deliveries", {
        now: deps.clock.now(),
        leaseMs: webhookLeaseMs(deps.config),
        limit,
        filter: sql`and endpoint_id in (select id from webhook_endpoints where status = 'enabled')
          ${saturated.length ? sql`and endpoint_id <> all (${saturated}::bigint[])` : sql``}`,
      });
      for (const c of claimed) inFlight.set(c.endpoint_id, (inFlight.get(c.endpoint_id) ?? 0) + 1);
      try {
        return await loadDeliveryWork(deps.db, claimed);
      } catch (error) {
        for (const c of claimed) release(c.endpoint_id);
        throw error;
      }
    },
    async deliver(work: DeliveryWork): Promise<WebhookOutcome> {
      try {
        const outcome = await deliverWebhook(deps, work);
        deps.metrics?.webhookDeliveries.inc({ result: outcome });
        return outcome;
      } finally {
        release(work.endpoint_id);
      }
    },
  };
  function release(endpointId: string) {
    const n = (inFlight.get(endpointId) ?? 1) - 1;
    if (n <= 0) inFlight.delete(endpointId);
    else inFlight.set(endpointId, n);
  }
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;

/** The body of integration.md § 2: the same bytes on every attempt. */
export function webhookBody(work: Pick<DeliveryWork, "event_id" | "type" | "data" | "occurred_at">): string {
  return JSON.stringify({
    type: work.type,
    timestamp: work.occurred_at.toISOString(),
    data: { ...work.data, eventId: work.event_id },
  });
}

/**
 * One attempt: the URL checked again (and the connection pinned to the address checked), the body
 * signed with every secret in force, POSTed. A 2xx is delivered; anything else is retried with
 * back-off (WEBHOOK_RETRY_SECONDS × 4 per attempt, at most 10 hours) until WEBHOOK_MAX_ATTEMPTS, then
 * dead. A 410 also disables the endpoint: its deliveries wait until someone enables it again.
 */
export async function deliverWebhook(deps: WebhookSenderDeps, work: DeliveryWork): Promise<WebhookOutcome> {
  const { config } = deps;
  const log = {
    deliveryId: work.id,
    eventId: work.event_id,
    endpointId: work.endpoint_id,
    attempt: work.attempts,
  };
  let answer: WebhookAnswer;
  try {
    const target = await checkWebhookTarget(parseWebhookUrl(work.url), {
      allowPrivate: config.webhookAllowPrivate,
      resolve: deps.resolve,
    });
    const now = deps.clock.now();
    const secrets = [openSecret(work.secret, config.secretsKey)];
    if (work.previous_secret && work.previous_secret_expires_at && work.previous_secret_expires_at > now) {
      secrets.push(openSecret(work.previous_secret, config.secretsKey));
    }
    const body = webhookBody(work);
    const timestamp = Math.floor((deps.signingClock ?? systemClock).now().getTime() / 1000);
    answer = await postWebhook(
      deps.agents,
      target,
      {
        "content-type": "application/json",
        "user-agent": "Provisio-Webhooks/1",
        "webhook-id": work.event_id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": secrets.map((s) => signature(s, work.event_id, timestamp, body)).join(" "),
      },
      body,
      config.webhookTimeoutSeconds * 1000,
    );
  } catch (error) {
    return fail(deps, work, { error: describe(error), statusCode: null }, log);
  }
  if (answer.status >= 200 && answer.status < 300) {
    await recordDelivered(deps, work, answer.status, log);
    return "delivered";
  }
  const snippet = answer.body.replace(/\s+/g, " ").trim().slice(0, 200);
  return fail(
    deps,
    work,
    { error: `HTTP ${answer.status}${snippet ? `: ${snippet}` : ""}`, statusCode: answer.status },
    log,
  );
}

async function fail(
  deps: WebhookSenderDeps,
  work: DeliveryWork,
  failure: { error: string; statusCode: number | null },
  log: object,
): Promise<WebhookOutcome> {
  const now = deps.clock.now();
  const last = work.attempts >= deps.config.webhookMaxAttempts;
  const delay = backoffMs(work.attempts, {
    firstMs: deps.config.webhookRetrySeconds * 1000,
    factor: 4,
    maxMs: maxRetryDelayMs,
  });
  const retryAt = last ? null : new Date(now.getTime() + delay);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await markFailed(trx, "webhook_deliveries", work, {
        now,
        error: failure.error,
        retryAt,
        set: sql`last_status_code = ${failure.statusCode}`,
      });
      if (failure.statusCode === 410) {
        await updateEndpoint(trx, work.endpoint_id, {
          status: "disabled",
          disabledReason: "the receiver answered 410 Gone",
          now,
        });
      }
    });
  } catch (error) {
    deps.logger.error({ ...log, err: error }, "could not record the failure of a webhook delivery");
  }
  if (failure.statusCode === 410)
    deps.logger.warn(log, "webhook endpoint disabled: the receiver answered 410 Gone");
  deps.logger[last ? "error" : "warn"](
    { ...log, error: failure.error, retryAt },
    last ? "webhook delivery dead" : "webhook delivery failed",
  );
  return last ? "dead" : "failed";
}

/**
 * Records a delivery the receiver accepted, trying again while the database is away: the row stays
 * this worker's for its lease, and only a delivery left unrecorded would be posted again after it.
 */
async function recordDelivered(deps: WebhookSenderDeps, work: DeliveryWork, status: number, log: object) {
  const giveUpAt = Date.now() + recordDeliveredForMs;
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      const now = deps.clock.now();
      await markDone(deps.db, "webhook_deliveries", work, {
        now,
        set: sql`status = 'delivered', delivered_at = ${now}, last_status_code = ${status}`,
      });
      deps.logger.debug(log, "webhook delivered");
      return;
    } catch (error) {
      if (Date.now() + pause > giveUpAt) {
        deps.logger.error(
          { ...log, err: error },
          "webhook delivered but not recorded: it may be posted again",
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

// What the network or the guard said, short; never a secret.
function describe(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`.slice(0, 500);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${typeof code === "string" ? `${code}: ` : ""}${error.message}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}
