-- The wizard and the approval page as people use them (issue #11): an order's time zone, a request the
-- contact withdrew, the reminder sent before a request expires, and the time zone each e-mail is written in.

-- IANA name (Europe/Rome); null: Europe/Rome for an Italian order, UTC otherwise (src/orders/time-zone.ts).
alter table orders add column time_zone text;

-- withdrawn: the provisioning contact took the request back from the wizard's waiting page.
alter table admin_requests drop constraint admin_requests_status_check;
alter table admin_requests add constraint admin_requests_status_check
  check (status in ('pending', 'approved', 'rejected', 'expired', 'cancelled', 'withdrawn'));

-- Set when the administrators were reminded, ADMIN_REQUEST_REMINDER_DAYS before the expiry: once.
alter table admin_requests add column reminder_sent_at timestamptz;
create index admin_requests_reminder_idx on admin_requests (expires_at)
  where status = 'pending' and reminder_sent_at is null;

-- The time zone an e-mail's times are shown in (its order's); null: UTC.
alter table outbox_messages add column time_zone text;
