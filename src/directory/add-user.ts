import { recordAudit } from "../audit/audit.repository.js";
import { isUniqueViolation } from "../db/errors.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { maskEmail } from "../matching/email.js";
import { requireEmail } from "../matching/validated-inputs.js";
import { findUserByEmail, insertUser } from "./directory.repository.js";
import type { UserInput } from "./directory.schemas.js";
import type { DirectoryWrite } from "./directory-deps.js";
import { requireLiveOrganization } from "./get-organization.js";

/**
 * `POST /api/v1/organizations/{id}/users`: a user belongs to exactly one organization. An e-mail that is
 * a user already answers 409 EMAIL_IN_USE with `details.existingId`.
 */
export async function addUser(
  { deps, actor }: DirectoryWrite,
  organizationId: string,
  input: UserInput,
): Promise<User> {
  const email = requireEmail(input.email);
  await requireLiveOrganization(deps.db, organizationId);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const user = await insertUser(trx, {
        organizationId,
        email: email.email,
        emailDomain: email.registrableDomain,
        name: input.name ?? null,
        role: input.role,
        lastActiveAt: input.lastActiveAt ?? null,
      });
      await recordAudit(trx, {
        at: deps.clock.now(),
        actor,
        action: "user.added",
        subject: { type: "user", id: user.id },
        details: { organizationId, email: maskEmail(user.email), role: user.role },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      const existing = await findUserByEmail(deps.db, email.email);
      throw new AppError("EMAIL_IN_USE", { details: { existingId: existing?.id ?? null } });
    }
    throw error;
  }
}
