-- A wizard search without holding a lock while it matches (src/setup/match-setup.ts).
--
-- A search read its link under its order's lock, matched and recorded in one transaction: seven round
-- trips with BEGIN and COMMIT. It now reads its link, the order and the link's calls in one statement
-- without a lock, matches, then records with this function, which writes only if what the search read
-- is still so: it locks the order, as every change to an order does, and compares the row versions of
-- the order, the invitation and the secret's row and the number of the link's calls in the rate window
-- with what the search saw. Each statement here runs on a snapshot taken after the lock, so it sees
-- whatever committed while it waited (a search or a decision of the same link, a resend, a revoke).
-- False: something changed, nothing was written, and the search starts again from the read.
create function record_setup_search(
  p_order_id bigint, p_order_version xid,
  p_invitation_id bigint, p_invitation_version xid,
  p_token_hash bytea, p_link_version xid,
  p_calls_since timestamptz, p_calls_seen bigint,
  -- What the search leaves: the organizations it disclosed, the draft and the result it showed (null
  -- for a search that failed: it leaves only its audit line).
  p_disclosed bigint[], p_draft jsonb, p_match jsonb,
  -- Its audit line, as recordAuditSql writes one.
  p_at timestamptz, p_actor text, p_action text, p_subject_type text, p_subject_id text, p_details jsonb)
returns boolean language plpgsql as $$
begin
  perform 1 from orders where id = p_order_id and xmin = p_order_version for update;
  if not found then
    return false;
  end if;
  if not exists (select from invitations where id = p_invitation_id and xmin = p_invitation_version)
     or not exists (select from link_tokens where token_hash = p_token_hash and xmin = p_link_version)
     or (select count(*) from audit_events
          where subject_id = p_invitation_id::text and subject_type = 'invitation'
            and action in ('setup.match', 'setup.complete') and at > p_calls_since) <> p_calls_seen then
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
