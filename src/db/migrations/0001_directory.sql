-- The directory: organizations, their users and their subscriptions (docs/product.md § Data).

create table organizations (
  id bigint generated always as identity primary key,
  external_id text unique,
  name text not null,
  -- docs/matching.md § 1: the normalized name key and its first 5 code points, computed by the application
  name_key text not null,
  name_prefix text not null,
  kind text not null check (kind in ('customer', 'partner')),
  source text not null check (source in ('trial', 'online', 'partner', 'wizard', 'import')),
  country text check (country ~ '^[A-Z]{2}$'),
  managing_partner_id bigint references organizations (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);

create index organizations_managing_partner_idx on organizations (managing_partner_id)
  where managing_partner_id is not null;

create table users (
  id bigint generated always as identity primary key,
  organization_id bigint not null references organizations (id),
  -- normalized address (docs/matching.md § 1): lower case, ASCII domain; unique across the system
  email text not null,
  -- registrable domain of the address, e.g. acme.co.uk for anna@mail.acme.co.uk
  email_domain text not null,
  name text,
  role text not null check (role in ('full_admin', 'user')),
  last_active_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index users_email_key on users (email);
create index users_organization_idx on users (organization_id, role);

create table subscriptions (
  id bigint generated always as identity primary key,
  external_id text unique,
  organization_id bigint references organizations (id),
  status text not null
    check (status in ('awaiting_setup', 'active', 'suspended', 'expired', 'cancelled', 'closed')),
  -- [{ "sku": "MEETINGS-ENT", "quantity": 250 }]
  services jsonb not null,
  term_months integer check (term_months > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index subscriptions_organization_idx on subscriptions (organization_id, status)
  where organization_id is not null;
