import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import { plannedOnce } from "../db/database.js";
import type { Database } from "../db/schema.js";

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * "Deliver this row once, with a lease and back-off": the e-mail outbox and the webhook deliveries.
 * Both tables have id, status (pending, sending, a done status, dead), due_at, attempts, last_error
 * and updated_at; this file is all the SQL of their life cycle.
 */
export type QueueTable = "outbox_messages" | "webhook_deliveries";

/** The claim's attempt number fences every update after it (see markDone). */
export type Claim = { id: string; attempts: number };

/**
 * Claims up to `limit` due rows for one worker: pending ones whose time has come, and sending ones
 * whose worker's lease ran out (it died). SKIP LOCKED lets any number of workers claim at once
 * without waiting for or taking each other's rows; the lease is written into due_at. `filter` narrows
 * the rows (e.g. webhooks of enabled endpoints only).
 *
 * The first rows in due order are taken and those not yet due dropped after, rather than "due rows,
 * sorted": without fresh statistics (a queue that grew since the last ANALYZE, an embedded database)
 * the planner would otherwise fetch and sort every due row on each claim — 14 ms a claim at 10,000
 * due, against 0.15 ms for the index read in order (docs/benchmarks.md, Events and webhooks). Rows
 * not yet due among the first are locked only for the length of the statement.
 */
export async function claimDue<Row>(
  db: Executor,
  table: QueueTable,
  options: {
    now: Date;
    leaseMs: number;
    limit: number;
    filter?: RawBuilder<unknown> | undefined;
    /** Rows of other tables answered with each claimed row, in the same statement (`from`, `where`, `returning`). */
    join?: { from: RawBuilder<unknown>; where: RawBuilder<unknown>; returning: RawBuilder<unknown> };
  },
): Promise<Row[]> {
  const t = sql.table(table);
  const { join } = options;
  const claim = sql<Row>`
    update ${t} q set
      status = 'sending', attempts = q.attempts + 1,
      due_at = ${new Date(options.now.getTime() + options.leaseMs)}, updated_at = ${options.now}
    ${join ? sql`from ${join.from}` : sql``}
    where q.id in (
      select id from (
        select id, due_at from ${t}
        where status in ('pending', 'sending') ${options.filter ?? sql``}
        order by due_at, id
        limit ${options.limit}
        for update skip locked) first
      where due_at <= ${options.now}) ${join ? sql`and ${join.where}` : sql``}
    returning q.* ${join ? sql`, ${join.returning}` : sql``}`.compile(db);
  return (await db.executeQuery(plannedOnce(claim))).rows;
}

/**
 * Done (sent, delivered): only while the row is still this claim's. If the lease ran out and another
 * worker claimed the row again, this worker's late update changes nothing, and answers false.
 */
export async function markDone(
  db: Executor,
  table: QueueTable,
  claim: Claim,
  done: { now: Date; set: RawBuilder<unknown> },
): Promise<boolean> {
  const result = await sql`
    update ${sql.table(table)} set ${done.set}, last_error = null, updated_at = ${done.now}
    where id = ${claim.id} and status = 'sending' and attempts = ${claim.attempts}`.execute(db);
  return (result.numAffectedRows ?? 0n) > 0n;
}

/** Back to pending at `retryAt`, or dead when this was the last attempt (retryAt null). */
export async function markFailed(
  db: Executor,
  table: QueueTable,
  claim: Claim,
  failure: { now: Date; error: string; retryAt: Date | null; set?: RawBuilder<unknown> },
): Promise<void> {
  await sql`
    update ${sql.table(table)} set
      status = ${failure.retryAt ? "pending" : "dead"}, due_at = ${failure.retryAt ?? failure.now},
      last_error = ${failure.error}, updated_at = ${failure.now} ${failure.set ? sql`, ${failure.set}` : sql``}
    where id = ${claim.id} and status = 'sending' and attempts = ${claim.attempts}`.execute(db);
}

/** An operator's retry of a dead row: a fresh round of attempts, due now. */
export async function retryDead(db: Executor, table: QueueTable, id: string, now: Date): Promise<boolean> {
  const result = await sql`
    update ${sql.table(table)} set status = 'pending', attempts = 0, due_at = ${now}, updated_at = ${now}
    where id = ${id} and status = 'dead'`.execute(db);
  return (result.numAffectedRows ?? 0n) > 0n;
}

/**
 * Rows waiting (held ones too: webhooks of a disabled endpoint), due, retrying and dead, and the
 * oldest due time: what /metrics and the console watch.
 */
export async function queueHealth(db: Executor, table: QueueTable, now: Date) {
  const { rows } = await sql<{
    pending: string;
    due: string;
    oldest_due_at: Date | null;
    retrying: string;
    dead: string;
  }>`
    select
      count(*) filter (where status in ('pending', 'sending', 'held')) as pending,
      count(*) filter (where status in ('pending', 'sending') and due_at <= ${now}) as due,
      min(due_at) filter (where status = 'pending' and due_at <= ${now}) as oldest_due_at,
      count(*) filter (where status = 'pending' and last_error is not null) as retrying,
      count(*) filter (where status = 'dead') as dead
    from ${sql.table(table)} where status in ('pending', 'sending', 'held', 'dead')`.execute(db);
  const r = rows[0]!;
  return {
    pending: Number(r.pending),
    due: Number(r.due),
    oldestDueAt: r.oldest_due_at,
    retrying: Number(r.retrying),
    dead: Number(r.dead),
  };
}

/** Exponential back-off after `attempt` failures: first × factor^(attempt − 1), at most `max`. */
export function backoffMs(
  attempt: number,
  policy: { firstMs: number; factor: number; maxMs: number },
): number {
  return Math.min(policy.firstMs * policy.factor ** Math.max(0, attempt - 1), policy.maxMs);
}
