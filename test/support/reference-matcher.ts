import type { AssessmentConfig } from "../../src/matching/assessment.js";
import type { Candidate, MatchResult, OrganizationFacts } from "../../src/matching/candidate.js";
import { toCandidate } from "../../src/matching/candidate.js";
import { parseEmail } from "../../src/matching/email.js";
import { nameKey, namePrefix, parseCompanyName, prefixesMatch } from "../../src/matching/name-key.js";

/** A directory held in memory, as plain as docs/matching.md words it. */
export type MemoryDirectory = {
  organizations: {
    id: string;
    name: string;
    kind: "customer" | "partner";
    source: OrganizationFacts["source"];
    country: string | null;
    createdAt: Date;
    deleted: boolean;
    managingPartnerId: string | null;
  }[];
  users: {
    organizationId: string;
    email: string;
    name: string | null;
    role: "full_admin" | "user";
    lastActiveAt: Date | null;
  }[];
  subscriptions: { organizationId: string; status: "active" | "suspended" | "expired" | "cancelled" }[];
  /** Domains organizations added for verification; only `verified` ones count. */
  domains: { organizationId: string; domain: string; status: "pending" | "verified" | "failed" | "lapsed" }[];
};

export type ReferenceOptions = {
  kind: "customer" | "partner";
  now: Date;
  matchLimit: number;
  matchDomainOnly: boolean;
  thresholds: AssessmentConfig;
  isPublicProvider: (domain: string) => boolean;
};

/**
 * docs/matching.md § 2–4 by brute force: scan everything, filter, sort. The database matcher must answer
 * exactly this. Returns an error code where docs/matching.md says the request fails.
 */
export function referenceMatch(
  directory: MemoryDirectory,
  companyName: string,
  adminEmail: string,
  options: ReferenceOptions,
): MatchResult | { error: string } {
  const company = parseCompanyName(companyName);
  if (!company.ok) return { error: "INVALID_COMPANY_NAME" };
  const email = parseEmail(adminEmail);
  if (!email.ok) return { error: "INVALID_EMAIL" };
  const domain = email.value.registrableDomain;
  const input = {
    nameKey: company.value.nameKey,
    prefix: company.value.prefix,
    registrableDomain: domain,
    publicProvider: options.isPublicProvider(domain),
  };
  const emailOf = (address: string) => {
    const parsed = parseEmail(address);
    if (!parsed.ok) throw new Error(`bad e-mail in the directory: ${address}`);
    return parsed.value;
  };
  const facts = (org: MemoryDirectory["organizations"][number]): OrganizationFacts => {
    const users = directory.users.filter((u) => u.organizationId === org.id);
    const activity = users.flatMap((u) => (u.lastActiveAt ? [u.lastActiveAt.getTime()] : []));
    const key = nameKey(org.name);
    return {
      id: org.id,
      name: org.name.trim().normalize("NFC"),
      nameKey: key,
      namePrefix: namePrefix(key),
      kind: org.kind,
      source: org.source,
      country: org.country,
      createdAt: org.createdAt,
      users: users.length,
      activeSubscriptions: directory.subscriptions.filter(
        (s) => s.organizationId === org.id && s.status === "active",
      ).length,
      managedCustomers: directory.organizations.filter((o) => o.managingPartnerId === org.id && !o.deleted)
        .length,
      lastActivityAt: activity.length ? new Date(Math.max(...activity)) : null,
      domainUsers: users.filter((u) => emailOf(u.email).registrableDomain === domain).length,
      fullAdmins: users
        .filter((u) => u.role === "full_admin")
        .map((u) => ({ name: u.name, email: emailOf(u.email).email })),
    };
  };
  const verifiedDomains = (organizationId: string) =>
    directory.domains
      .filter((d) => d.organizationId === organizationId && d.status === "verified")
      .map((d) => d.domain)
      .sort();
  const card = (org: MemoryDirectory["organizations"][number], relation?: "member"): Candidate =>
    toCandidate(facts(org), input, options.now, options.thresholds, relation, verifiedDomains(org.id));

  const live = directory.organizations.filter((o) => !o.deleted);
  // A and A': the e-mail is a user of a (live) organization.
  const user = directory.users.find(
    (u) => emailOf(u.email).email === email.value.email && live.some((o) => o.id === u.organizationId),
  );
  if (user) {
    const org = live.find((o) => o.id === user.organizationId)!;
    if (org.kind !== options.kind) return { error: "ADMIN_EMAIL_WRONG_KIND" };
    return {
      outcome: user.role === "full_admin" ? "existing_admin" : "existing_member",
      organization: card(org, "member"),
      candidates: [],
      sameDomain: [],
      input,
    };
  }
  const onDomain = live.filter((o) => o.kind === options.kind && facts(o).domainUsers > 0);
  const rank = (a: Candidate, b: Candidate) =>
    Number(b.evidence.exactName) - Number(a.evidence.exactName) ||
    b.evidence.domainUsers - a.evidence.domainUsers ||
    b.activeSubscriptions - a.activeSubscriptions ||
    b.users - a.users ||
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
    Number(BigInt(a.id) - BigInt(b.id));
  const cards = onDomain.map((o) => card(o));
  const candidates = cards.filter((c) => prefixesMatch(namePrefix(nameKey(c.name)), input.prefix)).sort(rank);
  const sameDomain =
    options.matchDomainOnly && !input.publicProvider
      ? cards.filter((c) => !prefixesMatch(namePrefix(nameKey(c.name)), input.prefix)).sort(rank)
      : [];
  // V: the live organization of the kind that verified the domain leads, whatever its name.
  const verifying = live.find(
    (o) =>
      o.kind === options.kind &&
      directory.domains.some(
        (d) => d.organizationId === o.id && d.domain === domain && d.status === "verified",
      ),
  );
  const others = (cards: Candidate[]) => cards.filter((c) => c.id !== verifying?.id);
  const b = [...(verifying ? [card(verifying)] : []), ...others(candidates)].slice(0, options.matchLimit);
  const c = others(sameDomain).slice(0, 10);
  return {
    outcome: b.length + c.length > 0 ? "candidates" : "no_match",
    candidates: b,
    sameDomain: c,
    input,
  };
}
