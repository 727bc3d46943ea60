/**
 * `npm run bench:orders`: order intake and e-mail delivery on PostgreSQL, over real HTTP and SMTP.
 *
 * 1. Intake: `provisio serve` (BACKGROUND_JOBS=0, so it only takes orders) in a process of its own;
 *    autocannon posts distinct orders at 16 connections. Each accepted order is one transaction of
 *    an order, its subscription, its invitation, the setup e-mail's outbox row and an audit event.
 * 2. Delivery: instances with BACKGROUND_JOBS=1 drain the outbox into an SMTP server in this process
 *    (it counts messages, nothing more): once with one instance, once with two on the same database.
 * Prints a table and writes docs/benchmarks.md § Orders and e-mail delivery.
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { loadAverage, machineDescription, writeBenchmarkSection } from "./bench-doc.js";
import { serviceNodeOptions } from "./processes.js";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "10000" },
    connections: { type: "string", default: "16" },
    "no-write": { type: "boolean", default: false },
  },
});
const orders = Number(values.orders);
const connections = Number(values.connections);
const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const token = "bench-token-0123456789abcdef";

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** `provisio serve` in a child process; resolves once it answers /readyz. */
async function serve(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...serviceNodeOptions, "--import", "tsx", "src/cli.ts", "serve"], {
    env: { ...process.env, LOG_LEVEL: "warn", DEMO_DATA: "0", API_TOKENS: token, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${env.PORT}/readyz`);
      if (response.ok) return child;
    } catch {}
    if (Date.now() > deadline) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** An SMTP server that accepts and counts. */
async function smtpCounter() {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("end", () => {
        count++;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    get count() {
      return count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let sequence = 0;
function orderBody(): string {
  sequence++;
  return JSON.stringify({
    orderNumber: `BENCH-${Date.now().toString(36)}-${sequence}`,
    orderedBy: { type: "customer" },
    provisioningContact: {
      email: `contact${sequence}@bench-customer${sequence % 1000}.example`,
      name: "Bench Contact",
    },
    locale: sequence % 2 ? "it" : "en",
    subscriptions: [{ services: [{ sku: "MEETINGS-ENT", quantity: 25 + (sequence % 100) }], termMonths: 12 }],
  });
}

async function intake(port: number, amount: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/v1/orders`,
    method: "POST",
    connections,
    amount,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    requests: [{ setupRequest: (request) => ({ ...request, body: orderBody() }) }],
  });
  return {
    seconds: result.duration,
    perSecond: amount / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function drain(
  url: string,
  smtp: Awaited<ReturnType<typeof smtpCounter>>,
  instances: number,
  expected: number,
  firstPort: number,
) {
  const startCount = smtp.count;
  const started = performance.now();
  const workers = await Promise.all(
    Array.from({ length: instances }, (_, i) =>
      serve({ DATABASE_URL: url, PORT: String(firstPort + i), SMTP_URL: smtp.url, BACKGROUND_JOBS: "1" }),
    ),
  );
  const ready = performance.now();
  while (smtp.count - startCount < expected) {
    if (performance.now() - ready > 600_000)
      throw new Error(`only ${smtp.count - startCount} of ${expected} delivered`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - ready) / 1000;
  await Promise.all(workers.map(stop));
  return { seconds, perSecond: expected / seconds, startSeconds: (ready - started) / 1000 };
}

async function main() {
  const name = `provisio_bench_orders_${Date.now()}`;
  await admin((c) => c.query(`create database "${name}"`));
  const url = databaseUrl(name);
  const smtp = await smtpCounter();
  try {
    const load = loadAverage();
    const server = await serve({ DATABASE_URL: url, PORT: "3901", BACKGROUND_JOBS: "0" });
    const version = await admin((c) => c.query<{ v: string }>("select version() as v"));
    // Warm-up: the JIT and the pool, not measured.
    await intake(3901, 500);
    const first = await intake(3901, orders);
    // Delivery, one instance: the warm-up's and the first run's e-mails.
    const one = await drain(url, smtp, 1, orders + 500, 3911);
    const second = await intake(3901, orders);
    // Two instances on the same database: the second run's.
    const two = await drain(url, smtp, 2, orders, 3921);
    await stop(server);
    const counts = await admin(async () => {
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      const r = await db.query<{ orders: string; sent: string; pending: string }>(
        `select (select count(*) from orders)::text as orders,
                (select count(*) from outbox_messages where status = 'sent')::text as sent,
                (select count(*) from outbox_messages where status <> 'sent')::text as pending`,
      );
      await db.end();
      return r.rows[0]!;
    });
    const total = orders * 2 + 500;
    if (Number(counts.orders) !== total || Number(counts.sent) !== total || smtp.count !== total) {
      throw new Error(
        `expected ${total} orders, sent rows and e-mails: ${JSON.stringify(counts)}, ${smtp.count} received`,
      );
    }

    const table = [
      "| measurement | count | seconds | per second | p50 ms | p99 ms | errors |",
      "|---|---:|---:|---:|---:|---:|---:|",
      ...[first, second].map(
        (r, i) =>
          `| order intake, run ${i + 1} (${connections} connections) | ${orders.toLocaleString("en")} | ${r.seconds.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} |`,
      ),
      `| e-mail delivery, 1 instance | ${(orders + 500).toLocaleString("en")} | ${one.seconds.toFixed(1)} | ${one.perSecond.toFixed(0)} | | | 0 |`,
      `| e-mail delivery, 2 instances | ${orders.toLocaleString("en")} | ${two.seconds.toFixed(1)} | ${two.perSecond.toFixed(0)} | | | 0 |`,
    ].join("\n");
    const section = [
      "## Orders and e-mail delivery (`npm run bench:orders`)",
      "",
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${machineDescription(version.rows[0]!.v.split(" on ")[0])} (was ${load} before the run).`,
      "",
      `Intake: \`provisio serve\` with BACKGROUND_JOBS=0 in its own process on a fresh PostgreSQL database, autocannon in this process posting distinct orders (one subscription, one service) over HTTP after a warm-up of 500. Each order is one transaction: the order, its subscription, its setup invitation, the setup e-mail's outbox row and an audit event; the run ends with ${counts.orders} orders, as many outbox rows sent and as many e-mails received, which the benchmark checks. Delivery: instances with BACKGROUND_JOBS=1 on the same database claim due rows (batches of 50, SKIP LOCKED), mint each setup link, render the e-mail (Italian or English, HTML and text) and send it through nodemailer's pool to an SMTP server in this process that only counts; timed from the instances answering /readyz to the last message received.`,
      "",
      table,
      "",
    ].join("\n");
    console.log(`\n${section}`);
    if (!values["no-write"]) writeBenchmarkSection("## Orders and e-mail delivery", section);
  } finally {
    await smtp.close();
    await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
  }
}

await main();
