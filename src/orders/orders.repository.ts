import type { Kysely, Transaction } from "kysely";
import type { Database, Invitation, Order, Subscription } from "../db/schema.js";
import type {
  InvitationStatus,
  Locale,
  OrderStatus,
  Scenario,
  Service,
  SubscriptionStatus,
} from "../vocabulary.js";
import type { OrderRecord } from "./orders.schemas.js";

/** All SQL of orders and their invitations. Functions take the database or a transaction first. */
type Executor = Kysely<Database> | Transaction<Database>;

export type NewOrder = {
  orderNumber: string;
  requestHash: string;
  orderedBy: "customer" | "partner";
  partnerOrganizationId: string | null;
  intendedUse: "customer" | "partner_own_use";
  scenario: Scenario | null;
  locale: Locale;
  requestedStartDate: string | null;
  timeZone: string | null;
  now: Date;
};

/** Inserts the order unless its number exists; answers its row, or undefined when it existed. */
export async function insertOrder(db: Executor, order: NewOrder): Promise<Order | undefined> {
  const row = await db
    .insertInto("orders")
    .values({
      order_number: order.orderNumber,
      request_hash: order.requestHash,
      ordered_by: order.orderedBy,
      partner_organization_id: order.partnerOrganizationId,
      intended_use: order.intendedUse,
      scenario: order.scenario,
      status: "awaiting_setup",
      locale: order.locale,
      requested_start_date: order.requestedStartDate,
      time_zone: order.timeZone,
      created_at: order.now,
      updated_at: order.now,
    })
    .onConflict((oc) => oc.column("order_number").doNothing())
    .returningAll()
    .executeTakeFirst();
  return row;
}

export async function findOrderByNumber(
  db: Executor,
  orderNumber: string,
): Promise<Pick<Order, "id" | "request_hash"> | undefined> {
  return db
    .selectFrom("orders")
    .select(["id", "request_hash"])
    .where("order_number", "=", orderNumber)
    .executeTakeFirst();
}

export async function findOrder(db: Executor, id: string): Promise<Order | undefined> {
  return db.selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The order, locked for the rest of the transaction: changes to one order happen one at a time. */
export async function lockOrder(trx: Transaction<Database>, id: string): Promise<Order | undefined> {
  return trx.selectFrom("orders").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function updateOrder(
  db: Executor,
  id: string,
  change: { status?: OrderStatus; scenario?: Scenario; organizationId?: string; now: Date },
): Promise<void> {
  await db
    .updateTable("orders")
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.scenario ? { scenario: change.scenario } : {}),
      ...(change.organizationId ? { organization_id: change.organizationId } : {}),
      updated_at: change.now,
    })
    .where("id", "=", id)
    .execute();
}

export async function insertOrderSubscriptions(
  db: Executor,
  orderId: string,
  subscriptions: readonly { services: Service[]; termMonths?: number | undefined }[],
  now: Date,
): Promise<Subscription[]> {
  return db
    .insertInto("subscriptions")
    .values(
      subscriptions.map((s) => ({
        order_id: orderId,
        status: "awaiting_setup" as const,
        services: JSON.stringify(s.services),
        term_months: s.termMonths ?? null,
        created_at: now,
        updated_at: now,
      })),
    )
    .returningAll()
    .execute();
}

/** Moves the order's subscriptions that are still awaiting setup (the others are settled). */
export async function settleOrderSubscriptions(
  db: Executor,
  orderId: string,
  change: { status: SubscriptionStatus; organizationId?: string; now: Date },
): Promise<void> {
  await db
    .updateTable("subscriptions")
    .set({
      status: change.status,
      ...(change.organizationId ? { organization_id: change.organizationId } : {}),
      updated_at: change.now,
    })
    .where("order_id", "=", orderId)
    .where("status", "=", "awaiting_setup")
    .execute();
}

export async function insertInvitation(
  db: Executor,
  invitation: {
    orderId: string;
    kind: Invitation["kind"];
    contactEmail: string;
    contactName: string | null;
    sendAt: Date;
    now: Date;
  },
): Promise<Invitation> {
  return db
    .insertInto("invitations")
    .values({
      order_id: invitation.orderId,
      kind: invitation.kind,
      contact_email: invitation.contactEmail,
      contact_name: invitation.contactName,
      status: "scheduled",
      send_at: invitation.sendAt,
      created_at: invitation.now,
      updated_at: invitation.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The order's current invitation: the live one if there is one, else the latest. */
export async function currentInvitation(db: Executor, orderId: string): Promise<Invitation> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("order_id", "=", orderId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
}

export async function findInvitation(db: Executor, id: string): Promise<Invitation | undefined> {
  return db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Ends the order's live invitation (scheduled or sent), if any; answers its id. */
export async function endLiveInvitation(
  db: Executor,
  orderId: string,
  status: Extract<InvitationStatus, "handed_over" | "used" | "expired" | "revoked">,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .updateTable("invitations")
    .set({ status, updated_at: now })
    .where("order_id", "=", orderId)
    .where("status", "in", ["scheduled", "sent"])
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

export async function extendInvitation(db: Executor, id: string, expiresAt: Date, now: Date): Promise<void> {
  await db
    .updateTable("invitations")
    .set({ expires_at: expiresAt, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** Live invitations past their expiry, oldest first. */
export async function findExpiredInvitations(
  db: Executor,
  now: Date,
  limit: number,
): Promise<{ id: string; order_id: string }[]> {
  return db
    .selectFrom("invitations")
    .select(["id", "order_id"])
    .where("status", "in", ["scheduled", "sent"])
    .where("expires_at", "<=", now)
    .orderBy("expires_at")
    .limit(limit)
    .execute();
}

/** Ends a live invitation past its expiry; undefined when it is no longer both. */
export async function expireInvitation(
  db: Executor,
  id: string,
  now: Date,
): Promise<Pick<Invitation, "contact_email"> | undefined> {
  return db
    .updateTable("invitations")
    .set({ status: "expired", updated_at: now })
    .where("id", "=", id)
    .where("status", "in", ["scheduled", "sent"])
    .where("expires_at", "<=", now)
    .returning(["contact_email"])
    .executeTakeFirst();
}

/** Everything the order endpoints answer with. */
export async function loadOrderRecord(db: Executor, orderId: string): Promise<OrderRecord | undefined> {
  const order = await findOrder(db, orderId);
  if (!order) return undefined;
  const [subscriptions, invitation, adminRequests] = await Promise.all([
    db.selectFrom("subscriptions").selectAll().where("order_id", "=", orderId).orderBy("id").execute(),
    currentInvitation(db, orderId),
    db.selectFrom("admin_requests").selectAll().where("order_id", "=", orderId).orderBy("id").execute(),
  ]);
  return { order, subscriptions, invitation, adminRequests };
}

/** Names of the subscriptions' services, for the e-mails: one list for the whole order. */
export async function orderServices(db: Executor, orderId: string): Promise<Service[]> {
  const rows = await db
    .selectFrom("subscriptions")
    .select(["services", "term_months"])
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();
  return rows.flatMap((r) => r.services.map((s) => ({ ...s, termMonths: r.term_months })));
}
