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
