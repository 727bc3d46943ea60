import type { Kysely, Transaction } from "kysely";
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
