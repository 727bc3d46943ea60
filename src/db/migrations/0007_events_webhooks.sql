-- Events out (integration.md §§ 1–2): the event feed, webhook endpoints and their deliveries; orders
-- gain the time they were provisioned.

-- Every change a downstream system may act on, written in the transaction of the change.
create table events (
  id bigint generated always as identity primary key,
  -- The writing transaction's id. The feed is ordered by (xid, id) and hands out only events whose
  -- transaction is older than every transaction still running, so a late commit is never skipped.
  xid xid8 not null default pg_current_xact_id(),
  type text not null,
  data jsonb not null,
  occurred_at timestamptz not null
);

create index events_feed_idx on events (xid, id);
create index events_occurred_idx on events (occurred_at);

-- The highest event id pruned so far: an `after` at or below it that is gone was pruned (410), any
-- other unknown id is a mistake (400).
create table events_pruned (
  singleton boolean primary key default true check (singleton),
  through_id bigint not null
);

-- Where events are posted (Standard Webhooks).
create table webhook_endpoints (
  id bigint generated always as identity primary key,
  url text not null,
  description text,
  -- the event types it receives; null: all of them
  types text[],
  status text not null check (status in ('enabled', 'disabled')),
  -- why it is disabled: api, operator:<id>, or the receiver answering 410 Gone
  disabled_reason text,
  -- whsec_…; encrypted (enc:v1:…) when SECRETS_KEY is set (src/webhooks/secrets.ts)
  secret text not null,
  -- after a rotation, the secret before it keeps signing beside the new one until this time
  previous_secret text,
  previous_secret_expires_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- One event to one endpoint: a row of the same delivery queue as the e-mails (src/queue/).
-- pending → sending (a worker holds it until due_at) → delivered; pending again after a failure with
-- due_at moved by the back-off; dead after WEBHOOK_MAX_ATTEMPTS; held while its endpoint is disabled
-- (out of the queue's index, so that a claim never scans past them), pending again when enabled.
create table webhook_deliveries (
  id bigint generated always as identity primary key,
  event_id bigint not null references events (id) on delete cascade,
  endpoint_id bigint not null references webhook_endpoints (id) on delete cascade,
  status text not null check (status in ('pending', 'sending', 'delivered', 'dead', 'held')),
  due_at timestamptz not null,
  attempts integer not null default 0,
  last_status_code integer,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (event_id, endpoint_id)
);

create index webhook_deliveries_due_idx on webhook_deliveries (due_at, id) where status in ('pending', 'sending');
create index webhook_deliveries_held_idx on webhook_deliveries (endpoint_id) where status = 'held';
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, id desc);
create index webhook_deliveries_dead_idx on webhook_deliveries (updated_at) where status = 'dead';

-- Orders: when they were provisioned; listed by id, filtered by update time (GET /api/v1/orders).
alter table orders add column provisioned_at timestamptz;
update orders o set provisioned_at = coalesce(
    (select min(a.at) from audit_events a
      where a.order_id = o.id and a.action in ('organization.created', 'order.mapped')),
    o.updated_at)
  where o.status = 'provisioned';
create index orders_updated_idx on orders (updated_at, id);
