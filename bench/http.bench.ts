/**
 * `npm run bench:http -- --database NAME`: the service over HTTP on PostgreSQL at the directory of
 * `npm run bench:match` (1,000,000 organizations, 10,000,000 users; make one with
 * `npm run bench:match -- --load-only`), against a floor doing the same query with `node:http` + `pg`.
 *
 * For each endpoint (the wizard's match, order intake) and each number of connections (10, 50, 200),
 * autocannon drives first `provisio serve` (a process of its own, BACKGROUND_JOBS=0), then the floor
 * (bench/http-floor.ts, a process of its own), for the same time, after a warm-up. Match calls go
 * through real setup links (minted here, 30 calls an hour each, the default rate limit), with company
 * names and domains sampled from the directory; every order is new. Prints a table and writes
 * docs/benchmarks.md § HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { sql } from "kysely";
import { fixedClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/database.js";
import { mintSetupLink } from "../src/links/links.repository.js";
import { placeOrder } from "../src/orders/place-order.js";
import { loadAverage, machineDescription, writeBenchmarkSection } from "./bench-doc.js";

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10,50,200" },
    links: { type: "string", default: "3000" },
    "no-write": { type: "boolean", default: false },
  },
});
if (!values.database) {
  console.error("bench:http needs a directory: npm run bench:match -- --load-only, then --database NAME");
  process.exit(2);
}
const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const url = (() => {
  const u = new URL(base);
  u.pathname = `/${values.database}`;
  return u.toString();
})();
const duration = Number(values.duration);
const levels = values.connections.split(",").map(Number);
const token = "bench-token-0123456789abcdef";
const servicePort = 3301;
const floorPort = 3302;

/** A child process that is ready once `ready()` answers true. */
async function start(
  args: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 120_000;
  while (!(await ready().catch(() => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${args[0]} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

type Run = { rps: number; p50: number; p99: number; non2xx: number; errors: number; requests: number };

/** The first answer of each failing status, to show what went wrong. */
const failures = new Map<number, string>();

async function drive(
  target: string,
  connections: number,
  seconds: number,
  next: () => { path: string; body: string },
): Promise<Run> {
  const result = await autocannon({
    url: target,
    method: "POST",
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    requests: [
      {
        setupRequest: (request) => {
          const { path, body } = next();
          return { ...request, path, body };
        },
        onResponse: (status, body) => {
          if (status >= 300 && failures.size < 3 && !failures.has(status))
            failures.set(status, String(body).slice(0, 200));
        },
      },
    ],
  });
  for (const [status, body] of failures) console.log(`  ${target}: ${status} ${body}`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

async function main() {
  const started = new Date();
  const load = loadAverage();
  const db = await openDatabase({ url, poolSize: 4 });
  const counts = await sql<{ organizations: string; users: string }>`
    select (select count(*) from organizations)::text as organizations, (select count(*) from users)::text as users`.execute(
    db.kysely,
  );
  const size = counts.rows[0]!;
  console.log(
    `directory: ${Number(size.organizations).toLocaleString("en")} organizations, ${Number(size.users).toLocaleString("en")} users`,
  );

  // Company names and domains as customers type them: a sample of organizations and their domains.
  // Every n-th organization, so that about 4,000 are taken whatever the size (deterministic).
  const step = Math.max(1, Math.floor(Number(size.organizations) / 4000));
  const sample = await sql<{ name: string; domain: string }>`
    select o.name, d.domain from organization_domains d
    join organizations o on o.id = d.organization_id
    where d.kind = 'customer' and d.live and d.organization_id % ${step} = 0
    order by d.organization_id, d.domain limit 4000`.execute(db.kysely);
  if (sample.rows.length === 0) throw new Error("no customer organizations in this directory");
  const inputs = sample.rows.map((r, i) =>
    JSON.stringify({ companyName: r.name, adminEmail: `bench.admin${i}@${r.domain}` }),
  );
  const publicShare =
    sample.rows.filter((r) =>
      /gmail|libero|hotmail|yahoo|outlook|icloud|virgilio|alice|tiscali/.test(r.domain),
    ).length / sample.rows.length;

  // Setup links: orders placed and their links minted as the outbox worker would.
  const config = loadConfig({ API_TOKENS: token });
  const clock = fixedClock(new Date());
  const deps = {
    db: db.kysely,
    clock,
    config,
    isPublicProvider: () => false,
    mailQueued: () => {},
  } as unknown as Parameters<typeof placeOrder>[0];
  const run = Date.now().toString(36);
  const linkCount = Number(values.links);
  const tokens: string[] = [];
  for (let i = 0; i < linkCount; i++) {
    const { record } = await placeOrder(deps, {
      orderNumber: `HTTP-${run}-${i}`,
      orderedBy: { type: "customer" },
      intendedUse: "customer",
      provisioningContact: { email: `contact${i}@bench-http.example` },
      locale: "en",
      subscriptions: [{ services: [{ sku: "MEETINGS-ENT", quantity: 10 }] }],
    });
    const minted = await db.kysely
      .transaction()
      .execute((trx) => mintSetupLink(trx, record.invitation.id, { now: clock.now(), ttlDays: 30 }));
    if ("dead" in minted) throw new Error(minted.dead);
    tokens.push(minted.token);
  }
  await db.close();
  console.log(
    `${tokens.length} setup links ready; ${inputs.length} inputs, ${(publicShare * 100).toFixed(0)}% on public providers`,
  );

  let m = 0;
  const serviceMatch = () => {
    m++;
    return { path: `/api/v1/setup/${tokens[m % tokens.length]}/match`, body: inputs[m % inputs.length]! };
  };
  const floorMatch = () => {
    m++;
    return { path: `/match/${tokens[m % tokens.length]}`, body: inputs[m % inputs.length]! };
  };
  let o = 0;
  const order = (path: string) => () => {
    o++;
    return {
      path,
      body: JSON.stringify({
        orderNumber: `HTTP-${run}-o${o}`,
        orderedBy: { type: "customer" },
        provisioningContact: { email: `contact${o}@bench-intake${o % 997}.example`, name: "Bench Contact" },
        locale: o % 2 ? "it" : "en",
        subscriptions: [{ services: [{ sku: "MEETINGS-ENT", quantity: 25 + (o % 100) }], termMonths: 12 }],
      }),
    };
  };

  const rows: string[] = [];
  const measure = async (
    label: string,
    connections: number,
    service: () => Promise<Run>,
    floor: () => Promise<Run>,
  ) => {
    const s = await service();
    const f = await floor();
    const ratio = s.rps / f.rps;
    const row = `| ${label} | ${connections} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.non2xx + s.errors} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.non2xx + f.errors} | ${(ratio * 100).toFixed(0)}% |`;
    console.log(row);
    rows.push(row);
  };

  const service = await start(
    ["src/cli.ts", "serve"],
    {
      DATABASE_URL: url,
      PORT: String(servicePort),
      API_TOKENS: token,
      LOG_LEVEL: "warn",
      DEMO_DATA: "0",
      BACKGROUND_JOBS: "0",
    },
    async () => (await fetch(`http://127.0.0.1:${servicePort}/readyz`)).ok,
  );
  const floor = await start(["bench/http-floor.ts", String(floorPort), url], {}, async () => {
    await fetch(`http://127.0.0.1:${floorPort}/`, {
      method: "POST",
      body: JSON.stringify({ companyName: "Warm", adminEmail: "a@warm.example" }),
    });
    return true;
  });
  const svc = `http://127.0.0.1:${servicePort}`;
  const flr = `http://127.0.0.1:${floorPort}`;
  try {
    // Warm both: caches, JIT, pools.
    await drive(svc, 10, 3, serviceMatch);
    await drive(flr, 10, 3, floorMatch);
    for (const c of levels) {
      await measure(
        "match",
        c,
        () => drive(svc, c, duration, serviceMatch),
        () => drive(flr, c, duration, floorMatch),
      );
    }
    await drive(svc, 10, 2, order("/api/v1/orders"));
    await drive(flr, 10, 2, order("/orders"));
    for (const c of levels) {
      await measure(
        "order intake",
        c,
        () => drive(svc, c, duration, order("/api/v1/orders")),
        () => drive(flr, c, duration, order("/orders")),
      );
    }
  } finally {
    await stop(service);
    await stop(floor);
  }

  const section = [
    "## HTTP (`npm run bench:http`)",
    "",
    `Run ${started.toISOString().slice(0, 16)}Z on ${machineDescription("PostgreSQL 15 on the same machine")} (${load} before setting up).`,
    `Directory: ${Number(size.organizations).toLocaleString("en")} organizations, ${Number(size.users).toLocaleString("en")} users (\`npm run bench:match -- --load-only\`). Each cell: autocannon for ${duration} s after a warm-up, requests/s averaged over the run, latency in ms, failed = non-2xx + errors + timeouts. The service is \`provisio serve\` (one process, pool of 10, no background jobs); the floor is \`bench/http-floor.ts\` (\`node:http\` + \`pg\`, pool of 10). Both run on this machine beside autocannon and PostgreSQL: 2 cores for all four.`,
    "",
    "- match: `POST /api/v1/setup/{token}/match` through real setup links (" +
      `${tokens.length} links, ${inputs.length} company names and domains sampled from the directory, ${(publicShare * 100).toFixed(0)}% on public providers), against the floor's \`POST /match/{token}\`: the same statements in one transaction (link, order lock, rate-limit window, rule A's probe, rules B + C, disclosures, draft, audit), nothing else.`,
    "- order intake: `POST /api/v1/orders`, every order new, against the floor's `POST /orders`: the same rows (order, subscription, invitation, outbox row, audit event) in one transaction, nothing else.",
    "",
    "| endpoint | connections | service req/s | p50 ms | p99 ms | failed | floor req/s | p50 ms | p99 ms | failed | service / floor |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
  console.log(`\n${section}`);
  if (!values["no-write"]) writeBenchmarkSection("## HTTP (`npm run bench:http`)", section);
}

await main();
