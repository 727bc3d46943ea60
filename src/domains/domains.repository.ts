import { type Kysely, sql, type Transaction, type Updateable } from "kysely";
import type { Database, DomainVerification, DomainVerificationTable } from "../db/schema.js";
import { type CandidateRow, cardColumns } from "../directory/matching.repository.js";
import type { OrganizationKind } from "../vocabulary.js";

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertDomain(
  db: Executor,
  row: { organizationId: string; domain: string; challenge: string; now: Date; nextCheckAt: Date },
): Promise<DomainVerification> {
  return db
    .insertInto("domain_verifications")
    .values({
      organization_id: row.organizationId,
      domain: row.domain,
      status: "pending",
      challenge: row.challenge,
      created_at: row.now,
      next_check_at: row.nextCheckAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDomain(
  db: Executor,
  organizationId: string,
  domain: string,
): Promise<DomainVerification | undefined> {
  return db
    .selectFrom("domain_verifications")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("domain", "=", domain)
    .executeTakeFirst();
}

/** The row, locked until the transaction ends: checks and changes of one domain never interleave. */
export async function lockDomain(
  trx: Transaction<Database>,
  organizationId: string,
  domain: string,
): Promise<DomainVerification | undefined> {
  return trx
    .selectFrom("domain_verifications")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("domain", "=", domain)
    .forUpdate()
    .executeTakeFirst();
}

export async function listDomains(db: Executor, organizationId: string): Promise<DomainVerification[]> {
  return db
    .selectFrom("domain_verifications")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("domain")
    .execute();
}

export async function updateDomain(
  db: Executor,
  id: string,
  change: Updateable<DomainVerificationTable>,
): Promise<DomainVerification> {
  return db
    .updateTable("domain_verifications")
    .set(change)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteDomain(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("domain_verifications").where("id", "=", id).execute();
}

/** Every domain of these organizations goes with them (a deleted organization proves nothing). */
export async function deleteDomainsOf(db: Executor, organizationIds: readonly string[]): Promise<void> {
  if (organizationIds.length === 0) return;
  await db.deleteFrom("domain_verifications").where("organization_id", "in", organizationIds).execute();
}

/** The organization that holds `domain` verified, if any (one probe of the partial unique index). */
export async function findVerifiedHolder(
  db: Executor,
  domain: string,
): Promise<{ organizationId: string; organizationName: string; claimed: boolean } | undefined> {
  return db
    .selectFrom("domain_verifications as d")
    .innerJoin("organizations as o", "o.id", "d.organization_id")
    .select(["d.organization_id as organizationId", "o.name as organizationName", "d.claimed"])
    .where("d.domain", "=", domain)
    .where("d.status", "=", "verified")
    .executeTakeFirst();
}

/**
 * Rule V (docs/matching.md § 2): the card of the live organization of `kind` that holds `domain`
 * verified, and whether it claimed it. One probe of domain_verifications_verified_idx, then the
 * organization and its row of organization_domains by their keys.
 */
export function verifyingOrganizationStatement(domain: string, kind: OrganizationKind) {
  return sql<CandidateRow & { claimed: boolean }>`
    select ${cardColumns},
      coalesce((select od.domain_users from organization_domains od
                where od.organization_id = o.id and od.domain = ${domain}), 0) as "domainUsers",
      d.claimed as "claimed"
    from domain_verifications d
    join organizations o on o.id = d.organization_id
    where d.domain = ${domain} and d.status = 'verified' and o.kind = ${kind} and o.deleted_at is null`;
}

export async function findVerifyingOrganization(
  db: Executor,
  domain: string,
  kind: OrganizationKind,
): Promise<(CandidateRow & { claimed: boolean }) | undefined> {
  const { rows } = await verifyingOrganizationStatement(domain, kind).execute(db);
  return rows[0];
}

/**
 * Takes up to `limit` domains whose check is due, moving their next check `leaseMs` ahead so that
 * another instance does not take them meanwhile; a check that crashes is simply retried then.
 */
export async function claimDueDomains(
  db: Executor,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<DomainVerification[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db
    .updateTable("domain_verifications")
    .set({ next_check_at: leaseUntil })
    .where(
      "id",
      "in",
      db
        .selectFrom("domain_verifications")
        .select("id")
        .where("next_check_at", "<=", now)
        .orderBy("next_check_at")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}
