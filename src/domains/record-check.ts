import type { Transaction, Updateable } from "kysely";
import { type Actor, recordAudit } from "../audit/audit.repository.js";
import type { Database, DomainVerification, DomainVerificationTable } from "../db/schema.js";
import { recordEvent } from "../events/events.repository.js";
import { domainChecks, foundOf, publishes } from "./challenge.js";
import { findVerifiedHolder, updateDomain } from "./domains.repository.js";
import type { TxtAnswer } from "./txt-lookup.js";

export type CheckResult = {
  domain: DomainVerification;
  /** The record was published (and, for a domain not yet verified, nobody else holds it verified). */
  present: boolean;
  /** Another organization holds the domain verified: it cannot be verified here. */
  takenBy?: string;
};

/**
 * Applies one check's answer to a domain locked by the caller, by the rules of docs/api.md § Domains:
 * found → verified (event `domain.verified`) or still verified; not found → a pending domain waits
 * (until 72 hours after it was added: then `failed`), a verified one counts a miss (the third in a row
 * makes it `lapsed` and unclaimed: event `domain.lapsed`); DNS not answering changes nothing but the
 * next try. `scheduled`: the background's check, which moves the next one; a person's check does not.
 */
export async function recordCheck(
  trx: Transaction<Database>,
  input: { row: DomainVerification; answer: TxtAnswer; now: Date; actor: Actor; scheduled: boolean },
): Promise<CheckResult> {
  const { row, answer, now, actor, scheduled } = input;
  const at = (ms: number) => new Date(now.getTime() + ms);
  const change: Updateable<DomainVerificationTable> = {
    checked_at: now,
    found: JSON.stringify(foundOf(answer)),
  };
  const audit = (action: string, details: Record<string, unknown> = {}) =>
    recordAudit(trx, {
      at: now,
      actor,
      action,
      subject: { type: "organization", id: row.organization_id },
      details: { domain: row.domain, ...details },
    });
  const event = (type: "domain.verified" | "domain.lapsed") =>
    recordEvent(trx, {
      type,
      data: { organizationId: row.organization_id, domain: row.domain },
      occurredAt: now,
    });

  if (publishes(answer, row.challenge)) {
    if (row.status === "verified") {
      const domain = await updateDomain(trx, row.id, {
        ...change,
        missed_checks: 0,
        ...(scheduled ? { next_check_at: at(domainChecks.verifiedEveryMs) } : {}),
      });
      return { domain, present: true };
    }
    const holder = await findVerifiedHolder(trx, row.domain);
    if (holder && holder.organizationId !== row.organization_id) {
      const domain = await updateDomain(trx, row.id, {
        ...change,
        ...(scheduled ? pendingNext(row, now) : {}),
      });
      return { domain, present: false, takenBy: holder.organizationId };
    }
    const domain = await updateDomain(trx, row.id, {
      ...change,
      status: "verified",
      verified_at: now,
      missed_checks: 0,
      next_check_at: at(domainChecks.verifiedEveryMs),
    });
    await event("domain.verified");
    await audit("domain.verified", { previousStatus: row.status });
    return { domain, present: true };
  }

  if (answer.status === "unavailable") {
    const retry = row.next_check_at === null ? {} : { next_check_at: at(domainChecks.retryUnavailableMs) };
    const domain = await updateDomain(trx, row.id, { ...change, ...(scheduled ? retry : {}) });
    return { domain, present: false };
  }

  if (row.status === "verified") {
    const missed = row.missed_checks + 1;
    if (missed >= domainChecks.missesToLapse) {
      const domain = await updateDomain(trx, row.id, {
        ...change,
        status: "lapsed",
        claimed: false,
        missed_checks: missed,
        next_check_at: null,
      });
      await event("domain.lapsed");
      await audit("domain.lapsed", { missedChecks: missed, wasClaimed: row.claimed });
      return { domain, present: false };
    }
    const domain = await updateDomain(trx, row.id, {
      ...change,
      missed_checks: missed,
      ...(scheduled ? { next_check_at: at(domainChecks.verifiedEveryMs) } : {}),
    });
    await audit("domain.check_missed", { missedChecks: missed });
    return { domain, present: false };
  }

  const domain = await updateDomain(trx, row.id, { ...change, ...(scheduled ? pendingNext(row, now) : {}) });
  if (domain.status === "failed")
    await audit("domain.failed", { pendingHours: domainChecks.pendingForMs / 3_600_000 });
  return { domain, present: false };
}

/** A pending domain not found: looked at again within its 72 hours, `failed` after them. */
function pendingNext(row: DomainVerification, now: Date): Updateable<DomainVerificationTable> {
  if (row.status !== "pending") return {};
  const deadline = row.created_at.getTime() + domainChecks.pendingForMs;
  if (now.getTime() >= deadline) return { status: "failed", next_check_at: null };
  return { next_check_at: new Date(Math.min(now.getTime() + domainChecks.pendingEveryMs, deadline)) };
}
