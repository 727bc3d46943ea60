import { recordAudit } from "../audit/audit.repository.js";
import { maskEmail } from "../matching/email.js";
import { deleteUser as deleteUserRow } from "./directory.repository.js";
import type { DirectoryWrite } from "./directory-deps.js";
import { requireUser } from "./get-user.js";

/**
 * `DELETE /api/v1/users/{id}`: the user leaves the directory and the e-mail is free again. An approval
 * link mailed to this user decides nothing from now on (APPROVER_NOT_ADMIN).
 */
export async function deleteUser({ deps, actor }: DirectoryWrite, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, id);
    await deleteUserRow(trx, user.id);
    await recordAudit(trx, {
      at: deps.clock.now(),
      actor,
      action: "user.deleted",
      subject: { type: "user", id: user.id },
      details: { organizationId: user.organization_id, email: maskEmail(user.email) },
    });
  });
}
