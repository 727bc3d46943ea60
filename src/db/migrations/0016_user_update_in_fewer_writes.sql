-- A user's update (a move, above all) in fewer statements and fewer row versions.
--
-- 0015's trigger wrote an organization twice for a move (its user count, then its latest activity) and
-- the user's domain row twice (its users, then the organization's user count copied into it), each a
-- new row version with an entry in every index of organization_domains. Here each organization and
-- each domain row the change touches is written once: the users counted by (organization, domain) as
-- a net change; rows that reach zero deleted, the others counted down, or up (an upsert), each with
-- the organization's facts copied at once, so that the refresh finds nothing left to do on them.
-- Same results as 0015 (the property test of test/directory-counts.test.ts compares them with a
-- recount).
create or replace function users_counts_after_update() returns trigger language plpgsql set jit = off as $$
declare
  -- Organizations whose number of users changed.
  changed bigint[];
begin
  -- Each organization's net change of users and the latest activity it gained: one write each.
  with c as (
    select organization_id, sum(d) as delta, max(last_active_at) as last_active
      from (select organization_id, -1 as d, null::timestamptz as last_active_at from old_rows
            union all
            select organization_id, 1, last_active_at from new_rows) x
     group by 1
  ), written as (
    update organizations o set
        user_count = o.user_count + c.delta,
        last_activity_at = greatest(o.last_activity_at, c.last_active)
      from c
     where o.id = c.organization_id
       and (c.delta <> 0 or c.last_active > o.last_activity_at
            or (o.last_activity_at is null and c.last_active is not null))
    returning o.id, c.delta
  )
  select array_agg(id) filter (where delta <> 0) into changed from written;

  -- An activity that left its organization (the user moved, or its activity changed): recomputed only
  -- where it was the latest. One that went forward is the latest already (above), and is not.
  update organizations o set last_activity_at =
      (select max(u.last_active_at) from users u where u.organization_id = o.id)
    from (select organization_id, max(last_active_at) as last_active
            from (select organization_id, last_active_at from old_rows
                  except all
                  select organization_id, last_active_at from new_rows) x
           group by 1) l
    where o.id = l.organization_id and l.last_active >= o.last_activity_at;

  -- (organization, e-mail domain) pairs whose users changed, by how many.
  perform organization_domains_count(array_agg(organization_id), array_agg(domain), array_agg(delta))
    from (select organization_id, domain, sum(d) as delta
            from (select organization_id, email_domain as domain, -1 as d from old_rows
                  union all
                  select organization_id, email_domain, 1 from new_rows) x
           group by 1, 2 having sum(d) <> 0) pairs;

  if changed is not null then
    perform organization_domains_refresh(changed);
  end if;
  return null;
end $$;

-- Adds `deltas` (positive or negative) to the users of each (organization, domain) row: a row that
-- reaches zero is deleted, a new pair gets a row, and every row written gets its organization's facts
-- as they are now (so that organization_domains_refresh passes over it). Counts change relative to the
-- row as locked, never to a value read before, so concurrent changes add up. (A negative count cannot
-- go through the upsert: a row to insert meets the CHECK before its conflict is found.)
create function organization_domains_count(organization_ids bigint[], domains text[], deltas bigint[])
returns void language plpgsql set jit = off as $$
begin
  delete from organization_domains od
    using unnest(organization_ids, domains, deltas) as d(organization_id, domain, delta)
    where od.organization_id = d.organization_id and od.domain = d.domain
      and d.delta < 0 and od.domain_users + d.delta <= 0;
  update organization_domains od set
      domain_users = od.domain_users + d.delta,
      kind = o.kind, name_prefix = o.name_prefix, name_key = o.name_key, live = o.deleted_at is null,
      active_subscriptions = o.active_subscription_count, organization_users = o.user_count,
      created_at = o.created_at
    from unnest(organization_ids, domains, deltas) as d(organization_id, domain, delta),
         organizations o
    where d.delta < 0 and od.organization_id = d.organization_id and od.domain = d.domain
      and o.id = d.organization_id;
  insert into organization_domains (domain, organization_id, domain_users, kind, name_prefix, name_key, live,
      active_subscriptions, organization_users, created_at)
    select d.domain, d.organization_id, d.delta, o.kind, o.name_prefix, o.name_key, o.deleted_at is null,
      o.active_subscription_count, o.user_count, o.created_at
    from unnest(organization_ids, domains, deltas) as d(organization_id, domain, delta)
    join organizations o on o.id = d.organization_id
    where d.delta > 0
    order by d.organization_id, d.domain
  on conflict (organization_id, domain) do update set
    domain_users = organization_domains.domain_users + excluded.domain_users,
    kind = excluded.kind, name_prefix = excluded.name_prefix, name_key = excluded.name_key,
    live = excluded.live, active_subscriptions = excluded.active_subscriptions,
    organization_users = excluded.organization_users, created_at = excluded.created_at;
end $$;
