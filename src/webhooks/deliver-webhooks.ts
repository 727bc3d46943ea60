import { sql } from "kysely";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import { systemClock } from "../clock.js";
import type { Config } from "../config.js";
import type { Deps } from "../deps.js";
import { isAppError } from "../errors/app-error.js";
import type { Metrics } from "../metrics/metrics.js";
import { backoffMs, claimDue, markFailed } from "../queue/queue.repository.js";
import { postWebhook, type WebhookAgents, type WebhookAnswer } from "./post-webhook.js";
import { openSecret, signature } from "./secrets.js";
import { checkWebhookTarget, parseWebhookUrl, type ResolveHost } from "./url-guard.js";
import {
  type DeliveryWork,
  holdDeliveriesOfDisabled,
  markDelivered,
  updateEndpoint,
} from "./webhooks.repository.js";

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

/**
 * Deliveries a worker holds at once, and per endpoint (a slow one keeps the others going); the
 * connections to one endpoint are at most `webhookSocketsPerEndpoint` (the agent queues the rest).
 */
export const webhookSocketsPerEndpoint = 16;
// A worker holds twice what it posts at once, so that a slot freed is taken without waiting for a claim.
export const perEndpointConcurrency = 2 * webhookSocketsPerEndpoint;
// An endpoint is topped up once it has room for this many: fewer, larger claims.
export const minimumRoom = perEndpointConcurrency / 4;
export const webhookConcurrency = 64;
const maxRetryDelayMs = 10 * 3_600_000;
// How long a worker keeps trying to record a delivery the receiver accepted, within its lease.
const recordDeliveredForMs = 45_000;

/**
 * A claimed delivery is its worker's for longer than an attempt can last (waiting for a connection,
 * then the timeout: three timeouts at most, post-webhook.ts) plus the time to record it, with room.
 */
export function webhookLeaseMs(config: Pick<Config, "webhookTimeoutSeconds">): number {
  return 3 * config.webhookTimeoutSeconds * 1000 + 60_000;
}

/**
 * The webhook side of the delivery queue: claims due deliveries of enabled endpoints and posts each,
 * signed. No endpoint ever has more than `perEndpointConcurrency` in flight in this process: a claim
 * passes over endpoints with less room than `minimumRoom` and takes no more rows than the fullest of
 * the others has room for, so one slow receiver holds its share of the slots, never all of them.
 *
 * A claim that comes back short has seen every due row but those of the endpoints it passed over;
 * until something new is queued (`wake`: a notification, the safety-net tick) claims are made only
 * when one of those has room again. Without that, a busy endpoint at its limit would cost a claim
 * scanning its own backlog for nothing after each of its deliveries.
 */
export function createWebhookSender(deps: WebhookSenderDeps) {
  const inFlight = new Map<string, number>();
  const room = (endpointId: string) => perEndpointConcurrency - (inFlight.get(endpointId) ?? 0);
  // Undefined: rows may be due anywhere. Otherwise the last short claim saw all due rows but those of
  // these endpoints (which it passed over, or has taken from since).
  let onlyBehind: Set<string> | undefined;
  // Bumped by wake(): a claim that ran across one must not conclude anything from what it saw.
  let wakes = 0;
  let limited = false;
  const record = createDeliveredRecorder(deps);
  // Accepted deliveries being recorded: their slot is free already, their lease still holds them.
  const recording = new Set<Promise<void>>();
  const recordLater: RecordDelivered = (work, statusCode, log) => {
    const written = record(work, statusCode, log).finally(() => recording.delete(written));
    recording.add(written);
    return Promise.resolve();
  };
  return {
    /** Answers once every accepted delivery is recorded (drain, shutdown). */
    async flush(): Promise<void> {
      while (recording.size > 0) await Promise.all([...recording]);
    },
    /** Rows may be due that the last claim left on purpose (the per-endpoint limit): claim again as slots free. */
    limited: () => limited,
    /** Something new was queued (or is due by now): rows may be due anywhere again. */
    wake() {
      wakes++;
      onlyBehind = undefined;
    },
    worthClaiming: () => !onlyBehind || [...onlyBehind].some((id) => room(id) >= minimumRoom),
    async claim(limit: number): Promise<DeliveryWork[]> {
      const passed: string[] = [];
      let take = Math.min(limit, perEndpointConcurrency);
      for (const id of inFlight.keys()) {
        if (room(id) < minimumRoom) passed.push(id);
        else take = Math.min(take, room(id));
      }
      const wakesBefore = wakes;
      // One statement claims the rows and answers their events and endpoints.
      const claimed = await claimDue<DeliveryWork>(deps.db, "webhook_deliveries", {
        now: deps.clock.now(),
        leaseMs: webhookLeaseMs(deps.config),
        limit: take,
        // Deliveries of disabled endpoints are held, out of the queue: no endpoint check is needed here.
        filter: passed.length ? sql`and endpoint_id <> all (${passed}::bigint[])` : undefined,
        join: {
          from: sql`events e, webhook_endpoints w`,
          where: sql`e.id = q.event_id and w.id = q.endpoint_id`,
          returning: sql`e.type, e.data, e.occurred_at, w.url, w.secret, w.previous_secret,
            w.previous_secret_expires_at`,
        },
      });
      for (const c of claimed) inFlight.set(c.endpoint_id, (inFlight.get(c.endpoint_id) ?? 0) + 1);
      if (claimed.length < take) {
        if (wakes === wakesBefore) onlyBehind = new Set(passed);
      } else if (onlyBehind) for (const c of claimed) onlyBehind.add(c.endpoint_id);
      limited = (take < limit && claimed.length === take) || (onlyBehind?.size ?? 0) > 0;
      return claimed;
    },
    async deliver(work: DeliveryWork): Promise<WebhookOutcome> {
      try {
        const outcome = await deliverWebhook(deps, work, recordLater);
        deps.metrics?.webhookDeliveries.inc({ result: outcome });
        return outcome;
      } finally {
        const n = (inFlight.get(work.endpoint_id) ?? 1) - 1;
        if (n <= 0) inFlight.delete(work.endpoint_id);
        else inFlight.set(work.endpoint_id, n);
      }
    },
  };
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
export async function deliverWebhook(
  deps: WebhookSenderDeps,
  work: DeliveryWork,
  record: RecordDelivered = createDeliveredRecorder(deps),
): Promise<WebhookOutcome> {
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
    await record(work, answer.status, log);
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
      // Disabled meanwhile (a 410, an operator): the retry waits for the endpoint to be enabled.
      await holdDeliveriesOfDisabled(trx, work.endpoint_id, now);
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

type RecordDelivered = (work: DeliveryWork, statusCode: number, log: object) => Promise<void>;

/**
 * Records deliveries the receivers accepted: those accepted while a record is being written go
 * together in the next statement (a group commit), so that a busy worker writes a fraction of a
 * statement per delivery. Retried while the database is away: the rows stay this worker's for their
 * lease, and only a delivery left unrecorded would be posted again after it. Each caller's promise
 * ends once its row is recorded (or given up on).
 */
function createDeliveredRecorder(deps: WebhookSenderDeps): RecordDelivered {
  type Waiting = { work: DeliveryWork; statusCode: number; log: object; done: () => void };
  let waiting: Waiting[] = [];
  let writing = false;
  const write = async () => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      const giveUpAt = Date.now() + recordDeliveredForMs;
      for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
        try {
          await markDelivered(
            deps.db,
            batch.map((b) => ({ id: b.work.id, attempts: b.work.attempts, statusCode: b.statusCode })),
            deps.clock.now(),
          );
          break;
        } catch (error) {
          if (Date.now() + pause > giveUpAt) {
            for (const b of batch)
              deps.logger.error(
                { ...b.log, err: error },
                "webhook delivered but not recorded: it may be posted again",
              );
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, pause));
        }
      }
      for (const b of batch) b.done();
    }
    writing = false;
  };
  return (work, statusCode, log) =>
    new Promise<void>((done) => {
      waiting.push({ work, statusCode, log, done });
      if (!writing) void write();
    });
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
