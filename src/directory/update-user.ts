import { recordAudit } from "../audit/audit.repository.js";
import { isId } from "../db/ids.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { findOrganization, type UserChange, updateUser as updateUserRow } from "./directory.repository.js";
import type { UserPatch } from "./directory.schemas.js";
import type { DirectoryWrite } from "./directory-deps.js";
import { requireUser } from "./get-user.js";

/**
 * `PATCH /api/v1/users/{id}`: name, role, last activity, and `organizationId` to move the user. One
 * UPDATE, so the triggers move the user's counts and domain row in the same statement and the next
 * match sees the user where it now is. Moving into a deleted organization is 409 ORGANIZATION_DELETED,
 * into one that does not exist 409 ORGANIZATION_NOT_FOUND.
 */
export async function updateUser(
  { deps, actor }: DirectoryWrite,
  id: string,
  patch: UserPatch,
): Promise<User> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, id);
    const change: UserChange = {};
    if (patch.name !== undefined) change.name = patch.name;
    if (patch.role !== undefined) change.role = patch.role;
    if (patch.lastActiveAt !== undefined) change.lastActiveAt = patch.lastActiveAt;
    if (patch.organizationId !== undefined && patch.organizationId !== user.organization_id) {
      const target = isId(patch.organizationId)
        ? await findOrganization(trx, patch.organizationId)
        : undefined;
      if (!target) {
        throw new AppError("ORGANIZATION_NOT_FOUND", {
          context: { about: "organization", id: patch.organizationId },
          details: [{ path: "organizationId", message: "is not an organization" }],
        });
      }
      if (target.deleted_at) throw new AppError("ORGANIZATION_DELETED", { context: { id: target.id } });
      change.organizationId = target.id;
    }
    const updated = await updateUserRow(trx, user.id, change, deps.clock.now());
    await recordAudit(trx, {
      at: deps.clock.now(),
      actor,
      action: change.organizationId ? "user.moved" : "user.updated",
      subject: { type: "user", id: user.id },
      details: {
        changed: Object.keys(patch),
        ...(change.organizationId ? { from: user.organization_id, to: change.organizationId } : {}),
        ...(change.role ? { role: change.role } : {}),
      },
    });
    return updated;
  });
}
