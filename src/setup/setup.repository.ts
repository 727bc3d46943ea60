import { CompiledQuery, type Kysely, sql, type Transaction } from "kysely";
import { type AuditEntry, recordAuditParameters, recordAuditSql } from "../audit/audit.repository.js";
import { asynchronousCommitSql } from "../db/asynchronous-commit.js";
import type { Database, Invitation } from "../db/schema.js";
import type { MatchResult } from "../matching/candidate.js";
import type { SetupDraft } from "./setup.schemas.js";

/** SQL of the setup wizard: what matching disclosed to a link, its match calls, its draft. */
type Executor = Kysely<Database> | Transaction<Database>;

export type SearchRecord = {
  invitationId: string;
  disclosed: readonly string[];
  draft: SetupDraft;
  match: MatchResult;
  audit: AuditEntry;
};

/**
 * What one search leaves, in one statement: the organization ids it disclosed to the link (the only
 * ones `complete` may map to), the draft and the result it showed, and its audit line (whose time,
 * $1, is the search's). The statement makes its transaction commit without waiting for the disk
 * (src/db/asynchronous-commit.ts: a search's record may be lost in a crash of the database server).
 */
export async function recordSearch(db: Executor, search: SearchRecord): Promise<void> {
  await db.executeQuery(recordSearchStatement(search));
}

/** The statement of recordSearch (and of the benchmark's floor). */
export function recordSearchStatement(search: SearchRecord): CompiledQuery {
  return CompiledQuery.raw(
    `with relaxed as (select ${asynchronousCommitSql} as setting),
     disclosed as (
       insert into match_disclosures (invitation_id, organization_id, disclosed_at)
       select $8, unnest($9::bigint[]), $1 from relaxed
       on conflict (invitation_id, organization_id) do nothing),
     draft as (update invitations set draft = $10, last_match = $11, updated_at = $1 where id = $8)
     ${recordAuditSql}`,
    [
      ...recordAuditParameters(search.audit),
      search.invitationId,
      search.disclosed,
      JSON.stringify(search.draft),
      JSON.stringify(search.match),
    ],
  );
}

export async function wasDisclosed(
  db: Executor,
  invitationId: string,
  organizationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("match_disclosures")
    .select("organization_id")
    .where("invitation_id", "=", invitationId)
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  return row !== undefined;
}

/** How many match and complete calls a link made in its window, and when the oldest of them was. */
export type LinkCallCount = { count: number; oldest: Date | null };

/**
 * The invitation, and how many match and complete calls its link made since `callsSince` and when the
 * oldest of them was (the rate limit's window): one statement, the calls read from the link's own
 * entries of audit_events_link_calls_idx.
 */
export async function findInvitationWithCalls(
  db: Executor,
  invitationId: string,
  callsSince: Date,
): Promise<{ invitation: Invitation; calls: LinkCallCount } | undefined> {
  const { rows } = await db.executeQuery<Invitation & { calls_count: string; calls_oldest: Date | null }>(
    CompiledQuery.raw(
      `select i.*, c.calls_count, c.calls_oldest
       from invitations i, lateral (
         select count(*) as calls_count, min(at) as calls_oldest from audit_events
         where subject_id = $2 and subject_type = 'invitation' and action in ('setup.match', 'setup.complete')
           and at > $3) c
       where i.id = $1`,
      [invitationId, invitationId, callsSince],
    ),
  );
  const row = rows[0];
  if (!row) return undefined;
  const { calls_count, calls_oldest, ...invitation } = row;
  return { invitation, calls: { count: Number(calls_count), oldest: calls_oldest } };
}

/** The company details last entered, and the result shown for them when a search ran. */
export async function saveDraft(
  db: Executor,
  invitationId: string,
  draft: SetupDraft,
  now: Date,
  match?: MatchResult,
): Promise<void> {
  await db
    .updateTable("invitations")
    .set({
      draft: JSON.stringify(draft),
      ...(match ? { last_match: JSON.stringify(match) } : {}),
      updated_at: now,
    })
    .where("id", "=", invitationId)
    .execute();
}

/** Whether this order's wizard created the organization (the audit log says so). */
export async function organizationCreatedBy(
  db: Executor,
  orderId: string,
  organizationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("audit_events")
    .select("id")
    .where("order_id", "=", orderId)
    .where("action", "=", "organization.created")
    .where(sql<boolean>`details->>'organizationId' = ${organizationId}`)
    .executeTakeFirst();
  return row !== undefined;
}

/** The invitation a link was handed over to: the customer's, made right after it. */
export async function handoverAfter(db: Executor, orderId: string, invitationId: string) {
  return db
    .selectFrom("invitations")
    .select(["contact_email", "created_at"])
    .where("order_id", "=", orderId)
    .where("kind", "=", "handover")
    .where("id", ">", invitationId)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}
