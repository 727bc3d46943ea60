import { CompiledQuery, type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../db/schema.js";
import type { EventDataByType, EventType } from "./event-types.js";

type Executor = Kysely<Database> | Transaction<Database>;

/** The channel a committed webhook delivery is announced on (LISTEN/NOTIFY, both engines). */
export const webhooksChannel = "provisio_webhooks";

export type NewEvent<T extends EventType> = { type: T; data: EventDataByType[T]; occurredAt: Date };

/**
 * Writes an event in the caller's transaction, with one delivery row for each enabled webhook endpoint
 * subscribed to its type, in one statement. When there is a delivery, the same statement announces it
 * (pg_notify is sent at commit, and not at all on rollback), so that workers wake at once.
 */
export async function recordEvent<T extends EventType>(trx: Transaction<Database>, event: NewEvent<T>) {
  const { rows } = await trx.executeQuery<{ id: string }>(
    CompiledQuery.raw(recordEventSql, [event.type, JSON.stringify(event.data), event.occurredAt]),
  );
  return rows[0]!.id;
}

// Written with almost every change: SQL text made once rather than a query built each time.
export const recordEventSql = `
  with event as (
    insert into events (type, data, occurred_at) values ($1, $2, $3)
    returning id, type),
  fanout as (
    insert into webhook_deliveries (event_id, endpoint_id, status, due_at, created_at, updated_at)
    select event.id, w.id, 'pending', $3, $3, $3
      from event join webhook_endpoints w
        on w.status = 'enabled' and (w.types is null or event.type = any (w.types))
    returning 1)
  select id, case when exists (select from fanout) then pg_notify('${webhooksChannel}', '') end as notified
    from event`;

/** Announces deliveries queued outside recordEvent (a replay, a redelivery, an endpoint enabled). */
export async function notifyWebhooks(db: Executor): Promise<void> {
  await sql`select pg_notify(${webhooksChannel}, '')`.execute(db);
}

export type FeedEvent = { id: string; type: string; data: Record<string, unknown>; occurredAt: Date };
export type FeedPosition = { xid: string; id: string };

/** Where an event stands in the feed; undefined when there is no such event (never, or pruned). */
export async function findFeedPosition(db: Executor, id: string): Promise<FeedPosition | undefined> {
  const { rows } = await sql<FeedPosition>`
    select xid::text as xid, id from events where id = ${id}`.execute(db);
  return rows[0];
}

/** The highest event id pruned so far, if any was. */
export async function prunedThrough(db: Executor): Promise<string | undefined> {
  const { rows } = await sql<{ through_id: string }>`select through_id from events_pruned`.execute(db);
  return rows[0]?.through_id;
}

/**
 * Events after `after` in feed order, (xid, id), among those whose transaction is older than the
 * feed's horizon, so that what this answers is final: the function events_feed_page (migration 0014,
 * where the horizon is explained), planned once per connection. Rows of other types come back
 * without data (`match` false) so that the caller can advance past them; no rows when `after` is no event.
 */
export async function feedPage(
  db: Executor,
  options: { after: string | undefined; limit: number; types: readonly string[] | undefined },
): Promise<(FeedEvent & { match: boolean })[]> {
  const { rows } = await sql<{
    id: string;
    type: string;
    data: Record<string, unknown> | null;
    occurred_at: Date;
    match: boolean;
  }>`select * from events_feed_page(${options.after ?? null}::bigint, ${options.limit}::integer,
       ${options.types ?? null}::text[])`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    data: r.data ?? {},
    occurredAt: r.occurred_at,
    match: r.match,
  }));
}

/**
 * Deletes up to `limit` events that occurred before `before` (their deliveries go with them), never
 * the newest one: a reader that is up to date keeps a position to continue from. Answers how many.
 */
export async function pruneEvents(db: Executor, before: Date, limit: number): Promise<number> {
  const { rows } = await sql<{ pruned: string }>`
    with gone as (
      delete from events where id in (
        select id from events
         where occurred_at < ${before} and id < (select max(id) from events)
         order by occurred_at limit ${limit})
      returning id),
    mark as (
      insert into events_pruned (through_id) select max(id) from gone having count(*) > 0
      on conflict (singleton) do update set through_id = greatest(events_pruned.through_id, excluded.through_id))
    select count(*) as pruned from gone`.execute(db);
  return Number(rows[0]!.pruned);
}
