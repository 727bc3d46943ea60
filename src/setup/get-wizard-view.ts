import type { Deps } from "../deps.js";
import type { MatchResult } from "../matching/candidate.js";
import { setupState } from "./get-setup.js";
import { organizationCreatedBy } from "./setup.repository.js";
import type { SetupState } from "./setup.schemas.js";
import { openSetupLink, requireLiveLink } from "./setup-link.js";

/** Everything a page of the wizard shows, for one setup link. */
export type WizardView = SetupState & {
  /** The last search's result, shown again without searching again (the results and confirm pages). */
  lastMatch: MatchResult | null;
  /** A partner's order for a customer asks who sets up, on the partner's own link. */
  asksWho: boolean;
  /** The order is provisioned to an organization this order's wizard created. */
  createdOrganization: boolean;
};

/** What the wizard's pages show for this secret; dead links answer their 410 code (as `GET /api/v1/setup/{token}`). */
export async function getWizardView(deps: Pick<Deps, "db" | "clock">, token: string): Promise<WizardView> {
  const link = await openSetupLink(deps.db, token);
  requireLiveLink(link, deps.clock.now(), "view");
  const { order, invitation } = link;
  const state = await setupState(deps.db, link);
  const createdOrganization =
    state.step === "done" && state.organization !== null
      ? await organizationCreatedBy(deps.db, order.id, state.organization.id)
      : false;
  return {
    ...state,
    lastMatch: invitation.last_match,
    asksWho:
      order.ordered_by === "partner" && order.intended_use === "customer" && invitation.kind === "setup",
    createdOrganization,
  };
}
