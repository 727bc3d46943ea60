-- Directory sync (docs/api.md § Directory sync): pages of organizations that stay stable while rows are
-- inserted (keyset pagination), and users that can be deleted although they once approved a request.
-- The stored counts need no new trigger: renames, moves, deletions and role changes are plain UPDATE and
-- DELETE statements on organizations and users, which the triggers of 0002_matching_indexes.sql see.

-- `q` (a name key prefix): a range of this index, in byte order whatever the database collation, and
-- the keyset (name_key, id) continues from the last row of a page. kind and deleted_at are filtered here.
create index organizations_name_key_keyset_idx on organizations (name_key collate "C", id)
  include (kind, deleted_at);

-- `domain`: the organizations with users on a registrable domain, by id; kind, name key and liveness
-- are filtered here too, so a page reads the index and then the 50 organizations it shows.
create index organization_domains_keyset_idx on organization_domains (domain, organization_id)
  include (kind, name_key, live);

-- A deleted user leaves the requests they were asked to approve: their approval link then answers
-- APPROVER_NOT_ADMIN, as for an administrator who lost the role.
alter table admin_request_approvers
  alter column user_id drop not null,
  drop constraint admin_request_approvers_user_id_fkey,
  add constraint admin_request_approvers_user_id_fkey foreign key (user_id) references users (id) on delete set null;
create index admin_request_approvers_user_idx on admin_request_approvers (user_id);

-- A user leaving an organization recomputes its latest activity only when that user held it: a big
-- organization's users are not all read again for each one who leaves (0002 recomputed every time).
create or replace function users_counts_after_delete() returns trigger language plpgsql set jit = off as $$
begin
  update organizations o set user_count = o.user_count - d.users
    from (select organization_id, count(*) as users from old_rows group by organization_id) d
    where o.id = d.organization_id;
  perform organization_domains_remove(array_agg(organization_id), array_agg(email_domain)) from old_rows;
  update organizations o set last_activity_at =
      (select max(u.last_active_at) from users u where u.organization_id = o.id)
    from (select organization_id, max(last_active_at) as last_active from old_rows group by 1) l
    where o.id = l.organization_id and l.last_active >= o.last_activity_at;
  perform organization_domains_refresh(array_agg(distinct organization_id)) from old_rows;
  return null;
end $$;

-- The triggers of 0002 that join old_rows to new_rows run those joins through EXECUTE, planned at each
-- run. A plan cached by PL/pgSQL keeps the row counts of the transition tables it was first planned
-- for: after a one-user PATCH on a connection, a 5,000-row import batch on the same connection joined
-- its transition tables by nested loop, 25 million comparisons per statement. Same statements as 0002.
create or replace function users_counts_after_update() returns trigger language plpgsql set jit = off as $$
begin
  execute $sql$
    update organizations o set user_count = o.user_count + c.delta
      from (select organization_id, sum(d) as delta from (
              select was.organization_id, -1 as d from old_rows was join new_rows now on now.id = was.id
                where now.organization_id <> was.organization_id
              union all
              select now.organization_id, 1 from old_rows was join new_rows now on now.id = was.id
                where now.organization_id <> was.organization_id) x
            group by 1) c
      where o.id = c.organization_id $sql$;

  execute $sql$
    select organization_domains_remove(array_agg(was.organization_id), array_agg(was.email_domain))
      from old_rows was join new_rows now on now.id = was.id
      where (now.organization_id, now.email_domain) <> (was.organization_id, was.email_domain) $sql$;
  execute $sql$
    select organization_domains_add(array_agg(now.organization_id), array_agg(now.email_domain))
      from old_rows was join new_rows now on now.id = was.id
      where (now.organization_id, now.email_domain) <> (was.organization_id, was.email_domain) $sql$;

  update organizations o set last_activity_at = greatest(o.last_activity_at, n.last_active)
    from (select organization_id, max(last_active_at) as last_active from new_rows
          where last_active_at is not null group by 1) n
    where o.id = n.organization_id;
  -- Where a user left or its activity went back: recomputed only if that user held the latest activity.
  execute $sql$
    update organizations o set last_activity_at =
        (select max(u.last_active_at) from users u where u.organization_id = o.id)
      from (
        select was.organization_id, max(was.last_active_at) as last_active
          from old_rows was join new_rows now on now.id = was.id
          where now.organization_id <> was.organization_id
             or now.last_active_at is distinct from was.last_active_at
                and (now.last_active_at is null or now.last_active_at < was.last_active_at)
          group by 1) l
      where o.id = l.organization_id and l.last_active >= o.last_activity_at $sql$;
  execute $sql$
    select organization_domains_refresh(array_agg(distinct was.organization_id) || array_agg(distinct now.organization_id))
      from old_rows was join new_rows now on now.id = was.id
      where now.organization_id <> was.organization_id $sql$;
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
  execute $sql$
    select organization_domains_refresh(array_agg(n.id))
      from new_rows n join old_rows o on o.id = n.id
      where (o.kind, o.name_prefix, o.name_key, o.deleted_at is null, o.created_at)
            is distinct from (n.kind, n.name_prefix, n.name_key, n.deleted_at is null, n.created_at) $sql$;
  return null;
end $$;
