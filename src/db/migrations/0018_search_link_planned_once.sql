-- The wizard's search reads its link with one call of read_search_link (src/setup/setup.repository.ts
-- readSearchLink), planned once per connection, instead of a statement planned at every call.
--
-- The statement (the link, its invitation and order with their row versions, and the link's calls in
-- the rate window) took 0.3–0.4 ms to plan and 0.04 ms to run on PostgreSQL (EXPLAIN, a warm
-- session); on the embedded database planning costs more, since PGlite asks the file system for the
-- size of every table and index the planner considers. The rate window's count is one function too,
-- setup_link_calls, and every statement that reads it calls that: this read, record_setup_search
-- (replaced below with the same signature, comparing what the search saw) and the decision's locked
-- read (findInvitationWithCalls).

-- A setup link's match and complete calls since p_since (its audit lines; src/setup/setup-link.ts
-- applies the limit): how many, and when the oldest was.
create function setup_link_calls(p_invitation_id text, p_since timestamptz,
  out calls_count bigint, out calls_oldest timestamptz)
language plpgsql stable as $$
begin
  select count(*), min(at) into calls_count, calls_oldest from audit_events
   where subject_id = p_invitation_id and subject_type = 'invitation'
     and action in ('setup.match', 'setup.complete') and at > p_since;
end $$;

create function read_search_link(p_token_hash bytea, p_calls_since timestamptz)
returns table (order_id bigint, order_number text, scenario text, order_status text, order_version text,
  invitation_id bigint, invitation_status text, expires_at timestamptz, invitation_version text,
  superseded_at timestamptz, link_version text, calls_count bigint, calls_oldest timestamptz)
language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
    select o.id, o.order_number, o.scenario, o.status, o.xmin::text, i.id, i.status, i.expires_at,
      i.xmin::text, l.superseded_at, l.xmin::text, c.calls_count, c.calls_oldest
    from link_tokens l join invitations i on i.id = l.invitation_id join orders o on o.id = i.order_id,
      lateral setup_link_calls(i.id::text, p_calls_since) c
    where l.token_hash = p_token_hash;
end $$;

create or replace function record_setup_search(
  p_order_id bigint, p_order_version xid,
  p_invitation_id bigint, p_invitation_version xid,
  p_token_hash bytea, p_link_version xid,
  p_calls_since timestamptz, p_calls_seen bigint,
  p_disclosed bigint[], p_draft jsonb, p_match jsonb,
  p_at timestamptz, p_actor text, p_action text, p_subject_type text, p_subject_id text, p_details jsonb)
returns boolean language plpgsql as $$
begin
  perform 1 from orders where id = p_order_id and xmin = p_order_version for update;
  if not found then
    return false;
  end if;
  if not exists (select from invitations where id = p_invitation_id and xmin = p_invitation_version)
     or not exists (select from link_tokens where token_hash = p_token_hash and xmin = p_link_version)
     or (select calls_count from setup_link_calls(p_invitation_id::text, p_calls_since)) <> p_calls_seen then
    return false;
  end if;
  -- Commits without waiting for the disk (src/db/asynchronous-commit.ts).
  perform set_config('synchronous_commit', 'off', true);
  insert into match_disclosures (invitation_id, organization_id, disclosed_at)
    select p_invitation_id, unnest(p_disclosed), p_at
    on conflict (invitation_id, organization_id) do nothing;
  if p_draft is not null then
    update invitations set draft = p_draft, last_match = p_match, updated_at = p_at where id = p_invitation_id;
  end if;
  insert into audit_events (at, actor, action, subject_type, subject_id, order_id, details)
    values (p_at, p_actor, p_action, p_subject_type, p_subject_id, p_order_id, p_details);
  return true;
end $$;

-- One request on a link route (src/limits/rate-limits.repository.ts linkRequest): counts it in the
-- address's window of link requests (a new window once the last began at or before p_views_since)
-- and reads the address's window of unknown links, if it began after p_unknown_since. Planned once
-- per connection like the rest of the search; it commits without waiting for the disk
-- (src/db/asynchronous-commit.ts: a crash of the database server may lose a few requests' counts).
create function link_request(p_view_key text, p_unknown_key text, p_now timestamptz,
  p_views_since timestamptz, p_unknown_since timestamptz,
  out views integer, out views_since timestamptz, out unknown integer, out unknown_since timestamptz)
language plpgsql as $$
begin
  perform set_config('synchronous_commit', 'off', true);
  insert into rate_limits as r (key, window_start, hits, updated_at) values (p_view_key, p_now, 1, p_now)
    on conflict (key) do update set
      hits = case when r.window_start <= p_views_since then 1 else r.hits + 1 end,
      window_start = case when r.window_start <= p_views_since then p_now else r.window_start end,
      updated_at = p_now
    returning r.hits, r.window_start into views, views_since;
  select g.hits, g.window_start into unknown, unknown_since
    from rate_limits g where g.key = p_unknown_key and g.window_start > p_unknown_since;
end $$;
