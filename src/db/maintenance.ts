import { type Kysely, sql } from "kysely";
import type { Db } from "./database.js";
import type { Database } from "./schema.js";

/**
 * Table statistics and dead rows, kept the way PostgreSQL's autovacuum keeps them, where nothing else
 * does: the embedded database never runs autovacuum, and some PostgreSQL servers have it turned off.
 * The planner needs fresh statistics: after a first import of a million users, matches on public
 * providers ran 3× slower until an ANALYZE (docs/benchmarks.md § Match endpoint).
 */

/** autovacuum's default thresholds: analyze after 50 + 10% of the rows changed, vacuum after 50 + 20% died. */
const analyzeThreshold = (rows: number) => 50 + 0.1 * rows;
const vacuumThreshold = (rows: number) => 50 + 0.2 * rows;

/** The tables a directory import writes, and those its triggers keep. */
export const directoryTables = ["organizations", "users", "organization_domains", "subscriptions"] as const;

/**
 * After a bulk write of `changedRows` rows into `tables`: VACUUM (ANALYZE) each of them whose planner
 * statistics are now stale (never analyzed, or more changed than autovacuum would wait for), before
 * the caller answers. The next query is then planned on the data as it is, and reads it as a vacuumed
 * table: the visibility map lets index-only scans skip the heap, hint bits are set, and the dead rows
 * the import's triggers left (every batch rewrites the organizations' counts) are gone. Without the
 * VACUUM, the first searches after a large import paid for all three, and the background round that
 * vacuumed later ran during them (docs/benchmarks.md § Match endpoint). Answers the tables tidied.
 */
export async function tidyAfterBulkWrite(
  db: Kysely<Database>,
  tables: readonly string[],
  changedRows: number,
): Promise<string[]> {
  const { rows } = await sql<{ table: string; estimate: number }>`
    select relname as "table", reltuples::float8 as "estimate" from pg_class
    where relkind = 'r' and relnamespace = 'public'::regnamespace and relname = any(${tables as string[]}::text[])`.execute(
    db,
  );
  const stale = rows
    .filter((r) => r.estimate < 0 || changedRows > analyzeThreshold(r.estimate))
    .map((r) => r.table);
  // VACUUM runs outside a transaction: each statement here is one of its own.
  for (const table of stale) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  return stale;
}

export type MaintenanceRound = { analyzed: string[]; vacuumed: string[] };

/**
 * One round of upkeep: VACUUM (ANALYZE) the tables with more dead rows than autovacuum would leave,
 * ANALYZE those with more changes since their last statistics. Does nothing on a PostgreSQL server
 * whose autovacuum is on, and when another instance holds the round (an advisory lock).
 */
export async function maintainTables(db: Db): Promise<MaintenanceRound> {
  const done: MaintenanceRound = { analyzed: [], vacuumed: [] };
  if (db.engine === "postgres") {
    const { rows } = await sql<{
      on: boolean;
    }>`select current_setting('autovacuum')::boolean as "on"`.execute(db.kysely);
    if (rows[0]?.on) return done;
  }
  // VACUUM runs outside a transaction: one connection holds the lock and runs the round.
  return db.withSession(async (session) => {
    const [lock] = await session.query<{ got: boolean }>("select pg_try_advisory_lock($1) as got", [
      maintenanceLock,
    ]);
    if (!lock?.got) return done;
    try {
      const tables = await session.query<{ table: string; live: number; dead: number; changed: number }>(
        `select relname as "table", n_live_tup::float8 as live, n_dead_tup::float8 as dead,
                n_mod_since_analyze::float8 as changed
         from pg_stat_user_tables where schemaname = 'public' order by relname`,
      );
      for (const t of tables) {
        const name = `"${t.table.replaceAll('"', '""')}"`;
        if (t.dead > vacuumThreshold(t.live)) {
          await session.exec(`vacuum (analyze) ${name}`);
          done.vacuumed.push(t.table);
        } else if (t.changed > analyzeThreshold(t.live)) {
          await session.exec(`analyze ${name}`);
          done.analyzed.push(t.table);
        }
      }
      return done;
    } finally {
      await session.query("select pg_advisory_unlock($1)", [maintenanceLock]);
    }
  });
}

// Any constant unique among this service's advisory locks.
const maintenanceLock = 7_337_001;
