import { AppError } from "../errors/app-error.js";
import type { MatchSetupInput, SetupDraft } from "./setup.schemas.js";
import type { LinkState } from "./setup-link.js";

/**
 * The company step's rules, shared by matching and completing: company details are asked once the
 * order knows who sets up, and while it waits for nobody; what was typed is kept as the link's draft.
 */
export function requireCompanyStep({ order }: LinkState): void {
  if (order.scenario === null) throw new AppError("WRONG_STEP", { context: { about: "setupBy" } });
  if (order.status === "awaiting_admin_approval") throw new AppError("ADMIN_REQUEST_PENDING");
}

/** The company details as the draft keeps them, to fill the form again. */
export function draftOf(input: MatchSetupInput): SetupDraft {
  return {
    companyName: input.companyName,
    adminEmail: input.adminEmail.trim(),
    ...(input.adminName ? { adminName: input.adminName } : {}),
    ...(input.country ? { country: input.country } : {}),
  };
}
