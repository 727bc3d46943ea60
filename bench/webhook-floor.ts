/**
 * The floor of `npm run bench:events` (b): a bare loop POSTing signed Standard Webhooks bodies to the
 * receiver over keep-alive connections, as many in flight as the service's worker keeps, and nothing
 * else: no database, no queue, no guard. The bodies and signatures are made before the clock starts.
 *
 * Run by bench/events.bench.ts as `tsx bench/webhook-floor.ts URL COUNT CONCURRENCY`.
 */
import { createHmac, randomBytes } from "node:crypto";
import { Agent, request } from "node:http";

const [url, count, concurrency] = process.argv.slice(2);
const target = new URL(url!);
const key = randomBytes(32);
const timestamp = Math.floor(Date.now() / 1000);
const hooks = Array.from({ length: Number(count) }, (_, i) => {
  const id = String(1_000_000 + i);
  const body = JSON.stringify({
    type: "order.closed",
    timestamp: new Date().toISOString(),
    data: { orderId: String(i), orderNumber: `FLOOR-${i}`, cancelledAdminRequestIds: [], eventId: id },
  });
  const signature = `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
  return { id, body, signature };
});
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrency) });

function post(hook: (typeof hooks)[number]): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = request(
      target,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "webhook-id": hook.id,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": hook.signature,
          "content-length": String(Buffer.byteLength(hook.body)),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () =>
          response.statusCode! < 300 ? resolve() : reject(new Error(`${response.statusCode}`)),
        );
      },
    );
    r.on("error", reject);
    r.end(hook.body);
  });
}

let next = 0;
const lane = async () => {
  while (next < hooks.length) await post(hooks[next++]!);
};
await Promise.all(Array.from({ length: Number(concurrency) }, lane));
agent.destroy();
