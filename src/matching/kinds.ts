import { AppError } from "../errors/app-error.js";
import type { OrganizationKind, Scenario } from "../vocabulary.js";

/** Customer subscriptions match customer organizations; a partner's own use matches partners (docs/matching.md § 2). */
export function subscriptionKind(scenario: Scenario | null): OrganizationKind {
  return scenario === "partner_own_use" ? "partner" : "customer";
}

/**
 * Rules A and A' of the other kind: a partner typing their own e-mail as the customer's administrator,
 * or the reverse. Neither matching nor a decision may go on with this e-mail.
 */
export function requireSameKind(subscription: OrganizationKind, organization: OrganizationKind): void {
  if (organization === subscription) return;
  throw new AppError("ADMIN_EMAIL_WRONG_KIND", {
    context: { kind: subscription },
    details: [{ path: "adminEmail", message: `belongs to a ${organization} organization` }],
  });
}
