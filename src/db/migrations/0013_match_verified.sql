-- Rules A, V and the cards' verified domains (docs/matching.md § 2) join rules B and C in
-- match_candidates (migration 0012): a search runs one statement, planned once per connection, where
-- it ran four, three of them planned on every call (about 1 ms of planning each at 1,000,000
-- organizations: docs/benchmarks.md § Match on PostgreSQL).
--
-- New inputs: p_email, the administrator's e-mail (rule A); p_verified, whether to look for rule V
-- (false for public providers, which are never verified). Rows: the administrator's own organization
-- (rule 'A', with the user's role) and nothing else when the e-mail is a user of a live organization;
-- otherwise rule 'V' (at most one, with whether it claimed the domain), 'B', then 'C', each in rank
-- order. Each row has the card's columns and the organization's verified domains.
drop function if exists match_candidates(text, text, text, text, text[], boolean, integer, integer);

create function match_candidates(
  p_domain text, p_kind text, p_prefix text, p_name_key text, p_shorter text[], p_longer boolean,
  p_limit integer, p_same_domain_limit integer, p_verified boolean, p_email text)
returns table (
  rule text, id text, name text, name_key text, name_prefix text, kind text, source text, country text,
  created_at timestamptz, users integer, active_subscriptions integer, managed_customers integer,
  last_activity_at timestamptz, full_admins json, domain_users integer, verified_domains text[], role text,
  claimed boolean)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Rule A: the e-mail is unique across the system. When it is found, the other rules are not run
  -- (their branches are gated by "not exists (select from a)", evaluated once).
  with a as (
    select u.organization_id, u.role
    from users u
    join organizations o on o.id = u.organization_id
    where u.email = p_email and o.deleted_at is null
  ),
  b as (
    (select d.organization_id, d.domain_users, d.active_subscriptions, d.organization_users, d.created_at,
            true as exact
     from organization_domains d
     where d.live and d.domain = p_domain and d.kind = p_kind and d.name_key = p_name_key
     order by d.domain_users desc, d.active_subscriptions desc, d.organization_users desc, d.created_at,
              d.organization_id
     limit p_limit)
    union all
    (select d.organization_id, d.domain_users, d.active_subscriptions, d.organization_users, d.created_at, false
     from organization_domains d
     where d.live and d.domain = p_domain and d.kind = p_kind and d.name_prefix = p_prefix
       and d.name_key <> p_name_key
     order by d.domain_users desc, d.active_subscriptions desc, d.organization_users desc, d.created_at,
              d.organization_id
     limit p_limit)
    union all
    -- One index scan in rank order per shorter prefix (an "= any" would read the whole domain in a generic plan).
    select d.organization_id, d.domain_users, d.active_subscriptions, d.organization_users, d.created_at, false
    from unnest(p_shorter) s (prefix)
    cross join lateral (
      select d.organization_id, d.domain_users, d.active_subscriptions, d.organization_users, d.created_at
      from organization_domains d
      where d.live and d.domain = p_domain and d.kind = p_kind and d.name_prefix = s.prefix
      order by d.domain_users desc, d.active_subscriptions desc, d.organization_users desc, d.created_at,
               d.organization_id
      limit p_limit) d
    union all
    (select d.organization_id, d.domain_users, d.active_subscriptions, d.organization_users, d.created_at, false
     from organization_domains d
     where p_longer and d.live and d.domain = p_domain and d.kind = p_kind
       and d.name_prefix ~>~ p_prefix and d.name_prefix ~<~ (p_prefix || chr(1114111))
     order by d.domain_users desc, d.active_subscriptions desc, d.organization_users desc, d.created_at,
              d.organization_id
     limit p_limit)
  ),
  -- Rule V: the live organization of the kind that holds the domain verified (one index probe).
  v as (
    select d.organization_id, d.claimed
    from domain_verifications d
    join organizations o on o.id = d.organization_id
    where p_verified and d.domain = p_domain and d.status = 'verified' and o.kind = p_kind
      and o.deleted_at is null and not exists (select from a)
  ),
  c as (
    select d.organization_id, d.domain_users, d.active_subscriptions, d.organization_users, d.created_at
    from organization_domains d
    where p_same_domain_limit > 0 and not exists (select from a) and d.live and d.domain = p_domain
      and d.kind = p_kind
      and d.name_prefix <> p_prefix and d.name_prefix <> all(p_shorter)
      and not (p_longer and d.name_prefix ~>~ p_prefix and d.name_prefix ~<~ (p_prefix || chr(1114111)))
    order by d.domain_users desc, d.active_subscriptions desc, d.organization_users desc, d.created_at,
             d.organization_id
    limit p_same_domain_limit
  ),
  ranked as (
    select 'A'::text as rule, a.organization_id,
      coalesce((select od.domain_users from organization_domains od
                where od.organization_id = a.organization_id and od.domain = p_domain), 0) as domain_users,
      1::bigint as rank, a.role, null::boolean as claimed
    from a
    union all
    select 'V'::text, v.organization_id,
      coalesce((select od.domain_users from organization_domains od
                where od.organization_id = v.organization_id and od.domain = p_domain), 0),
      1::bigint, null::text, v.claimed
    from v
    union all
    (select 'B'::text, b.organization_id, b.domain_users,
       row_number() over (order by b.exact desc, b.domain_users desc, b.active_subscriptions desc,
                          b.organization_users desc, b.created_at, b.organization_id) as rank,
       null::text, null::boolean
     from b where not exists (select from a) order by rank limit p_limit)
    union all
    select 'C'::text, c.organization_id, c.domain_users,
      row_number() over (order by c.domain_users desc, c.active_subscriptions desc, c.organization_users desc,
                         c.created_at, c.organization_id),
      null::text, null::boolean
    from c
  )
  select r.rule, o.id::text, o.name, o.name_key, o.name_prefix, o.kind, o.source, o.country, o.created_at,
    o.user_count, o.active_subscription_count, o.managed_customer_count, o.last_activity_at,
    coalesce((
      select json_agg(json_build_object('name', a.name, 'email', a.email) order by a.id)
      from (select u.id, u.name, u.email from users u
            where u.organization_id = o.id and u.role = 'full_admin' order by u.id limit 3) a
    ), '[]'::json),
    r.domain_users,
    array(select vd.domain from domain_verifications vd
          where vd.organization_id = o.id and vd.status = 'verified' order by vd.domain),
    r.role,
    r.claimed
  from ranked r
  join organizations o on o.id = r.organization_id
  order by r.rule, r.rank;
end
$$;
