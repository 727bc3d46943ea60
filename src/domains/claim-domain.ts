import { recordAudit } from "../audit/audit.repository.js";
import type { DomainVerification } from "../db/schema.js";
import { requireLiveOrganization } from "../directory/get-organization.js";
import { AppError } from "../errors/app-error.js";
import type { DomainWrite } from "./domain-deps.js";
import { lockDomain, updateDomain } from "./domains.repository.js";
import { requireDomain } from "./get-domains.js";

/**
 * `PATCH /api/v1/organizations/{id}/domains/{domain}` `{claimed}`: a claimed domain stops the wizard
 * from creating a new organization for its administrators (DOMAIN_CLAIMED). Only a verified domain can
 * be claimed (DOMAIN_NOT_VERIFIED); unclaiming always works. Setting what is already set changes nothing.
 */
export async function claimDomain(
  { deps, actor }: DomainWrite,
  organizationId: string,
  domainInput: string,
  claimed: boolean,
): Promise<DomainVerification> {
  await requireLiveOrganization(deps.db, organizationId);
  const { domain } = await requireDomain(deps.db, organizationId, domainInput);
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockDomain(trx, organizationId, domain);
    if (!row) throw new AppError("NOT_FOUND", { context: { about: "domain", id: domain } });
    if (row.claimed === claimed) return row;
    if (claimed && row.status !== "verified") {
      throw new AppError("DOMAIN_NOT_VERIFIED", {
        context: { about: "domain", domain },
        details: [{ path: "body.claimed", message: `the domain is ${row.status}, not verified` }],
      });
    }
    const changed = await updateDomain(trx, row.id, { claimed });
    await recordAudit(trx, {
      at: deps.clock.now(),
      actor,
      action: claimed ? "domain.claimed" : "domain.unclaimed",
      subject: { type: "organization", id: organizationId },
      details: { domain },
    });
    return changed;
  });
}
