import type { Deps } from "../deps.js";
import type { MatchResult } from "../matching/candidate.js";
import { maskEmail } from "../matching/email.js";
import { timeZoneOf } from "../orders/time-zone.js";
import type { Locale } from "../vocabulary.js";
import { setupState } from "./get-setup.js";
import { handoverAfter, organizationCreatedBy } from "./setup.repository.js";
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

/** What a partner's link shows once the setup was handed over to the customer. */
export type HandedOverView = {
  orderNumber: string;
  locale: Locale;
  timeZone: string;
  /** The customer's address, masked: enough to recognise it. */
  maskedEmail: string;
  at: Date;
};

/** For a link that was handed over: to whom and when; undefined for every other link. */
export async function getHandedOverView(
  deps: Pick<Deps, "db">,
  token: string,
): Promise<HandedOverView | undefined> {
  const { order, invitation } = await openSetupLink(deps.db, token);
  if (invitation.status !== "handed_over") return undefined;
  const handover = await handoverAfter(deps.db, order.id, invitation.id);
  if (!handover) return undefined;
  return {
    orderNumber: order.order_number,
    locale: order.locale,
    timeZone: timeZoneOf(order),
    maskedEmail: maskEmail(handover.contact_email),
    at: handover.created_at,
  };
}
