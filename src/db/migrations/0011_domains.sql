-- Verified and claimed domains (docs/api.md § Domains): an organization proves that it owns an e-mail
-- domain with a DNS TXT record; a verified domain leads the match (rule V), a claimed one also stops
-- the wizard from creating another organization for it.

create table domain_verifications (
  id bigint generated always as identity primary key,
  organization_id bigint not null references organizations (id),
  -- a registrable domain in ASCII (docs/matching.md § 1), never a public provider
  domain text not null,
  status text not null check (status in ('pending', 'verified', 'failed', 'lapsed')),
  claimed boolean not null default false,
  -- the TXT value to publish at _provisio-challenge.{domain}: public by nature, so stored as it is
  challenge text not null,
  created_at timestamptz not null,
  verified_at timestamptz,
  -- the last check (API, console or background) and what it found
  checked_at timestamptz,
  found jsonb,
  -- checks of a verified domain in a row that did not find the record; 3 make it lapsed
  missed_checks int not null default 0,
  -- when the background looks again; null: never (failed, lapsed)
  next_check_at timestamptz,
  unique (organization_id, domain),
  check (not claimed or status = 'verified')
);

-- Rule V and DOMAIN_TAKEN: at most one organization holds a domain verified, found by one index probe.
create unique index domain_verifications_verified_idx on domain_verifications (domain)
  include (organization_id, claimed) where status = 'verified';

-- The background's due checks.
create index domain_verifications_due_idx on domain_verifications (next_check_at)
  where next_check_at is not null;
