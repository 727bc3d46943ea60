import { recordAudit } from "../audit/audit.repository.js";
import { requireOrganization } from "../directory/get-organization.js";
import { AppError } from "../errors/app-error.js";
import type { DomainWrite } from "./domain-deps.js";
import { deleteDomain, lockDomain } from "./domains.repository.js";
import { requireDomain } from "./get-domains.js";

/** `DELETE /api/v1/organizations/{id}/domains/{domain}`: the domain stops counting at once; the audit log keeps it. */
export async function removeDomain(
  { deps, actor }: DomainWrite,
  organizationId: string,
  domainInput: string,
) {
  await requireOrganization(deps.db, organizationId);
  const { domain } = await requireDomain(deps.db, organizationId, domainInput);
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockDomain(trx, organizationId, domain);
    if (!row) throw new AppError("NOT_FOUND", { context: { about: "domain", id: domain } });
    await deleteDomain(trx, row.id);
    await recordAudit(trx, {
      at: deps.clock.now(),
      actor,
      action: "domain.removed",
      subject: { type: "organization", id: organizationId },
      details: { domain, status: row.status, claimed: row.claimed },
    });
  });
}
