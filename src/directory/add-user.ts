import type { Kysely } from "kysely";
import { isUniqueViolation } from "../db/errors.js";
import type { Database, User } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { requireEmail } from "../matching/validated-inputs.js";
import { insertUser } from "./directory.repository.js";
import type { UserInput } from "./directory.schemas.js";
import { requireOrganization } from "./get-organization.js";

/** `POST /api/v1/organizations/{id}/users`: a user belongs to exactly one organization. */
export async function addUser(db: Kysely<Database>, organizationId: string, input: UserInput): Promise<User> {
  const email = requireEmail(input.email);
  await requireOrganization(db, organizationId);
  try {
    return await insertUser(db, {
      organizationId,
      email: email.email,
      emailDomain: email.registrableDomain,
      name: input.name ?? null,
      role: input.role,
      lastActiveAt: input.lastActiveAt ?? null,
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      throw new AppError("EMAIL_IN_USE", { details: [{ path: "email", message: "is in use" }] });
    }
    throw error;
  }
}
