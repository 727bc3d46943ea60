import { type Kysely, sql, type Transaction } from "kysely";
import type { AdminRequest, Database } from "../db/schema.js";

/** All SQL of administrator requests. */
type Executor = Kysely<Database> | Transaction<Database>;

/** Withdraws the order's pending request, if any (the order was cancelled or closed); answers the ids. */
export async function cancelPendingAdminRequests(
  db: Executor,
  orderId: string,
  change: { now: Date; reason: string },
): Promise<string[]> {
  const rows = await db
    .updateTable("admin_requests")
    .set({ status: "cancelled", decided_at: change.now, decided_by: "system", reason: change.reason })
    .where("order_id", "=", orderId)
    .where("status", "=", "pending")
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

export async function findPendingAdminRequest(
  db: Executor,
  orderId: string,
): Promise<AdminRequest | undefined> {
  return db
    .selectFrom("admin_requests")
    .selectAll()
    .where("order_id", "=", orderId)
    .where("status", "=", "pending")
    .executeTakeFirst();
}

/** The order's latest request, with the name of the organization it is for. */
export async function findLatestAdminRequest(db: Executor, orderId: string) {
  return db
    .selectFrom("admin_requests as r")
    .innerJoin("organizations as o", "o.id", "r.organization_id")
    .select([
      "r.id",
      "r.organization_id",
      "o.name as organization_name",
      "r.email",
      "r.status",
      "r.routed_to",
      "r.created_at",
      "r.expires_at",
      "r.decided_at",
      "r.reason",
    ])
    .where("r.order_id", "=", orderId)
    .orderBy("r.id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function insertAdminRequest(
  db: Executor,
  request: {
    orderId: string;
    invitationId: string;
    organizationId: string;
    email: string;
    emailDomain: string;
    name: string | null;
    requestedByEmail: string;
    scenario: AdminRequest["scenario"];
    routedTo: AdminRequest["routed_to"];
    expiresAt: Date;
    now: Date;
  },
): Promise<AdminRequest> {
  return db
    .insertInto("admin_requests")
    .values({
      order_id: request.orderId,
      invitation_id: request.invitationId,
      organization_id: request.organizationId,
      email: request.email,
      email_domain: request.emailDomain,
      name: request.name,
      requested_by_email: request.requestedByEmail,
      scenario: request.scenario,
      routed_to: request.routedTo,
      status: "pending",
      expires_at: request.expiresAt,
      created_at: request.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertApprover(
  db: Executor,
  approver: { adminRequestId: string; userId: string; email: string },
): Promise<string> {
  const row = await db
    .insertInto("admin_request_approvers")
    .values({ admin_request_id: approver.adminRequestId, user_id: approver.userId, email: approver.email })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findAdminRequest(db: Executor, id: string): Promise<AdminRequest | undefined> {
  return db.selectFrom("admin_requests").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findApprover(db: Executor, id: string) {
  return db.selectFrom("admin_request_approvers").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Decides a pending request; false when it was no longer pending. */
export async function decideAdminRequest(
  db: Executor,
  id: string,
  decision: { status: "approved" | "rejected" | "expired"; by: string; reason: string | null; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("admin_requests")
    .set({
      status: decision.status,
      decided_by: decision.by,
      reason: decision.reason,
      decided_at: decision.now,
    })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Pending requests past their expiry, oldest first. */
export async function findExpiredAdminRequests(db: Executor, now: Date, limit: number) {
  return db
    .selectFrom("admin_requests")
    .select(["id", "order_id"])
    .where("status", "=", "pending")
    .where("expires_at", "<=", now)
    .orderBy("expires_at")
    .limit(limit)
    .execute();
}

/** The contact took the pending request back. */
export async function withdrawAdminRequest(
  db: Executor,
  id: string,
  change: { by: string; now: Date },
): Promise<void> {
  await db
    .updateTable("admin_requests")
    .set({ status: "withdrawn", decided_by: change.by, decided_at: change.now })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute();
}

/**
 * Pending requests not reminded yet that expire before `before`, and whose life (creation to expiry) is
 * longer than `lifetimeOver` ms, soonest first.
 */
export async function findRequestsToRemind(
  db: Executor,
  window: { now: Date; before: Date; lifetimeOver: number; limit: number },
) {
  return db
    .selectFrom("admin_requests")
    .select(["id", "order_id"])
    .where("status", "=", "pending")
    .where("reminder_sent_at", "is", null)
    .where("expires_at", ">", window.now)
    .where("expires_at", "<=", window.before)
    .where(sql<boolean>`expires_at - created_at > make_interval(secs => ${window.lifetimeOver / 1000})`)
    .orderBy("expires_at")
    .limit(window.limit)
    .execute();
}

export async function markReminded(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable("admin_requests").set({ reminder_sent_at: now }).where("id", "=", id).execute();
}

/** The administrators a request was sent to, each with their own approval link. */
export async function findApproversOf(db: Executor, adminRequestId: string) {
  return db
    .selectFrom("admin_request_approvers")
    .select(["id", "email"])
    .where("admin_request_id", "=", adminRequestId)
    .orderBy("id")
    .execute();
}
