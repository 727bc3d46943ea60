/**
 * `npm run bench:sync -- --database NAME`: directory sync on the directory `npm run bench:match --
 * --load-only` leaves in PostgreSQL (1,000,000 organizations, 10,000,000 users): pages of 50
 * organizations by domain and by name prefix (keyset, p99 over ≥ 2,000 pages at random places), a user
 * moved with its counts (p99 over 2,000 moves), and an NDJSON import of 100,000 mixed changes (renames,
 * moves, deletions). Prints a markdown section with the EXPLAIN of both listings and writes it into
 * docs/benchmarks.md beside the first-import figure of `npm run bench:import`.
 *
 * The first run gives the organizations external ids (the import's key); the changes it makes stay, so
 * the database can be measured again (each run renames, moves and deletes other rows).
 */

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { recordAudit } from "../src/audit/audit.repository.js";
import { fixedClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { type Db, openDatabase } from "../src/db/database.js";
import { migrate } from "../src/db/migrate.js";
import {
  listOrganizationsStatement,
  type OrganizationFilter,
} from "../src/directory/directory.repository.js";
import type { DirectoryDeps } from "../src/directory/directory-deps.js";
import { importDirectory } from "../src/directory/import-directory.js";
import { listOrganizations } from "../src/directory/list-organizations.js";
import { encodeCursor } from "../src/directory/organization-cursor.js";
import { updateUser } from "../src/directory/update-user.js";
import { loadAverage, machineDescription, writeBenchmarkSection } from "./bench-doc.js";
import { prng } from "./directory-data.js";
import { prewarm } from "./prewarm.js";
import { type Stats, stats, timeEach } from "./timing.js";

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    pages: { type: "string", default: "2000" },
    moves: { type: "string", default: "2000" },
    changes: { type: "string", default: "100000" },
    "no-write": { type: "boolean", default: false },
  },
});
if (!values.database) {
  console.error(
    "bench:sync measures on the directory bench:match leaves: npm run bench:match -- --load-only, then npm run bench:sync -- --database NAME",
  );
  process.exit(2);
}
const pages = Number(values.pages);
const moves = Number(values.moves);
const changes = Number(values.changes);
const random = prng(1010);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const publicProviders = ["gmail.com", "libero.it", "outlook.com", "hotmail.com", "yahoo.it"];

async function main() {
  const started = new Date();
  const base = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const url = new URL(base);
  url.pathname = `/${values.database}`;
  const db: Db = await openDatabase({ url: url.toString(), poolSize: 3 });
  try {
    const loadAtStart = loadAverage();
    const { applied } = await migrate(db);
    if (applied.length) console.log(`applied ${applied.map((m) => `${m.version}_${m.name}`).join(", ")}`);
    const missing = await sql<{ n: string }>`
      select count(*)::text as n from organizations where external_id is null`.execute(db.kysely);
    if (Number(missing.rows[0]!.n) > 0) {
      console.log(`giving ${missing.rows[0]!.n} organizations an external id…`);
      await sql`update organizations set external_id = 'org-' || id where external_id is null`.execute(
        db.kysely,
      );
      await sql`vacuum analyze organizations`.execute(db.kysely);
    }
    await sql`vacuum analyze organization_domains`.execute(db.kysely);
    const warmed = await prewarm(db.kysely, [
      "organizations",
      "organization_domains",
      "users",
      "audit_events",
    ]);
    console.log(warmed);

    const config = loadConfig({});
    const deps: DirectoryDeps = {
      db: db.kysely,
      clock: fixedClock(new Date()),
      config,
      mailQueued: () => {},
    };

    // ---- Pages of 50 at random places: by a public provider's domain (hundreds of thousands of
    // organizations), by a corporate domain, and by a name prefix of 2 to 5 letters.
    const maxId = Number(
      (await sql<{ id: string }>`select max(id)::text as id from organizations`.execute(db.kysely)).rows[0]!
        .id,
    );
    const corporate = (
      await sql<{ domain: string }>`
        select domain from organization_domains tablesample system (1)
        where domain <> all(${publicProviders}::text[]) limit ${pages}`.execute(db.kysely)
    ).rows.map((r) => r.domain);
    const sampled = (
      await sql<{ name_key: string; id: string }>`
        select name_key, id::text from organizations tablesample system (1) limit ${pages}`.execute(db.kysely)
    ).rows;
    const byPublicDomain = Array.from({ length: pages }, () => ({
      domain: pick(publicProviders),
      after: encodeCursor({ order: "domain", id: String(1 + Math.floor(random() * maxId)) }),
    }));
    const byCorporateDomain = corporate.map((domain) => ({ domain }));
    const byPrefix = sampled.map((row) => ({
      q: row.name_key.slice(0, 2 + Math.floor(random() * 4)),
      after: encodeCursor({ order: "nameKey", nameKey: row.name_key, id: row.id }),
    }));
    const list = (query: { domain?: string; q?: string; after?: string }) =>
      listOrganizations(db.kysely, { ...query, includeDeleted: false, limit: 50 });
    // Warm the caches the way a running service has them warm.
    await timeEach([...byPublicDomain.slice(0, 200), ...byPrefix.slice(0, 200)], list);
    let rowsSeen = 0;
    const counted = async (query: Parameters<typeof list>[0]) => {
      rowsSeen += (await list(query)).organizations.length;
    };
    const results: Record<string, Stats> = {
      "page of 50 by domain, public provider, from a random cursor": stats(
        await timeEach(byPublicDomain, counted),
      ),
      "page of 50 by domain, corporate (first page)": stats(await timeEach(byCorporateDomain, counted)),
      "page of 50 by name prefix (2–5 letters), from a random cursor": stats(
        await timeEach(byPrefix, counted),
      ),
    };

    // ---- A user moved to another organization, with its counts (the use-case: one transaction, the
    // UPDATE whose triggers move user_count, last_activity_at and the domain rows, and the audit row).
    const moving = (
      await sql<{ id: string }>`select id::text from users tablesample system (0.1) limit ${moves}`.execute(
        db.kysely,
      )
    ).rows;
    const targets = (
      await sql<{ id: string }>`
        select id::text from organizations tablesample system (0.5) where deleted_at is null limit ${moves}`.execute(
        db.kysely,
      )
    ).rows;
    const moveCases = moving.map((u, i) => ({
      userId: u.id,
      organizationId: targets[i % targets.length]!.id,
    }));
    results["user moved to another organization, with its counts"] = stats(
      await timeEach(moveCases, (c) =>
        updateUser({ deps, actor: "api" }, c.userId, { organizationId: c.organizationId }),
      ),
    );

    // The floor of any write: a transaction that writes one audit row and commits (WAL flushed to disk).
    results["floor: a transaction writing one audit row"] = stats(
      await timeEach(moveCases, (c) =>
        db.kysely.transaction().execute((trx) =>
          recordAudit(trx, {
            at: new Date(),
            actor: "api",
            action: "bench.floor",
            subject: { type: "user", id: c.userId },
          }),
        ),
      ),
    );

    // ---- An NDJSON import of mixed changes: 45% renames, 45% moves, 5% user deletions, 5% organization
    // deletions (each removes its users and is audited).
    const renameCount = Math.round(changes * 0.45);
    const moveCount = Math.round(changes * 0.45);
    const userDeletions = Math.round(changes * 0.05);
    const organizationDeletions = changes - renameCount - moveCount - userDeletions;
    const organizations = (
      await sql<{ external_id: string; name: string; kind: string; source: string }>`
        select external_id, name, kind, source from organizations tablesample system (8)
        where deleted_at is null and external_id is not null limit ${renameCount + organizationDeletions}`.execute(
        db.kysely,
      )
    ).rows;
    const users = (
      await sql<{ email: string; role: string }>`
        select email, role from users tablesample system (1) limit ${moveCount + userDeletions}`.execute(
        db.kysely,
      )
    ).rows;
    if (
      organizations.length < renameCount + organizationDeletions ||
      users.length < moveCount + userDeletions
    ) {
      throw new Error("the sample is too small for the changes asked for");
    }
    const renamed = organizations.slice(0, renameCount);
    const deletedOrganizations = organizations.slice(renameCount);
    const lines: string[] = [];
    for (const o of renamed) {
      lines.push(
        JSON.stringify({
          type: "organization",
          externalId: o.external_id,
          name: `${o.name} Nuova`,
          kind: o.kind,
          source: o.source,
        }),
      );
    }
    for (const u of users.slice(0, moveCount)) {
      lines.push(
        JSON.stringify({
          type: "user",
          organizationExternalId: pick(renamed).external_id,
          email: u.email,
          role: u.role,
        }),
      );
    }
    for (const u of users.slice(moveCount))
      lines.push(JSON.stringify({ type: "user", email: u.email, deleted: true }));
    for (const o of deletedOrganizations) {
      lines.push(JSON.stringify({ type: "organization", externalId: o.external_id, deleted: true }));
    }
    // Shuffled, as a day's changes come.
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    const importStarted = performance.now();
    const imported = await importDirectory(
      deps,
      (async function* () {
        for (const line of lines) yield line;
      })(),
      { actor: "api" },
    );
    const importSeconds = (performance.now() - importStarted) / 1000;
    if (imported.errorCount > 0)
      throw new Error(`import errors: ${JSON.stringify(imported.errors.slice(0, 3))}`);

    const explainDomain = await explain(db, {
      domain: "gmail.com",
      includeDeleted: false,
      after: { order: "domain", id: String(Math.floor(maxId / 2)) },
      limit: 51,
    });
    const heavy = byPrefix.find((c) => c.q.length === 2) ?? byPrefix[0]!;
    const heavyKey = sampled[byPrefix.indexOf(heavy)]!;
    const explainPrefix = await explain(db, {
      nameKeyPrefix: heavy.q,
      includeDeleted: false,
      after: { order: "nameKey", nameKey: heavyKey.name_key, id: heavyKey.id },
      limit: 51,
    });

    const firstImport = /\| first import \(all inserts\) \| [\d.]+ \| [\d,]+ \| ([\d,]+) \|/.exec(
      readFileSync(new URL("../docs/benchmarks.md", import.meta.url), "utf8"),
    )?.[1];
    const sizes = await sql<{ table: string; rows: string }>`
      select relname as table, reltuples::bigint::text as rows from pg_class
      where relname in ('organizations', 'users', 'organization_domains') order by relname`.execute(
      db.kysely,
    );
    const version = (await sql<{ v: string }>`select version() as v`.execute(db.kysely)).rows[0]!.v.split(
      " on ",
    )[0];
    const table = [
      "| measurement | calls | p50 ms | p99 ms | max ms |",
      "|---|---:|---:|---:|---:|",
      ...Object.entries(results).map(
        ([k, s]) => `| ${k} | ${s.n} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.max.toFixed(2)} |`,
      ),
    ].join("\n");
    const perSecond = Math.round(lines.length / importSeconds);
    const section = [
      "## Directory sync (`npm run bench:sync -- --database NAME`)",
      "",
      `Run ${started.toISOString().slice(0, 16)}Z on ${machineDescription(version)}; load average when measuring began ${loadAtStart}, at the end ${loadAverage()}.`,
      `Directory: the one \`npm run bench:match -- --load-only\` leaves (${sizes.rows.map((r) => `${r.table} ${Number(r.rows).toLocaleString("en")} rows`).join(", ")}), organizations given external ids \`org-<id>\` on the first run.`,
      "",
      `Times are the use-case seen from Node, one call at a time on a warm cache (${warmed}): \`listOrganizations\` (query parsing, cursor, the statement, 51 rows read to know whether a next page exists; ${rowsSeen.toLocaleString("en")} rows listed in all) and \`updateUser\` with \`organizationId\` (one statement, committed: the user locked and read, the target organization read, the UPDATE whose statement-level triggers move the user's counts, last activity and domain rows, the audit row).`,
      "",
      table,
      "",
      `**Import of ${lines.length.toLocaleString("en")} mixed changes** (shuffled: ${renameCount.toLocaleString("en")} renames, ${moveCount.toLocaleString("en")} user moves, ${userDeletions.toLocaleString("en")} user deletions, ${organizationDeletions.toLocaleString("en")} organization deletions, which removed their users): ${importSeconds.toFixed(1)} s, **${perSecond.toLocaleString("en")} changes/s**, beside ${firstImport ?? "?"} records/s of the first import of \`npm run bench:import\` (all inserts, into an empty database). Answer: imported ${JSON.stringify(imported.imported)}, deleted ${JSON.stringify(imported.deleted)}.`,
      "",
      "EXPLAIN (ANALYZE, BUFFERS) of a page by domain (gmail.com, from the middle of its organizations):",
      "",
      "```",
      explainDomain,
      "```",
      "",
      `EXPLAIN (ANALYZE, BUFFERS) of a page by name prefix ("${heavy.q}", from a cursor inside it):`,
      "",
      "```",
      explainPrefix,
      "```",
      "",
    ].join("\n");
    console.log(`\n${section}`);
    if (!values["no-write"]) writeBenchmarkSection("## Directory sync", section);
  } finally {
    await db.close();
  }
}

async function explain(db: Db, filter: OrganizationFilter): Promise<string> {
  const statement = listOrganizationsStatement(filter).compile(db.kysely);
  const rows = await db.withSession((session) =>
    session.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${statement.sql}`, [
      ...statement.parameters,
    ]),
  );
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

await main();
