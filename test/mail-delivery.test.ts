import { spawn } from "node:child_process";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../src/clock.js";
import { openDatabase } from "../src/db/database.js";
import { leaseMs } from "../src/mail/deliver-mail.js";
import { claimDueMessages, retryDeadMessage } from "../src/mail/outbox.repository.js";
import { unique } from "./support/directory.js";
import { client, placeOrder, tokenOf } from "./support/http.js";
import { type SmtpReceiver, startSmtpReceiver } from "./support/smtp-receiver.js";
import { startTestApp, type TestApp, testEngines } from "./support/test-app.js";

const DAY = 86_400_000;

/** The e-mails an order caused, as the SMTP server received them. */
function received(receiver: SmtpReceiver, to: string) {
  return receiver.messages.filter((m) => m.toAddress === to);
}

describe.each(testEngines())("e-mail delivery through a real SMTP server on %s", (engine) => {
  let receiver: SmtpReceiver;
  let app: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    receiver = await startSmtpReceiver();
    app = await startTestApp(engine, {
      SMTP_URL: receiver.url,
      MAIL_FROM: "Provisio <noreply@provisio.test>",
      MAIL_RETRY_SECONDS: "30",
      MAIL_MAX_ATTEMPTS: "4",
    });
    api = client(app);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  const rows = async <T>(query: string) => (await sql.raw<T>(query).execute(app.db.kysely)).rows;
  const contact = () => `${unique("c")}@smtp.example`;
  const at = (ms: number) => app.clock.set(new Date(Date.parse("2026-11-24T09:00:00Z") + ms));
  afterEach(async () => {
    at(0);
    receiver.hold(false);
    await receiver.start(); // back up if a test stopped it
  });

  it("delivers the setup e-mail once, in the order's language, with a link that opens the wizard", async () => {
    const to = contact();
    const order = await placeOrder(app, { locale: "it", provisioningContact: { email: to, name: "Anna" } });
    await app.background.runOnce();
    await app.background.runOnce();
    const [mail, ...more] = received(receiver, to);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(`Configura il tuo nuovo abbonamento (ordine ${order.orderNumber})`);
    expect(mail!.from?.value).toEqual([{ name: "Provisio", address: "noreply@provisio.test" }]);
    expect(mail!.messageId).toMatch(/^<outbox-\d+@provisio\.test>$/);
    expect(mail!.text).toContain("Gentile Anna,");
    expect(mail!.text).toContain("MEETINGS-ENT\u00a0×\u00a0250");
    const link = /http:\/\/provisio\.test\/setup\/[A-Za-z0-9_-]{43}/.exec(mail!.text ?? "")![0];
    expect(mail!.html).toContain(`href="${link}"`);
    const state = await api.get(`/api/v1/setup/${tokenOf(link)}`, {});
    expect(state.status).toBe(200);
    expect(state.json().order.orderNumber).toBe(order.orderNumber);
  });

  it("sends nothing for a scheduled order until its start date", async () => {
    const to = contact();
    await placeOrder(app, { requestedStartDate: "2026-12-01", provisioningContact: { email: to } });
    for (const ms of [0, DAY, 6 * DAY + 14 * 3_600_000]) {
      at(ms);
      await app.background.runOnce();
      expect(received(receiver, to)).toEqual([]);
    }
    at(7 * DAY - 9 * 3_600_000); // 2026-12-01T00:00Z
    await app.background.runOnce();
    expect(received(receiver, to)).toHaveLength(1);
  });

  it("a resend mails a new link and the old one answers INVITATION_REVOKED", async () => {
    const first = contact();
    const second = contact();
    const order = await placeOrder(app, { provisioningContact: { email: first } });
    await app.background.runOnce();
    await api.post(`/api/v1/orders/${order.id}/invitation/resend`, { contactEmail: second });
    await app.background.runOnce();
    const oldLink = /\/setup\/([A-Za-z0-9_-]{43})/.exec(received(receiver, first)[0]!.text!)![1]!;
    const newLink = /\/setup\/([A-Za-z0-9_-]{43})/.exec(received(receiver, second)[0]!.text!)![1]!;
    expect((await api.get(`/api/v1/setup/${oldLink}`, {})).code()).toBe("INVITATION_REVOKED");
    expect((await api.get(`/api/v1/setup/${newLink}`, {})).status).toBe(200);
  });

  it("expiry closes the order and the contact is told", async () => {
    const to = contact();
    const order = await placeOrder(app, { provisioningContact: { email: to } });
    await app.background.runOnce();
    at(30 * DAY);
    await app.background.runOnce();
    const subjects = received(receiver, to).map((m) => m.subject);
    expect(subjects).toEqual([
      `Set up your new subscription (order ${order.orderNumber})`,
      `The setup link has expired (order ${order.orderNumber})`,
    ]);
    expect((await api.get(`/api/v1/orders/${order.id}`)).json().status).toBe("closed");
  });

  it("retries with back-off while the server refuses connections, then delivers exactly once", async () => {
    const to = contact();
    const order = await placeOrder(app, { provisioningContact: { email: to } });
    await receiver.stop();
    const outbox = () =>
      rows<{ status: string; attempts: number; due_at: Date; last_error: string | null }>(
        `select status, attempts, due_at, last_error from outbox_messages where order_id = ${order.id}`,
      );
    await app.background.runOnce();
    expect(await outbox()).toEqual([
      {
        status: "pending",
        attempts: 1,
        due_at: new Date("2026-11-24T09:00:30Z"),
        last_error: expect.stringMatching(/^E[A-Z]+: /),
      },
    ]);
    await app.background.runOnce(); // not due yet: no attempt
    expect((await outbox())[0]!.attempts).toBe(1);
    at(30_000);
    await app.background.runOnce();
    expect(await outbox()).toMatchObject([
      { status: "pending", attempts: 2, due_at: new Date("2026-11-24T09:01:30Z") },
    ]);
    await receiver.start();
    at(90_000);
    await app.background.runOnce();
    at(10 * 60_000);
    await app.background.runOnce();
    expect(await outbox()).toMatchObject([{ status: "sent", attempts: 3, last_error: null }]);
    expect(received(receiver, to)).toHaveLength(1);
  });

  it("a message that keeps failing is dead after MAIL_MAX_ATTEMPTS; a retry delivers it once", async () => {
    const to = contact();
    const order = await placeOrder(app, { provisioningContact: { email: to } });
    await receiver.stop();
    for (const ms of [0, 30_000, 90_000, 210_000]) {
      at(ms);
      await app.background.runOnce();
    }
    const [dead] = await rows<{ id: string; status: string; attempts: number }>(
      `select id, status, attempts from outbox_messages where order_id = ${order.id}`,
    );
    expect(dead).toMatchObject({ status: "dead", attempts: 4 });
    at(DAY);
    await app.background.runOnce();
    expect(
      (await rows<{ status: string }>(`select status from outbox_messages where id = ${dead!.id}`))[0]!
        .status,
    ).toBe("dead");
    await receiver.start();
    expect(await retryDeadMessage(app.db.kysely, dead!.id, app.clock.now())).toBe(true);
    await app.background.runOnce();
    await app.background.runOnce();
    expect(received(receiver, to)).toHaveLength(1);
  });

  it("a claim takes due rows oldest first, and leaves those not yet due untouched", async () => {
    await app.background.runOnce();
    const orders = [];
    for (let i = 0; i < 3; i++)
      orders.push(await placeOrder(app, { provisioningContact: { email: contact() } }));
    const [first, later, second] = orders.map((o) => o.id);
    const now = app.clock.now().getTime();
    const due = (id: string, ms: number) =>
      rows(
        `update outbox_messages set due_at = '${new Date(now + ms).toISOString()}' where order_id = ${id}`,
      );
    await due(first!, -2000);
    await due(later!, 60_000);
    await due(second!, -1000);
    // The first three in due order hold one not yet due: only the two due ones are claimed.
    const claimed = await claimDueMessages(app.db.kysely, { now: app.clock.now(), leaseMs, limit: 3 });
    expect(claimed.map((m) => m.order_id).sort()).toEqual([first, second].sort());
    const [waiting] = await rows<{ status: string; attempts: number }>(
      `select status, attempts from outbox_messages where order_id = ${later}`,
    );
    expect(waiting).toEqual({ status: "pending", attempts: 0 });
    await due(later!, -500);
    const next = await claimDueMessages(app.db.kysely, { now: app.clock.now(), leaseMs, limit: 3 });
    expect(next.map((m) => m.order_id)).toEqual([later]);
  });

  it("a message claimed by a worker that died goes out once its lease runs out, and once only", async () => {
    const to = contact();
    const order = await placeOrder(app, { provisioningContact: { email: to } });
    // A worker claims it and dies before sending.
    const claimed = await claimDueMessages(app.db.kysely, { now: app.clock.now(), leaseMs, limit: 100 });
    expect(claimed.map((m) => m.order_id)).toContain(order.id);
    await app.background.runOnce();
    expect(received(receiver, to)).toEqual([]);
    at(leaseMs - 1000);
    await app.background.runOnce();
    expect(received(receiver, to)).toEqual([]);
    at(leaseMs);
    await app.background.runOnce();
    at(leaseMs * 3);
    await app.background.runOnce();
    expect(received(receiver, to)).toHaveLength(1);
  });
});

describe.runIf(testEngines().includes("postgres"))("outbox workers on one PostgreSQL database", () => {
  let receiver: SmtpReceiver;
  let first: TestApp;
  beforeAll(async () => {
    receiver = await startSmtpReceiver();
    first = await startTestApp("postgres", { SMTP_URL: receiver.url });
  });
  afterAll(async () => {
    await first.close();
    await receiver.close();
  });
  const databaseUrl = () => (first.db as unknown as { url: string }).url;

  it("two workers deliver every message exactly once", async () => {
    const pool = await openDatabase({ url: databaseUrl(), poolSize: 5 });
    const second = await startTestApp(
      "postgres",
      { SMTP_URL: receiver.url },
      { db: pool, clock: first.clock },
    );
    try {
      const orders = [];
      for (let i = 0; i < 120; i++)
        orders.push(await placeOrder(first, { provisioningContact: { email: `w${i}@workers.example` } }));
      // Both instances run their rounds at the same time until nothing is left.
      const drain = async (app: TestApp) => {
        for (let round = 0; round < 50; round++) {
          await app.background.runOnce();
          const [left] = (
            await sql<{
              n: string;
            }>`select count(*)::text as n from outbox_messages where status in ('pending', 'sending')`.execute(
              app.db.kysely,
            )
          ).rows;
          if (left!.n === "0") return;
        }
      };
      await Promise.all([drain(first), drain(second)]);
      const ids = receiver.messages
        .filter((m) => m.toAddress.endsWith("@workers.example"))
        .map((m) => m.outboxId);
      expect(ids).toHaveLength(120);
      expect(new Set(ids).size).toBe(120);
      const sentBy = await sql<{
        n: string;
      }>`select count(*)::text as n from outbox_messages where status = 'sent'`.execute(first.db.kysely);
      expect(Number(sentBy.rows[0]!.n)).toBeGreaterThanOrEqual(120);
    } finally {
      await second.close();
      await pool.close();
    }
  });

  it("a worker killed with SIGKILL in the middle of sending: the message goes later, once", async () => {
    const to = `${unique("killed")}@kill.example`;
    // The order is due at the fixed test time, long before now: the real worker below finds it due.
    const order = await placeOrder(first, { provisioningContact: { email: to } });
    receiver.hold(true);
    const started = receiver.dataStarted;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/support/outbox-worker.ts", databaseUrl(), receiver.url],
      {
        stdio: "pipe",
      },
    );
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      const deadline = Date.now() + 20_000;
      while (receiver.dataStarted === started && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 25));
      expect(receiver.dataStarted, "the worker never started sending").toBeGreaterThan(started);
    } finally {
      child.kill("SIGKILL");
      await exited;
      receiver.hold(false);
    }
    const [row] = (
      await sql<{
        status: string;
        due_at: Date;
        attempts: number;
      }>`select status, due_at, attempts from outbox_messages where order_id = ${order.id}`.execute(
        first.db.kysely,
      )
    ).rows;
    expect(row).toMatchObject({ status: "sending", attempts: 1 });
    // Another worker, once the dead one's lease is over.
    const after = fixedClock(new Date(row!.due_at.getTime() + 1000));
    const rescuer = await startTestApp(
      "postgres",
      { SMTP_URL: receiver.url },
      { db: await openDatabase({ url: databaseUrl(), poolSize: 2 }), clock: after },
    );
    try {
      await rescuer.background.runOnce();
      await rescuer.background.runOnce();
    } finally {
      await rescuer.close();
      await rescuer.db.close();
    }
    const delivered = receiver.messages.filter((m) => m.toAddress === to);
    expect(delivered).toHaveLength(1);
  });
});
