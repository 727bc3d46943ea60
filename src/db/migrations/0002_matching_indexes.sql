-- Matching at scale (docs/matching.md § 6): every count a candidate card shows is stored, and rules B and C
-- are index scans of organization_domains in rank order. Statement-level triggers (one run per
-- statement, over its transition table) keep everything exact whichever path changes users,
-- subscriptions or organizations: the API, the import, the wizard. Transition tables have no
-- statistics, so the planner can misjudge their statements as huge: every function here runs with
-- jit = off, which otherwise spends more compiling than executing.

alter table organizations
  add column user_count integer not null default 0,
  add column active_subscription_count integer not null default 0,
  add column managed_customer_count integer not null default 0,
  add column last_activity_at timestamptz;

-- One row per organization and registrable e-mail domain of its users. The organization's kind, name
-- prefix and key, liveness and ranking keys are copied in, so that rules B and C read this table only:
-- each index scan below is already in the order of docs/matching.md § 4 and stops after MATCH_LIMIT rows,
-- however many organizations share a prefix on gmail.com.
create table organization_domains (
  domain text not null,
  organization_id bigint not null references organizations (id),
  -- users of the organization on this domain
  domain_users integer not null check (domain_users > 0),
  kind text not null,
  name_prefix text not null,
  name_key text not null,
  live boolean not null,
  active_subscriptions integer not null,
  organization_users integer not null,
  created_at timestamptz not null,
  primary key (organization_id, domain)
);

-- Rule B (same prefix, or a prefix of it, or longer ones starting with it) and rule C, in rank order.
-- text_pattern_ops makes "name_prefix like 'ib%'" a range scan whatever the database collation.
create index organization_domains_rank_idx on organization_domains
  (domain, kind, name_prefix text_pattern_ops, domain_users desc, active_subscriptions desc,
   organization_users desc, created_at, organization_id)
  include (name_key) where live;

-- Rule B's first rank: the exact name key, in the same order.
create index organization_domains_key_idx on organization_domains
  (domain, kind, name_key, domain_users desc, active_subscriptions desc, organization_users desc, created_at,
   organization_id)
  where live;

-- Rule A and A': the unique index users_email_key already answers "who is this e-mail".

-- The up to 3 full administrators on each candidate card, without visiting the users table.
create index users_full_admins_idx on users (organization_id, id) include (name, email)
  where role = 'full_admin';

-- ---- users → organizations.user_count, last_activity_at; organization_domains

-- Counts one user per (organization, domain) pair given, into organization_domains.
create function organization_domains_add(organization_ids bigint[], domains text[]) returns void
language sql set jit = off as $$
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
$$;

-- Uncounts one user per pair given; a pair whose last user leaves is removed.
create function organization_domains_remove(organization_ids bigint[], domains text[]) returns void
language sql set jit = off as $$
  delete from organization_domains od
    using (select organization_id, domain, count(*) as users
           from unnest(organization_ids, domains) as u(organization_id, domain) group by 1, 2) d
    where od.organization_id = d.organization_id and od.domain = d.domain and od.domain_users <= d.users;
  update organization_domains od set domain_users = od.domain_users - d.users
    from (select organization_id, domain, count(*) as users
          from unnest(organization_ids, domains) as u(organization_id, domain) group by 1, 2) d
    where od.organization_id = d.organization_id and od.domain = d.domain;
$$;

-- Copies the organization's current facts into its domain rows, where they changed.
create function organization_domains_refresh(organization_ids bigint[]) returns void
language sql set jit = off as $$
  update organization_domains od set
      kind = o.kind, name_prefix = o.name_prefix, name_key = o.name_key, live = o.deleted_at is null,
      active_subscriptions = o.active_subscription_count, organization_users = o.user_count,
      created_at = o.created_at
    from organizations o
    where o.id = any(organization_ids) and od.organization_id = o.id
      and (od.kind, od.name_prefix, od.name_key, od.live, od.active_subscriptions, od.organization_users, od.created_at)
          is distinct from
          (o.kind, o.name_prefix, o.name_key, o.deleted_at is null, o.active_subscription_count, o.user_count, o.created_at);
$$;

create function users_counts_after_insert() returns trigger language plpgsql set jit = off as $$
begin
  update organizations o set
      user_count = o.user_count + n.users,
      last_activity_at = greatest(o.last_activity_at, n.last_active)
    from (select organization_id, count(*) as users, max(last_active_at) as last_active
          from new_rows group by organization_id) n
    where o.id = n.organization_id;
  perform organization_domains_add(array_agg(organization_id), array_agg(email_domain)) from new_rows;
  perform organization_domains_refresh(array_agg(distinct organization_id)) from new_rows;
  return null;
end $$;

create function users_counts_after_delete() returns trigger language plpgsql set jit = off as $$
begin
  update organizations o set user_count = o.user_count - d.users
    from (select organization_id, count(*) as users from old_rows group by organization_id) d
    where o.id = d.organization_id;
  perform organization_domains_remove(array_agg(organization_id), array_agg(email_domain)) from old_rows;
  -- The latest activity may have left with the deleted users.
  update organizations o set last_activity_at =
      (select max(u.last_active_at) from users u where u.organization_id = o.id)
    where o.id in (select organization_id from old_rows where last_active_at is not null);
  perform organization_domains_refresh(array_agg(distinct organization_id)) from old_rows;
  return null;
end $$;

-- An update moves a user when its organization or e-mail domain changes: out of the old place, into
-- the new one. Activity only moves forward in place; it is recomputed where a user left.
create function users_counts_after_update() returns trigger language plpgsql set jit = off as $$
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
  perform organization_domains_refresh(array_agg(distinct was.organization_id) || array_agg(distinct now.organization_id))
    from old_rows was join new_rows now on now.id = was.id
    where now.organization_id <> was.organization_id;
  return null;
end $$;

create trigger users_counts_insert after insert on users
  referencing new table as new_rows for each statement execute function users_counts_after_insert();
create trigger users_counts_delete after delete on users
  referencing old table as old_rows for each statement execute function users_counts_after_delete();
create trigger users_counts_update after update on users
  referencing old table as old_rows new table as new_rows for each statement execute function users_counts_after_update();

-- ---- subscriptions → organizations.active_subscription_count (and the copy in organization_domains)

create function subscriptions_counts_after_update() returns trigger language plpgsql set jit = off as $$
begin
  update organizations o set active_subscription_count = o.active_subscription_count + c.delta
    from (select organization_id, sum(d) as delta from (
            select organization_id, 1 as d from new_rows where status = 'active' and organization_id is not null
            union all
            select organization_id, -1 from old_rows where status = 'active' and organization_id is not null) x
          group by organization_id having sum(d) <> 0) c
    where o.id = c.organization_id;
  perform organization_domains_refresh(array_agg(distinct organization_id))
    from (select organization_id from new_rows union select organization_id from old_rows) x
    where organization_id is not null;
  return null;
end $$;

create function subscriptions_counts_after_insert() returns trigger language plpgsql set jit = off as $$
begin
  update organizations o set active_subscription_count = o.active_subscription_count + c.n
    from (select organization_id, count(*) as n from new_rows
          where status = 'active' and organization_id is not null group by organization_id) c
    where o.id = c.organization_id;
  perform organization_domains_refresh(array_agg(distinct organization_id)) from new_rows
    where status = 'active' and organization_id is not null;
  return null;
end $$;

create function subscriptions_counts_after_delete() returns trigger language plpgsql set jit = off as $$
begin
  update organizations o set active_subscription_count = o.active_subscription_count - c.n
    from (select organization_id, count(*) as n from old_rows
          where status = 'active' and organization_id is not null group by organization_id) c
    where o.id = c.organization_id;
  perform organization_domains_refresh(array_agg(distinct organization_id)) from old_rows
    where status = 'active' and organization_id is not null;
  return null;
end $$;

create trigger subscriptions_counts_insert after insert on subscriptions
  referencing new table as new_rows for each statement execute function subscriptions_counts_after_insert();
create trigger subscriptions_counts_update after update on subscriptions
  referencing old table as old_rows new table as new_rows for each statement execute function subscriptions_counts_after_update();
create trigger subscriptions_counts_delete after delete on subscriptions
  referencing old table as old_rows for each statement execute function subscriptions_counts_after_delete();

-- ---- organizations → managed_customer_count of partners; their facts copied to their domain rows

create function organizations_after_insert() returns trigger language plpgsql set jit = off as $$
begin
  -- Counter updates made by triggers never change kind, prefix or partner: only statements from outside count.
  if pg_trigger_depth() > 1 then return null; end if;
  update organizations p set managed_customer_count = p.managed_customer_count + c.n
    from (select managing_partner_id, count(*) as n from new_rows
          where managing_partner_id is not null and deleted_at is null group by 1) c
    where p.id = c.managing_partner_id;
  return null;
end $$;

create function organizations_after_update() returns trigger language plpgsql set jit = off as $$
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
  perform organization_domains_refresh(array_agg(n.id))
    from new_rows n join old_rows o on o.id = n.id
    where (o.kind, o.name_prefix, o.name_key, o.deleted_at is null, o.created_at)
          is distinct from (n.kind, n.name_prefix, n.name_key, n.deleted_at is null, n.created_at);
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
insert into organization_domains (domain, organization_id, domain_users, kind, name_prefix, name_key, live,
    active_subscriptions, organization_users, created_at)
  select u.email_domain, u.organization_id, count(*), o.kind, o.name_prefix, o.name_key, o.deleted_at is null,
    o.active_subscription_count, o.user_count, o.created_at
  from users u join organizations o on o.id = u.organization_id
  group by u.email_domain, u.organization_id, o.id;
