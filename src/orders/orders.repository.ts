import { CompiledQuery, type Kysely, type Transaction } from "kysely";
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

// The statements of order intake are SQL text written once, not built per request: intake is the
// hot path (docs/benchmarks.md, "Events and webhooks" (c)), and building a query costs more than running it.

export const insertOrderSql = `
  insert into orders (order_number, request_hash, ordered_by, partner_organization_id, intended_use, scenario,
                      status, locale, requested_start_date, created_at, updated_at, time_zone)
  values ($1, $2, $3, $4, $5, $6, 'awaiting_setup', $7, $8, $9, $9, $10)
  on conflict (order_number) do nothing
  returning id`;

/** Inserts the order unless its number exists; answers its row, or undefined when it existed. */
export async function insertOrder(db: Executor, order: NewOrder): Promise<Order | undefined> {
  const { rows } = await db.executeQuery<{ id: string }>(
    CompiledQuery.raw(insertOrderSql, [
      order.orderNumber,
      order.requestHash,
      order.orderedBy,
      order.partnerOrganizationId,
      order.intendedUse,
      order.scenario,
      order.locale,
      order.requestedStartDate,
      order.now,
      order.timeZone,
    ]),
  );
  if (!rows[0]) return undefined;
  return {
    id: rows[0].id,
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
    organization_id: null,
    provisioned_at: null,
    created_at: order.now,
    updated_at: order.now,
  };
}

export const findOrderByNumberSql = "select id, request_hash from orders where order_number = $1";

export async function findOrderByNumber(
  db: Executor,
  orderNumber: string,
): Promise<Pick<Order, "id" | "request_hash"> | undefined> {
  const { rows } = await db.executeQuery<Pick<Order, "id" | "request_hash">>(
    CompiledQuery.raw(findOrderByNumberSql, [orderNumber]),
  );
  return rows[0];
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
      ...(change.status === "provisioned" ? { provisioned_at: change.now } : {}),
      updated_at: change.now,
    })
    .where("id", "=", id)
    .execute();
}

export const insertSubscriptionsSql = (count: number) => `
  insert into subscriptions (order_id, status, services, term_months, created_at, updated_at)
  values ${Array.from({ length: count }, (_, i) => `($1, 'awaiting_setup', $${2 * i + 3}, $${2 * i + 4}, $2, $2)`).join(", ")}
  returning id`;
const insertSubscriptionsSqlByCount = new Map<number, string>();

/** The order's subscriptions, awaiting setup; rows come back in the order of the VALUES list. */
export async function insertOrderSubscriptions(
  db: Executor,
  orderId: string,
  subscriptions: readonly { services: Service[]; termMonths?: number | undefined }[],
  now: Date,
): Promise<Subscription[]> {
  let text = insertSubscriptionsSqlByCount.get(subscriptions.length);
  if (!text) {
    text = insertSubscriptionsSql(subscriptions.length);
    insertSubscriptionsSqlByCount.set(subscriptions.length, text);
  }
  const { rows } = await db.executeQuery<{ id: string }>(
    CompiledQuery.raw(text, [
      orderId,
      now,
      ...subscriptions.flatMap((s) => [JSON.stringify(s.services), s.termMonths ?? null]),
    ]),
  );
  return subscriptions.map((s, i) => ({
    id: rows[i]!.id,
    external_id: null,
    organization_id: null,
    status: "awaiting_setup",
    services: s.services,
    term_months: s.termMonths ?? null,
    order_id: orderId,
    created_at: now,
    updated_at: now,
  }));
}

/** Moves the order's subscriptions that are still awaiting setup (the others are settled); answers them. */
export async function settleOrderSubscriptions(
  db: Executor,
  orderId: string,
  change: { status: SubscriptionStatus; organizationId?: string; now: Date },
): Promise<Pick<Subscription, "id" | "services">[]> {
  return db
    .updateTable("subscriptions")
    .set({
      status: change.status,
      ...(change.organizationId ? { organization_id: change.organizationId } : {}),
      updated_at: change.now,
    })
    .where("order_id", "=", orderId)
    .where("status", "=", "awaiting_setup")
    .returning(["id", "services"])
    .execute();
}

export const insertInvitationSql = `
  insert into invitations (order_id, kind, contact_email, contact_name, status, send_at, created_at, updated_at)
  values ($1, $2, $3, $4, 'scheduled', $5, $6, $6)
  returning id`;

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
  const { rows } = await db.executeQuery<{ id: string }>(
    CompiledQuery.raw(insertInvitationSql, [
      invitation.orderId,
      invitation.kind,
      invitation.contactEmail,
      invitation.contactName,
      invitation.sendAt,
      invitation.now,
    ]),
  );
  return {
    id: rows[0]!.id,
    order_id: invitation.orderId,
    kind: invitation.kind,
    contact_email: invitation.contactEmail,
    contact_name: invitation.contactName,
    status: "scheduled",
    send_at: invitation.sendAt,
    sent_at: null,
    expires_at: null,
    draft: null,
    last_match: null,
    created_at: invitation.now,
    updated_at: invitation.now,
  };
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

/** A page of orders by id, with what the order endpoints answer for each (four statements per page). */
export async function listOrderRecords(
  db: Executor,
  filter: {
    orderNumber?: string | undefined;
    status?: OrderStatus | undefined;
    updatedAfter?: Date | undefined;
    after?: string | undefined;
    limit: number;
  },
): Promise<OrderRecord[]> {
  let q = db.selectFrom("orders").selectAll();
  if (filter.orderNumber !== undefined) q = q.where("order_number", "=", filter.orderNumber);
  if (filter.status !== undefined) q = q.where("status", "=", filter.status);
  if (filter.updatedAfter !== undefined) q = q.where("updated_at", ">", filter.updatedAfter);
  if (filter.after !== undefined) q = q.where("id", ">", filter.after);
  const orders = await q.orderBy("id").limit(filter.limit).execute();
  if (orders.length === 0) return [];
  const ids = orders.map((o) => o.id);
  const [subscriptions, invitations, adminRequests] = await Promise.all([
    db.selectFrom("subscriptions").selectAll().where("order_id", "in", ids).orderBy("id").execute(),
    db
      .selectFrom("invitations")
      .selectAll()
      .distinctOn("order_id")
      .where("order_id", "in", ids)
      .orderBy("order_id")
      .orderBy("id", "desc")
      .execute(),
    db.selectFrom("admin_requests").selectAll().where("order_id", "in", ids).orderBy("id").execute(),
  ]);
  const invitationOf = new Map(invitations.map((i) => [i.order_id, i]));
  return orders.map((order) => ({
    order,
    subscriptions: subscriptions.filter((s) => s.order_id === order.id),
    invitation: invitationOf.get(order.id)!,
    adminRequests: adminRequests.filter((r) => r.order_id === order.id),
  }));
}
