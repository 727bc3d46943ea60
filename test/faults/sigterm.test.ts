import { connect } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderBody } from "../support/http.js";
import { holdLock } from "./support/lock-holder.js";
import {
  callApi,
  type ProvisioProcess,
  sleep,
  startProvisio,
  waitUntil,
} from "./support/provisio-process.js";
import { startThrowawayCluster, type ThrowawayCluster } from "./support/throwaway-cluster.js";

let cluster: ThrowawayCluster;
let pool: pg.Pool;
let provisio: ProvisioProcess;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  const url = await cluster.createDatabase("provisio");
  pool = new pg.Pool({ connectionString: url, max: 3 });
  provisio = await startProvisio({ DATABASE_URL: url });
});

afterAll(async () => {
  try {
    await provisio?.kill("SIGKILL");
    await pool?.end();
  } finally {
    await cluster?.destroy();
  }
});

/** Whether a new TCP connection to `port` is refused. */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

describe("graceful shutdown on SIGTERM", () => {
  it("refuses new connections, finishes the requests in flight, and exits with 0", async () => {
    const bodies = [1, 2, 3].map((n) =>
      orderBody({ provisioningContact: { email: `term-${n}@contacts.example` } }),
    );
    // The test holds the audit log: each order intake waits for it after writing its order.
    const lock = await holdLock(pool, "lock table audit_events in exclusive mode");
    const settled = new Set<number>();
    let answers: { status: number; body: string }[];
    try {
      const requests = bodies.map((body, i) =>
        callApi(provisio.base, "POST", "/api/v1/orders", body).finally(() => settled.add(i)),
      );
      await waitUntil(
        "the three intakes to wait for the audit log",
        async () => (await lock.waiting()).length === 3,
      );

      provisio.child.kill("SIGTERM");
      await waitUntil("new connections to be refused", () => refusesConnections(provisio.port));
      expect(settled.size).toBe(0);
      expect(provisio.child.exitCode).toBeNull();

      await lock.release();
      answers = await Promise.all(requests);
    } finally {
      await lock.release();
    }
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    // The client keeps its connections alive, as load balancers do: they must not hold the exit.
    const exit = await Promise.race([provisio.exited, sleep(10_000).then(() => "still running")]);
    expect(exit).toEqual({ code: 0, signal: null });

    const { rows } = await pool.query<{ order_number: string; outbox: string; audit: string }>(
      `select o.order_number,
              (select count(*) from outbox_messages m where m.order_id = o.id)::text as outbox,
              (select count(*) from audit_events a where a.order_id = o.id)::text as audit
         from orders o order by o.order_number collate "C"`,
    );
    const placed = bodies.map((b) => String(b.orderNumber)).sort();
    expect(rows).toEqual(placed.map((n) => ({ order_number: n, outbox: "1", audit: "1" })));
  });
});
