/**
 * Where Provisio commits without waiting for the disk, and why: PostgreSQL's asynchronous commit,
 * `perform set_config('synchronous_commit', 'off', true)` inside the SQL function that writes, so
 * that it costs no round trip of its own. It applies to the commit of the transaction the function
 * runs in and never outlives it (test/asynchronous-commit.test.ts). The transaction is still atomic and
 * isolated, and everything is consistent after a crash; what a crash of the database server (not of
 * Provisio) can lose is the last few hundred milliseconds of such commits (3 × wal_writer_delay).
 *
 * Only for records of a read that a person waits for, where that loss is harmless:
 * - a search's audit line, the ids it disclosed and the draft it saved (lost, the person searches
 *   again before deciding): record_setup_search, migrations 0017 and 0018;
 * - the per-address request counters of the link routes (lost, a few requests go uncounted):
 *   link_request, migration 0018.
 *
 * A flush to disk costs 2–6 ms on these machines, more than everything else a search does
 * (docs/benchmarks.md § Match endpoint). Decisions, orders and approvals always wait for the disk.
 *
 * This module holds no code: it is the one description the functions' comments point to.
 */
export {};
