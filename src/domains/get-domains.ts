import type { Kysely, Transaction } from "kysely";
import type { Database, DomainVerification } from "../db/schema.js";
import { requireOrganization } from "../directory/get-organization.js";
import { AppError } from "../errors/app-error.js";
import { parseVerifiableDomain } from "../matching/domain.js";
import { findDomain, listDomains } from "./domains.repository.js";

type Executor = Kysely<Database> | Transaction<Database>;

/** `GET /api/v1/organizations/{id}/domains`: every domain of the organization, by name. */
export async function getDomains(db: Executor, organizationId: string): Promise<DomainVerification[]> {
  await requireOrganization(db, organizationId);
  return listDomains(db, organizationId);
}

/** The organization's domain as a path names it (any case, Unicode or ASCII), or NOT_FOUND. */
export async function requireDomain(
  db: Executor,
  organizationId: string,
  domainInput: string,
): Promise<DomainVerification> {
  const parsed = parseVerifiableDomain(domainInput, () => false);
  const row = parsed.ok ? await findDomain(db, organizationId, parsed.domain) : undefined;
  if (!row) throw new AppError("NOT_FOUND", { context: { about: "domain", id: domainInput } });
  return row;
}
