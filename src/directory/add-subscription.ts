import { recordAudit } from "../audit/audit.repository.js";
import { isUniqueViolation } from "../db/errors.js";
import type { Subscription } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { findSubscriptionByExternalId, insertSubscription } from "./directory.repository.js";
import type { SubscriptionInput } from "./directory.schemas.js";
import type { DirectoryWrite } from "./directory-deps.js";
import { requireOrganization } from "./get-organization.js";

/**
 * `POST /api/v1/organizations/{id}/subscriptions`: a subscription the organization has already. An
 * externalId that exists answers 409 EXTERNAL_ID_IN_USE with `details.existingId`.
 */
export async function addSubscription(
  { deps, actor }: DirectoryWrite,
  organizationId: string,
  input: SubscriptionInput,
): Promise<Subscription> {
  await requireOrganization(deps.db, organizationId);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const subscription = await insertSubscription(trx, {
        organizationId,
        externalId: input.externalId ?? null,
        status: input.status,
        services: input.services,
        termMonths: input.termMonths ?? null,
      });
      await recordAudit(trx, {
        at: deps.clock.now(),
        actor,
        action: "subscription.added",
        subject: { type: "subscription", id: subscription.id },
        details: { organizationId, status: subscription.status, externalId: subscription.external_id },
      });
      return subscription;
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.externalId !== undefined) {
      const existing = await findSubscriptionByExternalId(deps.db, input.externalId);
      throw new AppError("EXTERNAL_ID_IN_USE", {
        context: { about: "subscription" },
        details: { existingId: existing?.id ?? null },
      });
    }
    throw error;
  }
}
