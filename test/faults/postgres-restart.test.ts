import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import { openDatabase } from "../../src/db/database.js";
import { leaseMs } from "../../src/mail/deliver-mail.js";
import { orderBody, placeOrder } from "../support/http.js";
import { type SmtpReceiver, startSmtpReceiver } from "../support/smtp-receiver.js";
import { startTestApp } from "../support/test-app.js";
import {
  callApi,
  type ProvisioProcess,
  readiness,
  sleep,
  startProvisio,
  waitUntil,
} from "./support/provisio-process.js";
import { startThrowawayCluster, type ThrowawayCluster } from "./support/throwaway-cluster.js";

/** One order's intake: every answer (0: no HTTP answer) until it was accepted. */
type Intake = { orderNumber: string; contact: string; body: unknown; statuses: number[]; accepted: boolean };

let cluster: ThrowawayCluster;
let url: string;
let receiver: SmtpReceiver;
let pool: pg.Pool;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  url = await cluster.createDatabase("provisio");
  receiver = await startSmtpReceiver();
  pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", () => {}); // its idle connections die with each restart
});

afterAll(async () => {
  try {
    await pool?.end();
    await receiver?.close();
  } finally {
    await cluster?.destroy();
  }
});

/** Messages received per recipient. */
function receivedPerRecipient(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of receiver.messages) counts.set(mail.toAddress, (counts.get(mail.toAddress) ?? 0) + 1);
  return counts;
}

/**
 * Another instance, after the leases of the messages this one claimed have run out: it delivers what a
 * worker claimed but could not finish, as a surviving instance would five minutes later.
 */
async function deliverAfterLeases(): Promise<void> {
  const db = await openDatabase({ url, poolSize: 2 });
  const rescuer = await startTestApp(
    "postgres",
    { SMTP_URL: receiver.url },
    { db, clock: fixedClock(new Date(Date.now() + leaseMs + 1000)) },
  );
  try {
    await rescuer.background.runOnce();
  } finally {
    await rescuer.close();
    await db.close();
  }
}

describe("PostgreSQL restarted during order intake", () => {
  let provisio: ProvisioProcess;
  const intakes: Intake[] = [];
  beforeAll(async () => {
    // A short first retry, so that e-mails failing while the database is away go out soon after.
    provisio = await startProvisio({ DATABASE_URL: url, SMTP_URL: receiver.url, MAIL_RETRY_SECONDS: "1" });
  });
  afterAll(async () => {
    await provisio?.kill("SIGKILL");
  });

  it("answers 503 NOT_READY while it is down, recovers by itself, and keeps every order once", async () => {
    const unexpected: string[] = [];
    let running = true;

    /** Posts one order until it is accepted, retrying as a client of an idempotent API does. */
    const place = async (intake: Intake) => {
      const deadline = Date.now() + 45_000;
      while (Date.now() < deadline) {
        const answer = await callApi(provisio.base, "POST", "/api/v1/orders", intake.body).catch(
          () => undefined,
        );
        intake.statuses.push(answer?.status ?? 0);
        if (answer?.status === 200 || answer?.status === 201) {
          intake.accepted = true;
          return;
        }
        if (
          answer &&
          (answer.status !== 503 || answer.json<{ error: { code: string } }>().error.code !== "NOT_READY")
        )
          unexpected.push(`${intake.orderNumber}: ${answer.status} ${answer.body}`);
        await sleep(100);
      }
    };
    /** One client of the ordering system: an order after the other while the test runs. */
    const orderingClient = async (name: string) => {
      for (let i = 0; running; i++) {
        const contact = `${name}-${i}@restart.example`;
        const body = orderBody({ provisioningContact: { email: contact, name: "Rita Riavvio" } });
        const intake = {
          orderNumber: String(body.orderNumber),
          contact,
          body,
          statuses: [],
          accepted: false,
        };
        intakes.push(intake);
        await place(intake);
      }
    };
    /** The status of /readyz; fails the test at once if the service died instead. */
    const readyz = async () => {
      if (provisio.child.exitCode !== null) throw new Error(`provisio exited: ${provisio.output()}`);
      return readiness(provisio.base);
    };
    const accepted = () => intakes.filter((i) => i.accepted).length;
    const refused = () => intakes.flatMap((i) => i.statuses).filter((s) => s === 503).length;
    const clients = ["a", "b", "c", "d"].map(orderingClient);
    try {
      await waitUntil("orders before the restart", () => accepted() >= 20);
      await cluster.stop();
      await waitUntil("/readyz to answer 503", async () => (await readyz()) === 503);
      const refusedBefore = refused();
      await waitUntil("intakes refused while the database is down", () => refused() >= refusedBefore + 4);
      await cluster.start();
      await waitUntil("/readyz to answer 200 again", async () => (await readyz()) === 200);
      const acceptedBefore = accepted();
      await waitUntil("orders after the restart", () => accepted() >= acceptedBefore + 20);
    } finally {
      running = false;
      await Promise.all(clients);
    }

    expect(unexpected).toEqual([]);
    expect(provisio.child.exitCode, provisio.output()).toBeNull();
    expect(intakes.filter((i) => !i.accepted).map((i) => i.orderNumber)).toEqual([]);

    // Every order once, with its setup e-mail in the outbox.
    const { rows } = await pool.query<{ order_number: string; orders: string; outbox: string }>(
      `select o.order_number, count(distinct o.id)::text as orders, count(m.id)::text as outbox
         from orders o left join outbox_messages m on m.order_id = o.id and m.template = 'setup_invitation'
        group by o.order_number`,
    );
    expect(rows).toHaveLength(intakes.length);
    const stored = new Map(rows.map((r) => [r.order_number, r]));
    for (const { orderNumber } of intakes)
      expect(stored.get(orderNumber), orderNumber).toEqual({
        order_number: orderNumber,
        orders: "1",
        outbox: "1",
      });

    // A client retrying any of them now gets the same order back, not a second one.
    for (const intake of intakes) {
      const again = await callApi(provisio.base, "POST", "/api/v1/orders", intake.body);
      expect(again.status, again.body).toBe(200);
    }
    const { rows: count } = await pool.query<{ n: string }>("select count(*)::text as n from orders");
    expect(count[0]!.n).toBe(String(intakes.length));
  }, 90_000);

  it("delivers every setup e-mail exactly once", async () => {
    // Failures while the database was away are retried after a second. A message claimed then keeps its
    // worker's lease, since the failure could not be recorded: stop this instance and let another take over.
    await waitUntil(
      "no e-mail left waiting for a retry",
      async () =>
        (await pool.query("select 1 from outbox_messages where status = 'pending' limit 1")).rowCount === 0,
    );
    expect(await provisio.kill("SIGTERM")).toEqual({ code: 0, signal: null });
    await deliverAfterLeases();

    const { rows } = await pool.query<{ status: string; n: string }>(
      "select status, count(*)::text as n from outbox_messages group by status",
    );
    expect(rows).toEqual([{ status: "sent", n: String(intakes.length) }]);
    const received = receivedPerRecipient();
    expect(received.size).toBe(intakes.length);
    expect(intakes.filter(({ contact }) => received.get(contact) !== 1).map((i) => i.contact)).toEqual([]);
  });
});

describe("PostgreSQL stopping while an e-mail is being sent", () => {
  it("the e-mail is still delivered exactly once", async () => {
    const db = await openDatabase({ url, poolSize: 2 });
    const app = await startTestApp("postgres", { SMTP_URL: receiver.url }, { db });
    const to = "in-flight@restart.example";
    try {
      await placeOrder(app, { provisioningContact: { email: to, name: "Ida Invio" } });
      receiver.hold(true);
      const started = receiver.dataStarted;
      const round = app.background.runOnce();
      await waitUntil("the e-mail to be in DATA", () => receiver.dataStarted > started);
      // The server accepts the message only once the database is gone, which stays away for a while
      // after: the worker cannot record at once that it sent it.
      await cluster.stop();
      receiver.hold(false);
      await receiver.release();
      await sleep(500);
      await cluster.start();
      await round;
      // Later rounds, on this instance and on another once every lease has run out.
      await app.background.runOnce();
      await deliverAfterLeases();
    } finally {
      receiver.hold(false);
      await app.close();
      await db.close();
    }
    const { rows } = await pool.query<{ status: string }>(
      "select status from outbox_messages where recipient = $1",
      [to],
    );
    expect(rows).toEqual([{ status: "sent" }]);
    expect(receivedPerRecipient().get(to)).toBe(1);
  });
});
