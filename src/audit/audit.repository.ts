import { CompiledQuery, type Kysely, type Transaction } from "kysely";
import type { AuditEvent, Database } from "../db/schema.js";

type Executor = Kysely<Database> | Transaction<Database>;

/** An integration through the API: `api` (a plain token of API_TOKENS) or `api:<name>` (a `name:token`). */
export type ApiActor = "api" | `api:${string}`;

/**
 * Who did something: an integration (`api`, `api:<name>`), a setup link (`setup-link:<invitation id>`), an
 * approval link (`approval-link:<approver id>`), an operator (`operator:<id>`) or the service (`system`).
 */
export type Actor =
  | ApiActor
  | "system"
  | `setup-link:${string}`
  | `approval-link:${string}`
  | `operator:${string}`;

export type AuditEntry = {
  at: Date;
  actor: Actor;
  action: string;
  subject: { type: string; id: string };
  orderId?: string | null;
  /** E-mail addresses here are masked; secrets never come here. */
  details?: Record<string, unknown>;
};

// Written on every change: SQL text made once rather than a query built each time.
export const recordAuditSql = `
  insert into audit_events (at, actor, action, subject_type, subject_id, order_id, details)
  values ($1, $2, $3, $4, $5, $6, $7)`;

/** The parameters $1–$7 of recordAuditSql. */
export function recordAuditParameters(entry: AuditEntry): unknown[] {
  return [
    entry.at,
    entry.actor,
    entry.action,
    entry.subject.type,
    entry.subject.id,
    entry.orderId ?? null,
    JSON.stringify(entry.details ?? {}),
  ];
}

/** Records what happened, in the caller's transaction: a change and its audit event commit together. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(recordAuditSql, recordAuditParameters(entry)));
}

export type AuditQuery = {
  subjectId?: string | undefined;
  subjectType?: string | undefined;
  orderId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Events before this id (paging backwards from the newest). */
  before?: string | undefined;
  limit: number;
};

/** Newest first. */
export async function listAuditEvents(db: Executor, query: AuditQuery): Promise<AuditEvent[]> {
  let q = db.selectFrom("audit_events").selectAll();
  if (query.subjectId !== undefined) q = q.where("subject_id", "=", query.subjectId);
  if (query.subjectType !== undefined) q = q.where("subject_type", "=", query.subjectType);
  if (query.orderId !== undefined) q = q.where("order_id", "=", query.orderId);
  if (query.actor !== undefined) q = q.where("actor", "=", query.actor);
  if (query.action !== undefined) q = q.where("action", "=", query.action);
  if (query.from !== undefined) q = q.where("at", ">=", query.from);
  if (query.to !== undefined) q = q.where("at", "<", query.to);
  if (query.before !== undefined) q = q.where("id", "<", query.before);
  return q.orderBy("at", "desc").orderBy("id", "desc").limit(query.limit).execute();
}
