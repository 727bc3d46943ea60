import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Clock } from "../clock.js";
import type { Database } from "../db/schema.js";
import { requireApiToken } from "../http/api-token.js";
import { outboxHealth } from "../mail/outbox.repository.js";
import { queueHealth } from "../queue/queue.repository.js";
import { adminRequestStatus, routedTo as routedToOptions } from "../vocabulary.js";

/**
 * What /metrics exposes (docs/operations.md says what each means and which alerts to set).
 * Counters and histograms are this process's; the outbox and admin-request gauges are read from the
 * database at scrape time, so every instance reports the same shared numbers.
 */
export type Metrics = {
  registry: Registry;
  /** Every answered request, by route pattern (never the raw path: it may hold a secret), method and status. */
  httpRequests: Histogram<"method" | "route" | "status">;
  /** Wizard matches by outcome, and refusals by error code. */
  matches: Counter<"outcome">;
  /** Delivery attempts: sent, failed (will retry), dead, cancelled (its link died first). */
  mailDeliveries: Counter<"template" | "result">;
  /** Webhook delivery attempts: delivered, failed (will retry), dead. */
  webhookDeliveries: Counter<"result">;
};

export function createMetrics(source: { db: Kysely<Database>; clock: Clock }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "provisio_" });
  const registers = [registry];

  const outbox = {
    pending: gauge(
      "provisio_outbox_pending",
      "E-mails waiting to be sent (pending or being sent), due or not.",
    ),
    due: gauge("provisio_outbox_due", "E-mails due now and not yet sent."),
    oldest: gauge(
      "provisio_outbox_oldest_due_age_seconds",
      "How long the oldest due e-mail has waited; 0 when none.",
    ),
    retrying: gauge("provisio_outbox_retrying", "E-mails that failed at least once and will be retried."),
    dead: gauge("provisio_outbox_dead", "E-mails out of attempts: an operator must look (console, E-mails)."),
  };
  let scrape: Promise<void> | undefined;
  // One database read per scrape feeds every outbox gauge.
  const readOutbox = () => {
    scrape ??= outboxHealth(source.db, source.clock.now())
      .then((h) => {
        outbox.pending.set(h.pending);
        outbox.due.set(h.due);
        outbox.oldest.set(
          h.oldestDueAt ? Math.max(0, (source.clock.now().getTime() - h.oldestDueAt.getTime()) / 1000) : 0,
        );
        outbox.retrying.set(h.retrying);
        outbox.dead.set(h.dead);
      })
      .finally(() => {
        scrape = undefined;
      });
    return scrape;
  };

  const webhooks = {
    pending: webhookGauge(
      "provisio_webhook_queue_pending",
      "Webhook deliveries waiting (pending or in flight), due or not.",
    ),
    due: webhookGauge("provisio_webhook_queue_due", "Webhook deliveries due now and not yet delivered."),
    oldest: webhookGauge(
      "provisio_webhook_queue_oldest_due_age_seconds",
      "How long the oldest due webhook delivery has waited; 0 when none.",
    ),
    retrying: webhookGauge(
      "provisio_webhook_queue_retrying",
      "Webhook deliveries that failed at least once and will be retried.",
    ),
    dead: webhookGauge(
      "provisio_webhook_deliveries_dead",
      "Webhook deliveries out of attempts: redeliver them (console, Webhooks) or replay.",
    ),
  };
  let webhookScrape: Promise<void> | undefined;
  const readWebhooks = () => {
    webhookScrape ??= queueHealth(source.db, "webhook_deliveries", source.clock.now())
      .then((h) => {
        webhooks.pending.set(h.pending);
        webhooks.due.set(h.due);
        webhooks.oldest.set(
          h.oldestDueAt ? Math.max(0, (source.clock.now().getTime() - h.oldestDueAt.getTime()) / 1000) : 0,
        );
        webhooks.retrying.set(h.retrying);
        webhooks.dead.set(h.dead);
      })
      .finally(() => {
        webhookScrape = undefined;
      });
    return webhookScrape;
  };

  new Gauge({
    name: "provisio_admin_requests",
    help: "Administrator requests by status (pending ones by where they were sent).",
    labelNames: ["status", "routed_to"] as const,
    registers,
    async collect() {
      const rows = await source.db
        .selectFrom("admin_requests")
        .select(["status", "routed_to", (eb) => eb.fn.countAll<string>().as("n")])
        .groupBy(["status", "routed_to"])
        .execute();
      this.reset();
      for (const status of adminRequestStatus.options) {
        for (const routedTo of routedToOptions.options) this.set({ status, routed_to: routedTo }, 0);
      }
      for (const r of rows) this.set({ status: r.status, routed_to: r.routed_to }, Number(r.n));
    },
  });

  return {
    registry,
    httpRequests: new Histogram({
      name: "provisio_http_request_duration_seconds",
      help: "HTTP requests by route pattern, method and status, with their duration.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    matches: new Counter({
      name: "provisio_matches_total",
      help: "Wizard matches by outcome (existing_admin, existing_member, candidates, no_match) or refusal code.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    mailDeliveries: new Counter({
      name: "provisio_mail_deliveries_total",
      help: "E-mail delivery attempts by template and result (sent, failed, dead, cancelled).",
      labelNames: ["template", "result"] as const,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: "provisio_webhook_deliveries_total",
      help: "Webhook delivery attempts by result (delivered, failed, dead).",
      labelNames: ["result"] as const,
      registers,
    }),
  };

  function webhookGauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers, collect: () => readWebhooks() });
  }

  function gauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers, collect: () => readOutbox() });
  }
}

/** Times every request of `app`. */
export function timeRequests(app: FastifyInstance, metrics: Metrics): void {
  app.addHook("onResponse", async (request, reply) => {
    metrics.httpRequests.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}

/**
 * Serves the registry at /metrics (Prometheus text format). A scrape reads the database, so it is
 * not for everyone: with METRICS_TOKEN it needs that bearer token (401 otherwise), and with
 * METRICS_PORT it is served on that port only (src/app.ts), never on the public one.
 */
export function metricsRoutes(app: FastifyInstance, metrics: Metrics, tokenHash: string | undefined): void {
  app.get(
    "/metrics",
    {
      ...(tokenHash === undefined ? {} : { onRequest: requireApiToken([{ name: null, hash: tokenHash }]) }),
      schema: {
        tags: ["operations"],
        operationId: "getMetrics",
        summary: "Prometheus metrics (docs/operations.md)",
        produces: ["text/plain"],
      },
    },
    async (_request, reply) =>
      reply.header("content-type", metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
