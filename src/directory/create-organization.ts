import { recordAudit } from "../audit/audit.repository.js";
import { isUniqueViolation } from "../db/errors.js";
import type { Organization } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { requireCompanyName } from "../matching/validated-inputs.js";
import { findOrganizationByExternalId, insertOrganization } from "./directory.repository.js";
import type { OrganizationInput } from "./directory.schemas.js";
import type { DirectoryWrite } from "./directory-deps.js";
import { requireManagingPartner } from "./update-organization.js";

/**
 * `POST /api/v1/organizations`: an existing organization, for matching against. An externalId that
 * exists answers 409 EXTERNAL_ID_IN_USE with `details.existingId`, so a client that timed out can carry on.
 */
export async function createOrganization(
  { deps, actor }: DirectoryWrite,
  input: OrganizationInput,
): Promise<Organization> {
  const name = requireCompanyName(input.name);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (input.managingPartnerId !== undefined) await requireManagingPartner(trx, input.managingPartnerId);
      const organization = await insertOrganization(trx, {
        external_id: input.externalId ?? null,
        name: name.name,
        name_key: name.nameKey,
        name_prefix: name.prefix,
        kind: input.kind,
        source: input.source,
        country: input.country ?? null,
        managing_partner_id: input.managingPartnerId ?? null,
        ...(input.createdAt ? { created_at: input.createdAt } : {}),
        deleted_at: input.deletedAt ?? null,
      });
      await recordAudit(trx, {
        at: deps.clock.now(),
        actor,
        action: "organization.created",
        subject: { type: "organization", id: organization.id },
        details: { name: organization.name, kind: organization.kind, externalId: organization.external_id },
      });
      return organization;
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.externalId !== undefined) {
      const existing = await findOrganizationByExternalId(deps.db, input.externalId);
      throw new AppError("EXTERNAL_ID_IN_USE", {
        context: { about: "organization" },
        details: { existingId: existing?.id ?? null },
      });
    }
    throw error;
  }
}
