import { type Kysely, sql } from "kysely";
import type { Database, OrganizationKind, UserRole } from "../db/schema.js";
import type { OrganizationFacts } from "./match-result.js";

/** A candidate organization as the database knows it: everything a card shows, from stored counts. */
export type CandidateRow = OrganizationFacts;

export type ExistingUserRow = { role: UserRole; organization: CandidateRow };

const cardColumns = sql`
  o.id::text as "id", o.name as "name", o.name_key as "nameKey", o.name_prefix as "namePrefix",
  o.kind as "kind", o.source as "source", o.country as "country", o.created_at as "createdAt",
  o.user_count as "users", o.active_subscription_count as "activeSubscriptions",
  o.managed_customer_count as "managedCustomers", o.last_activity_at as "lastActivityAt",
  coalesce((
    select json_agg(json_build_object('name', a.name, 'email', a.email) order by a.id)
    from (select id, name, email from users
          where organization_id = o.id and role = 'full_admin' order by id limit 3) a
  ), '[]'::json) as "fullAdmins"`;

/** Rules A and A': the user with this e-mail (unique across the system) and their live organization. */
export async function findExistingUser(
  db: Kysely<Database>,
  email: string,
  registrableDomain: string,
): Promise<ExistingUserRow | undefined> {
  const { rows } = await sql<CandidateRow & { role: UserRole }>`
    select u.role as "role", ${cardColumns},
      coalesce((select od.user_count from organization_domains od
                where od.organization_id = o.id and od.domain = ${registrableDomain}), 0) as "domainUsers"
    from users u
    join organizations o on o.id = u.organization_id
    where u.email = ${email} and o.deleted_at is null`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { role, ...organization } = row;
  return { role, organization };
}

/**
 * Rules B and C in one statement: live organizations of `kind` with users on `domain`, split by
 * whether their name prefix matches `prefix` (the shorter is a prefix of the longer), each side ranked
 * per matching.md § 4 and cut to its limit. One index range scan on organization_domains per prefix
 * shape; the counts come from columns the triggers keep exact.
 */
export async function findCandidates(
  db: Kysely<Database>,
  input: {
    domain: string;
    kind: OrganizationKind;
    prefix: string;
    nameKey: string;
    limit: number;
    /** 0 turns rule C off. */
    sameDomainLimit: number;
  },
): Promise<{ candidates: CandidateRow[]; sameDomain: CandidateRow[] }> {
  const codePoints = [...input.prefix];
  // Organization prefixes that the input prefix starts with: "a", "ac", "acm", "acme", "acmec".
  const shorter = codePoints.map((_, i) => codePoints.slice(0, i + 1).join(""));
  // Organization prefixes that start with the input prefix (longer ones exist only below 5 code points).
  const startsWith = `${input.prefix.replace(/[\\%_]/g, "\\$&")}%`;
  const { rows } = await sql<CandidateRow & { rule: "B" | "C" }>`
    with on_domain as (
      select od.organization_id, od.user_count,
        (od.name_prefix = any(${shorter}::text[]) or od.name_prefix like ${startsWith}) as prefix_matches
      from organization_domains od
      where od.live and od.domain = ${input.domain} and od.kind = ${input.kind}
    ),
    ranked as (
      select d.organization_id, d.user_count, d.prefix_matches,
        row_number() over (
          partition by d.prefix_matches
          order by (o.name_key = ${input.nameKey}) desc, d.user_count desc, o.active_subscription_count desc,
                   o.user_count desc, o.created_at asc, o.id asc) as rank
      from on_domain d
      join organizations o on o.id = d.organization_id
      where d.prefix_matches or ${input.sameDomainLimit}::int > 0
    )
    select case when r.prefix_matches then 'B' else 'C' end as "rule", ${cardColumns},
      r.user_count as "domainUsers"
    from ranked r
    join organizations o on o.id = r.organization_id
    where r.rank <= case when r.prefix_matches then ${input.limit}::int else ${input.sameDomainLimit}::int end
    order by r.prefix_matches desc, r.rank`.execute(db);
  const candidates: CandidateRow[] = [];
  const sameDomain: CandidateRow[] = [];
  for (const { rule, ...row } of rows) (rule === "B" ? candidates : sameDomain).push(row);
  return { candidates, sameDomain };
}
