-- The directory's update triggers without EXECUTE: each statement planned once per connection.
--
-- 0008 ran the statements that joined old_rows to new_rows through EXECUTE, planned at every run,
-- because a cached plan of such a join keeps the row counts it was made for: planned for a one-user
-- PATCH, it joined a 5,000-row import batch by nested loop. Planning them cost about 1 ms of a user
-- move's 3 (docs/benchmarks.md § Directory sync). The statements below do not join the transition
-- tables at all: they compare them as multisets (UNION ALL with signs, EXCEPT ALL), which is hashed or
-- sorted whatever the sizes, so one cached plan suits a one-row PATCH and an import batch alike.
-- What they change is what 0008's statements changed.
create or replace function users_counts_after_update() returns trigger language plpgsql set jit = off as $$
declare
  -- Organizations whose number of users changed, and by how much (a user that stayed counts -1 and +1).
  changed bigint[];
  deltas bigint[];
begin
  select array_agg(organization_id), array_agg(delta) into changed, deltas
    from (select organization_id, sum(d) as delta
            from (select organization_id, -1 as d from old_rows
                  union all
                  select organization_id, 1 from new_rows) x
           group by 1 having sum(d) <> 0) c;
  update organizations o set user_count = o.user_count + c.delta
    from unnest(changed, deltas) as c(organization_id, delta)
    where o.id = c.organization_id;

  -- (organization, e-mail domain) pairs that lost users, then those that gained them.
  perform organization_domains_remove(array_agg(organization_id), array_agg(email_domain))
    from (select organization_id, email_domain from old_rows
          except all
          select organization_id, email_domain from new_rows) gone;
  perform organization_domains_add(array_agg(organization_id), array_agg(email_domain))
    from (select organization_id, email_domain from new_rows
          except all
          select organization_id, email_domain from old_rows) came;

  update organizations o set last_activity_at = greatest(o.last_activity_at, n.last_active)
    from (select organization_id, max(last_active_at) as last_active from new_rows
          where last_active_at is not null group by 1) n
    where o.id = n.organization_id;
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

  if changed is not null then
    perform organization_domains_refresh(changed);
  end if;
  return null;
end $$;

create or replace function organizations_after_update() returns trigger language plpgsql set jit = off as $$
begin
  -- Counter updates made by triggers change no fact copied here: only statements from outside count.
  if pg_trigger_depth() > 1 then return null; end if;
  update organizations p set managed_customer_count = p.managed_customer_count + c.delta
    from (select managing_partner_id, sum(d) as delta from (
            select managing_partner_id, 1 as d from new_rows where managing_partner_id is not null and deleted_at is null
            union all
            select managing_partner_id, -1 from old_rows where managing_partner_id is not null and deleted_at is null) x
          group by 1 having sum(d) <> 0) c
    where p.id = c.managing_partner_id;
  -- Organizations whose facts copied into their domain rows changed.
  perform organization_domains_refresh(array_agg(id))
    from (select id, kind, name_prefix, name_key, deleted_at is null, created_at from new_rows
          except
          select id, kind, name_prefix, name_key, deleted_at is null, created_at from old_rows) changed;
  return null;
end $$;

-- The functions that keep organization_domains, from SQL (planned at every call) to PL/pgSQL (planned
-- once per connection). Their plans are index lookups per (organization, domain), which suit one row
-- and a batch alike. Same statements as 0002.
create or replace function organization_domains_add(organization_ids bigint[], domains text[]) returns void
language plpgsql set jit = off as $$
begin
  insert into organization_domains (domain, organization_id, domain_users, kind, name_prefix, name_key, live,
      active_subscriptions, organization_users, created_at)
    select n.domain, n.organization_id, n.users, o.kind, o.name_prefix, o.name_key, o.deleted_at is null,
      o.active_subscription_count, o.user_count, o.created_at
    from (select organization_id, domain, count(*) as users
          from unnest(organization_ids, domains) as u(organization_id, domain) group by 1, 2) n
    join organizations o on o.id = n.organization_id
    order by n.organization_id, n.domain
  on conflict (organization_id, domain)
    do update set domain_users = organization_domains.domain_users + excluded.domain_users;
end $$;

create or replace function organization_domains_remove(organization_ids bigint[], domains text[]) returns void
language plpgsql set jit = off as $$
begin
  delete from organization_domains od
    using (select organization_id, domain, count(*) as users
           from unnest(organization_ids, domains) as u(organization_id, domain) group by 1, 2) d
    where od.organization_id = d.organization_id and od.domain = d.domain and od.domain_users <= d.users;
  update organization_domains od set domain_users = od.domain_users - d.users
    from (select organization_id, domain, count(*) as users
          from unnest(organization_ids, domains) as u(organization_id, domain) group by 1, 2) d
    where od.organization_id = d.organization_id and od.domain = d.domain;
end $$;

create or replace function organization_domains_refresh(organization_ids bigint[]) returns void
language plpgsql set jit = off as $$
begin
  update organization_domains od set
      kind = o.kind, name_prefix = o.name_prefix, name_key = o.name_key, live = o.deleted_at is null,
      active_subscriptions = o.active_subscription_count, organization_users = o.user_count,
      created_at = o.created_at
    from organizations o
    where o.id = any(organization_ids) and od.organization_id = o.id
      and (od.kind, od.name_prefix, od.name_key, od.live, od.active_subscriptions, od.organization_users, od.created_at)
          is distinct from
          (o.kind, o.name_prefix, o.name_key, o.deleted_at is null, o.active_subscription_count, o.user_count, o.created_at);
end $$;
