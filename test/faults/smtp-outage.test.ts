import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../src/db/database.js";
import { placeOrder } from "../support/http.js";
import { type SmtpReceiver, startSmtpReceiver } from "../support/smtp-receiver.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { startThrowawayCluster, type ThrowawayCluster } from "./support/throwaway-cluster.js";

const start = Date.parse("2026-11-24T09:00:00Z");
const minutes = (m: number) => new Date(start + m * 60_000);

let cluster: ThrowawayCluster;
let db: Db;
let receiver: SmtpReceiver;
let app: TestApp;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  db = await openDatabase({ url: await cluster.createDatabase("provisio"), poolSize: 4 });
  receiver = await startSmtpReceiver();
  // The defaults: the first retry after 30 s, doubling, 10 attempts (about 4¼ hours of trying).
  app = await startTestApp(
    "postgres",
    { SMTP_URL: receiver.url, MAIL_RETRY_SECONDS: "30", MAIL_MAX_ATTEMPTS: "10" },
    { db },
  );
});

afterAll(async () => {
  try {
    await app?.close();
    await db?.close();
    await receiver?.close();
  } finally {
    await cluster?.destroy();
  }
});

/** Runs the scheduled work every 15 seconds of the fixed clock, from minute `from` to minute `to`. */
async function runRounds(from: number, to: number): Promise<void> {
  for (let m = from; m <= to; m += 0.25) {
    app.clock.set(minutes(m));
    await app.background.runOnce();
  }
}

type OutboxRow = {
  recipient: string;
  status: string;
  attempts: number;
  due_at: Date;
  last_error: string | null;
};

async function outbox(): Promise<Map<string, OutboxRow>> {
  const { rows } = await sql<OutboxRow>`
    select recipient, status, attempts, due_at, last_error from outbox_messages`.execute(db.kysely);
  return new Map(rows.map((r) => [r.recipient, r]));
}

describe("the SMTP server down for twenty minutes", () => {
  it("backs off, then delivers every e-mail exactly once, with its attempts recorded", async () => {
    const early = ["e1", "e2", "e3", "e4", "e5"].map((n) => `${n}@outage.example`);
    const late = ["l1", "l2", "l3"].map((n) => `${n}@outage.example`);
    await receiver.stop();
    app.clock.set(minutes(0));
    for (const to of early) await placeOrder(app, { provisioningContact: { email: to, name: "Olga" } });
    await runRounds(0, 5);
    for (const to of late) await placeOrder(app, { provisioningContact: { email: to, name: "Olga" } });
    await runRounds(5, 20);

    // Attempts at 0:00, 0:30, 1:30, 3:30, 7:30, 15:30 for the early orders, at 5:00, 5:30, 6:30,
    // 8:30, 12:30 for the later ones: each delay twice the one before, none dead.
    const down = await outbox();
    for (const to of early)
      expect(down.get(to), to).toEqual({
        recipient: to,
        status: "pending",
        attempts: 6,
        due_at: minutes(31.5),
        last_error: expect.stringContaining("ECONNREFUSED"),
      });
    for (const to of late)
      expect(down.get(to), to).toMatchObject({ status: "pending", attempts: 5, due_at: minutes(20.5) });
    expect(receiver.messages).toEqual([]);

    await receiver.start();
    await runRounds(20, 40);
    const up = await outbox();
    for (const to of early)
      expect(up.get(to), to).toMatchObject({ status: "sent", attempts: 7, last_error: null });
    for (const to of late)
      expect(up.get(to), to).toMatchObject({ status: "sent", attempts: 6, last_error: null });

    // A day of rounds later, still one e-mail per recipient.
    await runRounds(24 * 60, 24 * 60 + 1);
    const received = receiver.messages.map((m) => m.toAddress).sort();
    expect(received).toEqual([...early, ...late].sort());
  });
});
