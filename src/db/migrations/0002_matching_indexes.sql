-- Matching at scale (matching.md § 6): every count a candidate card shows is stored, and rule B is an
-- index range scan on (domain, kind, name prefix). Triggers keep the stored counts exact whichever
-- path changes users, subscriptions or organizations (API, import, wizard).

alter table organizations
  add column user_count integer not null default 0,
  add column active_subscription_count integer not null default 0,
  add column managed_customer_count integer not null default 0,
  add column last_activity_at timestamptz;

-- One row per organization and registrable e-mail domain of its users, with the organization's kind,
-- name prefix and liveness copied in so that rules B and C never touch organizations to filter.
create table organization_domains (
  domain text not null,
  organization_id bigint not null references organizations (id),
  kind text not null,
  name_prefix text not null,
  live boolean not null,
  user_count integer not null check (user_count > 0),
  primary key (organization_id, domain)
);

-- Rule B: domain = d and kind = k and name_prefix in (prefixes of p) or name_prefix like p%.
-- text_pattern_ops makes the prefix LIKE a range scan whatever the database collation.
create index organization_domains_match_idx
  on organization_domains (domain, kind, name_prefix text_pattern_ops) include (organization_id, user_count)
  where live;

-- Rule A and A': the unique index users_email_key already answers "who is this e-mail".

-- ---- users → organizations.user_count, last_activity_at; organization_domains

-- Counts one user per (organization, domain) pair given, into organization_domains.
create function organization_domains_add(organization_ids bigint[], domains text[]) returns void
language sql as $$
  insert into organization_domains (domain, organization_id, kind, name_prefix, live, user_count)
    select n.domain, n.organization_id, o.kind, o.name_prefix, o.deleted_at is null, n.users
    from (select organization_id, domain, count(*) as users
          from unnest(organization_ids, domains) as u(organization_id, domain) group by 1, 2) n
    join organizations o on o.id = n.organization_id
    order by n.organization_id, n.domain
  on conflict (organization_id, domain)
    do update set user_count = organization_domains.user_count + excluded.user_count;
$$;

-- Uncounts one user per pair given; a pair whose last user leaves is removed.
create function organization_domains_remove(organization_ids bigint[], domains text[]) returns void
language sql as $$
  delete from organization_domains od
    using (select organization_id, domain, count(*) as users
           from unnest(organization_ids, domains) as u(organization_id, domain) group by 1, 2) d
    where od.organization_id = d.organization_id and od.domain = d.domain and od.user_count <= d.users;
  update organization_domains od set user_count = od.user_count - d.users
    from (select organization_id, domain, count(*) as users
          from unnest(organization_ids, domains) as u(organization_id, domain) group by 1, 2) d
    where od.organization_id = d.organization_id and od.domain = d.domain;
$$;

create function users_counts_after_insert() returns trigger language plpgsql as $$
begin
  update organizations o set
      user_count = o.user_count + n.users,
      last_activity_at = greatest(o.last_activity_at, n.last_active)
    from (select organization_id, count(*) as users, max(last_active_at) as last_active
          from new_rows group by organization_id) n
    where o.id = n.organization_id;
  perform organization_domains_add(array_agg(organization_id), array_agg(email_domain)) from new_rows;
  return null;
end $$;

create function users_counts_after_delete() returns trigger language plpgsql as $$
begin
  update organizations o set user_count = o.user_count - d.users
    from (select organization_id, count(*) as users from old_rows group by organization_id) d
    where o.id = d.organization_id;
  perform organization_domains_remove(array_agg(organization_id), array_agg(email_domain)) from old_rows;
  -- The latest activity may have left with the deleted users.
  update organizations o set last_activity_at =
      (select max(u.last_active_at) from users u where u.organization_id = o.id)
    where o.id in (select organization_id from old_rows where last_active_at is not null);
  return null;
end $$;

-- An update moves a user when its organization or e-mail domain changes: out of the old place, into
-- the new one. Activity only moves forward in place; it is recomputed where a user left.
create function users_counts_after_update() returns trigger language plpgsql as $$
begin
  update organizations o set user_count = o.user_count + c.delta
    from (select organization_id, sum(d) as delta from (
            select was.organization_id, -1 as d from old_rows was join new_rows now on now.id = was.id
              where now.organization_id <> was.organization_id
            union all
            select now.organization_id, 1 from old_rows was join new_rows now on now.id = was.id
              where now.organization_id <> was.organization_id) x
          group by 1) c
    where o.id = c.organization_id;

  perform organization_domains_remove(array_agg(was.organization_id), array_agg(was.email_domain))
    from old_rows was join new_rows now on now.id = was.id
    where (now.organization_id, now.email_domain) <> (was.organization_id, was.email_domain);
  perform organization_domains_add(array_agg(now.organization_id), array_agg(now.email_domain))
    from old_rows was join new_rows now on now.id = was.id
    where (now.organization_id, now.email_domain) <> (was.organization_id, was.email_domain);

  update organizations o set last_activity_at = greatest(o.last_activity_at, n.last_active)
    from (select organization_id, max(last_active_at) as last_active from new_rows
          where last_active_at is not null group by 1) n
    where o.id = n.organization_id;
  update organizations o set last_activity_at =
      (select max(u.last_active_at) from users u where u.organization_id = o.id)
    where o.id in (
      select was.organization_id from old_rows was join new_rows now on now.id = was.id
        where now.organization_id <> was.organization_id
           or now.last_active_at is distinct from was.last_active_at
              and (now.last_active_at is null or now.last_active_at < was.last_active_at));
  return null;
end $$;

create trigger users_counts_insert after insert on users
  referencing new table as new_rows for each statement execute function users_counts_after_insert();
create trigger users_counts_delete after delete on users
  referencing old table as old_rows for each statement execute function users_counts_after_delete();
create trigger users_counts_update after update on users
  referencing old table as old_rows new table as new_rows for each statement execute function users_counts_after_update();

-- ---- subscriptions → organizations.active_subscription_count

create function subscriptions_counts_after_update() returns trigger language plpgsql as $$
begin
  update organizations o set active_subscription_count = o.active_subscription_count + c.delta
    from (select organization_id, sum(d) as delta from (
            select organization_id, 1 as d from new_rows where status = 'active' and organization_id is not null
            union all
            select organization_id, -1 from old_rows where status = 'active' and organization_id is not null) x
          group by organization_id having sum(d) <> 0) c
    where o.id = c.organization_id;
  return null;
end $$;

create function subscriptions_counts_after_insert() returns trigger language plpgsql as $$
begin
  update organizations o set active_subscription_count = o.active_subscription_count + c.n
    from (select organization_id, count(*) as n from new_rows
          where status = 'active' and organization_id is not null group by organization_id) c
    where o.id = c.organization_id;
  return null;
end $$;

create function subscriptions_counts_after_delete() returns trigger language plpgsql as $$
begin
  update organizations o set active_subscription_count = o.active_subscription_count - c.n
    from (select organization_id, count(*) as n from old_rows
          where status = 'active' and organization_id is not null group by organization_id) c
    where o.id = c.organization_id;
  return null;
end $$;

create trigger subscriptions_counts_insert after insert on subscriptions
  referencing new table as new_rows for each statement execute function subscriptions_counts_after_insert();
create trigger subscriptions_counts_update after update on subscriptions
  referencing old table as old_rows new table as new_rows for each statement execute function subscriptions_counts_after_update();
create trigger subscriptions_counts_delete after delete on subscriptions
  referencing old table as old_rows for each statement execute function subscriptions_counts_after_delete();

-- ---- organizations → managed_customer_count of partners; kind, prefix and liveness copied to domains

create function organizations_after_insert() returns trigger language plpgsql as $$
begin
  -- Counter updates made by triggers never change kind, prefix or partner: only statements from outside count.
  if pg_trigger_depth() > 1 then return null; end if;
  update organizations p set managed_customer_count = p.managed_customer_count + c.n
    from (select managing_partner_id, count(*) as n from new_rows
          where managing_partner_id is not null and deleted_at is null group by 1) c
    where p.id = c.managing_partner_id;
  return null;
end $$;

create function organizations_after_update() returns trigger language plpgsql as $$
begin
  -- Counter updates made by triggers never change kind, prefix or partner: only statements from outside count.
  if pg_trigger_depth() > 1 then return null; end if;
  update organizations p set managed_customer_count = p.managed_customer_count + c.delta
    from (select managing_partner_id, sum(d) as delta from (
            select managing_partner_id, 1 as d from new_rows where managing_partner_id is not null and deleted_at is null
            union all
            select managing_partner_id, -1 from old_rows where managing_partner_id is not null and deleted_at is null) x
          group by 1 having sum(d) <> 0) c
    where p.id = c.managing_partner_id;
  update organization_domains od set kind = n.kind, name_prefix = n.name_prefix, live = n.deleted_at is null
    from new_rows n join old_rows o on o.id = n.id
    where od.organization_id = n.id
      and (o.kind, o.name_prefix, o.deleted_at is null) is distinct from (n.kind, n.name_prefix, n.deleted_at is null);
  return null;
end $$;

create trigger organizations_counts_insert after insert on organizations
  referencing new table as new_rows for each statement execute function organizations_after_insert();
create trigger organizations_counts_update after update on organizations
  referencing old table as old_rows new table as new_rows for each statement execute function organizations_after_update();

-- Existing rows (a database migrated from 0001 with data): compute everything once.
update organizations o set
    user_count = coalesce(u.users, 0), last_activity_at = u.last_active
  from (select organization_id, count(*) as users, max(last_active_at) as last_active from users group by 1) u
  where o.id = u.organization_id;
update organizations o set active_subscription_count = s.n
  from (select organization_id, count(*) as n from subscriptions where status = 'active' and organization_id is not null group by 1) s
  where o.id = s.organization_id;
update organizations p set managed_customer_count = c.n
  from (select managing_partner_id, count(*) as n from organizations where managing_partner_id is not null and deleted_at is null group by 1) c
  where p.id = c.managing_partner_id;
insert into organization_domains (domain, organization_id, kind, name_prefix, live, user_count)
  select u.email_domain, u.organization_id, o.kind, o.name_prefix, o.deleted_at is null, count(*)
  from users u join organizations o on o.id = u.organization_id
  group by 1, 2, 3, 4, 5;
