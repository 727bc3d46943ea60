-- Operators (support staff) and their console sessions (docs/product.md § Actors).

create table operators (
  id bigint generated always as identity primary key,
  -- normalized address, unique
  email text not null unique,
  name text,
  -- scrypt$N$r$p$salt$hash (src/operators/password.ts)
  password_hash text not null,
  created_at timestamptz not null,
  disabled_at timestamptz
);

-- A console session: the cookie holds a 256-bit secret, the table its SHA-256 only.
create table operator_sessions (
  token_hash bytea primary key,
  operator_id bigint not null references operators (id),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null
);

create index operator_sessions_operator_idx on operator_sessions (operator_id);

-- Failed sign-ins, for throttling by e-mail and by address; old rows are pruned on the way.
create table operator_sign_in_failures (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  at timestamptz not null
);

create index operator_sign_in_failures_email_idx on operator_sign_in_failures (email, at);
create index operator_sign_in_failures_ip_idx on operator_sign_in_failures (ip, at);

-- Console lists: orders by contact and newest first, organizations by name.
create index orders_created_idx on orders (created_at desc, id desc);
create index orders_status_idx on orders (status, created_at desc);
create index organizations_name_key_idx on organizations (name_key text_pattern_ops);
create index admin_requests_status_idx on admin_requests (status, created_at desc);
create index audit_events_actor_idx on audit_events (actor, at);
create index audit_events_action_idx on audit_events (action, at);
create index orders_number_pattern_idx on orders (order_number text_pattern_ops);
