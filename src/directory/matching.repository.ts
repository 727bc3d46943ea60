import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.js";
import type { OrganizationFacts } from "../matching/candidate.js";
import type { OrganizationKind, UserRole } from "../vocabulary.js";

/** A candidate organization as the database knows it: everything a card shows, from stored counts. */
export type CandidateRow = OrganizationFacts;

/** The columns of a candidate card (docs/matching.md § 3), over `organizations o`; rule V reads them too. */
export const cardColumns = sql`
  o.id::text as "id", o.name as "name", o.name_key as "nameKey", o.name_prefix as "namePrefix",
  o.kind as "kind", o.source as "source", o.country as "country", o.created_at as "createdAt",
  o.user_count as "users", o.active_subscription_count as "activeSubscriptions",
  o.managed_customer_count as "managedCustomers", o.last_activity_at as "lastActivityAt",
  coalesce((
    select json_agg(json_build_object('name', a.name, 'email', a.email) order by a.id)
    from (select id, name, email from users
          where organization_id = o.id and role = 'full_admin' order by id limit 3) a
  ), '[]'::json) as "fullAdmins"`;

/**
 * Rules B and C in one statement: live organizations of `kind` with users on `domain`, split by
 * whether their name prefix matches `prefix` (the shorter is a prefix of the longer), each side ranked
 * per docs/matching.md § 4 and cut to its limit. Every branch is an index scan of organization_domains
 * already in rank order and stopping at the limit, so the cost does not grow with the number of
 * organizations sharing a prefix on a public provider. Counts come from columns the triggers keep exact.
 */
export type CandidatesQuery = {
  domain: string;
  kind: OrganizationKind;
  prefix: string;
  nameKey: string;
  limit: number;
  /** 0 turns rule C off. */
  sameDomainLimit: number;
  /** Look for rule V (false for public providers, which are never verified). */
  verified: boolean;
  /** The administrator's e-mail, normalized (rules A and A'). */
  email: string;
};

/** A card's row with the domains its organization verified. */
export type MatchedRow = CandidateRow & { verifiedDomains: string[] };

/**
 * Rules A, V, B and C in one statement: the administrator's own organization and role when the e-mail
 * is a user of a live organization (and nothing else), otherwise the verifying organization (if any)
 * and B's and C's rows in rank order.
 */
export async function findCandidates(
  db: Kysely<Database>,
  input: CandidatesQuery,
): Promise<{
  existing: { role: UserRole; organization: MatchedRow } | undefined;
  verifying: (MatchedRow & { claimed: boolean }) | undefined;
  candidates: MatchedRow[];
  sameDomain: MatchedRow[];
}> {
  const { rows } = await candidatesStatement(input).execute(db);
  let existing: { role: UserRole; organization: MatchedRow } | undefined;
  let verifying: (MatchedRow & { claimed: boolean }) | undefined;
  const candidates: MatchedRow[] = [];
  const sameDomain: MatchedRow[] = [];
  for (const { rule, role, claimed, ...row } of rows) {
    if (rule === "A") existing = { role: role!, organization: row };
    else if (rule === "V") verifying = { ...row, claimed: claimed === true };
    else (rule === "B" ? candidates : sameDomain).push(row);
  }
  return { existing, verifying, candidates, sameDomain };
}

/**
 * The statement of findCandidates (and of EXPLAIN in the benchmark): the function match_candidates of
 * migration 0013, planned once per connection, which holds the rules' SQL.
 */
export function candidatesStatement(input: CandidatesQuery) {
  const codePoints = [...input.prefix];
  // Shorter organization prefixes that the input prefix starts with: "a", "ac", "acm", "acme" for "acmec".
  const shorter = codePoints.slice(0, -1).map((_, i) => codePoints.slice(0, i + 1).join(""));
  // Longer organization prefixes starting with the input prefix: only when it has fewer than 5 code points.
  const longer = codePoints.length < 5;
  return sql<MatchedRow & { rule: "A" | "V" | "B" | "C"; role: UserRole | null; claimed: boolean | null }>`
    select rule as "rule", id as "id", name as "name", name_key as "nameKey", name_prefix as "namePrefix",
      kind as "kind", source as "source", country as "country", created_at as "createdAt", users as "users",
      active_subscriptions as "activeSubscriptions", managed_customers as "managedCustomers",
      last_activity_at as "lastActivityAt", full_admins as "fullAdmins", domain_users as "domainUsers",
      verified_domains as "verifiedDomains", role as "role", claimed as "claimed"
    from match_candidates(${input.domain}, ${input.kind}, ${input.prefix}, ${input.nameKey}, ${shorter}::text[],
      ${longer}, ${input.limit}::int, ${input.sameDomainLimit}::int, ${input.verified}, ${input.email})`;
}
