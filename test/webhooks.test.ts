import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addOperator } from "../src/operators/add-operator.js";
import { orderWithLink, unique } from "./support/directory.js";
import { startDnsServer } from "./support/dns-server.js";
import { client, orderBody } from "./support/http.js";
import { authorization, startTestApp, type TestApp, testEngines } from "./support/test-app.js";
import { browser } from "./support/web.js";
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  verifyWebhook,
  type WebhookReceiver,
} from "./support/webhook-receiver.js";

const HOUR = 3_600_000;
const secretKey = "6w5Cq1mMZx0cbtL3cVt4oJb2PZCk7bJ0o4Vb1H6m2bQ=";

type Endpoint = { id: string; url: string; types: string[] | null; status: string; secret: string };

describe.each(testEngines())("webhooks on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    // The receiver is on 127.0.0.1: this app may post there. The guard has its own app below.
    app = await startTestApp(engine, {
      WEBHOOK_ALLOW_PRIVATE: "true",
      WEBHOOK_MAX_ATTEMPTS: "3",
      WEBHOOK_TIMEOUT_SECONDS: "1",
      SECRETS_KEY: secretKey,
    });
    api = client(app);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });
  afterEach(async () => {
    receiver.answer(() => 204);
    // Endpoints of one test do not receive the next one's events.
    for (const e of (await api.get("/api/v1/webhook-endpoints")).json().endpoints) await remove(e.id);
    receiver.received.length = 0;
  });

  const send = (method: "PATCH" | "DELETE", url: string, payload?: unknown) =>
    app.server.inject({
      method,
      url,
      headers: authorization,
      ...(payload ? { payload: payload as object } : {}),
    });
  const remove = (id: string) => send("DELETE", `/api/v1/webhook-endpoints/${id}`);
  async function register(body: Record<string, unknown> = {}): Promise<Endpoint> {
    const response = await api.post("/api/v1/webhook-endpoints", { url: `${receiver.base}/hooks`, ...body });
    expect(response.status, response.body).toBe(201);
    return response.json<Endpoint>();
  }
  const deliveries = async (endpoint: Endpoint) =>
    (await api.get(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`)).json().deliveries;
  const later = async (ms: number) => {
    app.clock.advance(ms);
    await app.background.runOnce();
  };
  /** Every hook received, verified with the standardwebhooks package against `secret`. */
  const verifiedPayloads = (secret: string, hooks: ReceivedWebhook[] = receiver.received) =>
    hooks.map((h) => verifyWebhook(h, secret));

  describe("endpoints", () => {
    it("registers an endpoint with a whsec_ secret shown once, lists, gets, changes and deletes it", async () => {
      const created = await api.post("/api/v1/webhook-endpoints", {
        url: `${receiver.base}/a`,
        types: ["order.provisioned", "order.closed", "order.provisioned"],
        description: "ERP",
      });
      expect(created.status, created.body).toBe(201);
      const endpoint = created.json();
      expect(endpoint).toEqual({
        id: expect.any(String),
        url: `${receiver.base}/a`,
        types: ["order.provisioned", "order.closed"],
        description: "ERP",
        status: "enabled",
        disabledReason: null,
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
        createdAt: app.clock.now().toISOString(),
        updatedAt: app.clock.now().toISOString(),
      });
      expect(Buffer.from(endpoint.secret.slice(6), "base64")).toHaveLength(32);
      const { secret, ...shown } = endpoint;
      expect((await api.get("/api/v1/webhook-endpoints")).json()).toEqual({ endpoints: [shown] });
      expect((await api.get(`/api/v1/webhook-endpoints/${endpoint.id}`)).json()).toEqual(shown);
      expect((await api.get("/api/v1/webhook-endpoints")).body).not.toContain(secret.slice(6));

      // At rest, the secret is sealed with SECRETS_KEY (AES-256-GCM).
      const stored = await sql<{
        secret: string;
      }>`select secret from webhook_endpoints where id = ${endpoint.id}`.execute(app.db.kysely);
      expect(stored.rows[0]!.secret).toMatch(/^enc:v1:/);
      expect(stored.rows[0]!.secret).not.toContain(secret.slice(6, 20));

      const patched = await send("PATCH", `/api/v1/webhook-endpoints/${endpoint.id}`, {
        types: null,
        description: null,
        status: "disabled",
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toMatchObject({
        types: null,
        description: null,
        status: "disabled",
        disabledReason: "disabled by api",
      });
      expect((await remove(endpoint.id)).statusCode).toBe(204);
      expect((await api.get(`/api/v1/webhook-endpoints/${endpoint.id}`)).code()).toBe("NOT_FOUND");
      expect((await remove(endpoint.id)).statusCode).toBe(404);
    });

    it("publishes every new route in /openapi.json with its operationId", async () => {
      const doc = (await api.get("/openapi.json", {})).json();
      const operations = Object.entries(
        doc.paths as Record<string, Record<string, { operationId?: string }>>,
      ).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => `${method} ${path} ${op.operationId}`),
      );
      expect(operations).toEqual(
        expect.arrayContaining([
          "get /api/v1/events listEvents",
          "get /api/v1/orders listOrders",
          "post /api/v1/webhook-endpoints createWebhookEndpoint",
          "get /api/v1/webhook-endpoints listWebhookEndpoints",
          "get /api/v1/webhook-endpoints/{id} getWebhookEndpoint",
          "patch /api/v1/webhook-endpoints/{id} updateWebhookEndpoint",
          "delete /api/v1/webhook-endpoints/{id} deleteWebhookEndpoint",
          "post /api/v1/webhook-endpoints/{id}/rotate-secret rotateWebhookSecret",
          "get /api/v1/webhook-endpoints/{id}/deliveries listWebhookDeliveries",
          "post /api/v1/webhook-endpoints/{id}/replay replayWebhookEvents",
        ]),
      );
      expect(doc.paths["/api/v1/events"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(["after", "limit", "types"]),
      );
    });

    it("refuses bad input with 400: unknown types, other schemes, credentials, text that is no URL", async () => {
      for (const [body, code] of [
        [{ url: `${receiver.base}/x`, types: ["order.shipped"] }, "VALIDATION_FAILED"],
        [{ url: `${receiver.base}/x`, types: [] }, "VALIDATION_FAILED"],
        [{ url: "not a url" }, "VALIDATION_FAILED"],
        [{ url: "ftp://hooks.example/x" }, "WEBHOOK_URL_NOT_ALLOWED"],
        [{ url: "javascript:alert(1)" }, "WEBHOOK_URL_NOT_ALLOWED"],
        [{ url: `http://user:pass@127.0.0.1:${receiver.port}/x` }, "WEBHOOK_URL_NOT_ALLOWED"],
        [{}, "VALIDATION_FAILED"],
      ] as const) {
        const response = await api.post("/api/v1/webhook-endpoints", body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.code(), JSON.stringify(body)).toBe(code);
      }
      expect((await api.get("/api/v1/webhook-endpoints")).json().endpoints).toEqual([]);
      expect((await api.get("/api/v1/webhook-endpoints", {})).code()).toBe("UNAUTHENTICATED");
    });
  });

  describe("delivery", () => {
    it("posts each event to each subscribed endpoint, signed as Standard Webhooks says", async () => {
      const all = await register();
      const provisioned = await register({ types: ["order.provisioned"] });
      const placed = (await api.post("/api/v1/orders", orderBody())).json();
      await app.background.runOnce();

      const event = (await api.get("/api/v1/events?types=order.placed&limit=1000")).json().events.at(-1);
      expect(event.data.orderId).toBe(placed.id);
      const toAll = receiver.received.filter((h) => h.id === event.id);
      expect(toAll).toHaveLength(1);
      const hook = toAll[0]!;
      expect(hook.contentType).toBe("application/json");
      expect(Math.abs(Number(hook.timestamp) - Date.now() / 1000)).toBeLessThan(60);
      expect(JSON.parse(hook.body)).toEqual({
        type: "order.placed",
        timestamp: event.occurredAt,
        data: { ...event.data, eventId: event.id },
      });
      expect(verifyWebhook(hook, all.secret)).toEqual(JSON.parse(hook.body));
      expect(() => verifyWebhook(hook, provisioned.secret)).toThrow(/No matching signature/);
      // The setup e-mail went out: invitation.sent, to the endpoint of all types only.
      expect(
        verifiedPayloads(all.secret)
          .map((p) => p.type)
          .sort(),
      ).toEqual(["invitation.sent", "order.placed"]);
      expect(await deliveries(provisioned)).toEqual([]);
      expect(await deliveries(all)).toEqual([
        expect.objectContaining({
          type: "invitation.sent",
          status: "delivered",
          attempts: 1,
          lastStatusCode: 204,
        }),
        {
          id: expect.any(String),
          eventId: event.id,
          type: "order.placed",
          status: "delivered",
          attempts: 1,
          lastStatusCode: 204,
          lastError: null,
          nextAttemptAt: null,
          deliveredAt: app.clock.now().toISOString(),
          createdAt: app.clock.now().toISOString(),
        },
      ]);
    });

    it("retries with back-off, keeping webhook-id and body; a 2xx ends it", async () => {
      const endpoint = await register({ types: ["order.placed"] });
      let answers = [500, 503];
      receiver.answer(() => answers.shift() ?? 200);
      await api.post("/api/v1/orders", orderBody());
      await app.background.runOnce();
      expect(receiver.received).toHaveLength(1);
      expect(await deliveries(endpoint)).toEqual([
        expect.objectContaining({
          status: "failing",
          attempts: 1,
          lastStatusCode: 500,
          lastError: "HTTP 500",
          nextAttemptAt: new Date(app.clock.now().getTime() + 5_000).toISOString(),
        }),
      ]);
      await later(4_000);
      expect(receiver.received).toHaveLength(1);
      await later(1_000);
      expect(receiver.received).toHaveLength(2);
      // Then 20 s (× 4 per attempt).
      await later(19_000);
      expect(receiver.received).toHaveLength(2);
      await later(1_000);
      expect(receiver.received.map((h) => h.answered)).toEqual([500, 503, 200]);
      expect(new Set(receiver.received.map((h) => h.id)).size).toBe(1);
      expect(new Set(receiver.received.map((h) => h.body)).size).toBe(1);
      expect(verifiedPayloads(endpoint.secret)).toHaveLength(3);
      expect(await deliveries(endpoint)).toEqual([
        expect.objectContaining({ status: "delivered", attempts: 3, lastError: null }),
      ]);
      answers = [];
    });

    it("timeouts, hang-ups and redirects are failures (redirects are not followed); out of attempts it is dead, and the console redelivers it", async () => {
      const endpoint = await register({ types: ["order.placed"] });
      const answers: Parameters<WebhookReceiver["answer"]>[0][] = [
        () => new Promise((resolve) => setTimeout(() => resolve(200), 1_500)),
        () => "hang up",
        () => ({ status: 302, headers: { location: `${receiver.base}/elsewhere` } }),
      ];
      receiver.answer((hook) => answers.shift()?.(hook) ?? 204);
      await api.post("/api/v1/orders", orderBody());
      await app.background.runOnce();
      await later(5_000);
      await later(20_000);
      expect(receiver.received.map((h) => h.path)).toEqual(["/hooks", "/hooks", "/hooks"]);
      const [dead] = await deliveries(endpoint);
      expect(dead).toMatchObject({ status: "dead", attempts: 3, lastStatusCode: 302, nextAttemptAt: null });
      expect(dead.lastError).toBe("HTTP 302");
      await later(10 * HOUR);
      expect(receiver.received).toHaveLength(3);

      const password = "webhooks operator password";
      const operator = await addOperator(app.deps, { email: `${unique("op")}@provisio.example`, password });
      const b = browser(app);
      await b.signIn(operator.email, password);
      const page = await b.get(`/console/webhooks/${endpoint.id}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain("HTTP 302");
      const redelivered = await b.post(`/console/webhooks/${endpoint.id}/deliveries/${dead.id}/redeliver`);
      expect(redelivered.status, redelivered.body).toBe(303);
      await app.background.runOnce();
      expect(receiver.received).toHaveLength(4);
      expect(receiver.received[3]!.id).toBe(receiver.received[0]!.id);
      expect(await deliveries(endpoint)).toEqual([
        expect.objectContaining({ status: "delivered", attempts: 1 }),
      ]);
      const again = await b.post(`/console/webhooks/${endpoint.id}/deliveries/${dead.id}/redeliver`);
      expect(again.status).toBe(409);
      const audit = await sql<{ actor: string; action: string }>`
        select actor, action from audit_events where subject_id = ${dead.id} and subject_type = 'webhook_delivery'`.execute(
        app.db.kysely,
      );
      expect(audit.rows).toEqual([
        { actor: `operator:${operator.id}`, action: "webhook_delivery.redelivered" },
      ]);
    });

    it("a 410 disables the endpoint; what waits is delivered once it is enabled again", async () => {
      const endpoint = await register({ types: ["order.placed"] });
      receiver.answer(() => 410);
      await api.post("/api/v1/orders", orderBody());
      await app.background.runOnce();
      expect((await api.get(`/api/v1/webhook-endpoints/${endpoint.id}`)).json()).toMatchObject({
        status: "disabled",
        disabledReason: "the receiver answered 410 Gone",
      });
      receiver.answer(() => 204);
      await api.post("/api/v1/orders", orderBody());
      await later(HOUR);
      expect(receiver.received).toHaveLength(1);
      // While it is disabled, new events are not queued for it; the one that failed waits.
      expect((await deliveries(endpoint)).map((d: { status: string }) => d.status)).toEqual(["failing"]);
      expect(
        (await send("PATCH", `/api/v1/webhook-endpoints/${endpoint.id}`, { status: "enabled" })).statusCode,
      ).toBe(200);
      await app.background.runOnce();
      expect(receiver.received.map((h) => h.answered)).toEqual([410, 204]);
      expect(verifiedPayloads(endpoint.secret)).toHaveLength(2);
    });

    it("rotation: both secrets sign for 24 hours, then only the new one", async () => {
      const endpoint = await register({ types: ["order.placed"] });
      const rotated = await api.post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`);
      expect(rotated.status).toBe(200);
      const { secret } = rotated.json();
      expect(secret).toMatch(/^whsec_/);
      expect(secret).not.toBe(endpoint.secret);
      await api.post("/api/v1/orders", orderBody());
      await app.background.runOnce();
      const [during] = receiver.received;
      expect(during!.signature.split(" ")).toHaveLength(2);
      expect(verifyWebhook(during!, secret).type).toBe("order.placed");
      expect(verifyWebhook(during!, endpoint.secret).type).toBe("order.placed");

      app.clock.advance(24 * HOUR + 1000);
      await api.post("/api/v1/orders", orderBody());
      await app.background.runOnce();
      const after = receiver.received[1]!;
      expect(after.signature.split(" ")).toHaveLength(1);
      expect(verifyWebhook(after, secret).type).toBe("order.placed");
      expect(() => verifyWebhook(after, endpoint.secret)).toThrow(/No matching signature/);
    });

    it("replay delivers the endpoint's events after an id again, with the same webhook-id", async () => {
      const endpoint = await register({ types: ["order.placed", "order.cancelled"] });
      const before = (await api.get("/api/v1/events?limit=1000")).json();
      const last = before.events.at(-1)?.id ?? before.next;
      const orders = [];
      for (let i = 0; i < 3; i++) orders.push((await api.post("/api/v1/orders", orderBody())).json());
      await api.post(`/api/v1/orders/${orders[0].id}/cancel`);
      await app.background.runOnce();
      // In the feed's order (deliveries run in parallel, so they may arrive in another).
      const feed = (await api.get(`/api/v1/events?after=${last}&types=order.placed,order.cancelled`)).json();
      const ids: string[] = feed.events.map((e: { id: string }) => e.id);
      expect(ids).toHaveLength(4);
      expect(receiver.received.map((h) => h.id).sort()).toEqual([...ids].sort());

      const replay = await api.post(`/api/v1/webhook-endpoints/${endpoint.id}/replay`, { after: ids[1] });
      expect(replay.status, replay.body).toBe(202);
      expect(replay.json()).toEqual({ queued: 2 });
      await app.background.runOnce();
      expect(
        receiver.received
          .slice(4)
          .map((h) => h.id)
          .sort(),
      ).toEqual([ids[2], ids[3]].sort());
      expect(verifiedPayloads(endpoint.secret)).toHaveLength(6);
      const all = await api.post(`/api/v1/webhook-endpoints/${endpoint.id}/replay`, { after: last });
      expect(all.json()).toEqual({ queued: 4 });
      for (const body of [{ after: "x" }, { after: "999999999999" }, {}]) {
        const response = await api.post(`/api/v1/webhook-endpoints/${endpoint.id}/replay`, body);
        expect(response.status).toBe(400);
        expect(response.code()).toBe("VALIDATION_FAILED");
      }
      expect((await api.post("/api/v1/webhook-endpoints/999999/replay", { after: ids[0] })).code()).toBe(
        "NOT_FOUND",
      );
    });

    it("counts deliveries by result and shows the queue in /metrics", async () => {
      await register({ types: ["order.placed"] });
      receiver.answer(() => 500);
      await api.post("/api/v1/orders", orderBody());
      await app.background.runOnce();
      const metrics = (await app.server.inject({ method: "GET", url: "/metrics" })).body;
      expect(metrics).toMatch(/provisio_webhook_deliveries_total\{result="failed"\} [1-9]/);
      expect(metrics).toMatch(/provisio_webhook_deliveries_total\{result="delivered"\} [1-9]/);
      expect(metrics).toMatch(/provisio_webhook_queue_pending 1\b/);
      expect(metrics).toMatch(/provisio_webhook_queue_due 0\b/);
      app.clock.advance(65_000);
      const later = (await app.server.inject({ method: "GET", url: "/metrics" })).body;
      expect(later).toMatch(/provisio_webhook_queue_oldest_due_age_seconds 60\b/);
    });
  });
});

describe.each(testEngines())("the SSRF guard on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    app = await startTestApp(engine);
    api = client(app);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  it.each([
    "http://127.0.0.1/hooks",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:0:7f00:1]/",
    "http://[64:ff9b::127.0.0.1]/",
    "http://[2002:7f00:1::]/",
    "http://[::127.0.0.1]/",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "http://0.0.0.0/",
    "http://0/",
    "http://[::]/",
    "http://255.255.255.255/",
    "http://192.0.2.1/",
    "http://[2001:db8::1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "https://no-such-host.invalid/",
  ])("refuses %s with 400 WEBHOOK_URL_NOT_ALLOWED", async (url) => {
    for (const request of [
      () => api.post("/api/v1/webhook-endpoints", { url }),
      () =>
        api.post("/api/v1/webhook-endpoints", { url: "http://93.184.216.34/h" }).then(async (ok) => {
          expect(ok.status).toBe(201);
          return app.server
            .inject({
              method: "PATCH",
              url: `/api/v1/webhook-endpoints/${ok.json().id}`,
              headers: authorization,
              payload: { url },
            })
            .then((r) => ({ status: r.statusCode, code: () => r.json().error?.code, body: r.body }));
        }),
    ]) {
      const response = await request();
      expect(response.status, response.body).toBe(400);
      expect(response.code()).toBe("WEBHOOK_URL_NOT_ALLOWED");
    }
  });

  it("accepts public addresses (and their IPv6 forms)", async () => {
    for (const url of [
      "http://93.184.216.34/hooks",
      "https://[2606:4700:4700::1111]/hooks",
      "http://[::ffff:93.184.216.34]/",
      "http://[64:ff9b::5db8:d822]/",
    ]) {
      const response = await api.post("/api/v1/webhook-endpoints", { url });
      expect(response.status, `${url}: ${response.body}`).toBe(201);
    }
  });

  it("checks again at every delivery: an endpoint that points at a private address gets nothing", async () => {
    // Registered through an instance that allows private addresses, on the same database.
    const lax = await startTestApp(
      engine,
      { WEBHOOK_ALLOW_PRIVATE: "true" },
      { db: app.db, clock: app.clock },
    );
    try {
      const created = await client(lax).post("/api/v1/webhook-endpoints", {
        url: `${receiver.base}/hooks`,
        types: ["order.placed"],
      });
      expect(created.status).toBe(201);
      await api.post("/api/v1/orders", orderBody());
      await app.background.runOnce();
      expect(receiver.received).toEqual([]);
      const [delivery] = (await api.get(`/api/v1/webhook-endpoints/${created.json().id}/deliveries`)).json()
        .deliveries;
      expect(delivery).toMatchObject({ status: "failing", attempts: 1, lastStatusCode: null });
      expect(delivery.lastError).toMatch(/^WEBHOOK_URL_NOT_ALLOWED: .*loopback/);
    } finally {
      await lax.stop();
    }
  });
});

describe.each(testEngines())("DNS rebinding on %s", (engine) => {
  it("a name that resolves to a private address by delivery time gets nothing, and the connection goes where the check said", async () => {
    const dns = await startDnsServer();
    const receiver = await startWebhookReceiver();
    const app = await startTestApp(
      engine,
      { WEBHOOK_TIMEOUT_SECONDS: "1" },
      { resolveHost: dns.resolveHost },
    );
    try {
      const name = "hooks.rebind.test";
      dns.set(name, ["93.184.216.34"]);
      const created = await client(app).post("/api/v1/webhook-endpoints", {
        url: `http://${name}:${receiver.port}/hooks`,
        types: ["order.placed"],
      });
      expect(created.status, created.body).toBe(201);
      expect(dns.queries).toEqual([name]);

      // By delivery time the attacker's name server answers 127.0.0.1: refused, nothing posted.
      dns.set(name, ["127.0.0.1"]);
      await client(app).post("/api/v1/orders", orderBody());
      await app.background.runOnce();
      const endpoint = created.json().id;
      const [refused] = (await client(app).get(`/api/v1/webhook-endpoints/${endpoint}/deliveries`)).json()
        .deliveries;
      expect(refused.lastError).toMatch(/^WEBHOOK_URL_NOT_ALLOWED: .*resolves to 127\.0\.0\.1.*loopback/);

      // Public when checked: the request goes to that address (unreachable here), never to a
      // second answer; the delivery made exactly one query.
      dns.set(name, ["93.184.216.34"]);
      const before = dns.queries.length;
      app.clock.advance(5_000);
      await app.background.runOnce();
      expect(dns.queries.length - before).toBe(1);
      const [failed] = (await client(app).get(`/api/v1/webhook-endpoints/${endpoint}/deliveries`)).json()
        .deliveries;
      expect(failed).toMatchObject({ attempts: 2, status: "failing", lastStatusCode: null });
      expect(failed.lastError).not.toMatch(/WEBHOOK_URL_NOT_ALLOWED/);
      expect(receiver.received).toEqual([]);
    } finally {
      await app.close();
      await receiver.close();
      await dns.close();
    }
  });
});

describe.each(testEngines())("webhooks without SECRETS_KEY on %s", (engine) => {
  it("stores the secret as it is, and still signs with it", async () => {
    const app = await startTestApp(engine, { WEBHOOK_ALLOW_PRIVATE: "true" });
    const receiver = await startWebhookReceiver();
    try {
      const created = await client(app).post("/api/v1/webhook-endpoints", { url: receiver.base });
      const { id, secret } = created.json();
      const stored = await sql<{
        secret: string;
      }>`select secret from webhook_endpoints where id = ${id}`.execute(app.db.kysely);
      expect(stored.rows[0]!.secret).toBe(secret);
      await orderWithLink(app);
      expect(receiver.received.map((h) => verifyWebhook(h, secret).type).sort()).toEqual([
        "invitation.sent",
        "order.placed",
      ]);
    } finally {
      await app.close();
      await receiver.close();
    }
  });
});
