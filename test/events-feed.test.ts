import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvent } from "../src/events/events.repository.js";
import { client, orderBody } from "./support/http.js";
import { startTestApp, type TestApp, testEngines } from "./support/test-app.js";

type FeedEvent = { id: string; type: string; data: Record<string, unknown> };
type Page = { events: FeedEvent[]; next: string | null };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * integration.md § 1: a reader that always passes the last `next` sees every event exactly once, in
 * order, even while other transactions write events concurrently.
 */
describe.each(testEngines())("the event feed under concurrent writers on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    app = await startTestApp(engine);
    api = client(app);
  });
  afterAll(() => app.close());

  const page = async (after: string | null, limit = 1000): Promise<Page> => {
    const response = await api.get(`/api/v1/events?limit=${limit}${after ? `&after=${after}` : ""}`);
    expect(response.status, response.body).toBe(200);
    return response.json<Page>();
  };
  /** Follows `next` to the end of what the feed hands out now; answers the events and the last next. */
  const drain = async (after: string | null) => {
    const events: FeedEvent[] = [];
    let cursor = after;
    for (;;) {
      const p = await page(cursor, 50);
      events.push(...p.events);
      if (p.events.length === 0) return { events, next: cursor };
      cursor = p.next;
    }
  };
  const mark = async () => (await drain(null)).next;

  // PostgreSQL runs transactions side by side; the embedded database one after the other (next test).
  if (engine === "postgres")
    it("a transaction that commits late is never skipped: nothing after it is handed out while it is open", async () => {
      const pool = app.db.pool!;
      const start = await mark();
      const numbers: string[] = [];
      // A writer that began first: its event is written, its transaction stays open.
      const late = await pool.connect();
      try {
        await late.query("begin");
        const { rows } = await late.query<{ id: string }>(
          `insert into events (type, data, occurred_at) values ('order.placed', '{"late": 1}', now()) returning id`,
        );
        const lateIds = [rows[0]!.id];

        // Others commit meanwhile: three orders, with ids above the open one's.
        for (let i = 0; i < 3; i++) {
          const body = orderBody();
          numbers.push(String(body.orderNumber));
          expect((await api.post("/api/v1/orders", body)).status).toBe(201);
        }
        const committed = await pool.query<{ id: string }>(
          "select id from events where data->>'orderNumber' = any($1) order by id",
          [numbers],
        );
        expect(committed.rows.every((r) => BigInt(r.id) > BigInt(lateIds[0]!))).toBe(true);

        // The reader sees none of them: handing them out would put the open one behind its next.
        const whileOpen = await drain(start);
        expect(whileOpen).toEqual({ events: [], next: start });

        // The open transaction writes once more, after the others committed, then commits.
        const more = await late.query<{ id: string }>(
          `insert into events (type, data, occurred_at) values ('order.placed', '{"late": 2}', now()) returning id`,
        );
        lateIds.push(more.rows[0]!.id);
        await late.query("commit");
      } finally {
        late.release();
      }

      // Now everything, each once: the late transaction's events first (its transaction is older).
      const after = await drain(start);
      expect(after.events.map((e) => e.data.late ?? e.data.orderNumber)).toEqual([1, 2, ...numbers]);
    });

  if (engine === "pglite")
    it("on the embedded database a reader waits for the open transaction (one connection, transactions in turn)", async () => {
      const start = await mark();
      const reads: Promise<Page>[] = [];
      await app.db.kysely.transaction().execute(async (trx) => {
        await recordEvent(trx, { type: "order.closed", data: lateData(1), occurredAt: app.clock.now() });
        // Issued while the transaction is open: they run after it, in order.
        reads.push(page(start));
        const placed = api.post("/api/v1/orders", orderBody());
        reads.push(placed.then(() => page(start)));
        await sleep(50);
        await recordEvent(trx, { type: "order.closed", data: lateData(2), occurredAt: app.clock.now() });
      });
      const [first, second] = await Promise.all(reads);
      expect(first!.events.map((e) => e.data.orderNumber)).toEqual(["LATE-1", "LATE-2"]);
      expect(second!.events.map((e) => e.type)).toEqual(["order.closed", "order.closed", "order.placed"]);
    });

  it("writers committing, rolling back and overlapping: a reader following next sees each committed event once, in the feed's order", async () => {
    const start = await mark();
    const committed = new Set<string>();
    const seen: string[] = [];
    let writing = true;

    const writer = async (w: number) => {
      for (let i = 0; i < 25; i++) {
        const rollback = (w + i) % 7 === 0;
        try {
          const ids = await app.db.kysely.transaction().execute(async (trx) => {
            const ids = [
              await recordEvent(trx, {
                type: "order.closed",
                data: lateData(w * 100 + i),
                occurredAt: app.clock.now(),
              }),
            ];
            await sleep((w * 7 + i * 3) % 6);
            if (i % 3 === 0) {
              ids.push(
                await recordEvent(trx, {
                  type: "order.cancelled",
                  data: lateData(w * 100 + i),
                  occurredAt: app.clock.now(),
                }),
              );
            }
            if (rollback) throw new Error("rolled back on purpose");
            return ids;
          });
          for (const id of ids) committed.add(id);
        } catch (error) {
          if (!rollback) throw error;
        }
      }
    };
    const reader = async () => {
      let cursor = start;
      while (writing) {
        const p = await page(cursor, 13);
        seen.push(...p.events.map((e) => e.id));
        cursor = p.next;
        if (p.events.length === 0) await sleep(2);
      }
      const rest = await drain(cursor);
      seen.push(...rest.events.map((e) => e.id));
    };

    const reading = reader();
    await Promise.all([0, 1, 2, 3].map(writer));
    writing = false;
    await reading;

    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...committed].sort());
    expect(seen).toEqual((await drain(start)).events.map((e) => e.id));
    expect(committed.size).toBeGreaterThan(80);
  });
});

function lateData(n: number) {
  return { orderId: String(n), orderNumber: `LATE-${n}`, cancelledAdminRequestIds: [] };
}
