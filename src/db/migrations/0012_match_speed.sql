-- Rules B and C of docs/matching.md § 2 as one function, so that the statement is planned once per
-- connection instead of on every search: planning it took about as long as running it (docs/
-- benchmarks.md § Match endpoint). The plan is generic (the same for every input) on purpose: every
-- branch is an index scan of organization_domains in rank order, stopping at its limit, whatever the
-- values. Longer prefixes are a range of text_pattern_ops (byte order, which is code point order in
-- UTF-8) instead of LIKE, which a generic plan could not turn into an index range.
--
-- Inputs: the administrator's registrable domain, the subscription's kind, the typed name's prefix
-- and key, the shorter prefixes the typed prefix starts with ("a", "ac", … for "acmec"), whether to
-- look for longer prefixes (the typed prefix has fewer than 5 code points), the limit of rule B and
-- that of rule C (0 turns rule C off). Rows: rule 'B' then 'C', each in rank order, with the card's columns.
create function match_candidates(
  p_domain text, p_kind text, p_prefix text, p_name_key text, p_shorter text[], p_longer boolean,
  p_limit integer, p_same_domain_limit integer)
returns table (
  rule text, id text, name text, name_key text, name_prefix text, kind text, source text, country text,
  created_at timestamptz, users integer, active_subscriptions integer, managed_customers integer,
  last_activity_at timestamptz, full_admins json, domain_users integer)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with b as (
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
  c as (
    select d.organization_id, d.domain_users, d.active_subscriptions, d.organization_users, d.created_at
    from organization_domains d
    where p_same_domain_limit > 0 and d.live and d.domain = p_domain and d.kind = p_kind
      and d.name_prefix <> p_prefix and d.name_prefix <> all(p_shorter)
      and not (p_longer and d.name_prefix ~>~ p_prefix and d.name_prefix ~<~ (p_prefix || chr(1114111)))
    order by d.domain_users desc, d.active_subscriptions desc, d.organization_users desc, d.created_at,
             d.organization_id
    limit p_same_domain_limit
  ),
  ranked as (
    (select 'B'::text as rule, b.organization_id, b.domain_users,
       row_number() over (order by b.exact desc, b.domain_users desc, b.active_subscriptions desc,
                          b.organization_users desc, b.created_at, b.organization_id) as rank
     from b order by rank limit p_limit)
    union all
    select 'C'::text, c.organization_id, c.domain_users,
      row_number() over (order by c.domain_users desc, c.active_subscriptions desc, c.organization_users desc,
                         c.created_at, c.organization_id)
    from c
  )
  select r.rule, o.id::text, o.name, o.name_key, o.name_prefix, o.kind, o.source, o.country, o.created_at,
    o.user_count, o.active_subscription_count, o.managed_customer_count, o.last_activity_at,
    coalesce((
      select json_agg(json_build_object('name', a.name, 'email', a.email) order by a.id)
      from (select u.id, u.name, u.email from users u
            where u.organization_id = o.id and u.role = 'full_admin' order by u.id limit 3) a
    ), '[]'::json),
    r.domain_users
  from ranked r
  join organizations o on o.id = r.organization_id
  order by r.rule, r.rank;
end
$$;
