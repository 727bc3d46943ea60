import { recordAudit } from "../audit/audit.repository.js";
import { isUniqueViolation } from "../db/errors.js";
import type { DomainVerification } from "../db/schema.js";
import { requireLiveOrganization } from "../directory/get-organization.js";
import { AppError } from "../errors/app-error.js";
import { parseVerifiableDomain } from "../matching/domain.js";
import { challengeName, domainChecks, newChallenge } from "./challenge.js";
import type { DomainWrite } from "./domain-deps.js";
import { findVerifiedHolder, insertDomain } from "./domains.repository.js";

/**
 * `POST /api/v1/organizations/{id}/domains`: the domain, pending, with the TXT record that proves it.
 * Refused: what is not a registrable domain or is a public provider (DOMAIN_NOT_ALLOWED), a domain
 * another organization verified (DOMAIN_TAKEN), one the organization has already (DOMAIN_EXISTS).
 */
export async function addDomain(
  { deps, actor }: DomainWrite,
  organizationId: string,
  input: string,
): Promise<DomainVerification> {
  const domain = requireVerifiableDomain(input, deps.isPublicProvider);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const organization = await requireLiveOrganization(trx, organizationId);
      const holder = await findVerifiedHolder(trx, domain);
      if (holder && holder.organizationId !== organization.id) {
        throw new AppError("DOMAIN_TAKEN", { context: { domain } });
      }
      const now = deps.clock.now();
      const row = await insertDomain(trx, {
        organizationId: organization.id,
        domain,
        challenge: newChallenge(),
        now,
        nextCheckAt: new Date(now.getTime() + domainChecks.pendingEveryMs),
      });
      await recordAudit(trx, {
        at: now,
        actor,
        action: "domain.added",
        subject: { type: "organization", id: organization.id },
        details: { domain, txtName: challengeName(domain) },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("DOMAIN_EXISTS", { context: { domain } });
    throw error;
  }
}

/** The normal form of a domain to verify, or DOMAIN_NOT_ALLOWED with the reason. */
export function requireVerifiableDomain(
  input: string,
  isPublicProvider: (registrableDomain: string) => boolean,
  field = "body.domain",
): string {
  const result = parseVerifiableDomain(input, isPublicProvider);
  if (!result.ok) {
    throw new AppError("DOMAIN_NOT_ALLOWED", {
      context: { reason: result.reason },
      details: [{ path: field, message: result.reason }],
    });
  }
  return result.domain;
}
