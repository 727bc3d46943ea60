import type { Deps } from "../deps.js";
import { matchOrganizations } from "../directory/match-organizations.js";
import { isAppError } from "../errors/app-error.js";
import { disclosedIds, type MatchResult } from "../matching/candidate.js";
import { maskEmail } from "../matching/email.js";
import { subscriptionKind } from "../matching/kinds.js";
import { draftOf, requireCompanyStep } from "./company-step.js";
import { callAudit, callWindowStart, recordCall, requireCallAllowed } from "./link-calls.js";
import { recordSearch } from "./setup.repository.js";
import type { MatchSetupInput } from "./setup.schemas.js";
import { openSetupLink, requireLiveLink } from "./setup-link.js";

/**
 * `POST /api/v1/setup/{token}/match`: docs/matching.md for this link's order, with its § 5: at most
 * MATCH_RATE_PER_HOUR match and complete calls per link (RATE_LIMITED with Retry-After), every call audited with its
 * masked inputs and the ids it disclosed, and those ids remembered as the only ones `complete` may
 * map to. A call that fails (a bad e-mail, the wrong kind) counts and is audited too.
 */
export async function matchSetup(deps: Deps, token: string, input: MatchSetupInput): Promise<MatchResult> {
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const link = await openSetupLink(trx, token, { countCallsSince: callWindowStart(now) });
    requireLiveLink(link, now, "act");
    requireCompanyStep(link);
    requireCallAllowed(link, { limit: deps.config.matchRatePerHour, now });
    const details = (more: Record<string, unknown>) => ({
      companyName: input.companyName.slice(0, 200),
      adminEmail: maskEmail(input.adminEmail),
      ...more,
    });
    try {
      const result = await matchOrganizations(
        { ...deps, db: trx },
        {
          companyName: input.companyName,
          adminEmail: input.adminEmail,
          kind: subscriptionKind(link.order.scenario),
        },
      );
      const disclosed = disclosedIds(result);
      // Commits without waiting for the disk: a search's record may be lost in a crash of the database server.
      await recordSearch(trx, {
        invitationId: link.invitation.id,
        disclosed,
        draft: draftOf(input),
        match: result,
        audit: callAudit(link, {
          action: "setup.match",
          now,
          details: details({ outcome: result.outcome, disclosedOrganizationIds: disclosed }),
        }),
      });
      return { result };
    } catch (error) {
      if (!isAppError(error)) throw error;
      await recordCall(trx, link, {
        action: "setup.match",
        now,
        details: details({ error: error.code, disclosedOrganizationIds: [] }),
      });
      return { error };
    }
  });
  deps.metrics.matches.inc({ outcome: "error" in outcome ? outcome.error.code : outcome.result.outcome });
  if ("error" in outcome) throw outcome.error;
  return outcome.result;
}
