-- Limits shared by every instance (docs/security.md § Abuse and enumeration): a fixed window of hits
-- per key (an address; an address and an e-mail), with a block that doubles each time it is earned.
-- Kept in PostgreSQL so that attempts spread over several instances add up.
create table rate_limits (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null,
  -- refused until this time (sign-in back-off)
  blocked_until timestamptz,
  -- blocks earned in a row: the next one lasts twice as long
  strikes integer not null default 0,
  updated_at timestamptz not null
);

create index rate_limits_updated_idx on rate_limits (updated_at);

-- Sign-in failures are counted in rate_limits now (and audited as before).
drop table operator_sign_in_failures;

-- A one-time link to create the first operator from a browser (printed at start while there is none).
create table console_setup_tokens (
  token_hash bytea primary key,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);

-- Match and complete calls of a setup link share one hourly window (docs/matching.md § 5): counted by
-- the link's own rows, whatever other links do.
create index audit_events_link_calls_idx on audit_events (subject_id, at)
  where subject_type = 'invitation' and action in ('setup.match', 'setup.complete');

-- One live link per order (docs/product.md § Data): a newer secret for the same invitation (the resume
-- e-mail after an approval) supersedes the older ones, which then answer 410 INVITATION_REVOKED.
alter table link_tokens add column superseded_at timestamptz;
create index link_tokens_invitation_idx on link_tokens (invitation_id) where invitation_id is not null;
