-- Orders and what follows them (docs/product.md § The flow): setup invitations and the secret links that
-- open them, administrator requests, what matching disclosed to each link, the outbox of e-mails and
-- the audit log. Times come from the application's clock (never now()), so tests can move it.

create table orders (
  id bigint generated always as identity primary key,
  -- the ordering system's number: the idempotency key of POST /api/v1/orders
  order_number text not null unique,
  -- SHA-256 of the order as received, defaults applied: the same number with another body is a conflict
  request_hash text not null,
  ordered_by text not null check (ordered_by in ('customer', 'partner')),
  partner_organization_id bigint references organizations (id),
  intended_use text not null check (intended_use in ('customer', 'partner_own_use')),
  -- null until a partner ordering for a customer says who sets up (docs/product.md § The flow, 3)
  scenario text check (scenario in ('customer_self', 'partner_for_customer', 'partner_own_use')),
  status text not null
    check (status in ('awaiting_setup', 'awaiting_admin_approval', 'provisioned', 'closed', 'cancelled')),
  locale text not null check (locale in ('it', 'en')),
  requested_start_date date,
  -- the organization the subscriptions were mapped to: set once, at the point of no return
  organization_id bigint references organizations (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((ordered_by = 'partner') = (partner_organization_id is not null)),
  check (intended_use = 'customer' or ordered_by = 'partner')
);

alter table subscriptions add column order_id bigint references orders (id);
create index subscriptions_order_idx on subscriptions (order_id) where order_id is not null;

-- The secret link of an order, one live at a time. Its e-mail is sent at send_at; it expires
-- INVITATION_TTL_DAYS after its link is first minted into that e-mail.
create table invitations (
  id bigint generated always as identity primary key,
  order_id bigint not null references orders (id),
  -- setup: to the order's provisioning contact; handover: to the customer a partner handed the setup to
  kind text not null check (kind in ('setup', 'handover')),
  contact_email text not null,
  contact_name text,
  status text not null check (status in ('scheduled', 'sent', 'handed_over', 'used', 'expired', 'revoked')),
  send_at timestamptz not null,
  sent_at timestamptz,
  expires_at timestamptz,
  -- the company details last entered in the wizard, to fill its form again (resuming after approval)
  draft jsonb,
  -- the last match result shown to this link, so its page can be shown again without searching again
  last_match jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create unique index invitations_live_idx on invitations (order_id) where status in ('scheduled', 'sent');
create index invitations_expiry_idx on invitations (expires_at) where status in ('scheduled', 'sent');
create index invitations_contact_idx on invitations (contact_email);

-- "Add this e-mail as full administrator of this organization" (docs/product.md § 8).
create table admin_requests (
  id bigint generated always as identity primary key,
  order_id bigint not null references orders (id),
  invitation_id bigint not null references invitations (id),
  organization_id bigint not null references organizations (id),
  email text not null,
  email_domain text not null,
  name text,
  -- the provisioning contact who ran the wizard
  requested_by_email text not null,
  scenario text not null check (scenario in ('customer_self', 'partner_for_customer', 'partner_own_use')),
  -- administrators: e-mailed to the organization's full administrators; operators: it has none
  routed_to text not null check (routed_to in ('administrators', 'operators')),
  status text not null check (status in ('pending', 'approved', 'rejected', 'expired', 'cancelled')),
  expires_at timestamptz not null,
  decided_at timestamptz,
  -- user:<id> (a full administrator), operator:<id>, or system
  decided_by text,
  reason text,
  created_at timestamptz not null
);

create unique index admin_requests_pending_idx on admin_requests (order_id) where status = 'pending';
create index admin_requests_expiry_idx on admin_requests (expires_at) where status = 'pending';
create index admin_requests_organization_idx on admin_requests (organization_id, status);

-- The full administrators a request was sent to: each gets a link of their own.
create table admin_request_approvers (
  id bigint generated always as identity primary key,
  admin_request_id bigint not null references admin_requests (id),
  user_id bigint not null references users (id),
  email text not null,
  unique (admin_request_id, user_id)
);

-- Secrets of setup and approval links; only their SHA-256 is stored. A secret is minted when its e-mail
-- is rendered, so it exists in that e-mail alone; a subject may have several (a resume e-mail, a retry).
create table link_tokens (
  token_hash bytea primary key,
  invitation_id bigint references invitations (id),
  approver_id bigint references admin_request_approvers (id),
  created_at timestamptz not null,
  check (num_nonnulls(invitation_id, approver_id) = 1)
);

-- Organizations a match call disclosed to a setup link: the only ones it may map to (docs/matching.md § 5).
create table match_disclosures (
  invitation_id bigint not null references invitations (id),
  organization_id bigint not null references organizations (id),
  disclosed_at timestamptz not null,
  primary key (invitation_id, organization_id)
);

-- Every e-mail, written in the transaction of the change that causes it (docs/product.md § E-mails).
create table outbox_messages (
  id bigint generated always as identity primary key,
  template text not null,
  locale text not null check (locale in ('it', 'en')),
  recipient text not null,
  -- what the template shows; never a secret
  params jsonb not null,
  -- the link the e-mail carries, minted when it is rendered: a setup link or an approval link
  invitation_id bigint references invitations (id),
  approver_id bigint references admin_request_approvers (id),
  order_id bigint references orders (id),
  -- pending → sending (a worker holds it until due_at) → sent; pending again after a failure, with
  -- due_at moved by the back-off; dead after MAIL_MAX_ATTEMPTS; cancelled when its link died unsent
  status text not null check (status in ('pending', 'sending', 'sent', 'dead', 'cancelled')),
  due_at timestamptz not null,
  attempts integer not null default 0,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- Workers claim what is due: pending rows, and sending rows whose worker's lease ran out.
create index outbox_due_idx on outbox_messages (due_at) where status in ('pending', 'sending');
create index outbox_order_idx on outbox_messages (order_id) where order_id is not null;
create index outbox_dead_idx on outbox_messages (updated_at) where status = 'dead';

-- The development mailbox (SMTP_URL unset): what would have been sent.
create table dev_mailbox (
  id bigint generated always as identity primary key,
  outbox_message_id bigint not null references outbox_messages (id),
  recipient text not null,
  subject text not null,
  text text not null,
  html text not null,
  links jsonb not null,
  created_at timestamptz not null
);

-- Who did what to which object, when (docs/product.md § Data). E-mail addresses in details are masked.
create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  -- api, setup-link:<invitation id>, approval-link:<approver id>, operator:<id>, system
  actor text not null,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  order_id bigint references orders (id),
  details jsonb not null
);

create index audit_events_subject_idx on audit_events (subject_id, at);
create index audit_events_order_idx on audit_events (order_id, at) where order_id is not null;
create index audit_events_at_idx on audit_events (at);
