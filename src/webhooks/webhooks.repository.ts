import { type Kysely, sql, type Transaction } from "kysely";
import { plannedOnce } from "../db/database.js";
import type { Database, WebhookDelivery, WebhookEndpoint, WebhookEndpointStatus } from "../db/schema.js";
import type { FeedPosition } from "../events/events.repository.js";

/** All SQL of webhook endpoints and their deliveries (the queue's own statements are in src/queue/). */
type Executor = Kysely<Database> | Transaction<Database>;

export async function insertEndpoint(
  db: Executor,
  endpoint: { url: string; types: string[] | null; description: string | null; secret: string; now: Date },
): Promise<WebhookEndpoint> {
  return db
    .insertInto("webhook_endpoints")
    .values({
      url: endpoint.url,
      types: endpoint.types,
      description: endpoint.description,
      status: "enabled",
      secret: endpoint.secret,
      created_at: endpoint.now,
      updated_at: endpoint.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findEndpoint(db: Executor, id: string): Promise<WebhookEndpoint | undefined> {
  return db.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function lockEndpoint(
  trx: Transaction<Database>,
  id: string,
): Promise<WebhookEndpoint | undefined> {
  return trx.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function listEndpoints(db: Executor): Promise<WebhookEndpoint[]> {
  return db.selectFrom("webhook_endpoints").selectAll().orderBy("id").execute();
}

export async function updateEndpoint(
  db: Executor,
  id: string,
  change: {
    url?: string;
    types?: string[] | null;
    description?: string | null;
    status?: WebhookEndpointStatus;
    disabledReason?: string | null;
    secret?: string;
    previousSecret?: string | null;
    previousSecretExpiresAt?: Date | null;
    now: Date;
  },
): Promise<WebhookEndpoint> {
  return db
    .updateTable("webhook_endpoints")
    .set({
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.types !== undefined ? { types: change.types } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.disabledReason !== undefined ? { disabled_reason: change.disabledReason } : {}),
      ...(change.secret !== undefined ? { secret: change.secret } : {}),
      ...(change.previousSecret !== undefined ? { previous_secret: change.previousSecret } : {}),
      ...(change.previousSecretExpiresAt !== undefined
        ? { previous_secret_expires_at: change.previousSecretExpiresAt }
        : {}),
      updated_at: change.now,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteEndpoint(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom("webhook_endpoints").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export type DeliveryView = WebhookDelivery & { type: string };

/** The endpoint's deliveries, newest first. */
export async function listDeliveries(
  db: Executor,
  endpointId: string,
  limit: number,
): Promise<DeliveryView[]> {
  return db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("events as e", "e.id", "d.event_id")
    .selectAll("d")
    .select("e.type")
    .where("d.endpoint_id", "=", endpointId)
    .orderBy("d.id", "desc")
    .limit(limit)
    .execute();
}

/** Delivery counts of every endpoint by status, for the console. */
export async function deliveryCounts(db: Executor) {
  return db
    .selectFrom("webhook_deliveries")
    .select(["endpoint_id", "status", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy(["endpoint_id", "status"])
    .execute();
}

/**
 * Queues the endpoint's events after `position` again (its types, in feed order): a new delivery for
 * an event it never had, a fresh round of attempts for one it had. A delivery in flight is left to
 * finish. Answers how many were queued.
 */
export async function queueReplay(
  db: Executor,
  endpoint: Pick<WebhookEndpoint, "id" | "types" | "status">,
  position: FeedPosition,
  now: Date,
): Promise<number> {
  const types = endpoint.types ? sql`and type = any (${endpoint.types}::text[])` : sql``;
  const result = await sql`
    insert into webhook_deliveries (event_id, endpoint_id, status, due_at, created_at, updated_at)
    select id, ${endpoint.id}, ${endpoint.status === "enabled" ? "pending" : "held"}, ${now}, ${now}, ${now}
      from events
     where (xid, id) > (${position.xid}::xid8, ${position.id}::bigint) ${types}
    on conflict (event_id, endpoint_id) do update
      set status = excluded.status, attempts = 0, due_at = excluded.due_at, last_error = null,
          last_status_code = null, delivered_at = null, updated_at = excluded.updated_at
      where webhook_deliveries.status <> 'sending'`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

export async function findDelivery(db: Executor, id: string) {
  return db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
}

/** What a worker needs to post a claimed delivery: its event and its endpoint (claimed together). */
export type DeliveryWork = WebhookDelivery & {
  type: string;
  data: Record<string, unknown>;
  occurred_at: Date;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
};

/**
 * Records deliveries the receivers accepted, several in one statement, each under the queue's fence
 * (still `sending`, still this claim's attempt: src/queue/queue.repository.ts `markDone`).
 */
export async function markDelivered(
  db: Executor,
  accepted: readonly { id: string; attempts: number; statusCode: number }[],
  now: Date,
): Promise<void> {
  const record = sql`
    update webhook_deliveries d set
      status = 'delivered', delivered_at = ${now}, last_status_code = a.status_code, last_error = null,
      updated_at = ${now}
    from unnest(${accepted.map((a) => a.id)}::bigint[], ${accepted.map((a) => a.attempts)}::int[],
                ${accepted.map((a) => a.statusCode)}::int[]) as a(id, attempts, status_code)
    where d.id = a.id and d.status = 'sending' and d.attempts = a.attempts`.compile(db);
  await db.executeQuery(plannedOnce(record));
}

/** The endpoint is disabled: its waiting deliveries leave the queue until it is enabled. */
export async function holdDeliveriesOfDisabled(db: Executor, endpointId: string, now: Date): Promise<void> {
  await sql`
    update webhook_deliveries set status = 'held', updated_at = ${now}
     where endpoint_id = ${endpointId} and status = 'pending'
       and exists (select from webhook_endpoints where id = ${endpointId} and status = 'disabled')`.execute(
    db,
  );
}

/** The endpoint is enabled again: what it held is due now. Answers how many. */
export async function releaseHeldDeliveries(db: Executor, endpointId: string, now: Date): Promise<number> {
  const result = await sql`
    update webhook_deliveries set status = 'pending', due_at = ${now}, updated_at = ${now}
     where endpoint_id = ${endpointId} and status = 'held'`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
