import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../db/schema.js";

type Executor = Kysely<Database> | Transaction<Database>;

export type Window = { hits: number; windowStart: Date; blockedUntil: Date | null; strikes: number };

/**
 * Counts one hit for `key` in a fixed window of `windowMs` (a new window starts when the old one is
 * over), atomically: concurrent hits on any instance each get their own count. A key blocked until a
 * later time is not counted: answers undefined, and `blockOf` tells until when.
 */
export async function hit(
  db: Executor,
  key: string,
  options: { now: Date; windowMs: number },
): Promise<Window | undefined> {
  const since = new Date(options.now.getTime() - options.windowMs);
  const { rows } = await sql<{
    hits: number;
    window_start: Date;
    blocked_until: Date | null;
    strikes: number;
  }>`
    insert into rate_limits as r (key, window_start, hits, updated_at)
      values (${key}, ${options.now}, 1, ${options.now})
    on conflict (key) do update set
      hits = case when r.window_start <= ${since} then 1 else r.hits + 1 end,
      window_start = case when r.window_start <= ${since} then ${options.now} else r.window_start end,
      updated_at = ${options.now}
      where r.blocked_until is null or r.blocked_until <= ${options.now}
    returning hits, window_start, blocked_until, strikes`.execute(db);
  const row = rows[0];
  return (
    row && {
      hits: row.hits,
      windowStart: row.window_start,
      blockedUntil: row.blocked_until,
      strikes: row.strikes,
    }
  );
}

/** Until when `key` is refused, if it is. */
export async function blockOf(db: Executor, key: string, now: Date): Promise<Date | undefined> {
  const row = await db
    .selectFrom("rate_limits")
    .select("blocked_until")
    .where("key", "=", key)
    .where("blocked_until", ">", now)
    .executeTakeFirst();
  return row?.blocked_until ?? undefined;
}

/** Refuses `key` until `until`, one strike more; its window starts again after. */
export async function block(db: Executor, key: string, until: Date, now: Date): Promise<void> {
  await db
    .updateTable("rate_limits")
    .set((eb) => ({
      blocked_until: until,
      strikes: eb("strikes", "+", 1),
      hits: 0,
      window_start: until,
      updated_at: now,
    }))
    .where("key", "=", key)
    .execute();
}

/** Forgets `key`: its count and its strikes (a successful sign-in). */
export async function clear(db: Executor, key: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("key", "=", key).execute();
}

/**
 * One request on a link route: counts it for `viewKey` and reads `unknownKey`'s window (404s of this
 * address), in one round trip, committed without waiting for the disk (a crash of the database server
 * may lose a few requests' counts; see src/db/asynchronous-commit.ts). Run it on its own, not inside
 * a transaction.
 */
export async function linkRequest(
  db: Executor,
  keys: { viewKey: string; unknownKey: string },
  options: { now: Date; viewWindowMs: number; unknownWindowMs: number },
): Promise<{ views: number; viewsSince: Date; unknown: number; unknownSince: Date | null }> {
  const { now } = options;
  const viewsSince = new Date(now.getTime() - options.viewWindowMs);
  const unknownSince = new Date(now.getTime() - options.unknownWindowMs);
  const { rows } = await sql<{
    views: number;
    views_since: Date;
    unknown: number | null;
    unknown_since: Date | null;
  }>`select * from link_request(${keys.viewKey}, ${keys.unknownKey}, ${now}, ${viewsSince}, ${unknownSince})`.execute(
    db,
  );
  const row = rows[0]!;
  return {
    views: row.views,
    viewsSince: row.views_since,
    unknown: row.unknown ?? 0,
    unknownSince: row.unknown_since,
  };
}

/** Drops windows nobody touched for `idleMs` and that block nothing any more. */
export async function pruneRateLimits(db: Executor, now: Date, idleMs: number): Promise<number> {
  const result = await db
    .deleteFrom("rate_limits")
    .where("updated_at", "<", new Date(now.getTime() - idleMs))
    .where((eb) => eb.or([eb("blocked_until", "is", null), eb("blocked_until", "<", now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
