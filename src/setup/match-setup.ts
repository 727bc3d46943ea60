import { recordAudit } from "../audit/audit.repository.js";
import type { Deps } from "../deps.js";
import { AppError, isAppError } from "../errors.js";
import { maskEmail } from "../matching/email.js";
import { matchOrganizations } from "../matching/match-organizations.js";
import type { MatchResult } from "../matching/match-result.js";
import { matchCallsSince, recordDisclosures, saveDraft } from "./setup.repository.js";
import type { MatchSetupInput } from "./setup.schemas.js";
import { openSetupLink, requireLiveLink, type SetupLink, subscriptionKind } from "./setup-link.js";

const HOUR_MS = 3_600_000;

/**
 * `POST /api/v1/setup/{token}/match`: matching.md for this link's order, with its § 5: at most
 * MATCH_RATE_PER_HOUR calls per link (RATE_LIMITED with Retry-After), every call audited with its
 * masked inputs and the ids it disclosed, and those ids remembered as the only ones `complete` may
 * map to. A call that fails (a bad e-mail, the wrong kind) counts and is audited too.
 */
export async function matchSetup(deps: Deps, token: string, input: MatchSetupInput): Promise<MatchResult> {
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const link = await openSetupLink(trx, token);
    requireLiveLink(link, now, "act");
    requireCompanyStep(link);
    const calls = await matchCallsSince(trx, link.invitation.id, new Date(now.getTime() - HOUR_MS));
    if (calls.length >= deps.config.matchRatePerHour) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((calls[0]!.getTime() + HOUR_MS - now.getTime()) / 1000),
      );
      throw new AppError(
        "RATE_LIMITED",
        `This setup link may search at most ${deps.config.matchRatePerHour} times an hour. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
        { retryAfterSeconds },
      );
    }
    const audit = (details: Record<string, unknown>) =>
      recordAudit(trx, {
        at: now,
        actor: `setup-link:${link.invitation.id}`,
        action: "setup.match",
        subject: { type: "invitation", id: link.invitation.id },
        orderId: link.order.id,
        details: {
          companyName: input.companyName.slice(0, 200),
          adminEmail: maskEmail(input.adminEmail),
          ...details,
        },
      });
    try {
      const result = await matchOrganizations(
        { ...deps, db: trx },
        { companyName: input.companyName, adminEmail: input.adminEmail, kind: subscriptionKind(link.order) },
      );
      const disclosed = [
        ...(result.organization ? [result.organization.id] : []),
        ...result.candidates.map((c) => c.id),
        ...result.sameDomain.map((c) => c.id),
      ];
      await recordDisclosures(trx, link.invitation.id, disclosed, now);
      await saveDraft(trx, link.invitation.id, draftOf(input), now, result);
      await audit({ outcome: result.outcome, disclosedOrganizationIds: disclosed });
      return { result };
    } catch (error) {
      if (!isAppError(error)) throw error;
      await audit({ error: error.code, disclosedOrganizationIds: [] });
      return { error };
    }
  });
  deps.metrics.matches.inc({ outcome: "error" in outcome ? outcome.error.code : outcome.result.outcome });
  if ("error" in outcome) throw outcome.error;
  return outcome.result;
}

/** Company details are asked once the order knows who sets up, and while it waits for nobody. */
export function requireCompanyStep({ order }: SetupLink): void {
  if (order.scenario === null) {
    throw new AppError("WRONG_STEP", "First say who sets up this order: the partner or the customer.");
  }
  if (order.status === "awaiting_admin_approval") {
    throw new AppError(
      "ADMIN_REQUEST_PENDING",
      "This order waits for an administrator to approve the new administrator.",
    );
  }
}

export function draftOf(input: MatchSetupInput) {
  return {
    companyName: input.companyName,
    adminEmail: input.adminEmail.trim(),
    ...(input.adminName ? { adminName: input.adminName } : {}),
    ...(input.country ? { country: input.country } : {}),
  };
}
