import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.js";
import type { OrderStatus, OutboxStatus } from "../vocabulary.js";

/** The console's reading queries: lists and searches across features, newest first. */

export async function searchOrders(
  db: Kysely<Database>,
  filter: { q?: string; status?: OrderStatus; limit: number },
) {
  const q = filter.q?.trim();
  return db
    .selectFrom("orders as o")
    .leftJoin("organizations as org", "org.id", "o.organization_id")
    .select((eb) => [
      "o.id",
      "o.order_number",
      "o.status",
      "o.scenario",
      "o.created_at",
      "org.name as organization_name",
      eb
        .selectFrom("invitations as i")
        .select("i.contact_email")
        .whereRef("i.order_id", "=", "o.id")
        .orderBy("i.id", "desc")
        .limit(1)
        .as("contact_email"),
    ])
    .$if(q !== undefined && q !== "", (qb) =>
      qb.where((eb) =>
        eb.or([
          eb("o.order_number", "like", `${q!.replace(/[\\%_]/g, "\\$&")}%`),
          eb.exists(
            eb
              .selectFrom("invitations as i")
              .select("i.id")
              .whereRef("i.order_id", "=", "o.id")
              .where("i.contact_email", "=", q!.toLowerCase()),
          ),
        ]),
      ),
    )
    .$if(filter.status !== undefined, (qb) => qb.where("o.status", "=", filter.status!))
    .orderBy("o.created_at", "desc")
    .orderBy("o.id", "desc")
    .limit(filter.limit)
    .execute();
}

export async function listInvitations(db: Kysely<Database>, orderId: string) {
  return db.selectFrom("invitations").selectAll().where("order_id", "=", orderId).orderBy("id").execute();
}

export async function listAdminRequests(
  db: Kysely<Database>,
  filter: {
    id?: string;
    status?: string;
    routedTo?: string;
    organizationId?: string;
    orderId?: string;
    limit: number;
  },
) {
  return db
    .selectFrom("admin_requests as r")
    .innerJoin("organizations as o", "o.id", "r.organization_id")
    .innerJoin("orders as ord", "ord.id", "r.order_id")
    .select([
      "r.id",
      "r.email",
      "r.status",
      "r.scenario",
      "r.routed_to",
      "r.expires_at",
      "r.created_at",
      "r.decided_at",
      "r.decided_by",
      "r.reason",
      "r.requested_by_email",
      "r.organization_id",
      "o.name as organization_name",
      "r.order_id",
      "ord.order_number",
    ])
    .$if(filter.status !== undefined, (qb) => qb.where("r.status", "=", filter.status as never))
    .$if(filter.routedTo !== undefined, (qb) => qb.where("r.routed_to", "=", filter.routedTo as never))
    .$if(filter.organizationId !== undefined, (qb) =>
      qb.where("r.organization_id", "=", filter.organizationId!),
    )
    .$if(filter.orderId !== undefined, (qb) => qb.where("r.order_id", "=", filter.orderId!))
    .$if(filter.id !== undefined, (qb) => qb.where("r.id", "=", filter.id!))
    .orderBy("r.created_at", "desc")
    .limit(filter.limit)
    .execute();
}

/** By name (the start of its name key) or, for something that looks like a domain, by users' domain. */
export async function searchOrganizations(
  db: Kysely<Database>,
  filter: { nameKeyPrefix?: string; domain?: string; limit: number },
) {
  let q = db
    .selectFrom("organizations as o")
    .select([
      "o.id",
      "o.name",
      "o.kind",
      "o.source",
      "o.country",
      "o.created_at",
      "o.deleted_at",
      "o.user_count",
      "o.active_subscription_count",
    ]);
  if (filter.domain) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("organization_domains as d")
          .select("d.organization_id")
          .whereRef("d.organization_id", "=", "o.id")
          .where("d.domain", "=", filter.domain!),
      ),
    );
  } else if (filter.nameKeyPrefix) {
    q = q.where("o.name_key", "like", `${filter.nameKeyPrefix.replace(/[\\%_]/g, "\\$&")}%`);
  }
  return q.orderBy("o.name_key").orderBy("o.id").limit(filter.limit).execute();
}

export async function listUsers(db: Kysely<Database>, organizationId: string, limit: number) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "last_active_at"])
    .where("organization_id", "=", organizationId)
    .orderBy(sql`role = 'full_admin'`, "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function listSubscriptions(db: Kysely<Database>, organizationId: string) {
  return db
    .selectFrom("subscriptions as s")
    .leftJoin("orders as o", "o.id", "s.order_id")
    .select(["s.id", "s.status", "s.services", "s.order_id", "s.created_at", "o.order_number"])
    .where("s.organization_id", "=", organizationId)
    .orderBy("s.id", "desc")
    .limit(200)
    .execute();
}

export async function listOutbox(
  db: Kysely<Database>,
  filter: { statuses: OutboxStatus[]; failingOnly: boolean; limit: number },
) {
  return db
    .selectFrom("outbox_messages as m")
    .leftJoin("orders as o", "o.id", "m.order_id")
    .select([
      "m.id",
      "m.template",
      "m.recipient",
      "m.status",
      "m.attempts",
      "m.last_error",
      "m.due_at",
      "m.updated_at",
      "m.order_id",
      "o.order_number",
    ])
    .where("m.status", "in", filter.statuses)
    .$if(filter.failingOnly, (qb) => qb.where("m.last_error", "is not", null))
    .orderBy("m.updated_at", "desc")
    .limit(filter.limit)
    .execute();
}
