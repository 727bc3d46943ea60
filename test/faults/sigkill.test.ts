import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/database.js";
import { leaseMs } from "../../src/mail/deliver-mail.js";
import { orderBody } from "../support/http.js";
import { type SmtpReceiver, startSmtpReceiver } from "../support/smtp-receiver.js";
import { startTestApp } from "../support/test-app.js";
import { holdLock } from "./support/lock-holder.js";
import { callApi, type ProvisioProcess, startProvisio, waitUntil } from "./support/provisio-process.js";
import { startThrowawayCluster, type ThrowawayCluster } from "./support/throwaway-cluster.js";

let cluster: ThrowawayCluster;
let url: string;
let receiver: SmtpReceiver;
let pool: pg.Pool;
let provisio: ProvisioProcess | undefined;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  url = await cluster.createDatabase("provisio");
  receiver = await startSmtpReceiver();
  pool = new pg.Pool({ connectionString: url, max: 3 });
});

afterAll(async () => {
  try {
    await provisio?.kill("SIGKILL");
    await pool?.end();
    await receiver?.close();
  } finally {
    await cluster?.destroy();
  }
});

/** Places an order through the running instance; answers its id. */
async function placeOrderVia(base: string, contact: string): Promise<string> {
  const placed = await callApi(
    base,
    "POST",
    "/api/v1/orders",
    orderBody({ provisioningContact: { email: contact } }),
  );
  expect(placed.status, placed.body).toBe(201);
  return placed.json<{ id: string }>().id;
}

/** The secret of the setup link mailed to `contact`, once the e-mail arrived. */
async function setupTokenMailedTo(contact: string): Promise<string> {
  const mail = await waitUntil(`the setup e-mail to ${contact}`, () =>
    receiver.messages.find((m) => m.toAddress === contact),
  );
  return /\/setup\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? "")![1]!;
}

async function query<Row extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<Row[]> {
  return (await pool.query<Row>(text, params)).rows;
}

describe("the process killed with SIGKILL in the middle of complete", () => {
  it("maps all or nothing: nothing of the interrupted completion stays, and a new one provisions once", async () => {
    provisio = await startProvisio({ DATABASE_URL: url, SMTP_URL: receiver.url });
    const contact = "kill-complete@contacts.example";
    const orderId = await placeOrderVia(provisio.base, contact);
    const token = await setupTokenMailedTo(contact);
    const completion = {
      companyName: "Kill Nine Impianti Srl",
      adminEmail: "admin@killnine.example",
      decision: { type: "new" },
    };

    // The test holds the order's subscriptions: the completion's transaction waits for them after
    // creating the organization and its administrator, before mapping anything.
    const lock = await holdLock(pool, "select id from subscriptions where order_id = $1 for update", [
      orderId,
    ]);
    let answer: unknown;
    try {
      const request = callApi(provisio.base, "POST", `/api/v1/setup/${token}/complete`, completion).catch(
        (error: unknown) => error,
      );
      const [waiting] = await waitUntil("the completion to wait for the subscriptions", async () => {
        const pids = await lock.waiting();
        return pids.length > 0 && pids;
      });
      const written = await query<{ relation: string }>(
        `select relation::regclass::text as relation from pg_locks
          where pid = $1 and mode = 'RowExclusiveLock' and relation is not null`,
        [waiting],
      );
      expect(written.map((r) => r.relation)).toEqual(expect.arrayContaining(["organizations", "users"]));

      expect(await provisio.kill("SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
      await lock.release();
      answer = await request;
      // The killed process's backend finds its client gone and rolls back.
      await waitUntil(
        "the interrupted transaction to end",
        async () => (await query("select 1 from pg_stat_activity where pid = $1", [waiting])).length === 0,
      );
    } finally {
      await lock.release();
    }
    expect(answer).toBeInstanceOf(Error); // the client never got an answer

    // Nothing of it stayed: no organization, no administrator, nothing mapped, audited or mailed.
    expect(await query("select 1 from organizations where name = $1", [completion.companyName])).toEqual([]);
    expect(await query("select 1 from users where email = $1", [completion.adminEmail])).toEqual([]);
    expect(await query("select status, organization_id from orders where id = $1", [orderId])).toEqual([
      { status: "awaiting_setup", organization_id: null },
    ]);
    expect(
      await query("select status, organization_id from subscriptions where order_id = $1", [orderId]),
    ).toEqual([{ status: "awaiting_setup", organization_id: null }]);
    expect(await query("select status, draft from invitations where order_id = $1", [orderId])).toEqual([
      { status: "sent", draft: null },
    ]);
    expect(await query("select action from audit_events where order_id = $1", [orderId])).toEqual([
      { action: "order.placed" },
    ]);
    expect(await query("select template from outbox_messages where order_id = $1", [orderId])).toEqual([
      { template: "setup_invitation" },
    ]);

    // A new instance, the same link: provisioned once.
    provisio = await startProvisio({ DATABASE_URL: url, SMTP_URL: receiver.url });
    const completed = await callApi(provisio.base, "POST", `/api/v1/setup/${token}/complete`, completion);
    expect(completed.status, completed.body).toBe(200);
    const { organizationId } = completed.json<{ status: string; organizationId: string }>();
    expect(completed.json()).toMatchObject({ status: "provisioned" });
    expect(await query("select id from organizations where name = $1", [completion.companyName])).toEqual([
      { id: organizationId },
    ]);
    expect(
      await query("select organization_id, role from users where email = $1", [completion.adminEmail]),
    ).toEqual([{ organization_id: organizationId, role: "full_admin" }]);
    expect(
      await query("select status, organization_id from subscriptions where order_id = $1", [orderId]),
    ).toEqual([{ status: "active", organization_id: organizationId }]);
    expect(await query("select action from audit_events where order_id = $1 order by id", [orderId])).toEqual(
      // The completion's own call record (docs/matching.md § 5) is written with it.
      [{ action: "order.placed" }, { action: "organization.created" }, { action: "setup.complete" }],
    );
    await waitUntil("the welcome e-mail", () =>
      receiver.messages.some((m) => m.toAddress === completion.adminEmail),
    );
    const again = await callApi(provisio.base, "POST", `/api/v1/setup/${token}/complete`, completion);
    expect(again.json<{ error: { code: string } }>().error.code).toBe("ALREADY_PROVISIONED");
    expect(receiver.messages.filter((m) => m.toAddress === completion.adminEmail)).toHaveLength(1);
    expect(await provisio.kill("SIGTERM")).toEqual({ code: 0, signal: null });
  });
});

describe("the process killed with SIGKILL in the middle of sending an e-mail", () => {
  it("the e-mail goes out once, after the dead instance's lease", async () => {
    provisio = await startProvisio({ DATABASE_URL: url, SMTP_URL: receiver.url });
    const contact = "kill-send@contacts.example";
    receiver.hold(true);
    const started = receiver.dataStarted;
    const orderId = await placeOrderVia(provisio.base, contact);
    try {
      await waitUntil("the setup e-mail to be in DATA", () => receiver.dataStarted > started);
      expect(await provisio.kill("SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
    } finally {
      receiver.hold(false);
    }
    const [claimed] = await query<{ status: string; attempts: number; due_at: Date }>(
      "select status, attempts, due_at from outbox_messages where order_id = $1",
      [orderId],
    );
    expect(claimed).toMatchObject({ status: "sending", attempts: 1 });

    // Another instance leaves it alone while the lease lasts, then sends it.
    const db = await openDatabase({ url, poolSize: 2 });
    const clock = fixedClock(new Date(claimed!.due_at.getTime() - 1000));
    const survivor = await startTestApp("postgres", { SMTP_URL: receiver.url }, { db, clock });
    try {
      await survivor.background.runOnce();
      expect(receiver.messages.filter((m) => m.toAddress === contact)).toEqual([]);
      clock.set(new Date(claimed!.due_at.getTime() + 1000));
      await survivor.background.runOnce();
      clock.set(new Date(claimed!.due_at.getTime() + leaseMs * 2));
      await survivor.background.runOnce();
    } finally {
      await survivor.close();
      await db.close();
    }
    expect(
      await query("select status, attempts from outbox_messages where order_id = $1", [orderId]),
    ).toEqual([{ status: "sent", attempts: 2 }]);
    expect(receiver.messages.filter((m) => m.toAddress === contact)).toHaveLength(1);
  });
});
