import type { Deps } from "../deps.js";
import { matchOrganizations } from "../directory/match-organizations.js";
import { type AppError, isAppError } from "../errors/app-error.js";
import { disclosedIds, type MatchResult } from "../matching/candidate.js";
import { maskEmail } from "../matching/email.js";
import { subscriptionKind } from "../matching/kinds.js";
import { draftOf, requireCompanyStep } from "./company-step.js";
import { callAudit, callWindowStart, requireCallAllowed } from "./link-calls.js";
import { recordSearch, type SearchRecord } from "./setup.repository.js";
import type { MatchSetupInput } from "./setup.schemas.js";
import { openSearchLink, requireLiveLink } from "./setup-link.js";

/**
 * `POST /api/v1/setup/{token}/match`: docs/matching.md for this link's order, with its § 5: at most
 * MATCH_RATE_PER_HOUR match and complete calls per link (RATE_LIMITED with Retry-After), every call audited with its
 * masked inputs and the ids it disclosed, and those ids remembered as the only ones `complete` may
 * map to. A call that fails (a bad e-mail, the wrong kind) counts and is audited too.
 *
 * Optimistic, so that a search holds no lock while it matches and makes three round trips, not six:
 * the link read in one statement, the match, and the record, which is written only if the link, its
 * order and its calls are still as read (setup.repository.ts, recordSearch). Otherwise someone changed
 * the link meanwhile — another call of it, a decision, a resend — and the search starts again from the
 * read, which sees the change. Each retry follows a change committed by someone else, and a link's
 * changes are few: its calls stop at the rate limit, its decisions and resends at its end.
 */
export async function matchSetup(deps: Deps, token: string, input: MatchSetupInput): Promise<MatchResult> {
  for (;;) {
    const now = deps.clock.now();
    const link = await openSearchLink(deps.db, token, callWindowStart(now));
    requireLiveLink(link, now, "act");
    requireCompanyStep(link);
    requireCallAllowed(link, { limit: deps.config.matchRatePerHour, now });
    const audit = (details: Record<string, unknown>) =>
      callAudit(link, {
        action: "setup.match",
        now,
        details: {
          companyName: input.companyName.slice(0, 200),
          adminEmail: maskEmail(input.adminEmail),
          ...details,
        },
      });
    let outcome: { result: MatchResult } | { error: AppError };
    let record: SearchRecord;
    try {
      const result = await matchOrganizations(deps, {
        companyName: input.companyName,
        adminEmail: input.adminEmail,
        kind: subscriptionKind(link.order.scenario),
      });
      const disclosed = disclosedIds(result);
      outcome = { result };
      record = {
        disclosed,
        draft: draftOf(input),
        match: result,
        audit: audit({ outcome: result.outcome, disclosedOrganizationIds: disclosed }),
      };
    } catch (error) {
      if (!isAppError(error)) throw error;
      outcome = { error };
      record = { disclosed: [], audit: audit({ error: error.code, disclosedOrganizationIds: [] }) };
    }
    if (!(await recordSearch(deps.db, link, record))) continue;
    deps.metrics.matches.inc({ outcome: "error" in outcome ? outcome.error.code : outcome.result.outcome });
    if ("error" in outcome) throw outcome.error;
    return outcome.result;
  }
}
