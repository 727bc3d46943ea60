import type { Kysely } from "kysely";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Database } from "../db/schema.js";
import { recentDays } from "../matching/assessment.js";
import { type MatchInputEcho, type MatchResult, toCandidate } from "../matching/candidate.js";
import { requireSameKind } from "../matching/kinds.js";
import { requireCompanyName, requireEmail } from "../matching/validated-inputs.js";
import { leadWithVerified } from "../matching/verified-domain.js";
import type { OrganizationKind } from "../vocabulary.js";
import { findCandidates, type MatchedRow } from "./matching.repository.js";

/** Rule C answers at most this many organizations (docs/matching.md § 2). */
export const sameDomainLimit = 10;

export type MatchInput = {
  companyName: string;
  adminEmail: string;
  /** The subscription's kind: customer subscriptions match customers, partner own use matches partners. */
  kind: OrganizationKind;
};

export type MatchDeps = {
  db: Kysely<Database>;
  clock: Clock;
  config: Pick<Config, "matchLimit" | "matchDomainOnly" | "activeMinUsers" | "abandonedAfterDays">;
  isPublicProvider: (registrableDomain: string) => boolean;
};

/**
 * The existing organizations this company and administrator may already be (docs/matching.md § 2):
 * A. the e-mail is a full administrator → that organization; A'. a plain user → that organization;
 * otherwise V. the organization that verified the registrable domain in DNS, first, then B. same name
 * prefix and users on the same registrable domain, and C. (non-public domains) users on the same
 * domain under another name. Throws INVALID_EMAIL, INVALID_COMPANY_NAME and
 * ADMIN_EMAIL_WRONG_KIND.
 */
export async function matchOrganizations(deps: MatchDeps, input: MatchInput): Promise<MatchResult> {
  const company = requireCompanyName(input.companyName, "companyName");
  const email = requireEmail(input.adminEmail, "adminEmail");
  const echo: MatchInputEcho = {
    nameKey: company.nameKey,
    prefix: company.prefix,
    registrableDomain: email.registrableDomain,
    publicProvider: deps.isPublicProvider(email.registrableDomain),
  };
  const now = deps.clock.now();
  const thresholds = {
    activeMinUsers: deps.config.activeMinUsers,
    abandonedAfterDays: deps.config.abandonedAfterDays,
    recentDays,
  };

  const sameDomainWanted = deps.config.matchDomainOnly && !echo.publicProvider ? sameDomainLimit : 0;
  const found = await findCandidates(deps.db, {
    domain: email.registrableDomain,
    kind: input.kind,
    prefix: company.prefix,
    nameKey: company.nameKey,
    limit: deps.config.matchLimit,
    // One more than shown: rule V may take one out.
    sameDomainLimit: sameDomainWanted === 0 ? 0 : sameDomainWanted + 1,
    // A public provider is never verified: no lookup.
    verified: !echo.publicProvider,
    email: email.email,
  });
  const { existing } = found;
  if (existing) {
    requireSameKind(input.kind, existing.organization.kind);
    return {
      outcome: existing.role === "full_admin" ? "existing_admin" : "existing_member",
      organization: toCandidate(
        existing.organization,
        echo,
        now,
        thresholds,
        "member",
        existing.organization.verifiedDomains,
      ),
      candidates: [],
      sameDomain: [],
      input: echo,
    };
  }

  const led = leadWithVerified(found.verifying, found, {
    candidates: deps.config.matchLimit,
    sameDomain: sameDomainWanted,
  });
  const card = (row: MatchedRow) => toCandidate(row, echo, now, thresholds, "candidate", row.verifiedDomains);
  const candidates = led.candidates.map(card);
  const sameDomain = led.sameDomain.map(card);
  const { verifying } = found;
  return {
    outcome: candidates.length + sameDomain.length > 0 ? "candidates" : "no_match",
    candidates,
    sameDomain,
    input: echo,
    ...(verifying?.claimed ? { claimedBy: { id: verifying.id, name: verifying.name } } : {}),
  };
}
