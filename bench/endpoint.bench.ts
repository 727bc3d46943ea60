/**
 * `npm run bench:endpoint -- [--engine postgres|pglite] [--orgs N] [--users N] [--calls N] [--explain]`:
 * the match as a person waits for it. A directory export (bench/directory-data.ts) goes in through
 * `POST /api/v1/import` of a fresh `provisio serve` (a process of its own, on a fresh database, with no
 * maintenance step by hand); orders go in through `POST /api/v1/orders` and their setup links come out
 * of the development mailbox; then `POST /api/v1/setup/{token}/match` is called one call at a time, as
 * the wizard's page makes it, with a fresh link every 25 calls, for corporate, public-provider and
 * existing-administrator inputs sampled from the export. In the same run, the floors: a database round
 * trip, `/healthz`, `/readyz`, and the in-process `matchOrganizations` on the same inputs; and the
 * wizard's HTML results page (the company form posted, its redirect followed). `--explain` also logs
 * EXPLAIN (ANALYZE, BUFFERS) of every statement one match call runs (PostgreSQL's auto_explain).
 * Writes docs/benchmarks.md § Match endpoint (`--no-doc` to only print).
 */

import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { systemClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/database.js";
import { matchOrganizations } from "../src/directory/match-organizations.js";
import { parseEmail } from "../src/matching/email.js";
import { createPublicProviderCheck } from "../src/matching/public-providers.js";
import { machineDescription, writeBenchmarkSection } from "./bench-doc.js";
import { generateDirectory } from "./directory-data.js";
import { start, stop } from "./processes.js";
import { type Stats, stats, timeEach } from "./timing.js";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "postgres" },
    orgs: { type: "string" },
    users: { type: "string" },
    calls: { type: "string", default: "2000" },
    "calls-per-link": { type: "string", default: "25" },
    explain: { type: "boolean", default: false },
    "no-doc": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
});
if (args.help) {
  console.log(`Usage: npm run bench:endpoint -- [options]
  --engine postgres|pglite   the database (default postgres at BENCH_DATABASE_URL's server)
  --orgs N --users N         directory size (default 1,000,000 / 10,000,000 on PostgreSQL, 100,000 / 1,000,000 on PGlite)
  --calls N                  match calls per kind of input (default 2000)
  --explain                  log EXPLAIN (ANALYZE, BUFFERS) of one call of each kind (PostgreSQL)
  --no-doc                   print only; do not write docs/benchmarks.md`);
  process.exit(0);
}

const engine = args.engine === "pglite" ? "pglite" : "postgres";
const organizations = Number(args.orgs ?? (engine === "postgres" ? 1_000_000 : 100_000));
const users = Number(args.users ?? organizations * 10);
const callsPerKind = Number(args.calls);
const callsPerLink = Number(args["calls-per-link"]);
const port = await freePort();
const apiToken = "bench-endpoint-token-0123456789";
const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const databaseName = `provisio_bench_endpoint_${Date.now()}`;
const databaseUrl = (() => {
  const u = new URL(base);
  u.pathname = `/${databaseName}`;
  return u.toString();
})();
const work = mkdtempSync(join(tmpdir(), "provisio-endpoint-"));
const dataDir = join(work, "data");
const exportFile = join(work, "directory.ndjson");
const isPublicProvider = createPublicProviderCheck();

/** A port nothing listens on now (so that two runs never talk to each other's server). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// --- a keep-alive HTTP client: one connection, one call at a time, as a browser's page makes them ---

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders };

function request(
  method: string,
  path: string,
  options: { body?: string | NodeJS.ReadableStream; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path, agent, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (options.body === undefined) req.end();
    else if (typeof options.body === "string") req.end(options.body);
    else options.body.pipe(req);
  });
}

const api = (method: string, path: string, body?: unknown) =>
  request(method, `/api/v1${path}`, {
    headers: {
      authorization: `Bearer ${apiToken}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

// --- inputs sampled from the export, as people would type them ---

type Input = { companyName: string; adminEmail: string };
type Kind = "corporate" | "public" | "existing";

/** Reservoir samples of the export: customer users on corporate and on public domains, and customer administrators. */
async function sampleInputs(file: string, n: number): Promise<Record<Kind, Input[]>> {
  const names = new Map<string, { name: string; customer: boolean }>();
  const samples: Record<Kind, Input[]> = { corporate: [], public: [], existing: [] };
  const seen: Record<Kind, number> = { corporate: 0, public: 0, existing: 0 };
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const offer = (kind: Kind, input: Input) => {
    const k = seen[kind]++;
    if (k < n) samples[kind].push(input);
    else {
      const j = Math.floor(random() * (k + 1));
      if (j < n) samples[kind][j] = input;
    }
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    const record = JSON.parse(line) as Record<string, string>;
    if (record.type === "organization") {
      names.set(record.externalId!, { name: record.name!, customer: record.kind !== "partner" });
    } else if (record.type === "user") {
      const org = names.get(record.organizationExternalId!);
      const email = parseEmail(record.email!);
      if (!org?.customer || !email.ok) continue;
      const domain = email.value.domain;
      if (record.role === "full_admin")
        offer("existing", { companyName: org.name, adminEmail: record.email! });
      const fresh = {
        companyName: org.name,
        adminEmail: `bench.new.${seen.corporate + seen.public}@${domain}`,
      };
      offer(isPublicProvider(email.value.registrableDomain) ? "public" : "corporate", fresh);
    }
  }
  return samples;
}

// --- measuring ---

let orderSeq = 0;
/** A new customer order; its setup link as the e-mail carries it, read from the development mailbox. */
async function freshLink(): Promise<string> {
  const contact = `bench.contact.${++orderSeq}@provisio-bench.example`;
  const placed = await api("POST", "/orders", {
    orderNumber: `BENCH-${Date.now()}-${orderSeq}`,
    orderedBy: { type: "customer" },
    provisioningContact: { email: contact, name: "Bench Contact" },
    locale: "en",
    subscriptions: [{ services: [{ sku: "MEETINGS-ENT", quantity: 10 }], termMonths: 12 }],
  });
  if (placed.status !== 201) throw new Error(`order: ${placed.status} ${placed.body}`);
  for (let tries = 0; tries < 600; tries++) {
    const box = await api("GET", `/dev/mailbox?to=${encodeURIComponent(contact)}`);
    const link = (JSON.parse(box.body) as { messages: { links: string[] }[] }).messages[0]?.links.find((l) =>
      l.includes("/setup/"),
    );
    if (link) return new URL(link).pathname.split("/").pop()!;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no setup e-mail to ${contact}`);
}

/** `count` links, made before the timed calls (so that mail delivery never runs beside them). */
async function links(count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(await freshLink());
  return out;
}

const outcomes = new Map<string, number>();
function countOutcome(kind: string, answer: Answer) {
  const body = JSON.parse(answer.body) as { outcome?: string; error?: { code: string } };
  const key = `${kind}:${answer.status === 200 ? body.outcome : `${answer.status} ${body.error?.code}`}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

/** The wizard's company form, posted as the browser posts it, and the results page it redirects to. */
async function wizardResults(token: string, input: Input): Promise<number> {
  const page = await request("GET", `/setup/${token}/company`);
  const cookie = String(page.headers["set-cookie"] ?? "").split(";")[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
  const form = new URLSearchParams({ _csrf: csrf, ...input }).toString();
  const t = performance.now();
  const posted = await request("POST", `/setup/${token}/company`, {
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: form,
  });
  const location = posted.headers.location;
  if (posted.status !== 303 || !location)
    throw new Error(`company form: ${posted.status} ${posted.body.slice(0, 300)}`);
  const results = await request("GET", location, { headers: { cookie } });
  if (results.status !== 200) throw new Error(`results page: ${results.status}`);
  return performance.now() - t;
}

// --- the run ---

let databaseVersion = "PGlite (PostgreSQL 17, in the server's process)";

async function main() {
  const startedAt = new Date();
  console.log(`generating ${organizations} organizations / ${users} users …`);
  const generated = generateDirectory(exportFile, {
    organizations,
    users,
    subscriptions: Math.round(organizations * 1.5),
  });
  const inputs = await sampleInputs(exportFile, callsPerKind);

  if (engine === "postgres") {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    databaseVersion = `PostgreSQL ${(await admin.query("show server_version")).rows[0].server_version}`;
    await admin.end();
  }
  const serverEnv: Record<string, string> = {
    HOST: "127.0.0.1",
    PORT: String(port),
    API_TOKENS: `bench:${apiToken}`,
    DEMO_DATA: "false",
    LINK_REQUESTS_PER_ADDRESS: "0",
    LOG_LEVEL: "warn",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...(engine === "postgres" ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
  };
  if (args.explain && engine === "postgres") {
    serverEnv.PGOPTIONS = [
      "-c session_preload_libraries=auto_explain",
      "-c auto_explain.log_min_duration=0",
      "-c auto_explain.log_analyze=on",
      "-c auto_explain.log_buffers=on",
      "-c auto_explain.log_nested_statements=on",
    ].join(" ");
  }
  const ready = async () => (await request("GET", "/readyz")).status === 200;
  const server = await start(["src/cli.ts", "serve"], serverEnv, ready);
  try {
    const importStart = performance.now();
    const imported = await request("POST", "/api/v1/import", {
      headers: {
        authorization: `Bearer ${apiToken}`,
        "content-type": "application/x-ndjson",
        "content-length": String(statSync(exportFile).size),
      },
      body: createReadStream(exportFile),
    });
    const importSeconds = (performance.now() - importStart) / 1000;
    if (imported.status !== 200) throw new Error(`import: ${imported.status} ${imported.body.slice(0, 500)}`);
    console.log(`imported in ${importSeconds.toFixed(1)} s: ${imported.body.slice(0, 300)}`);

    // Everyone else's searches of the last hour: the rate window must not read them (PostgreSQL only:
    // PGlite's data directory belongs to the server while it runs).
    const otherCalls = 100_000;
    if (engine === "postgres") {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(
        `insert into audit_events (at, actor, action, subject_type, subject_id, details)
         select now() - random() * interval '55 minutes', 'setup-link:' || (900000000 + g / 25),
           'setup.match', 'invitation', (900000000 + g / 25)::text, '{}'::jsonb
         from generate_series(1, $1::int) g`,
        [otherCalls],
      );
      await client.end();
    }

    const kinds: Kind[] = ["corporate", "public", "existing"];
    const linksNeeded = Math.ceil(callsPerKind / callsPerLink);
    const tokens = Object.fromEntries(
      await Promise.all(kinds.map(async (k) => [k, await links(linksNeeded)])),
    ) as Record<Kind, string[]>;
    const warm = await links(1);
    for (const input of inputs.corporate.slice(0, 20)) await api("POST", `/setup/${warm[0]}/match`, input);

    let explainLog = "";
    const logFile = "/var/log/postgresql/postgresql-15-main.log";
    const logStart = args.explain ? statSync(logFile).size : 0;

    const rows: [string, Stats][] = [];
    for (const kind of kinds) {
      const times = await timeEach(inputs[kind], async (input, i) => {
        const token = tokens[kind][Math.floor(i / callsPerLink)]!;
        const answer = await api("POST", `/setup/${token}/match`, input);
        if (answer.status !== 200 && answer.status !== 409)
          throw new Error(`match: ${answer.status} ${answer.body}`);
        countOutcome(kind, answer);
      });
      rows.push([`POST /api/v1/setup/{token}/match, ${kind}`, stats(times)]);
    }
    if (args.explain) {
      const all = readFileSync(logFile);
      explainLog = all.subarray(logStart).toString();
    }

    // The rate window of one link after its calls, among everyone else's (PostgreSQL).
    let windowPlan = "";
    if (engine === "postgres") {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const last = await client.query<{ id: string }>(
        `select subject_id as id from audit_events where action = 'setup.match' and actor like 'setup-link:%'
           and length(subject_id) < 9 order by id desc limit 1`,
      );
      const { rows } = await client.query<{ "QUERY PLAN": string }>(
        `explain (analyze, buffers)
         select count(*), min(at) from audit_events
         where subject_id = ${client.escapeLiteral(last.rows[0]!.id)} and subject_type = 'invitation'
           and action in ('setup.match', 'setup.complete') and at > now() - interval '1 hour'`,
      );
      windowPlan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      await client.end();
    }

    const pageLinks = await links(Math.ceil(200 / callsPerLink));
    const pageTimes = await timeEach(inputs.corporate.slice(0, 200), (input, i) =>
      wizardResults(pageLinks[Math.floor(i / callsPerLink)]!, input),
    );
    rows.push(["wizard: company form posted + results page, corporate", stats(pageTimes)]);

    const floorCalls = Array.from({ length: 2000 });
    rows.push(["floor: GET /healthz", stats(await timeEach(floorCalls, () => request("GET", "/healthz")))]);
    rows.push([
      "floor: GET /readyz (one query)",
      stats(await timeEach(floorCalls, () => request("GET", "/readyz"))),
    ]);
    if (engine === "postgres") {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      rows.push([
        "floor: database round trip (select 1)",
        stats(await timeEach(floorCalls, () => client.query("select 1"))),
      ]);
      await client.end();
    }
    await stop(server);

    // The in-process match on the same inputs (the server stopped: PGlite's data directory is one process's).
    const config = loadConfig({ ...process.env, ...serverEnv });
    const db = await openDatabase(engine === "postgres" ? { url: databaseUrl } : { dataDir });
    try {
      const deps = { db: db.kysely, clock: systemClock, config, isPublicProvider };
      for (const input of inputs.corporate.slice(0, 20))
        await matchOrganizations(deps, { ...input, kind: "customer" }).catch(() => {});
      for (const kind of kinds) {
        const times = await timeEach(inputs[kind], (input) =>
          matchOrganizations(deps, { ...input, kind: "customer" }).catch(() => {}),
        );
        rows.push([`floor: matchOrganizations in-process, ${kind}`, stats(times)]);
      }
    } finally {
      await db.close();
    }

    const table = [
      "| measurement | calls | p50 ms | p99 ms | max ms |",
      "|---|---:|---:|---:|---:|",
      ...rows.map(
        ([name, s]) =>
          `| ${name} | ${s.n} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.max.toFixed(2)} |`,
      ),
    ].join("\n");
    const section = [
      `Run ${startedAt.toISOString().slice(0, 16)}Z by \`npm run bench:endpoint -- --engine ${engine}\` on ${machineDescription(databaseVersion)}.`,
      `Directory: ${generated.organizations.toLocaleString("en")} organizations, ${generated.users.toLocaleString("en")} users, ${generated.subscriptions.toLocaleString("en")} subscriptions (${(generated.bytes / 1e6).toFixed(0)} MB of NDJSON), imported through \`POST /api/v1/import\` into a fresh database in ${importSeconds.toFixed(1)} s, then measured at once: no ANALYZE or VACUUM by hand.`,
      `Each call is one HTTP request on a keep-alive connection, one at a time; a fresh setup link (an order placed through the API, its link read from the development mailbox) every ${callsPerLink} calls.`,
      "",
      table,
      "",
      `Outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")}.`,
      ...(windowPlan
        ? [
            "",
            `Before the calls, ${otherCalls.toLocaleString("en")} searches of other links in the last hour went into audit_events. The rate window of the last link measured, after its calls (EXPLAIN (ANALYZE, BUFFERS)):`,
            "",
            "```",
            windowPlan,
            "```",
          ]
        : []),
    ].join("\n");
    console.log(section);
    if (args.explain) {
      const explainFile = join(tmpdir(), `provisio-endpoint-explain-${engine}.log`);
      (await import("node:fs")).writeFileSync(explainFile, explainLog);
      console.log(`auto_explain output: ${explainFile}`);
    }
    const heading = `## Match endpoint on ${engine === "postgres" ? "PostgreSQL" : "PGlite"} (\`npm run bench:endpoint -- --engine ${engine}\`)`;
    if (!args["no-doc"]) writeBenchmarkSection(heading, `${heading}\n\n${section}`);
  } finally {
    await stop(server);
    rmSync(work, { recursive: true, force: true });
    if (engine === "postgres") {
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
  }
}

await main();
