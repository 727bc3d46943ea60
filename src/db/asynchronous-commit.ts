import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "./schema.js";

/**
 * Runs `fn` in a transaction whose commit does not wait for its WAL to reach the disk (PostgreSQL's
 * asynchronous commit, `SET LOCAL synchronous_commit = off`). The transaction is still atomic and
 * isolated, and everything is consistent after a crash; what a crash of the database server (not of
 * Provisio) can lose is the last few hundred milliseconds of such commits (3 × wal_writer_delay).
 *
 * Only for records of a read that a person waits for, where that loss is harmless: a search's audit
 * line, the ids it disclosed and the draft it saved (lost, the person searches again before deciding),
 * and the per-address request counters (lost, a few requests go uncounted). A flush to disk costs
 * 2–6 ms on these machines, more than everything else a search does (docs/benchmarks.md § Match
 * endpoint). Decisions, orders and approvals always wait for the disk.
 */
export async function withAsynchronousCommit<T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    return fn(trx);
  });
}

/**
 * The same for a statement run on its own (its own implicit transaction), in one round trip: select
 * this expression in a CTE the statement reads, e.g. `with relaxed as (select … as setting) … from
 * relaxed, …`. The setting is local to the transaction, which commits right after the statement.
 */
export const asynchronousCommitInStatement = sql<string>`set_config('synchronous_commit', 'off', true)`;
