import type { Kysely } from "kysely";
import { isUniqueViolation } from "../db/errors.js";
import type { Database, Organization } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { requireCompanyName } from "../matching/validated-inputs.js";
import { findOrganization, insertOrganization } from "./directory.repository.js";
import type { OrganizationInput } from "./directory.schemas.js";

/** `POST /api/v1/organizations`: an existing organization, for matching against. */
export async function createOrganization(
  db: Kysely<Database>,
  input: OrganizationInput,
): Promise<Organization> {
  const name = requireCompanyName(input.name);
  if (input.managingPartnerId !== undefined) {
    const partner = await findOrganization(db, input.managingPartnerId);
    if (partner?.kind !== "partner" || partner.deleted_at) {
      throw new AppError("MANAGING_PARTNER_INVALID", {
        details: [{ path: "managingPartnerId", message: "is not a partner organization" }],
      });
    }
  }
  try {
    return await insertOrganization(db, {
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
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("EXTERNAL_ID_IN_USE", {
        context: { about: "organization" },
        details: [{ path: "externalId", message: "is in use" }],
      });
    }
    throw error;
  }
}
