import type { Kysely, Transaction } from "kysely";
import { type AuditEntry, recordAudit } from "../audit/audit.repository.js";
import type { Database } from "../db/schema.js";
import { AppError } from "../errors/app-error.js";
import type { LinkState } from "./setup-link.js";

const HOUR_MS = 3_600_000;

/** The calls of a setup link that docs/matching.md § 5 counts: searches and decisions. */
export type LinkCall = "setup.match" | "setup.complete";

/** Where the rate window of a link's calls starts: an hour before `now`. */
export function callWindowStart(now: Date): Date {
  return new Date(now.getTime() - HOUR_MS);
}

/**
 * A setup link may make at most MATCH_RATE_PER_HOUR match and complete calls in any hour, refused or
 * not: what a link can learn by trying e-mails and organization ids is bounded, and every try is audited.
 * `link` counted its calls since `callWindowStart(now)` (openSetupLink with `countCallsSince`, or openSearchLink).
 */
export function requireCallAllowed(link: LinkState, options: { limit: number; now: Date }): void {
  const { now, limit } = options;
  const calls = link.calls;
  if (!calls) throw new Error("the link was opened without counting its calls");
  if (calls.count < limit || !calls.oldest) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((calls.oldest.getTime() + HOUR_MS - now.getTime()) / 1000));
  throw new AppError("RATE_LIMITED", {
    context: { about: "matchCalls", limit, retryAfterSeconds },
    details: { retryAfterSeconds },
  });
}

type Call = { action: LinkCall; now: Date; details: Record<string, unknown> };

/** The audit line of one call of the link (which is what the window counts). */
export function callAudit(link: LinkState, call: Call): AuditEntry {
  return {
    at: call.now,
    actor: `setup-link:${link.invitation.id}`,
    action: call.action,
    subject: { type: "invitation", id: link.invitation.id },
    orderId: link.order.id,
    details: call.details,
  };
}

/** Audits one call of the link. */
export async function recordCall(
  db: Kysely<Database> | Transaction<Database>,
  link: LinkState,
  call: Call,
): Promise<void> {
  await recordAudit(db, callAudit(link, call));
}
