/**
 * `npm run bench:match`: the whole match (docs/matching.md § 6) on a large directory.
 *
 * PostgreSQL (default): 1,000,000 organizations and 10,000,000 users in a fresh database on
 * 127.0.0.1:5432 (BENCH_DATABASE_URL overrides the server). `--engine pglite`: the embedded database,
 * by default at 100,000 organizations and 1,000,000 users. `--orgs N --users N` change the size.
 *
 * Rows are generated here (deterministic) and loaded with COPY in chunks, so the triggers of
 * 0002_matching_indexes.sql fill the stored counts and organization_domains exactly as in production.
 * Then, for corporate-domain and public-provider inputs: the whole `matchOrganizations` call
 * (p50/p99/max over ≥ 2,000 calls each), the single raw index lookup as the floor, and the naive query
 * (no helper tables: ILIKE + joins + counts) on a sample. Prints a markdown table and the EXPLAIN
 * of the hot query, and writes them into docs/benchmarks.md.
 */

import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { fixedClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { type Db, openDatabase } from "../src/db/database.js";
import { migrate } from "../src/db/migrate.js";
import { type MatchInput, matchOrganizations } from "../src/directory/match-organizations.js";
import { type CandidatesQuery, candidatesStatement } from "../src/directory/matching.repository.js";
import { verifyingOrganizationStatement } from "../src/domains/domains.repository.js";
import { parseCompanyName } from "../src/matching/name-key.js";
import { createPublicProviderCheck } from "../src/matching/public-providers.js";
import { writeBenchmarkSection } from "./bench-doc.js";
import { prng } from "./directory-data.js";
import { type Stats, stats, timeEach } from "./timing.js";

const { values } = parseArgs({
  options: {
    engine: { type: "string", default: "postgres" },
    orgs: { type: "string" },
    users: { type: "string" },
    calls: { type: "string", default: "2000" },
    naive: { type: "string", default: "20" },
    "verified-domains": { type: "string" },
    "no-write": { type: "boolean", default: false },
    // Keep the PostgreSQL database, or measure again on one kept before (skips generating and loading).
    keep: { type: "boolean", default: false },
    database: { type: "string" },
    // Generate and load a kept database, then stop (bench:http measures on it).
    "load-only": { type: "boolean", default: false },
  },
});
const engine = values.engine === "pglite" ? "pglite" : "postgres";
const orgCount = Number(values.orgs ?? (engine === "postgres" ? 1_000_000 : 100_000));
const userCount = Number(values.users ?? orgCount * 10);
const calls = Number(values.calls);
const verifiedCount = Number(values["verified-domains"] ?? Math.min(100_000, Math.floor(orgCount / 10)));
const naiveCalls = Number(values.naive);
const now = new Date("2026-11-24T09:00:00Z");
const random = prng(424242);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// ---- The directory

// Lead words with a Zipf-like weight: a few prefixes are shared by tens of thousands of organizations.
const lead = [
  "Tecno",
  "Studio",
  "Edil",
  "Gruppo",
  "Euro",
  "Info",
  "Italia",
  "Nuova",
  "Global",
  "Centro",
  "Sistemi",
  "Rossi",
  "Bianchi",
  "Ferrari",
  "Alfa",
  "Omega",
  "Delta",
  "Servizi",
  "Logistica",
  "Trasporti",
  "Impianti",
  "Farmacia",
  "Hotel",
  "Ristorante",
  "Pizzeria",
  "Autofficina",
  "Elettro",
  "Termo",
  "Agri",
  "Green",
  "Smart",
  "Digital",
  "Data",
  "Cloud",
  "Consulting",
  "Partners",
  "Officine",
  "Cantina",
  "Ottica",
  "Clinica",
  "Scuola",
  "Immobiliare",
  "Media",
  "Design",
  "Moda",
  "Arredamenti",
  "Ceramiche",
  "Meccanica",
  "Energia",
  "Solare",
  "Nord",
  "Sud",
  "Schmidt",
  "Müller",
  "Dupont",
  "García",
  "Smith",
  "Acme",
  "Brenner",
  "Lumière",
];
const middle = [
  "Impianti",
  "Sistemi",
  "Servizi",
  "Costruzioni",
  "Consulting",
  "Solutions",
  "Group",
  "Italia",
  "Tech",
  "Lab",
  "Engineering",
  "Trading",
  "Logistics",
  "Design",
  "Informatica",
  "Elettrica",
  "Edile",
  "Medica",
  "Progetti",
  "Forniture",
  "Food",
  "Wine",
  "Travel",
  "Verde",
  "Blu",
  "Sole",
  "Mare",
  "Monte",
];
const place = [
  "Milano",
  "Roma",
  "Torino",
  "Napoli",
  "Bologna",
  "Firenze",
  "Verona",
  "Padova",
  "Genova",
  "Bari",
  "Palermo",
  "Nord",
  "Sud",
  "2000",
  "Pro",
];
const forms = ["S.r.l.", "S.p.A.", "Srls", "S.n.c.", "GmbH", "SAS", "Ltd", "Inc.", ""];
const tlds = ["it", "it", "it", "it", "de", "fr", "com", "co.uk", "es", "ch"];
const publicProviders = [
  "gmail.com",
  "gmail.com",
  "gmail.com",
  "libero.it",
  "outlook.com",
  "hotmail.com",
  "yahoo.it",
  "virgilio.it",
  "icloud.com",
  "gmx.de",
];
const zipfWeights = lead.map((_, i) => 1 / (i + 1) ** 0.9);
const zipfTotal = zipfWeights.reduce((a, b) => a + b, 0);
function zipfLead(): string {
  let r = random() * zipfTotal;
  for (let i = 0; i < lead.length; i++) {
    r -= zipfWeights[i]!;
    if (r <= 0) return lead[i]!;
  }
  return lead[0]!;
}

type Org = { name: string; key: string; prefix: string; kind: "customer" | "partner"; domain: string };

function generateOrganizations(): Org[] {
  const orgs: Org[] = [];
  for (let i = 0; i < orgCount; i++) {
    const words = [zipfLead()];
    if (random() < 0.75) words.push(pick(middle));
    if (random() < 0.3) words.push(pick(place));
    const name = `${words.join(" ")} ${pick(forms)}`.trim();
    const parsed = parseCompanyName(name);
    if (!parsed.ok) throw new Error(name);
    const previous = orgs[orgs.length - 1];
    // Near-duplicates: a group company or a second account reuses the previous organization's domain.
    const domain =
      previous && random() < 0.05
        ? previous.domain
        : `${
            parsed.value.nameKey
              .normalize("NFKD")
              .replace(/[^a-z0-9]/g, "")
              .slice(0, 20) || "org"
          }${i}.${pick(tlds)}`;
    orgs.push({
      name,
      key: parsed.value.nameKey,
      prefix: parsed.value.prefix,
      kind: random() < 0.08 ? "partner" : "customer",
      domain,
    });
  }
  return orgs;
}

/** Users per organization: heavy-tailed (log-normal), summing to userCount. */
function userCounts(): Uint32Array {
  const weights = new Float64Array(orgCount);
  let total = 0;
  for (let i = 0; i < orgCount; i++) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    weights[i] = Math.exp(1.3 * normal);
    total += weights[i]!;
  }
  const counts = new Uint32Array(orgCount);
  let assigned = 0;
  for (let i = 0; i < orgCount; i++) {
    counts[i] = Math.floor((weights[i]! / total) * userCount);
    assigned += counts[i]!;
  }
  for (let i = 0; assigned < userCount; i = (i + 7919) % orgCount, assigned++) counts[i]!++;
  return counts;
}

const csv = (v: string | number | null) =>
  v === null ? "" : typeof v === "number" ? String(v) : /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;

/** CSV chunks for COPY: organizations, then users, then subscriptions. */
function* organizationRows(orgs: Org[]): Generator<string> {
  for (let i = 0; i < orgs.length; i++) {
    const o = orgs[i]!;
    const created = new Date(now.getTime() - Math.floor(random() * 3650) * 86_400_000).toISOString();
    yield `${[o.name, o.key, o.prefix, o.kind, pick(["trial", "online", "partner", "wizard", "import"]), created].map(csv).join(",")}\n`;
  }
}

function* userRows(
  orgs: Org[],
  counts: Uint32Array,
  firstId: number,
  range: [number, number],
): Generator<string> {
  for (let i = range[0]; i < range[1]; i++) {
    const o = orgs[i]!;
    for (let u = 0; u < counts[i]!; u++) {
      const isPublic = random() < 0.15;
      const domain = isPublic ? pick(publicProviders) : o.domain;
      const email = `u${i}x${u}@${domain}`;
      const role = u === 0 ? "full_admin" : random() < 0.05 ? "full_admin" : "user";
      const active =
        random() < 0.6
          ? new Date(now.getTime() - Math.floor(random() * 700) * 86_400_000).toISOString()
          : null;
      yield `${[firstId + i, email, domain, role, active].map(csv).join(",")}\n`;
    }
  }
}

function* subscriptionRows(firstId: number): Generator<string> {
  for (let i = 0; i < orgCount; i++) {
    const n = random() < 0.4 ? 0 : 1 + Math.floor(random() * 2);
    for (let s = 0; s < n; s++)
      yield `${firstId + i},${pick(["active", "active", "expired", "cancelled", "suspended"])},[]\n`;
  }
}

async function copyRows(db: Db, statement: string, rows: Iterable<string>): Promise<void> {
  const chunkSize = 1 << 22;
  if (db.pool) {
    const client = await db.pool.connect();
    try {
      const stream = client.query(copyFrom(statement));
      const done = new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", reject);
      });
      let buffer = "";
      for (const row of rows) {
        buffer += row;
        if (buffer.length > chunkSize) {
          if (!stream.write(buffer)) await new Promise((r) => stream.once("drain", r));
          buffer = "";
        }
      }
      stream.end(buffer);
      await done;
    } finally {
      client.release();
    }
    return;
  }
  // PGlite reads COPY input from a blob.
  const parts: string[] = [];
  for (const row of rows) parts.push(row);
  await db.pglite!.query(statement.replace("from stdin", "from '/dev/blob'"), [], { blob: new Blob(parts) });
}

async function load(db: Db, orgs: Org[]): Promise<{ seconds: number; subscriptions: number }> {
  const started = performance.now();
  await copyRows(
    db,
    "copy organizations (name, name_key, name_prefix, kind, source, created_at) from stdin with (format csv)",
    organizationRows(orgs),
  );
  const firstId = Number(
    (await sql<{ id: string }>`select min(id)::text as id from organizations`.execute(db.kysely)).rows[0]!.id,
  );
  const counts = userCounts();
  // Users in chunks of about a million rows: one trigger run per chunk, like a large import.
  const perChunk = Math.max(1, Math.floor(orgCount / Math.max(1, Math.round(userCount / 1_000_000))));
  for (let start = 0; start < orgCount; start += perChunk) {
    await copyRows(
      db,
      "copy users (organization_id, email, email_domain, role, last_active_at) from stdin with (format csv)",
      userRows(orgs, counts, firstId, [start, Math.min(orgCount, start + perChunk)]),
    );
    process.stdout.write(".");
  }
  await copyRows(
    db,
    "copy subscriptions (organization_id, status, services) from stdin with (format csv)",
    subscriptionRows(firstId),
  );
  process.stdout.write("\n");
  await sql`vacuum analyze`.execute(db.kysely);
  const subscriptions = Number(
    (await sql<{ n: string }>`select count(*)::text as n from subscriptions`.execute(db.kysely)).rows[0]!.n,
  );
  return { seconds: (performance.now() - started) / 1000, subscriptions };
}

/**
 * Verifies `n` corporate domains (rule V): for each, the organization with the most users on it, as
 * the domains API would leave it after a successful check; one in ten claimed. Idempotent on a kept
 * database: domains verified by an earlier run stay.
 */
async function verifyDomains(db: Db, n: number): Promise<number> {
  await sql`
    insert into domain_verifications
      (organization_id, domain, status, claimed, challenge, created_at, verified_at, checked_at, next_check_at)
    select organization_id, domain, 'verified', hashtext(domain) % 10 = 0,
      'provisio-verification=bench' || md5(domain), ${now}, ${now}, ${now}, ${new Date(now.getTime() + 86_400_000)}
    from (
      select distinct on (domain) organization_id, domain from organization_domains
      where live and domain not in (${sql.join(publicDomains)})
      order by domain, domain_users desc, organization_id) d
    order by hashtext(domain)
    limit ${n}
    on conflict do nothing`.execute(db.kysely);
  await sql`analyze domain_verifications`.execute(db.kysely);
  return Number(
    (
      await sql<{
        n: string;
      }>`select count(*)::text as n from domain_verifications where status = 'verified'`.execute(db.kysely)
    ).rows[0]!.n,
  );
}

// ---- Inputs

type Case = MatchInput & { label: string };

const publicDomains = [...new Set(publicProviders)];

async function inputs(
  db: Db,
  kind: "corporate" | "public" | "existing" | "verified",
  n: number,
): Promise<Case[]> {
  const rows =
    kind === "verified"
      ? // A new administrator on a verified domain, typing the name of another organization on it or a new one.
        await sql<{ name: string; domain: string; kind: "customer" | "partner" }>`
          select o.name, d.domain, o.kind from domain_verifications d
          join organizations o on o.id = d.organization_id
          where d.status = 'verified' order by hashtext(d.domain) limit ${n}`.execute(db.kysely)
      : kind === "corporate"
        ? await sql<{ name: string; domain: string; kind: "customer" | "partner" }>`
          select o.name, od.domain, o.kind from organization_domains od join organizations o on o.id = od.organization_id
          where od.domain not in ('gmail.com','libero.it','outlook.com','hotmail.com','yahoo.it','virgilio.it','icloud.com','gmx.de')
          order by hashtext(od.domain || od.organization_id) limit ${n}`.execute(db.kysely)
        : kind === "public"
          ? await sql<{ name: string; domain: string; kind: "customer" | "partner" }>`
          select o.name, od.domain, o.kind from organization_domains od join organizations o on o.id = od.organization_id
          where od.domain in ('gmail.com','libero.it','outlook.com','hotmail.com','yahoo.it')
          order by hashtext(od.domain || od.organization_id) limit ${n}`.execute(db.kysely)
          : await sql<{ name: string; domain: string; kind: "customer" | "partner"; email: string }>`
          select o.name, u.email as domain, o.kind, u.email from users u join organizations o on o.id = u.organization_id
          where u.role = 'full_admin' order by hashtext(u.email) limit ${n}`.execute(db.kysely);
  return rows.rows.map((r, i) => ({
    label: kind,
    companyName: r.name,
    adminEmail: kind === "existing" ? r.domain : `new.admin${i}@${r.domain}`,
    kind: r.kind,
  }));
}

// ---- Measurements

const naiveQuery = (c: Case) => {
  const prefix = parseCompanyName(c.companyName);
  const domain = c.adminEmail.split("@")[1]!;
  const p = prefix.ok ? prefix.value.prefix : "";
  // What one writes without helper tables: scan users by domain with ILIKE, join, count on the fly.
  return sql`
    select o.id, o.name,
      (select count(*) from users x where x.organization_id = o.id) as users,
      (select count(*) from subscriptions s where s.organization_id = o.id and s.status = 'active') as active,
      count(*) as domain_users
    from users u join organizations o on o.id = u.organization_id
    where u.email ilike ${`%@${domain}`} and o.kind = ${c.kind} and o.deleted_at is null
      and (o.name_prefix like ${`${p}%`} or ${p} like o.name_prefix || '%')
    group by o.id order by domain_users desc limit 20`;
};

async function main() {
  const started = new Date();
  let db: Db;
  let dropUrl: string | undefined;
  if (engine === "postgres") {
    const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const name = values.database ?? `provisio_bench_match_${Date.now()}`;
    if (!values.database) {
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`create database "${name}"`);
      await admin.end();
    }
    const u = new URL(base);
    u.pathname = `/${name}`;
    db = await openDatabase({ url: u.toString(), poolSize: 2 });
    if (values.keep || values.database || values["load-only"])
      console.log(`database ${name} is kept: --database ${name} measures again`);
    else dropUrl = u.toString();
  } else {
    db = await openDatabase({ memory: true });
  }
  try {
    await migrate(db);
    console.log(
      `generating ${orgCount.toLocaleString("en")} organizations and ${userCount.toLocaleString("en")} users on ${engine}…`,
    );
    const loaded = values.database
      ? {
          seconds: Number.NaN,
          subscriptions: Number(
            (await sql<{ n: string }>`select count(*)::text as n from subscriptions`.execute(db.kysely))
              .rows[0]!.n,
          ),
        }
      : await load(db, generateOrganizations());
    console.log(`loaded in ${loaded.seconds.toFixed(0)} s`);
    const verifiedDomains = await verifyDomains(db, verifiedCount);
    console.log(`${verifiedDomains.toLocaleString("en")} verified domains`);
    if (values["load-only"]) return;

    const config = loadConfig({});
    const deps = {
      db: db.kysely,
      clock: fixedClock(now),
      config,
      isPublicProvider: createPublicProviderCheck(),
    };
    const match = (c: Case) => matchOrganizations(deps, c);
    const corporate = await inputs(db, "corporate", calls);
    const publicInputs = await inputs(db, "public", calls);
    const existing = await inputs(db, "existing", Math.min(calls, 1000));
    const verified = (await inputs(db, "verified", calls)).map((c, i) => ({
      ...c,
      label: "verified",
      companyName: i % 2 === 0 ? c.companyName : `Nuova Impresa ${i}`,
    }));

    // Warm the caches the way a running service has them warm.
    await timeEach([...corporate.slice(0, 200), ...publicInputs.slice(0, 200)], match);

    const outcomes = new Map<string, number>();
    const count = async (c: Case) => {
      const result = await match(c);
      outcomes.set(`${c.label}:${result.outcome}`, (outcomes.get(`${c.label}:${result.outcome}`) ?? 0) + 1);
    };
    const results: Record<string, Stats> = {
      "whole match, corporate domain": stats(await timeEach(corporate, count)),
      "whole match, public provider": stats(await timeEach(publicInputs, count)),
      "whole match, existing administrator (rule A)": stats(await timeEach(existing, count)),
      ...(verified.length > 0
        ? { "whole match, verified domain (rule V)": stats(await timeEach(verified, count)) }
        : {}),
    };
    const floor = (c: Case) => {
      const domain = c.adminEmail.split("@")[1]!;
      const prefix = parseCompanyName(c.companyName);
      return sql`select organization_id from organization_domains
        where live and domain = ${domain} and kind = ${c.kind} and name_prefix = ${prefix.ok ? prefix.value.prefix : ""} limit 1`.execute(
        db.kysely,
      );
    };
    results["floor: one index lookup, corporate"] = stats(await timeEach(corporate, floor));
    results["floor: one index lookup, public"] = stats(await timeEach(publicInputs, floor));
    results["naive query (no helper tables), corporate"] = stats(
      await timeEach(corporate.slice(0, naiveCalls), (c) => naiveQuery(c).execute(db.kysely)),
    );
    results["naive query (no helper tables), public"] = stats(
      await timeEach(publicInputs.slice(0, naiveCalls), (c) => naiveQuery(c).execute(db.kysely)),
    );

    // EXPLAIN of the hot statement (rules B and C) for the heaviest input: the public-provider domain
    // and name prefix shared by the most organizations.
    const heaviest = (
      await sql<{ name: string; domain: string; kind: "customer" | "partner" }>`
        with top as (
          select domain, kind, name_prefix from organization_domains
          where domain in ('gmail.com','libero.it','outlook.com','hotmail.com','yahoo.it')
          group by 1, 2, 3 order by count(*) desc limit 1)
        select o.name, top.domain, top.kind from top
        join organization_domains od using (domain, kind, name_prefix)
        join organizations o on o.id = od.organization_id limit 1`.execute(db.kysely)
    ).rows[0]!;
    const heavy: Case = {
      label: "public",
      companyName: heaviest.name,
      adminEmail: `new.admin@${heaviest.domain}`,
      kind: heaviest.kind,
    };
    const heavyPrefix = parseCompanyName(heavy.companyName);
    const explain = await explainHot(db, {
      domain: heavy.adminEmail.split("@")[1]!,
      kind: heavy.kind,
      prefix: heavyPrefix.ok ? heavyPrefix.value.prefix : "",
      nameKey: heavyPrefix.ok ? heavyPrefix.value.nameKey : "",
      limit: config.matchLimit,
      sameDomainLimit: 0,
      verified: false,
      email: heavy.adminEmail,
    });

    // Rule V's statement for a verified domain: one probe of the partial unique index, then keys.
    const verifiedSample = verified[0];
    const explainV = verifiedSample
      ? await explainStatement(
          db,
          verifyingOrganizationStatement(verifiedSample.adminEmail.split("@")[1]!, verifiedSample.kind),
        )
      : undefined;

    const sizes = await sql<{ table: string; rows: string; size: string }>`
      select relname as table, reltuples::bigint::text as rows, pg_size_pretty(pg_total_relation_size(oid)) as size
      from pg_class where relname in ('organizations', 'users', 'subscriptions', 'organization_domains', 'domain_verifications') order by relname`.execute(
      db.kysely,
    );

    const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${
      (await sql<{ v: string }>`select version() as v`.execute(db.kysely)).rows[0]!.v.split(" on ")[0]
    }`;
    const table = [
      "| measurement | calls | p50 ms | p99 ms | max ms |",
      "|---|---:|---:|---:|---:|",
      ...Object.entries(results).map(
        ([k, s]) => `| ${k} | ${s.n} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.max.toFixed(2)} |`,
      ),
    ].join("\n");
    const section = [
      `## Match on ${engine === "postgres" ? "PostgreSQL" : "PGlite"} (\`npm run bench:match${engine === "pglite" ? " -- --engine pglite" : ""}\`)`,
      "",
      `Run ${started.toISOString().slice(0, 16)}Z on ${machine}; load average at the start ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}.`,
      `Directory: ${orgCount.toLocaleString("en")} organizations, ${userCount.toLocaleString("en")} users (15% on public providers), ${loaded.subscriptions.toLocaleString("en")} subscriptions; ${values.database ? "measured again on a database loaded by an earlier run" : `loaded with COPY through the triggers in ${loaded.seconds.toFixed(0)} s`}.`,
      `Verified domains (rule V): ${verifiedDomains.toLocaleString("en")}, one organization each, a tenth claimed; the corporate inputs include those on them.`,
      `Table sizes: ${sizes.rows.map((r) => `${r.table} ${Number(r.rows).toLocaleString("en")} rows, ${r.size}`).join("; ")}.`,
      "",
      "Times are the whole `matchOrganizations` call seen from Node (validation, then its one statement: `match_candidates`, which holds rules A, V, B and C and the cards' verified domains), one call at a time on a warm cache. The floor is the single index lookup of rule B; the naive query is rule B written without the helper tables (ILIKE on users, joins, counts on the fly), on a sample.",
      "",
      table,
      "",
      `Outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")}.`,
      "",
      `EXPLAIN (ANALYZE, BUFFERS) of the rules B + C statement for a public-provider input (${heavy.adminEmail.split("@")[1]}, prefix "${heavyPrefix.ok ? heavyPrefix.value.prefix : ""}"):`,
      "",
      "```",
      explain,
      "```",
      "",
      ...(explainV
        ? [
            `EXPLAIN (ANALYZE, BUFFERS) of rule V's statement (src/domains/domains.repository.ts) for ${verifiedSample!.adminEmail.split("@")[1]}:`,
            "",
            "```",
            explainV,
            "```",
            "",
          ]
        : []),
    ].join("\n");
    console.log(`\n${section}`);
    if (!values["no-write"])
      writeBenchmarkSection(`## Match on ${engine === "postgres" ? "PostgreSQL" : "PGlite"}`, section);
  } finally {
    await db.close();
    if (dropUrl) {
      const admin = new pg.Client({
        connectionString: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
      });
      await admin.connect();
      await admin.query(`drop database if exists "${new URL(dropUrl).pathname.slice(1)}" with (force)`);
      await admin.end();
    }
  }
}

async function explainHot(db: Db, query: CandidatesQuery): Promise<string> {
  return explainStatement(db, candidatesStatement(query));
}

async function explainStatement(
  db: Db,
  query: { compile(db: Db["kysely"]): { sql: string; parameters: readonly unknown[] } },
) {
  const statement = query.compile(db.kysely);
  const rows = await db.withSession((session) =>
    session.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${statement.sql}`, [
      ...statement.parameters,
    ]),
  );
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

await main();
