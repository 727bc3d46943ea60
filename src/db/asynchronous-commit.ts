import { sql } from "kysely";

/**
 * PostgreSQL's asynchronous commit (`synchronous_commit = off`, local to the transaction), set by an
 * expression inside a statement, so that it costs no round trip of its own: select it in a CTE the
 * statement reads, e.g. `with relaxed as (select … as setting) … from relaxed, …`. It applies to the
 * commit of the transaction the statement runs in (its own, for a statement run alone) and never
 * outlives it. The transaction is still atomic and isolated, and everything is consistent after a
 * crash; what a crash of the database server (not of Provisio) can lose is the last few hundred
 * milliseconds of such commits (3 × wal_writer_delay).
 *
 * Only for records of a read that a person waits for, where that loss is harmless: a search's audit
 * line, the ids it disclosed and the draft it saved (lost, the person searches again before deciding),
 * and the per-address request counters (lost, a few requests go uncounted). (A search's record sets it
 * in the function record_setup_search of migration 0017.) A flush to disk costs
 * 2–6 ms on these machines, more than everything else a search does (docs/benchmarks.md § Match
 * endpoint). Decisions, orders and approvals always wait for the disk.
 */
const asynchronousCommitSql = "set_config('synchronous_commit', 'off', true)";

/** asynchronousCommitSql in a query built with Kysely's `sql`. */
export const asynchronousCommitInStatement = sql<string>`${sql.raw(asynchronousCommitSql)}`;
