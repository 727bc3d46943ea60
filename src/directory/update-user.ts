import { isId } from "../db/ids.js";
import type { User } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { type UserChange, updateUserAudited } from "./directory.repository.js";
import type { UserPatch } from "./directory.schemas.js";
import type { DirectoryWrite } from "./directory-deps.js";

/**
 * `PATCH /api/v1/users/{id}`: name, role, last activity, and `organizationId` to move the user. One
 * statement (with its audit row), so the triggers move the user's counts and domain row with the
 * UPDATE and the next match sees the user where it now is. An unknown user is NOT_FOUND; moving into a
 * deleted organization is 409 ORGANIZATION_DELETED, into one that does not exist 409
 * ORGANIZATION_NOT_FOUND.
 */
export async function updateUser(
  { deps, actor }: DirectoryWrite,
  id: string,
  patch: UserPatch,
): Promise<User> {
  if (!isId(id)) throw new AppError("NOT_FOUND", { context: { about: "user", id } });
  const change: UserChange = {};
  if (patch.name !== undefined) change.name = patch.name;
  if (patch.role !== undefined) change.role = patch.role;
  if (patch.lastActiveAt !== undefined) change.lastActiveAt = patch.lastActiveAt;
  // Not an id: no organization has it ("0" is never an id).
  if (patch.organizationId !== undefined)
    change.organizationId = isId(patch.organizationId) ? patch.organizationId : "0";
  const result = await updateUserAudited(deps.db, id, change, {
    at: deps.clock.now(),
    actor,
    details: { changed: Object.keys(patch), ...(change.role ? { role: change.role } : {}) },
  });
  const organizationId = patch.organizationId ?? "";
  switch (result.outcome) {
    case "updated":
      return result.user;
    case "no-user":
      throw new AppError("NOT_FOUND", { context: { about: "user", id } });
    case "no-organization":
      throw new AppError("ORGANIZATION_NOT_FOUND", {
        context: { about: "organization", id: organizationId },
        details: [{ path: "organizationId", message: "is not an organization" }],
      });
    case "organization-deleted":
      throw new AppError("ORGANIZATION_DELETED", { context: { id: organizationId } });
  }
}
