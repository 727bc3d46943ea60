import type { OrganizationKind, OrganizationSource } from "../db/schema.js";
import { type Assessment, type AssessmentConfig, assess } from "./assessment.js";
import { maskEmail } from "./email.js";
import { prefixesMatch } from "./name-key.js";

/** The match result of api.md (`POST /api/v1/setup/{token}/match`). */
export type MatchOutcome = "existing_admin" | "existing_member" | "candidates" | "no_match";

export type Candidate = {
  id: string;
  name: string;
  kind: OrganizationKind;
  source: OrganizationSource;
  createdAt: string;
  country: string | null;
  activeSubscriptions: number;
  users: number;
  /** Up to 3, e-mail masked: `m***@acme.it`. */
  fullAdmins: { name: string | null; email: string }[];
  lastActivityAt: string | null;
  /** Customers this partner organization manages; null for customer organizations. */
  managedCustomers: number | null;
  evidence: { namePrefix: boolean; domainUsers: number; publicDomain: boolean; exactName: boolean };
  assessment: Assessment;
};

export type MatchInputEcho = {
  nameKey: string;
  prefix: string;
  registrableDomain: string;
  publicProvider: boolean;
};

export type MatchResult = {
  outcome: MatchOutcome;
  organization?: Candidate;
  candidates: Candidate[];
  sameDomain: Candidate[];
  input: MatchInputEcho;
};

/** What the database says about an organization, as `matching.repository.ts` reads it. */
export type OrganizationFacts = {
  id: string;
  name: string;
  nameKey: string;
  namePrefix: string;
  kind: OrganizationKind;
  source: OrganizationSource;
  country: string | null;
  createdAt: Date;
  users: number;
  activeSubscriptions: number;
  managedCustomers: number;
  lastActivityAt: Date | null;
  domainUsers: number;
  fullAdmins: { name: string | null; email: string }[];
};

/** Builds the card of matching.md § 3 from the facts, the input and the assessment thresholds. */
export function toCandidate(
  facts: OrganizationFacts,
  input: MatchInputEcho,
  now: Date,
  thresholds: AssessmentConfig,
): Candidate {
  return {
    id: facts.id,
    name: facts.name,
    kind: facts.kind,
    source: facts.source,
    createdAt: facts.createdAt.toISOString(),
    country: facts.country,
    activeSubscriptions: facts.activeSubscriptions,
    users: facts.users,
    fullAdmins: facts.fullAdmins.slice(0, 3).map((a) => ({ name: a.name, email: maskEmail(a.email) })),
    lastActivityAt: facts.lastActivityAt?.toISOString() ?? null,
    managedCustomers: facts.kind === "partner" ? facts.managedCustomers : null,
    evidence: {
      namePrefix: prefixesMatch(facts.namePrefix, input.prefix),
      domainUsers: facts.domainUsers,
      publicDomain: input.publicProvider,
      exactName: facts.nameKey === input.nameKey,
    },
    assessment: assess(facts, now, thresholds),
  };
}
