import type { Kysely } from "kysely";
import { isUniqueViolation } from "../db/errors.js";
import type { Database, Subscription } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import { insertSubscription } from "./directory.repository.js";
import type { SubscriptionInput } from "./directory.schemas.js";
import { requireOrganization } from "./get-organization.js";

/** `POST /api/v1/organizations/{id}/subscriptions`: a subscription the organization has already. */
export async function addSubscription(
  db: Kysely<Database>,
  organizationId: string,
  input: SubscriptionInput,
): Promise<Subscription> {
  await requireOrganization(db, organizationId);
  try {
    return await insertSubscription(db, {
      organizationId,
      externalId: input.externalId ?? null,
      status: input.status,
      services: input.services,
      termMonths: input.termMonths ?? null,
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("EXTERNAL_ID_IN_USE", {
        context: { about: "subscription" },
        details: [{ path: "externalId", message: "is in use" }],
      });
    }
    throw error;
  }
}
