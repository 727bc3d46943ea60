import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/database.js";
import { webhookLeaseMs } from "../../src/webhooks/deliver-webhooks.js";
import { orderBody } from "../support/http.js";
import { startTestApp } from "../support/test-app.js";
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from "../support/webhook-receiver.js";
import {
  callApi,
  freePort,
  type ProvisioProcess,
  readiness,
  sleep,
  startProvisio,
  waitUntil,
} from "./support/provisio-process.js";
import { startThrowawayCluster, type ThrowawayCluster } from "./support/throwaway-cluster.js";

const leaseMs = webhookLeaseMs({ webhookTimeoutSeconds: 10 });

let cluster: ThrowawayCluster;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
});

afterAll(async () => {
  await cluster?.destroy();
});

/** A database of its own for each scenario, on the throwaway cluster. */
async function database(name: string) {
  const url = await cluster.createDatabase(name);
  const db = new pg.Pool({ connectionString: url, max: 2 });
  db.on("error", () => {});
  return {
    url,
    query: async <R extends pg.QueryResultRow>(text: string, params: unknown[] = []) =>
      (await db.query<R>(text, params)).rows,
    end: () => db.end(),
  };
}

/** Registers an endpoint through the API of `base`; answers its id and secret. */
async function register(base: string, url: string, types?: string[]) {
  const created = await callApi(base, "POST", "/api/v1/webhook-endpoints", {
    url,
    ...(types ? { types } : {}),
  });
  expect(created.status, created.body).toBe(201);
  return created.json<{ id: string; secret: string }>();
}

/** Accepted hooks per webhook-id. */
function acceptedPerId(receiver: WebhookReceiver, path?: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const h of receiver.accepted().filter((h) => path === undefined || h.path === path))
    counts.set(h.id, (counts.get(h.id) ?? 0) + 1);
  return counts;
}

describe("a receiver down for minutes", () => {
  it("gets each event once after it comes back, on a fake clock", async () => {
    const { url, query, end } = await database("receiver_down");
    const db = await openDatabase({ url, poolSize: 3 });
    const clock = fixedClock(new Date());
    const app = await startTestApp("postgres", { WEBHOOK_ALLOW_PRIVATE: "true" }, { db, clock });
    const port = await freePort(); // nothing listens there yet: connections are refused
    let receiver: WebhookReceiver | undefined;
    try {
      const endpoint = await app.server.inject({
        method: "POST",
        url: "/api/v1/webhook-endpoints",
        headers: { authorization: "Bearer test-api-token-0123456789abcdef" },
        payload: { url: `http://127.0.0.1:${port}/hooks`, types: ["order.placed"] },
      });
      const { secret } = endpoint.json();
      for (let i = 0; i < 3; i++) {
        await app.server.inject({
          method: "POST",
          url: "/api/v1/orders",
          headers: { authorization: "Bearer test-api-token-0123456789abcdef" },
          payload: orderBody(),
        });
      }
      // Four minutes of attempts: at 0 s, 5 s, 25 s, 105 s (back-off 5 s × 4^n).
      for (let s = 0; s <= 240; s += 5) {
        await app.background.runOnce();
        clock.advance(5_000);
      }
      const failing = await query<{ status: string; attempts: number; last_error: string }>(
        "select status, attempts, last_error from webhook_deliveries",
      );
      expect(failing).toHaveLength(3);
      for (const d of failing) {
        expect(d).toMatchObject({ status: "pending", attempts: 4 });
        expect(d.last_error).toMatch(/ECONNREFUSED/);
      }

      receiver = await startWebhookReceiver(port);
      // The next attempt is 320 s after the fourth: nothing before it, then each event once.
      await app.background.runOnce();
      expect(receiver.received).toEqual([]);
      for (let s = 0; s <= 400; s += 20) {
        clock.advance(20_000);
        await app.background.runOnce();
      }
      const perId = acceptedPerId(receiver);
      expect([...perId.values()]).toEqual([1, 1, 1]);
      expect(receiver.received).toHaveLength(3);
      for (const hook of receiver.received) expect(verifyWebhook(hook, secret).type).toBe("order.placed");
      expect(await query("select status, attempts from webhook_deliveries")).toEqual([
        { status: "delivered", attempts: 5 },
        { status: "delivered", attempts: 5 },
        { status: "delivered", attempts: 5 },
      ]);
    } finally {
      await app.close();
      await db.close();
      await receiver?.close();
      await end();
    }
  }, 120_000);
});

describe("the process killed with SIGKILL in the middle of a delivery", () => {
  it("the delivery is posted again after the lease, and accepted once", async () => {
    const { url, query, end } = await database("sigkill_delivery");
    const receiver = await startWebhookReceiver();
    let provisio: ProvisioProcess | undefined;
    try {
      provisio = await startProvisio({ DATABASE_URL: url, WEBHOOK_ALLOW_PRIVATE: "true" });
      const { secret } = await register(provisio.base, `${receiver.base}/hooks`, ["order.placed"]);
      let release: (() => void) | undefined;
      receiver.answer(() => new Promise((resolve) => (release = () => resolve(204))));
      const placed = await callApi(provisio.base, "POST", "/api/v1/orders", orderBody());
      expect(placed.status).toBe(201);
      await waitUntil("the delivery to reach the receiver", () => receiver.received.length === 1);
      expect(await provisio.kill("SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
      release?.();
      await waitUntil("the held request to end", () => receiver.received[0]!.answered === "hung up");
      const [claimed] = await query<{ status: string; attempts: number; due_at: Date }>(
        "select status, attempts, due_at from webhook_deliveries",
      );
      expect(claimed).toMatchObject({ status: "sending", attempts: 1 });
      receiver.answer(() => 204);

      // Another instance leaves it alone while the lease lasts, then posts it.
      const db = await openDatabase({ url, poolSize: 2 });
      const clock = fixedClock(new Date(claimed!.due_at.getTime() - 1000));
      const survivor = await startTestApp("postgres", { WEBHOOK_ALLOW_PRIVATE: "true" }, { db, clock });
      try {
        await survivor.background.runOnce();
        expect(receiver.received).toHaveLength(1);
        clock.set(new Date(claimed!.due_at.getTime() + 1000));
        await survivor.background.runOnce();
        clock.set(new Date(claimed!.due_at.getTime() + leaseMs * 2));
        await survivor.background.runOnce();
      } finally {
        await survivor.close();
        await db.close();
      }
      expect(await query("select status, attempts from webhook_deliveries")).toEqual([
        { status: "delivered", attempts: 2 },
      ]);
      expect(receiver.received.map((h) => h.answered)).toEqual(["hung up", 204]);
      expect(receiver.received[1]!.id).toBe(receiver.received[0]!.id);
      expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
      expect(verifyWebhook(receiver.received[1]!, secret).type).toBe("order.placed");
    } finally {
      await provisio?.kill("SIGKILL");
      await receiver.close();
      await end();
    }
  }, 120_000);
});

describe("PostgreSQL restarted under traffic", () => {
  it("loses no event: the feed has each order's event once, and the receiver accepted each once", async () => {
    const { url, query, end } = await database("restart_events");
    const receiver = await startWebhookReceiver();
    let provisio: ProvisioProcess | undefined;
    try {
      provisio = await startProvisio({ DATABASE_URL: url, WEBHOOK_ALLOW_PRIVATE: "true" });
      const base = provisio.base;
      const { secret } = await register(base, `${receiver.base}/hooks`, ["order.placed"]);
      const accepted: string[] = [];
      let running = true;
      const orderingClient = async () => {
        while (running) {
          const body = orderBody();
          const deadline = Date.now() + 45_000;
          while (Date.now() < deadline) {
            const answer = await callApi(base, "POST", "/api/v1/orders", body).catch(() => undefined);
            if (answer?.status === 200 || answer?.status === 201) {
              accepted.push(String(body.orderNumber));
              break;
            }
            await sleep(100);
          }
        }
      };
      const clients = [orderingClient(), orderingClient(), orderingClient()];
      try {
        await waitUntil("orders before the restart", () => accepted.length >= 20);
        await cluster.stop();
        await waitUntil("/readyz to answer 503", async () => (await readiness(base)) === 503);
        await sleep(1000);
        await cluster.start();
        await waitUntil("/readyz to answer 200 again", async () => (await readiness(base)) === 200);
        const before = accepted.length;
        await waitUntil("orders after the restart", () => accepted.length >= before + 20, 30_000);
      } finally {
        running = false;
        await Promise.all(clients);
      }
      expect(provisio.child.exitCode, provisio.output()).toBeNull();

      // The feed, read as a client reads it: each accepted order's order.placed once.
      await waitUntil(
        "every delivery delivered",
        async () =>
          (await query("select 1 from webhook_deliveries where status <> 'delivered' limit 1")).length ===
            0 &&
          (await query<{ n: string }>("select count(*)::text as n from webhook_deliveries"))[0]!.n ===
            String(accepted.length),
        60_000,
      );
      const seen: { id: string; data: { orderNumber: string } }[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await callApi(
          base,
          "GET",
          `/api/v1/events?types=order.placed&limit=50${after ? `&after=${after}` : ""}`,
        );
        expect(page.status, page.body).toBe(200);
        const body = page.json<{ events: typeof seen; next: string | null }>();
        if (body.events.length === 0) break;
        seen.push(...body.events);
        after = body.next;
      }
      expect(seen.map((e) => e.data.orderNumber).sort()).toEqual([...accepted].sort());
      const perId = acceptedPerId(receiver);
      expect([...perId.keys()].sort()).toEqual(seen.map((e) => e.id).sort());
      expect([...perId.values()].filter((n) => n !== 1)).toEqual([]);
      for (const hook of receiver.accepted()) expect(verifyWebhook(hook, secret).type).toBe("order.placed");
    } finally {
      await provisio?.kill("SIGKILL");
      await receiver.close();
      await end();
    }
  }, 180_000);
});

describe("two instances on one database", () => {
  it("deliver each (event, endpoint) once between them, counted at the receiver", async () => {
    const { url, query, end } = await database("two_instances");
    const receiver = await startWebhookReceiver();
    const instances: ProvisioProcess[] = [];
    try {
      for (let i = 0; i < 2; i++)
        instances.push(await startProvisio({ DATABASE_URL: url, WEBHOOK_ALLOW_PRIVATE: "true" }));
      const endpoints = [
        await register(instances[0]!.base, `${receiver.base}/a`),
        await register(instances[1]!.base, `${receiver.base}/b`, ["order.placed"]),
      ];
      const orders = 60;
      await Promise.all(
        Array.from({ length: orders }, async (_, i) => {
          const placed = await callApi(instances[i % 2]!.base, "POST", "/api/v1/orders", orderBody());
          expect(placed.status).toBe(201);
        }),
      );
      await waitUntil(
        "every delivery delivered",
        async () =>
          (await query("select 1 from webhook_deliveries where status <> 'delivered' limit 1")).length ===
            0 &&
          (await query<{ n: string }>("select count(*)::text as n from webhook_deliveries"))[0]!.n ===
            String(orders * 3),
        60_000,
      );
      // /a gets order.placed and invitation.sent, /b order.placed only; each once.
      const a = acceptedPerId(receiver, "/a");
      const b = acceptedPerId(receiver, "/b");
      expect(a.size).toBe(orders * 2);
      expect(b.size).toBe(orders);
      expect([...a.values(), ...b.values()].every((n) => n === 1)).toBe(true);
      expect(receiver.received).toHaveLength(orders * 3);
      for (const hook of receiver.received)
        verifyWebhook(hook, endpoints[hook.path === "/a" ? 0 : 1]!.secret);
      expect(instances.map((p) => p.output()).join("")).not.toMatch(/"level":50/);
    } finally {
      for (const p of instances) await p.kill("SIGTERM");
      await receiver.close();
      await end();
    }
  }, 180_000);
});
