import type { Kysely, Transaction } from "kysely";
import { isId } from "../db/ids.js";
import type { Database, Organization } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { findFullAdmins, findOrganization, organizationStats } from "./directory.repository.js";

type Executor = Kysely<Database> | Transaction<Database>;

/** The organization, deleted or not, or NOT_FOUND. */
export async function requireOrganization(db: Executor, id: string): Promise<Organization> {
  const organization = isId(id) ? await findOrganization(db, id) : undefined;
  if (!organization) throw new AppError("NOT_FOUND", { context: { about: "organization", id } });
  return organization;
}

/** The organization if it is not deleted: a deleted one takes no changes and no users. */
export async function requireLiveOrganization(db: Executor, id: string): Promise<Organization> {
  const organization = await requireOrganization(db, id);
  if (organization.deleted_at) throw new AppError("ORGANIZATION_DELETED", { context: { id } });
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
