import { parseEmail } from "./email.js";

export type DomainResult = { ok: true; domain: string } | { ok: false; reason: string };

/**
 * A domain an organization may verify (docs/api.md § Domains): a registrable domain by the rules of
 * e-mail domains (docs/matching.md § 1), in ASCII and lower case, that is not a public provider. A
 * subdomain, a public suffix, a single label or an IP address is refused with the reason.
 */
export function parseVerifiableDomain(
  input: string,
  isPublicProvider: (registrableDomain: string) => boolean,
): DomainResult {
  const trimmed = input.trim().replace(/\.$/, "");
  if (trimmed === "") return { ok: false, reason: "the domain is empty" };
  if (trimmed.includes("@")) return { ok: false, reason: "enter the domain alone, without the part up to @" };
  // The e-mail policy's domain checks, reached through an address on the domain.
  const parsed = parseEmail(`postmaster@${trimmed}`);
  if (!parsed.ok) {
    const reason = parsed.reason.replace(/\.$/, "");
    return { ok: false, reason: reason.charAt(0).toLowerCase() + reason.slice(1) };
  }
  const { domain, registrableDomain } = parsed.value;
  if (domain !== registrableDomain) {
    return {
      ok: false,
      reason: `${domain} is a subdomain: verify the registrable domain ${registrableDomain}`,
    };
  }
  if (isPublicProvider(domain)) {
    return { ok: false, reason: `${domain} is a public e-mail provider, shared by people of many companies` };
  }
  return { ok: true, domain };
}
