import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvent } from "../src/events/events.repository.js";
import { createQueueWorker, type QueueWorker } from "../src/queue/queue-worker.js";
import {
  createWebhookSender,
  minimumRoom,
  perEndpointConcurrency,
  webhookConcurrency,
  webhookSocketsPerEndpoint,
} from "../src/webhooks/deliver-webhooks.js";
import { createWebhookAgents } from "../src/webhooks/post-webhook.js";
import { client } from "./support/http.js";
import { startTestApp, type TestApp, testEngines } from "./support/test-app.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";

const events = 60;

/**
 * The per-endpoint limit of the delivery worker (src/webhooks/deliver-webhooks.ts), with the worker
 * running as `provisio serve` runs it: a receiver that does not answer holds at most its share of the
 * slots, the other endpoint's deliveries go past it, and while only the stuck endpoint's rows are left
 * the worker claims once per `minimumRoom` freed slots, not after every delivery.
 */
describe.each(testEngines())("the per-endpoint limit on %s", (engine) => {
  let app: TestApp;
  let slow: WebhookReceiver;
  let fast: WebhookReceiver;
  let worker: QueueWorker;
  let claims = 0;
  const held: (() => void)[] = [];
  const agents = createWebhookAgents(webhookSocketsPerEndpoint);
  let slowId: string;

  beforeAll(async () => {
    app = await startTestApp(engine, { WEBHOOK_ALLOW_PRIVATE: "true", WEBHOOK_TIMEOUT_SECONDS: "60" });
    slow = await startWebhookReceiver();
    fast = await startWebhookReceiver();
    slow.answer(() => new Promise((resolve) => held.push(() => resolve(204))));
    const api = client(app);
    for (const receiver of [slow, fast]) {
      const response = await api.post("/api/v1/webhook-endpoints", { url: `${receiver.base}/hooks` });
      expect(response.status).toBe(201);
      if (receiver === slow) slowId = response.json().id;
    }
    await app.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < events; i++)
        await recordEvent(trx, {
          type: "order.closed",
          data: { orderId: String(i), orderNumber: `LIMIT-${i}`, cancelledAdminRequestIds: [] },
          occurredAt: app.clock.now(),
        });
    });
    const sender = createWebhookSender({
      ...app.deps,
      logger: app.logger,
      agents,
      resolve: app.deps.resolveHost,
    });
    const claim = sender.claim;
    sender.claim = (limit) => {
      claims++;
      return claim(limit);
    };
    worker = createQueueWorker({ name: "webhooks", concurrency: webhookConcurrency, ...sender }, app.logger);
  });
  afterAll(async () => {
    for (const release of held.splice(0)) release();
    await worker.stop();
    agents.close();
    await app.close();
    await slow.close();
    await fast.close();
  });

  const until = async (what: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await what())) {
      if (Date.now() > deadline) throw new Error("timed out");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const slowInFlight = async () =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from webhook_deliveries
          where endpoint_id = ${slowId} and status = 'sending'`.execute(app.db.kysely)
      ).rows[0]!.n,
    );

  it("a receiver that does not answer holds its share; the other endpoint gets everything", async () => {
    worker.start();
    await until(() => fast.accepted().length === events);
    await until(() => held.length === webhookSocketsPerEndpoint);
    expect(new Set(fast.accepted().map((h) => h.id)).size).toBe(events);
    // Claimed (leased) by this worker: at most its limit (topped up by a quarter of it at least), the
    // rest waits in the queue.
    expect(await slowInFlight()).toBeLessThanOrEqual(perEndpointConcurrency);
    expect(await slowInFlight()).toBeGreaterThan(perEndpointConcurrency - minimumRoom);
    expect(slow.received).toHaveLength(webhookSocketsPerEndpoint);
  });

  it("while only its rows are left, a claim is made once per quarter of its limit freed", async () => {
    const before = claims;
    const freed = perEndpointConcurrency / 2;
    for (let i = 0; i < freed; i++) {
      const accepted = slow.accepted().length;
      held.shift()!();
      await until(() => slow.accepted().length === accepted + 1);
      // The next request reaches the receiver before the next answer.
      await until(() => held.length === webhookSocketsPerEndpoint);
      expect(await slowInFlight()).toBeLessThanOrEqual(perEndpointConcurrency);
    }
    // At most one claim per quarter freed, and one more for the slots freed before this test.
    expect(claims - before).toBeLessThanOrEqual(freed / minimumRoom + 1);
    expect(claims - before).toBeGreaterThanOrEqual(1);
  });

  it("everything is delivered once, and the stuck endpoint never had more than its limit", async () => {
    slow.answer(() => 204);
    for (const release of held.splice(0)) release();
    await until(() => slow.accepted().length === events);
    expect(new Set(slow.accepted().map((h) => h.id)).size).toBe(events);
    expect(fast.received).toHaveLength(events);
    await worker.stop();
    const statuses = await sql<{ status: string; n: string }>`
      select status, count(*) as n from webhook_deliveries group by status`.execute(app.db.kysely);
    expect(statuses.rows).toEqual([{ status: "delivered", n: String(2 * events) }]);
  });
});
