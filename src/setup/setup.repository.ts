import { CompiledQuery, type Kysely, sql, type Transaction } from "kysely";
import { type AuditEntry, recordAuditParameters } from "../audit/audit.repository.js";
import type { Database, Invitation, Order } from "../db/schema.js";
import type { MatchResult } from "../matching/candidate.js";
import type { SetupDraft } from "./setup.schemas.js";

/** SQL of the setup wizard: what matching disclosed to a link, its match calls, its draft. */
type Executor = Kysely<Database> | Transaction<Database>;

/** What one search leaves: without `draft` and `match` (a search that failed), only its audit line. */
export type SearchRecord = {
  disclosed: readonly string[];
  draft?: SetupDraft;
  match?: MatchResult;
  audit: AuditEntry;
};

/**
 * What a search reads of its link, in one statement and without a lock: the order and invitation
 * fields the link's rules read (setup-link.ts), whether the secret was superseded, the link's calls
 * since `callsSince`, and the row versions `recordSearch` checks. Undefined for an unknown secret.
 */
export type SearchLink = {
  order: Pick<Order, "id" | "order_number" | "scenario" | "status">;
  invitation: Pick<Invitation, "id" | "status" | "expires_at">;
  superseded: boolean;
  calls: LinkCallCount & { since: Date };
  tokenHash: Buffer;
  versions: { order: string; invitation: string; link: string };
};

export async function readSearchLink(
  db: Executor,
  tokenHash: Buffer,
  callsSince: Date,
): Promise<SearchLink | undefined> {
  const { rows } = await db.executeQuery<SearchLinkRow>(readSearchLinkStatement(tokenHash, callsSince));
  return rows[0] && searchLinkOf(rows[0], tokenHash, callsSince);
}

type SearchLinkRow = {
  order_id: string;
  order_number: string;
  scenario: Order["scenario"];
  order_status: Order["status"];
  order_version: string;
  invitation_id: string;
  invitation_status: Invitation["status"];
  expires_at: Date | null;
  invitation_version: string;
  superseded_at: Date | null;
  link_version: string;
  calls_count: string;
  calls_oldest: Date | null;
};

/**
 * The statement of readSearchLink (and of the benchmark's floor): one call of read_search_link
 * (migration 0018), planned once per connection.
 */
export function readSearchLinkStatement(tokenHash: Buffer, callsSince: Date): CompiledQuery {
  return CompiledQuery.raw("select * from read_search_link($1, $2)", [tokenHash, callsSince]);
}

/** A row of readSearchLinkStatement as a SearchLink. */
export function searchLinkOf(row: SearchLinkRow, tokenHash: Buffer, callsSince: Date): SearchLink {
  return {
    order: {
      id: row.order_id,
      order_number: row.order_number,
      scenario: row.scenario,
      status: row.order_status,
    },
    invitation: { id: row.invitation_id, status: row.invitation_status, expires_at: row.expires_at },
    superseded: row.superseded_at !== null,
    calls: { count: Number(row.calls_count), oldest: row.calls_oldest, since: callsSince },
    tokenHash,
    versions: { order: row.order_version, invitation: row.invitation_version, link: row.link_version },
  };
}

/**
 * Writes what a search leaves — the organization ids it disclosed to the link (the only ones
 * `complete` may map to), the draft and the result it showed, its audit line — if the link is still as
 * `link` read it: the function record_setup_search of migrations 0017 and 0018 locks the order and compares row
 * versions and the link's calls. False: something changed meanwhile and nothing was written. Commits
 * without waiting for the disk (src/db/asynchronous-commit.ts: a search's record may be lost in a crash
 * of the database server).
 */
export async function recordSearch(db: Executor, link: SearchLink, search: SearchRecord): Promise<boolean> {
  const { rows } = await db.executeQuery<{ written: boolean }>(recordSearchStatement(link, search));
  return rows[0]?.written === true;
}

/** The statement of recordSearch (and of the benchmark's floor). */
export function recordSearchStatement(link: SearchLink, search: SearchRecord): CompiledQuery {
  const [at, actor, action, subjectType, subjectId, , details] = recordAuditParameters(search.audit);
  return CompiledQuery.raw(
    `select record_setup_search($1, $2::xid, $3, $4::xid, $5, $6::xid, $7, $8, $9::bigint[], $10, $11,
       $12, $13, $14, $15, $16, $17) as written`,
    [
      link.order.id,
      link.versions.order,
      link.invitation.id,
      link.versions.invitation,
      link.tokenHash,
      link.versions.link,
      link.calls.since,
      link.calls.count,
      search.disclosed,
      search.draft === undefined ? null : JSON.stringify(search.draft),
      search.match === undefined ? null : JSON.stringify(search.match),
      at,
      actor,
      action,
      subjectType,
      subjectId,
      details,
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
 * oldest of them was (the rate limit's window, setup_link_calls of migration 0018): one statement.
 */
export async function findInvitationWithCalls(
  db: Executor,
  invitationId: string,
  callsSince: Date,
): Promise<{ invitation: Invitation; calls: LinkCallCount } | undefined> {
  const { rows } = await db.executeQuery<Invitation & { calls_count: string; calls_oldest: Date | null }>(
    CompiledQuery.raw(
      `select i.*, c.calls_count, c.calls_oldest
       from invitations i, setup_link_calls(i.id::text, $2) c
       where i.id = $1`,
      [invitationId, callsSince],
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
