import type { Kysely, Transaction } from "kysely";
import { recordAudit } from "../audit/audit.repository.js";
import { isUniqueViolation } from "../db/errors.js";
import { isId } from "../db/ids.js";
import type { Database, Organization } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { requireCompanyName } from "../matching/validated-inputs.js";
import {
  findOrganization,
  findOrganizationByExternalId,
  type OrganizationChange,
  updateOrganization as updateOrganizationRow,
} from "./directory.repository.js";
import type { OrganizationPatch } from "./directory.schemas.js";
import type { DirectoryWrite } from "./directory-deps.js";
import { requireLiveOrganization } from "./get-organization.js";

/**
 * `PATCH /api/v1/organizations/{id}`: a new name brings its name key and prefix (docs/matching.md § 1),
 * and the triggers copy them to the organization's domain rows in the same statement, so the next match
 * ranks it under its new name. A deleted organization takes no changes (409 ORGANIZATION_DELETED).
 */
export async function updateOrganization(
  { deps, actor }: DirectoryWrite,
  id: string,
  patch: OrganizationPatch,
): Promise<Organization> {
  const change: OrganizationChange = {};
  if (patch.name !== undefined) change.name = requireCompanyName(patch.name);
  if (patch.country !== undefined) change.country = patch.country;
  if (patch.managingPartnerId !== undefined) change.managingPartnerId = patch.managingPartnerId;
  if (patch.externalId !== undefined) change.externalId = patch.externalId;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // Locked first, so a deletion running meanwhile is seen before the change is made.
      if (isId(id))
        await trx.selectFrom("organizations").select("id").where("id", "=", id).forUpdate().execute();
      await requireLiveOrganization(trx, id);
      if (patch.managingPartnerId) {
        if (patch.managingPartnerId === id) throw invalidPartner();
        await requireManagingPartner(trx, patch.managingPartnerId);
      }
      const updated = await updateOrganizationRow(trx, id, change, deps.clock.now());
      await recordAudit(trx, {
        at: deps.clock.now(),
        actor,
        action: "organization.updated",
        subject: { type: "organization", id },
        details: { changed: Object.keys(patch), ...(change.name ? { name: change.name.name } : {}) },
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error) && patch.externalId) {
      const existing = await findOrganizationByExternalId(deps.db, patch.externalId);
      throw new AppError("EXTERNAL_ID_IN_USE", {
        context: { about: "organization" },
        details: { existingId: existing?.id ?? null },
      });
    }
    throw error;
  }
}

/** A managing partner must be a live partner organization (409 MANAGING_PARTNER_INVALID). */
export async function requireManagingPartner(
  db: Kysely<Database> | Transaction<Database>,
  partnerId: string,
): Promise<void> {
  const partner = await findOrganization(db, partnerId);
  if (partner?.kind !== "partner" || partner.deleted_at) throw invalidPartner();
}

function invalidPartner() {
  return new AppError("MANAGING_PARTNER_INVALID", {
    details: [{ path: "managingPartnerId", message: "is not a partner organization" }],
  });
}
