/**
 * Rule V (docs/matching.md § 2): the organization that verified the administrator's registrable domain
 * (live, of the subscription's kind) leads the candidates whatever its name, and is not repeated further
 * down or among the same-domain ones. Rule A comes before it. `found` holds rules B and C each ranked
 * and cut to one more than its limit, so that the lists stay full once the verifying one is taken out.
 */
export function leadWithVerified<T extends { id: string }>(
  verifying: T | undefined,
  found: { candidates: T[]; sameDomain: T[] },
  limits: { candidates: number; sameDomain: number },
): { candidates: T[]; sameDomain: T[] } {
  const others = (rows: T[]) => (verifying ? rows.filter((row) => row.id !== verifying.id) : rows);
  return {
    candidates: [...(verifying ? [verifying] : []), ...others(found.candidates)].slice(0, limits.candidates),
    sameDomain: others(found.sameDomain).slice(0, limits.sameDomain),
  };
}
