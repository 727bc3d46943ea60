import { type Kysely, sql } from "kysely";

/**
 * Reads `tables` and their indexes into PostgreSQL's shared buffers (pg_prewarm), as a server that has
 * been serving them for a while holds them, so that a benchmark of random rows measures the service
 * rather than the disk. Answers what was read and the shared_buffers it went into, for the record; on
 * a server without the extension, says so and reads nothing.
 *
 * Why: on these machines the OS page cache does not keep a database warm. The host pages out memory
 * not touched for a minute (DAMON, `pageout` of regions idle 60 s, up to 128 MB/s), and a page read
 * back from the virtual disk takes 0.26 ms at the median, 8 ms at p90 and 30 ms at p99 (8 KiB direct
 * reads at random, measured 2026-12-02). Shared buffers are shared memory, which is not paged out.
 */
export async function prewarm(
  // biome-ignore lint/suspicious/noExplicitAny: any schema: the statements name catalog tables only
  db: Kysely<any>,
  tables: readonly string[],
): Promise<string> {
  const setting = (await sql<{ s: string }>`select current_setting('shared_buffers') as s`.execute(db))
    .rows[0]!.s;
  try {
    await sql`create extension if not exists pg_prewarm`.execute(db);
  } catch {
    return `shared_buffers ${setting}, not prewarmed (no pg_prewarm)`;
  }
  const { rows } = await sql<{ mb: string }>`
    select coalesce(sum(pg_prewarm(c.oid, 'buffer')) * current_setting('block_size')::bigint / 1048576, 0)::bigint::text as mb
      from pg_class c
     where c.relkind in ('r', 'i') and pg_relation_size(c.oid) > 0
       and (c.oid = any (${tables}::regclass[])
            or c.oid in (select indexrelid from pg_index where indrelid = any (${tables}::regclass[])))`.execute(
    db,
  );
  return `shared_buffers ${setting}, ${Number(rows[0]!.mb).toLocaleString("en")} MB of ${tables.join(", ")} and their indexes prewarmed`;
}
