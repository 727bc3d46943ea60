-- A page of the event feed (integration.md § 1) as one function, so that its statement is planned once
-- per connection instead of on every read: planning it (the horizon's subqueries) took 0.85 ms, about
-- twice as long as reading the page (docs/benchmarks.md § Events and webhooks (d)). The plan is
-- generic on purpose: one range scan of events_feed_idx in (xid, id) order, stopping at its limit.
--
-- Events after `p_after` in feed order, (xid, id), among those whose transaction is older than the
-- horizon: the oldest transaction still running in this database (any of them may yet write an
-- event), or the next transaction id when none is. Running transactions of other databases of the
-- cluster are left out, known by their backends (pg_stat_activity); one that cannot be placed counts,
-- which only makes the feed wait longer. The horizon and the rows come from one statement, so from
-- one snapshot: every transaction that could still commit an event in front of them has ended, and
-- what this answers is final. Rows of types not in `p_types` (when given) come back without data,
-- `match` false, so that the caller can advance past them. No rows when `p_after` is not an event.
create function events_feed_page(p_after bigint, p_limit integer, p_types text[])
returns table (id bigint, type text, data jsonb, occurred_at timestamptz, match boolean)
language plpgsql stable
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
  v_xid xid8 := '0';
  v_id bigint := 0;
begin
  if p_after is not null then
    select e.xid, e.id into v_xid, v_id from events e where e.id = p_after;
    if not found then return; end if;
  end if;
  return query
    select e.id, e.type, case when p_types is null or e.type = any (p_types) then e.data end,
           e.occurred_at, p_types is null or e.type = any (p_types)
      from events e
     where e.xid < (
             with snapshot as materialized (select pg_current_snapshot() as s)
             select coalesce(
               (select min(x) from snapshot, pg_snapshot_xip(snapshot.s) as x
                 where x::xid not in (
                   select backend_xid from pg_stat_activity
                    where backend_xid is not null
                      and datid <> (select oid from pg_database where datname = current_database()))),
               (select pg_snapshot_xmax(s) from snapshot)))
       and (e.xid, e.id) > (v_xid, v_id)
     order by e.xid, e.id
     limit p_limit;
end $$;
