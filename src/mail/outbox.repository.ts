import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, OutboxMessage } from "../db/schema.js";
import type { Locale } from "../vocabulary.js";
import type { TemplateName, TemplateParams } from "./templates/index.js";

type Executor = Kysely<Database> | Transaction<Database>;

export type NewOutboxMessage<T extends TemplateName = TemplateName> = {
  template: T;
  params: TemplateParams[T];
  locale: Locale;
  /** The time zone of the times the e-mail shows (its order's); UTC when absent. */
  timeZone?: string | null;
  to: string;
  /** When it may go: now, or an order's requested start date. */
  dueAt: Date;
  now: Date;
  orderId?: string | null;
  /** The e-mail carries a setup link of this invitation, minted when it is sent. */
  invitationId?: string | null;
  /** The e-mail carries the approval link of this approver, minted when it is sent. */
  approverId?: string | null;
};

/** Writes an e-mail into the outbox, in the caller's transaction: it goes out only if the change commits. */
export async function enqueueMail<T extends TemplateName>(db: Executor, message: NewOutboxMessage<T>) {
  return db
    .insertInto("outbox_messages")
    .values({
      template: message.template,
      locale: message.locale,
      time_zone: message.timeZone ?? null,
      recipient: message.to,
      params: JSON.stringify(message.params),
      invitation_id: message.invitationId ?? null,
      approver_id: message.approverId ?? null,
      order_id: message.orderId ?? null,
      status: "pending",
      due_at: message.dueAt,
      created_at: message.now,
      updated_at: message.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/**
 * Claims up to `limit` due messages for one worker: pending ones whose time has come, and sending
 * ones whose worker's lease ran out (it died). SKIP LOCKED lets any number of workers claim at once
 * without waiting for or taking each other's rows; the lease is written into due_at.
 */
export async function claimDueMessages(
  db: Executor,
  options: { now: Date; leaseMs: number; limit: number },
): Promise<OutboxMessage[]> {
  const { rows } = await sql<OutboxMessage>`
    update outbox_messages m set
      status = 'sending', attempts = m.attempts + 1,
      due_at = ${new Date(options.now.getTime() + options.leaseMs)}, updated_at = ${options.now}
    where m.id in (
      select id from outbox_messages
      where status in ('pending', 'sending') and due_at <= ${options.now}
      order by due_at, id
      limit ${options.limit}
      for update skip locked)
    returning m.*`.execute(db);
  return rows;
}

/**
 * The claim's attempt number fences every update after it: if the lease ran out and another worker
 * claimed the row again, this worker's late update changes nothing.
 */
type Claim = Pick<OutboxMessage, "id" | "attempts">;

export async function markSent(db: Executor, claim: Claim, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("outbox_messages")
    .set({ status: "sent", sent_at: now, updated_at: now, last_error: null })
    .where("id", "=", claim.id)
    .where("status", "=", "sending")
    .where("attempts", "=", claim.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Back to pending at `retryAt`, or dead when this was the last attempt (retryAt null). */
export async function markFailed(
  db: Executor,
  claim: Claim,
  failure: { now: Date; error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .updateTable("outbox_messages")
    .set({
      status: failure.retryAt ? "pending" : "dead",
      due_at: failure.retryAt ?? failure.now,
      last_error: failure.error,
      updated_at: failure.now,
    })
    .where("id", "=", claim.id)
    .where("status", "=", "sending")
    .where("attempts", "=", claim.attempts)
    .execute();
}

/** The link this message was to carry died before it went out (revoked, decided, expired). */
export async function markCancelled(db: Executor, claim: Claim, now: Date, reason: string): Promise<void> {
  await db
    .updateTable("outbox_messages")
    .set({ status: "cancelled", last_error: reason, updated_at: now })
    .where("id", "=", claim.id)
    .where("status", "=", "sending")
    .where("attempts", "=", claim.attempts)
    .execute();
}

/** An operator's retry of a dead message: a fresh round of attempts, due now. */
export async function retryDeadMessage(db: Executor, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("outbox_messages")
    .set({ status: "pending", attempts: 0, due_at: now, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", "dead")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findOutboxMessage(db: Executor, id: string): Promise<OutboxMessage | undefined> {
  return db.selectFrom("outbox_messages").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listOutboxMessages(
  db: Executor,
  filter: { orderId?: string; statuses?: OutboxMessage["status"][]; limit: number },
): Promise<OutboxMessage[]> {
  let q = db.selectFrom("outbox_messages").selectAll();
  if (filter.orderId !== undefined) q = q.where("order_id", "=", filter.orderId);
  if (filter.statuses !== undefined) q = q.where("status", "in", filter.statuses);
  return q.orderBy("id", "desc").limit(filter.limit).execute();
}

/** Pending and sending messages, failures and dead ones: what an operator (and /metrics) watches. */
export async function outboxHealth(db: Executor, now: Date) {
  const row = await sql<{
    pending: string;
    due: string;
    oldest_due_at: Date | null;
    retrying: string;
    dead: string;
  }>`
    select
      count(*) filter (where status in ('pending', 'sending')) as pending,
      count(*) filter (where status in ('pending', 'sending') and due_at <= ${now}) as due,
      min(due_at) filter (where status = 'pending' and due_at <= ${now}) as oldest_due_at,
      count(*) filter (where status = 'pending' and last_error is not null) as retrying,
      count(*) filter (where status = 'dead') as dead
    from outbox_messages where status in ('pending', 'sending', 'dead')`.execute(db);
  const r = row.rows[0]!;
  return {
    pending: Number(r.pending),
    due: Number(r.due),
    oldestDueAt: r.oldest_due_at,
    retrying: Number(r.retrying),
    dead: Number(r.dead),
  };
}
