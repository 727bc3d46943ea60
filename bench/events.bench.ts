/**
 * `npm run bench:events`: events and webhooks on PostgreSQL, four measurements (`--only a,b,c,d`):
 *
 * (a) commit-to-receiver latency: this process commits one event every 10 ms (100 events/s, the
 *     service's own recordEvent, fan-out to one endpoint) while `provisio serve` delivers them to a
 *     receiver in this process; latency = the receiver's arrival time − the commit's return.
 * (b) delivery throughput: N deliveries queued while the service is stopped, then delivered by one
 *     `provisio serve` to a keep-alive receiver, against a floor (bench/webhook-floor.ts) POSTing the
 *     same number of signed bodies with as many in flight; rate = deliveries / (last − first arrival).
 * (c) order intake with its event: `POST /api/v1/orders` against bench/http-floor.ts doing the same
 *     statements (order, subscription, invitation, outbox row, audit event, event with fan-out).
 * (d) a feed page of 100 (`listEvents`, both statements) at 10,000,000 events, kept in a database of
 *     its own between runs (`--feed-database`), next to the bare index range scan.
 *
 * Writes docs/benchmarks.md § Events and webhooks (unless --no-write).
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { systemClock } from "../src/clock.js";
import { openDatabase } from "../src/db/database.js";
import { migrate } from "../src/db/migrate.js";
import { recordEvent } from "../src/events/events.repository.js";
import { listEvents } from "../src/events/list-events.js";
import { webhookSocketsPerEndpoint } from "../src/webhooks/deliver-webhooks.js";
import { loadAverage, machineDescription, writeBenchmarkSection } from "./bench-doc.js";
import { prewarm } from "./prewarm.js";
import { drive, type Run, start, stop } from "./processes.js";

const { values } = parseArgs({
  options: {
    only: { type: "string", default: "a,b,c,d" },
    seconds: { type: "string", default: "30" },
    deliveries: { type: "string", default: "10000" },
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "10,50" },
    "feed-database": { type: "string", default: "provisio_bench_events_feed" },
    "feed-events": { type: "string", default: "10000000" },
    "no-write": { type: "boolean", default: false },
  },
});
const only = new Set(values.only.split(","));
const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const token = "bench-token-0123456789abcdef";
const servicePort = 3311;
const floorPort = 3312;
const lockedPort = 3313;
const service = `http://127.0.0.1:${servicePort}`;

const urlOf = (name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: urlOf("postgres") });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  const db = await openDatabase({ url: urlOf(name), poolSize: 1 });
  await migrate(db);
  await db.close();
  return urlOf(name);
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (n: number) => n.toFixed(2);

/** A receiver in this process: answers 204 at once over keep-alive, notes each webhook-id's arrival. */
async function startReceiver() {
  const arrivals = new Map<string, number>();
  let count = 0;
  let first = 0;
  let last = 0;
  const server: Server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    const id = String(request.headers["webhook-id"]);
    request.resume();
    request.on("end", () => {
      const now = performance.now();
      if (!arrivals.has(id)) arrivals.set(id, now);
      count++;
      if (count === 1) first = now;
      last = now;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    arrivals,
    stats: () => ({ count, first, last }),
    reset() {
      arrivals.clear();
      count = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

function startService(url: string, env: Record<string, string> = {}) {
  return start(
    ["src/cli.ts", "serve"],
    {
      DATABASE_URL: url,
      PORT: String(servicePort),
      API_TOKENS: token,
      LOG_LEVEL: "warn",
      DEMO_DATA: "0",
      WEBHOOK_ALLOW_PRIVATE: "true",
      ...env,
    },
    async () => (await fetch(`${service}/readyz`)).ok,
  );
}

async function registerEndpoint(url: string, types: string[]) {
  const response = await fetch(`${service}/api/v1/webhook-endpoints`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ url, types }),
  });
  if (response.status !== 201) throw new Error(`endpoint: ${response.status} ${await response.text()}`);
}

/** CPU time (user + system, in clock ticks of 10 ms) a process has used so far. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Samples a process's CPU time and the receiver's count every 10 ms; perDelivery answers the CPU per
 * delivery between 10% and 90% of `n` arrived: the steady state, without the start or the tail.
 */
function sampleCpu(pid: number, receiver: Receiver) {
  const samples: { ticks: number; count: number }[] = [];
  const timer = setInterval(() => {
    try {
      samples.push({ ticks: cpuTicks(pid), count: receiver.stats().count });
    } catch {}
  }, 10);
  return {
    perDelivery(n: number): number {
      clearInterval(timer);
      const from = samples.find((x) => x.count >= n * 0.1);
      const to = samples.findLast((x) => x.count <= n * 0.9);
      if (!from || !to || to.count <= from.count) return Number.NaN;
      return ((to.ticks - from.ticks) * 10_000) / (to.count - from.count);
    },
  };
}

const sleep = (n: number) => new Promise((resolve) => setTimeout(resolve, n));
const eventData = (i: number) => ({
  orderId: String(i),
  orderNumber: `BENCH-${i}`,
  cancelledAdminRequestIds: [],
});

/** (a) */
async function latency(receiver: Receiver) {
  const url = await freshDatabase("provisio_bench_events_latency");
  const child = await startService(url);
  const db = await openDatabase({ url, poolSize: 4 });
  try {
    await registerEndpoint(receiver.url, ["order.closed"]);
    const committed = new Map<string, number>();
    const emit = async (i: number) => {
      const id = await db.kysely
        .transaction()
        .execute((trx) =>
          recordEvent(trx, { type: "order.closed", data: eventData(i), occurredAt: systemClock.now() }),
        );
      committed.set(id, performance.now());
    };
    const steady = async (count: number) => {
      const t0 = performance.now();
      const pending: Promise<void>[] = [];
      for (let i = 0; i < count; i++) {
        const wait = t0 + i * 10 - performance.now();
        if (wait > 0) await sleep(wait);
        pending.push(emit(i));
      }
      await Promise.all(pending);
    };
    await steady(300); // warm-up
    await sleep(1000);
    committed.clear();
    receiver.reset();
    const count = Number(values.seconds) * 100;
    const load = loadAverage();
    await steady(count);
    const deadline = Date.now() + 15_000;
    while (receiver.arrivals.size < count && Date.now() < deadline) await sleep(50);
    const latencies = [...committed].map(([id, at]) => (receiver.arrivals.get(id) ?? Number.NaN) - at);
    const lost = latencies.filter((l) => Number.isNaN(l)).length;
    const sorted = latencies.filter((l) => !Number.isNaN(l)).sort((x, y) => x - y);
    return {
      count,
      lost,
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
      max: sorted.at(-1)!,
      load,
    };
  } finally {
    await db.close();
    await stop(child);
  }
}

/** (b) */
async function throughput(receiver: Receiver) {
  const n = Number(values.deliveries);
  const url = await freshDatabase("provisio_bench_events_throughput");
  let child = await startService(url);
  await registerEndpoint(receiver.url, ["order.closed"]);
  await stop(child);
  const db = await openDatabase({ url, poolSize: 4 });
  for (let i = 0; i < n; i += 500) {
    await db.kysely.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(n, i + 500); j++)
        await recordEvent(trx, { type: "order.closed", data: eventData(j), occurredAt: systemClock.now() });
    });
  }
  await db.close();
  receiver.reset();
  const load = loadAverage();
  child = await startService(url);
  const serviceSamples = sampleCpu(child.pid!, receiver);
  const deadline = Date.now() + 300_000;
  while (receiver.stats().count < n && Date.now() < deadline) await sleep(20);
  const s = receiver.stats();
  const serviceCpu = serviceSamples.perDelivery(n);
  await stop(child);
  const serviceRate = (s.count - 1) / ((s.last - s.first) / 1000);

  receiver.reset();
  const floor = await start(
    ["bench/webhook-floor.ts", receiver.url, String(n), String(webhookSocketsPerEndpoint)],
    {},
    async () => true,
  );
  const floorSamples = sampleCpu(floor.pid!, receiver);
  await new Promise((resolve) => floor.once("exit", resolve));
  const floorCpu = floorSamples.perDelivery(n);
  const f = receiver.stats();
  const floorRate = (f.count - 1) / ((f.last - f.first) / 1000);
  return { n, delivered: s.count, serviceRate, floorRate, serviceCpu, floorCpu, load };
}

/** (c) */
async function intake(receiver: Receiver) {
  const url = await freshDatabase("provisio_bench_events_intake");
  const child = await startService(url, { BACKGROUND_JOBS: "0" });
  await registerEndpoint(receiver.url, ["order.placed"]);
  const floor = await start(["bench/http-floor.ts", String(floorPort), url], {}, async () => {
    await fetch(`http://127.0.0.1:${floorPort}/`, {
      method: "POST",
      body: JSON.stringify({ companyName: "Warm", adminEmail: "a@warm.example" }),
    });
    return true;
  });
  const locked = await start(
    ["bench/http-floor.ts", String(lockedPort), url, "serialize-events"],
    {},
    async () => {
      await fetch(`http://127.0.0.1:${lockedPort}/`, { method: "POST", body: "{}" });
      return true;
    },
  );
  const run = Date.now().toString(36);
  let o = 0;
  const order = (path: string) => () => {
    o++;
    return {
      path,
      body: JSON.stringify({
        orderNumber: `EV-${run}-${o}`,
        orderedBy: { type: "customer" },
        provisioningContact: { email: `contact${o}@bench-intake${o % 997}.example`, name: "Bench Contact" },
        locale: o % 2 ? "it" : "en",
        subscriptions: [{ services: [{ sku: "MEETINGS-ENT", quantity: 25 + (o % 100) }], termMonths: 12 }],
      }),
    };
  };
  const rows: { connections: number; s: Run; f: Run; locked: Run; load: string }[] = [];
  const seconds = Number(values.duration);
  try {
    await drive(service, token, 10, 3, order("/api/v1/orders"));
    await drive(`http://127.0.0.1:${floorPort}`, token, 10, 3, order("/orders"));
    // The machine is shared: service and floor take turns, three runs each, and the medians are compared.
    for (const c of values.connections.split(",").map(Number)) {
      const load = loadAverage();
      const runs: { s: Run[]; f: Run[]; locked: Run[] } = { s: [], f: [], locked: [] };
      for (let round = 0; round < 3; round++) {
        runs.s.push(await drive(service, token, c, seconds, order("/api/v1/orders")));
        runs.f.push(await drive(`http://127.0.0.1:${floorPort}`, token, c, seconds, order("/orders")));
        runs.locked.push(await drive(`http://127.0.0.1:${lockedPort}`, token, c, seconds, order("/orders")));
      }
      const median = (list: Run[]) => [...list].sort((x, y) => x.rps - y.rps)[1]!;
      const s = median(runs.s);
      const f = median(runs.f);
      rows.push({ connections: c, s, f, locked: median(runs.locked), load });
      console.log(
        `intake ${c}: service ${runs.s.map((r) => r.rps.toFixed(0)).join("/")} floor ${runs.f.map((r) => r.rps.toFixed(0)).join("/")}: ${((s.rps / f.rps) * 100).toFixed(0)}%`,
      );
    }
  } finally {
    await stop(child);
    await stop(floor);
    await stop(locked);
  }
  return rows;
}

/** (d) */
async function feed() {
  const name = values["feed-database"];
  const target = Number(values["feed-events"]);
  const admin = new pg.Client({ connectionString: urlOf("postgres") });
  await admin.connect();
  const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
  await admin.end();
  let url = urlOf(name);
  let db = exists ? await openDatabase({ url, poolSize: 2 }) : undefined;
  // A database kept by an earlier run gets this build's migrations.
  if (db) await migrate(db);
  const count = db
    ? Number((await sql<{ n: string }>`select count(*)::text as n from events`.execute(db.kysely)).rows[0]!.n)
    : 0;
  let loadSeconds: number | undefined;
  if (count !== target) {
    await db?.close();
    url = await freshDatabase(name);
    db = await openDatabase({ url, poolSize: 2 });
    const t0 = performance.now();
    // Events spread over the transaction ids below the ones in use now, so all of them are history
    // under the feed's horizon. A new cluster has used only a few hundred ids: burn some first.
    const { rows } = await sql<{ xid: string }>`select pg_current_xact_id()::text as xid`.execute(db.kysely);
    const minimumXid = 20_000;
    for (let xid = Number(rows[0]!.xid); xid < minimumXid; xid++)
      await sql`select pg_current_xact_id()`.execute(db.kysely);
    const historyXids = Math.max(Number(rows[0]!.xid), minimumXid) - 2;
    const step = 1_000_000;
    for (let from = 1; from <= target; from += step) {
      const to = Math.min(target, from + step - 1);
      await sql`
        insert into events (xid, type, data, occurred_at)
        select (1 + (g * ${historyXids}) / ${target})::text::xid8, 'order.placed',
               jsonb_build_object('orderId', g::text, 'orderNumber', 'FEED-' || g, 'scenario', 'customer_self',
                                  'orderedBy', 'customer', 'partnerOrganizationId', null,
                                  'contactEmail', 'contact' || g || '@feed.example'),
               now() - interval '1 day' + g * interval '1 millisecond'
          from generate_series(${from}::bigint, ${to}::bigint) g`.execute(db.kysely);
      console.log(`feed: ${to.toLocaleString("en")} events`);
    }
    await sql`vacuum analyze events`.execute(db.kysely);
    loadSeconds = (performance.now() - t0) / 1000;
  }
  const deps = { db: db!.kysely };
  const warmed = await prewarm(db!.kysely, ["events"]);
  console.log(warmed);
  const calls = 2000;
  const load = loadAverage();
  const afters = Array.from({ length: calls + 200 }, (_, i) =>
    String(1 + ((i * 7_919_347) % (target - 200))),
  );
  const time = async (fn: (after: string) => Promise<unknown>) => {
    for (const after of afters.slice(0, 200)) await fn(after); // warm-up
    const times: number[] = [];
    for (const after of afters.slice(200)) {
      const t = performance.now();
      await fn(after);
      times.push(performance.now() - t);
    }
    return times.sort((x, y) => x - y);
  };
  const page = await time(async (after) => {
    const result = await listEvents(deps, { after, limit: 100 });
    if (result.events.length !== 100) throw new Error(`page after ${after}: ${result.events.length} events`);
  });
  // Readers as they use the feed: each starts somewhere (a cold page) and follows `next`.
  const readers = 10;
  const pagesPerReader = calls / readers;
  const following: number[] = [];
  for (let r = 0; r < readers; r++) {
    let after: string | undefined = String(
      1 + Math.floor(((r + 0.5) * (target - 100 * (pagesPerReader + 1))) / readers),
    );
    for (let i = 0; i < pagesPerReader; i++) {
      const t = performance.now();
      const result = await listEvents(deps, { after, limit: 100 });
      following.push(performance.now() - t);
      if (result.events.length !== 100)
        throw new Error(`page after ${after}: ${result.events.length} events`);
      after = result.next ?? undefined;
    }
  }
  following.sort((x, y) => x - y);
  const bare = await time((after) =>
    sql`select id, type, data, occurred_at from events
         where (xid, id) > ((select xid from events where id = ${after}), ${after}::bigint)
         order by xid, id limit 100`.execute(deps.db),
  );
  // The page statement runs inside events_feed_page: auto_explain shows its plan (as a notice).
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const notices: string[] = [];
  client.on("notice", (notice) => notices.push(notice.message ?? ""));
  await client.query("load 'auto_explain'");
  await client.query(`set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on;
    set auto_explain.log_buffers = on; set auto_explain.log_nested_statements = on;
    set auto_explain.log_level = notice`);
  await client.query("select * from events_feed_page(5000000, 100, null)");
  await client.end();
  const pageStatement = notices.find((n) => n.includes("order by e.xid, e.id")) ?? notices.join("\n");
  const plan = pageStatement.replace(/^duration: [^\n]*\n/, "");
  const size = await sql<{
    size: string;
  }>`select pg_size_pretty(pg_total_relation_size('events')) as size`.execute(deps.db);
  await db!.close();
  return {
    target,
    loadSeconds,
    load,
    calls,
    page: { p50: quantile(page, 0.5), p99: quantile(page, 0.99), max: page.at(-1)! },
    bare: { p50: quantile(bare, 0.5), p99: quantile(bare, 0.99), max: bare.at(-1)! },
    following: { p50: quantile(following, 0.5), p99: quantile(following, 0.99), max: following.at(-1)! },
    readers,
    pagesPerReader,
    plan,
    size: size.rows[0]!.size,
    warmed,
  };
}

async function main() {
  const started = new Date();
  const receiver = await startReceiver();
  const lines: string[] = [];
  try {
    if (only.has("a")) {
      const a = await latency(receiver);
      console.log(
        `(a) ${a.count} events at 100/s: p50 ${ms(a.p50)} ms, p99 ${ms(a.p99)} ms, max ${ms(a.max)} ms, lost ${a.lost}`,
      );
      lines.push(
        "### (a) Commit to receiver at a steady 100 events/s",
        "",
        `${a.count.toLocaleString("en")} events, one committed every 10 ms by this process (\`recordEvent\` in its own transaction, fan-out to one endpoint); \`provisio serve\` (one process, BACKGROUND_JOBS=1) woken by LISTEN/NOTIFY posts each to a receiver in this process. Load average at the start ${a.load}.`,
        "",
        "| events | not received | p50 ms | p99 ms | max ms | target p99 |",
        "|---:|---:|---:|---:|---:|---:|",
        `| ${a.count.toLocaleString("en")} | ${a.lost} | ${ms(a.p50)} | ${ms(a.p99)} | ${ms(a.max)} | ≤ 250 |`,
        "",
      );
    }
    if (only.has("b")) {
      const b = await throughput(receiver);
      console.log(
        `(b) service ${b.serviceRate.toFixed(0)}/s (${b.serviceCpu.toFixed(0)} µs CPU each), floor ${b.floorRate.toFixed(0)}/s (${b.floorCpu.toFixed(0)} µs)`,
      );
      lines.push(
        "### (b) Delivery throughput to a local keep-alive receiver",
        "",
        `${b.n.toLocaleString("en")} deliveries queued while the service was stopped, then delivered by one \`provisio serve\` (at most ${webhookSocketsPerEndpoint} connections to one endpoint, keep-alive): each claimed with its lease, its URL checked, signed, POSTed and recorded. The floor (\`bench/webhook-floor.ts\`, a process of its own) POSTs as many pre-signed bodies over as many keep-alive connections and does nothing else. Rate = deliveries / (last − first arrival at the receiver). Load average at the start ${b.load}.`,
        "",
        "| | deliveries | per second | of the floor | CPU of its process per delivery, 10–90% (µs) | target |",
        "|---|---:|---:|---:|---:|---:|",
        `| service | ${b.delivered.toLocaleString("en")} | ${b.serviceRate.toFixed(0)} | ${((b.serviceRate / b.floorRate) * 100).toFixed(0)}% | ${b.serviceCpu.toFixed(0)} | ≥ 70% |`,
        `| floor | ${b.n.toLocaleString("en")} | ${b.floorRate.toFixed(0)} | | ${b.floorCpu.toFixed(0)} | |`,
        "",
      );
    }
    if (only.has("c")) {
      const c = await intake(receiver);
      lines.push(
        "### (c) Order intake with its event",
        "",
        `\`POST /api/v1/orders\` on \`provisio serve\` (BACKGROUND_JOBS=0, pool of 10) against \`bench/http-floor.ts\` (\`node:http\` + \`pg\`, pool of 10) doing the same statements in one transaction: the idempotency probe, order, subscription, invitation, outbox row, audit event and the \`order.placed\` event with its fan-out to one subscribed endpoint. autocannon for ${values.duration} s a run after a warm-up, service and floor taking turns three times; each cell is the median run. Every order new.`,
        "",
        "| connections | service req/s | p50 ms | p99 ms | failed | floor req/s | p50 ms | p99 ms | failed | service / floor | floor, event writers serialized by a lock: req/s | p99 ms | load at start |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ...c.map(
          ({ connections, s, f, locked, load }) =>
            `| ${connections} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.non2xx + s.errors} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.non2xx + f.errors} | ${((s.rps / f.rps) * 100).toFixed(0)}% | ${locked.rps.toFixed(0)} | ${locked.p99} | ${load} |`,
        ),
        "",
        'The last columns are the alternative to the feed\'s horizon: the floor again, but taking a lock held until commit before its event, so that event ids commit in order (ARCHITECTURE.md, "The event feed").',
        "",
      );
    }
    if (only.has("d")) {
      const d = await feed();
      console.log(
        `(d) page p50 ${ms(d.page.p50)} p99 ${ms(d.page.p99)}; bare p99 ${ms(d.bare.p99)}; following next p50 ${ms(d.following.p50)} p99 ${ms(d.following.p99)}`,
      );
      lines.push(
        "### (d) A feed page of 100 at 10,000,000 events",
        "",
        `${d.target.toLocaleString("en")} events (${d.size} with indexes${d.loadSeconds ? `, loaded with generate_series in ${d.loadSeconds.toFixed(0)} s` : ", loaded by an earlier run"}); ${d.calls} calls one at a time at positions spread over the whole feed, after 200 to warm up, on a warm cache (${d.warmed}). \`listEvents\`: one call of the function \`events_feed_page\` (planned once per connection) finds \`after\` and reads the page under the horizon; the floor is the bare index range scan of one page. Then ${d.readers} readers as integrations read the feed: each starts at its own place (a cold page) and follows \`next\` for ${d.pagesPerReader} pages. Load average at the start ${d.load}.`,
        "",
        "| measurement | calls | p50 ms | p99 ms | max ms | target p99 |",
        "|---|---:|---:|---:|---:|---:|",
        `| \`listEvents\`, limit 100 | ${d.calls} | ${ms(d.page.p50)} | ${ms(d.page.p99)} | ${ms(d.page.max)} | ≤ 5 |`,
        `| floor: one index range scan of 100 | ${d.calls} | ${ms(d.bare.p50)} | ${ms(d.bare.p99)} | ${ms(d.bare.max)} | |`,
        `| \`listEvents\`, limit 100, ${d.readers} readers each following \`next\` for ${d.pagesPerReader} pages | ${d.calls} | ${ms(d.following.p50)} | ${ms(d.following.p99)} | ${ms(d.following.max)} | ≤ 5 |`,
        "",
        "EXPLAIN (ANALYZE, BUFFERS) of the page statement:",
        "",
        "```",
        d.plan,
        "```",
        "",
      );
    }
  } finally {
    await receiver.close();
  }
  const section = [
    "## Events and webhooks (`npm run bench:events`)",
    "",
    `Run ${started.toISOString().slice(0, 16)}Z on ${machineDescription("PostgreSQL 15 on the same machine")}. Everything runs on this machine: PostgreSQL, the service, the floors, the receiver and the load generator share 2 cores (and other engineers' work, which shows in the load averages).`,
    "",
    ...lines,
  ].join("\n");
  console.log(`\n${section}`);
  if (!values["no-write"]) writeBenchmarkSection("## Events and webhooks (`npm run bench:events`)", section);
}

await main();
