import type { Kysely } from "kysely";
import { isId } from "../db/ids.js";
import type { Database, Organization } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { findFullAdmins, findOrganization, organizationStats } from "./directory.repository.js";

export async function requireOrganization(db: Kysely<Database>, id: string): Promise<Organization> {
  const organization = isId(id) ? await findOrganization(db, id) : undefined;
  if (!organization) throw new AppError("NOT_FOUND", { context: { about: "organization", id } });
  return organization;
}

/** `GET /api/v1/organizations/{id}`: the organization with its counts and full administrators. */
export async function getOrganization(db: Kysely<Database>, id: string) {
  const organization = await requireOrganization(db, id);
  const [stats, fullAdmins] = await Promise.all([organizationStats(db, id), findFullAdmins(db, id)]);
  return {
    organization,
    stats,
    fullAdmins: fullAdmins.map((u) => ({ name: u.name, email: u.email })),
  };
}
