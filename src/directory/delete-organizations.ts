import type { Transaction } from "kysely";
import { tellContact } from "../admin-requests/tell-contact.js";
import { type Actor, recordAudit } from "../audit/audit.repository.js";
import type { AdminRequest, Database, Order } from "../db/schema.js";
import { deleteDomainsOf } from "../domains/domains.repository.js";
import { lockOrder } from "../orders/orders.repository.js";
import { deleteOrganizations } from "./directory.repository.js";
import type { DirectoryDeps, DirectoryWrite } from "./directory-deps.js";
import { requireOrganization } from "./get-organization.js";

/**
 * `DELETE /api/v1/organizations/{id}`: the organization stops matching at once, its users are removed
 * (their e-mail addresses are free again) and its subscriptions stay, for history. Deleting it again
 * answers the same.
 */
export async function deleteOrganization({ deps, actor }: DirectoryWrite, id: string): Promise<void> {
  await requireOrganization(deps.db, id);
  const { withdrawn } = await deps.db
    .transaction()
    .execute((trx) => removeOrganizations(trx, { deps, actor }, [id]));
  if (withdrawn > 0) deps.mailQueued();
}

/**
 * The deletion of organizations, for the API and the import alike (docs/api.md § Directory sync): marks
 * them deleted, removes their users, and withdraws their pending administrator requests. A withdrawn
 * request tells the order's contact; an order that was waiting for it goes back to setup, where its
 * link (still valid) offers another organization or a new one. An order already mapped to a deleted
 * organization stays provisioned: its subscriptions are history like the others. Answers how many
 * organizations were deleted (those already deleted do not count) and how many requests withdrawn.
 */
export async function removeOrganizations(
  trx: Transaction<Database>,
  write: { deps: DirectoryDeps; actor: Actor },
  ids: readonly string[],
): Promise<{ deleted: number; withdrawn: number }> {
  const now = write.deps.clock.now();
  // Orders first, as a decision does (order, then request, then directory), so the two never deadlock.
  const pending =
    ids.length === 0
      ? []
      : await trx
          .selectFrom("admin_requests")
          .select(["id", "order_id"])
          .where("organization_id", "in", ids)
          .where("status", "=", "pending")
          .orderBy("order_id")
          .execute();
  const orders = new Map<string, Order>();
  for (const { order_id } of pending) {
    const order = await lockOrder(trx, order_id);
    if (order) orders.set(order.id, order);
  }
  const deleted = await deleteOrganizations(trx, ids, now);
  // A deleted organization proves no domain: another may verify it.
  await deleteDomainsOf(
    trx,
    deleted.map((d) => d.id),
  );
  const withdrawn: AdminRequest[] = [];
  for (const { id } of pending) {
    const request = await trx
      .updateTable("admin_requests")
      .set({ status: "cancelled", decided_at: now, decided_by: "system", reason: "organization deleted" })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .returningAll()
      .executeTakeFirst();
    // Decided meanwhile by its administrator: their decision stands.
    const order = request && orders.get(request.order_id);
    if (!request || !order) continue;
    withdrawn.push(request);
    await tellContact(trx, { deps: write.deps, order, request, outcome: "withdrawn", reason: null, now });
    await recordAudit(trx, {
      at: now,
      actor: write.actor,
      action: "admin_request.withdrawn",
      subject: { type: "admin_request", id: request.id },
      orderId: order.id,
      details: { organizationId: request.organization_id, reason: "organization deleted" },
    });
  }
  for (const { id, removedUsers } of deleted) {
    await recordAudit(trx, {
      at: now,
      actor: write.actor,
      action: "organization.deleted",
      subject: { type: "organization", id },
      details: {
        removedUsers,
        withdrawnAdminRequestIds: withdrawn.filter((r) => r.organization_id === id).map((r) => r.id),
      },
    });
  }
  return { deleted: deleted.length, withdrawn: withdrawn.length };
}
