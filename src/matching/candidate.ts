import { z } from "zod";
import { organizationKind, organizationSource } from "../vocabulary.js";
import { type AssessmentConfig, assess, assessment } from "./assessment.js";
import { maskEmail } from "./email.js";
import { prefixesMatch } from "./name-key.js";

/** The match result (docs/api.md § Setup wizard, `POST /api/v1/setup/{token}/match`) and its cards. */

export const matchOutcome = z.enum(["existing_admin", "existing_member", "candidates", "no_match"]);
export type MatchOutcome = z.infer<typeof matchOutcome>;

/** One existing organization as matching shows it (docs/matching.md § 3). */
export const candidate = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: organizationKind,
    source: organizationSource,
    createdAt: z.iso.datetime(),
    country: z.string().nullable(),
    activeSubscriptions: z.number().int(),
    users: z.number().int(),
    fullAdmins: z
      .array(z.object({ name: z.string().nullable(), email: z.string() }))
      .describe("Up to 3, e-mail masked: m***@acme.it"),
    lastActivityAt: z.iso.datetime().nullable(),
    managedCustomers: z.number().int().nullable().describe("Partner organizations only; null for customers"),
    evidence: z.object({
      namePrefix: z.boolean(),
      domainUsers: z.number().int(),
      publicDomain: z.boolean(),
      exactName: z.boolean(),
      verifiedDomain: z
        .boolean()
        .describe(
          "Rule V: the organization verified the administrator's domain in DNS; it leads the candidates",
        ),
    }),
    verifiedDomains: z.array(z.string()).describe("The domains this organization verified in DNS"),
    assessment,
  })
  .meta({ id: "Candidate" });
export type Candidate = z.infer<typeof candidate>;

/** The normal forms of the input, as matching used them. */
export const matchInputEcho = z.object({
  nameKey: z.string(),
  prefix: z.string(),
  registrableDomain: z.string(),
  publicProvider: z.boolean(),
});
export type MatchInputEcho = z.infer<typeof matchInputEcho>;

export const matchResult = z
  .object({
    outcome: matchOutcome,
    organization: candidate.optional().describe("Set for existing_admin and existing_member"),
    candidates: z.array(candidate),
    sameDomain: z.array(candidate),
    input: matchInputEcho,
    claimedBy: z
      .object({ id: z.string(), name: z.string() })
      .optional()
      .describe(
        "Set when an organization verified and claimed the administrator's domain: `complete` with a new organization answers DOMAIN_CLAIMED",
      ),
  })
  .meta({ id: "MatchResult" });
export type MatchResult = z.infer<typeof matchResult>;

/** What the directory says about an organization: everything a card is built from. */
export type OrganizationFacts = {
  id: string;
  name: string;
  nameKey: string;
  namePrefix: string;
  kind: Candidate["kind"];
  source: Candidate["source"];
  country: string | null;
  createdAt: Date;
  users: number;
  activeSubscriptions: number;
  managedCustomers: number;
  lastActivityAt: Date | null;
  domainUsers: number;
  fullAdmins: { name: string | null; email: string }[];
};

/**
 * Builds the card of docs/matching.md § 3 from the facts, the input and the assessment thresholds.
 * `member`: the administrator e-mail is a user of this organization (rules A and A').
 */
export function toCandidate(
  facts: OrganizationFacts,
  input: MatchInputEcho,
  now: Date,
  thresholds: AssessmentConfig,
  relation: "member" | "candidate" = "candidate",
  /** The domains the organization verified in DNS; the administrator's among them is rule V's evidence. */
  verifiedDomains: readonly string[] = [],
): Candidate {
  const verifiedDomain = verifiedDomains.includes(input.registrableDomain);
  // The names policy (docs/security.md): full names only where the e-mail ties the holder to the
  // organization (its user, its colleague on the same company domain, or a domain it proved it owns);
  // initials otherwise.
  const fullNames =
    relation === "member" || (!input.publicProvider && (facts.domainUsers > 0 || verifiedDomain));
  return {
    id: facts.id,
    name: facts.name,
    kind: facts.kind,
    source: facts.source,
    createdAt: facts.createdAt.toISOString(),
    country: facts.country,
    activeSubscriptions: facts.activeSubscriptions,
    users: facts.users,
    fullAdmins: facts.fullAdmins.slice(0, 3).map((a) => ({
      name: a.name === null || fullNames ? a.name : initials(a.name),
      email: maskEmail(a.email),
    })),
    lastActivityAt: facts.lastActivityAt?.toISOString() ?? null,
    managedCustomers: facts.kind === "partner" ? facts.managedCustomers : null,
    evidence: {
      namePrefix: prefixesMatch(facts.namePrefix, input.prefix),
      domainUsers: facts.domainUsers,
      publicDomain: input.publicProvider,
      exactName: facts.nameKey === input.nameKey,
      verifiedDomain,
    },
    verifiedDomains: [...verifiedDomains],
    assessment: assess(facts, now, thresholds),
  };
}

/** "Mario De Rossi" → "M. D. R.": a name's initials, which tell a colleague who it is and a stranger little. */
export function initials(name: string): string {
  return name
    .split(/\s+/u)
    .flatMap((word) => {
      const first = [...word.replace(/^[^\p{L}\p{N}]+/u, "")][0];
      return first ? [`${first.toUpperCase()}.`] : [];
    })
    .join(" ");
}

/** Every organization a result shows: the only ones its setup link may then map to (docs/matching.md § 5). */
export function disclosedIds(result: MatchResult): string[] {
  return [
    ...(result.organization ? [result.organization.id] : []),
    ...result.candidates.map((c) => c.id),
    ...result.sameDomain.map((c) => c.id),
  ];
}
