import { CompiledQuery, type Kysely, sql, type Transaction } from "kysely";
import type { Database, OutboxMessage } from "../db/schema.js";
import {
  claimDue,
  markDone,
  markFailed as markQueueRowFailed,
  queueHealth,
  retryDead,
} from "../queue/queue.repository.js";
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

export const enqueueSql = `
  insert into outbox_messages (template, locale, recipient, params, invitation_id, approver_id, order_id,
                               status, due_at, created_at, updated_at, time_zone)
  values ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $9, $10)
  returning id`;

/** Writes an e-mail into the outbox, in the caller's transaction: it goes out only if the change commits. */
export async function enqueueMail<T extends TemplateName>(db: Executor, message: NewOutboxMessage<T>) {
  const { rows } = await db.executeQuery<{ id: string }>(
    CompiledQuery.raw(enqueueSql, [
      message.template,
      message.locale,
      message.to,
      JSON.stringify(message.params),
      message.invitationId ?? null,
      message.approverId ?? null,
      message.orderId ?? null,
      message.dueAt,
      message.now,
      message.timeZone ?? null,
    ]),
  );
  return rows[0]!;
}

/** Claims due messages for one worker, with a lease (src/queue/queue.repository.ts). */
export async function claimDueMessages(
  db: Executor,
  options: { now: Date; leaseMs: number; limit: number },
): Promise<OutboxMessage[]> {
  return claimDue<OutboxMessage>(db, "outbox_messages", options);
}

type Claim = Pick<OutboxMessage, "id" | "attempts">;

export async function markSent(db: Executor, claim: Claim, now: Date): Promise<boolean> {
  return markDone(db, "outbox_messages", claim, { now, set: sql`status = 'sent', sent_at = ${now}` });
}

/** Back to pending at `retryAt`, or dead when this was the last attempt (retryAt null). */
export async function markFailed(
  db: Executor,
  claim: Claim,
  failure: { now: Date; error: string; retryAt: Date | null },
): Promise<void> {
  await markQueueRowFailed(db, "outbox_messages", claim, failure);
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
  return retryDead(db, "outbox_messages", id, now);
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
export function outboxHealth(db: Executor, now: Date) {
  return queueHealth(db, "outbox_messages", now);
}
