import { isUniqueViolation } from "../db/errors.js";
import type { DomainVerification } from "../db/schema.js";
import { requireLiveOrganization } from "../directory/get-organization.js";
import { AppError } from "../errors/app-error.js";
import { challengeName, foundOf } from "./challenge.js";
import type { DomainWrite } from "./domain-deps.js";
import { lockDomain } from "./domains.repository.js";
import { requireDomain } from "./get-domains.js";
import { recordCheck } from "./record-check.js";

/**
 * `POST /api/v1/organizations/{id}/domains/{domain}/verify`: looks for the TXT record now. Found: the
 * domain is verified (200). Not found: 409 DOMAIN_NOT_VERIFIED with what was found; another
 * organization verified it first: 409 DOMAIN_TAKEN; DNS did not answer in time: 503 DNS_UNAVAILABLE.
 * The lookup runs before the transaction: a slow name server never holds a row lock.
 */
export async function verifyDomain(
  { deps, actor }: DomainWrite,
  organizationId: string,
  domainInput: string,
): Promise<DomainVerification> {
  await requireLiveOrganization(deps.db, organizationId);
  const before = await requireDomain(deps.db, organizationId, domainInput);
  const name = challengeName(before.domain);
  const answer = await deps.lookupTxt(name);
  const result = await deps.db
    .transaction()
    .execute(async (trx) => {
      const row = await lockDomain(trx, organizationId, before.domain);
      if (!row) throw new AppError("NOT_FOUND", { context: { about: "domain", id: before.domain } });
      return recordCheck(trx, { row, answer, now: deps.clock.now(), actor, scheduled: false });
    })
    .catch((error: unknown) => {
      // Another organization verified it in the same moment: the unique index decided.
      if (isUniqueViolation(error))
        throw new AppError("DOMAIN_TAKEN", { context: { domain: before.domain } });
      throw error;
    });
  if (result.present) return result.domain;
  if (result.takenBy) throw new AppError("DOMAIN_TAKEN", { context: { domain: before.domain } });
  if (answer.status === "unavailable") {
    throw new AppError("DNS_UNAVAILABLE", { context: { reason: answer.reason } });
  }
  throw new AppError("DOMAIN_NOT_VERIFIED", {
    context: { domain: before.domain },
    details: { name, value: before.challenge, ...foundOf(answer) },
  });
}
