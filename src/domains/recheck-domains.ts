import { isUniqueViolation } from "../db/errors.js";
import type { Deps } from "../deps.js";
import { challengeName } from "./challenge.js";
import { claimDueDomains, lockDomain } from "./domains.repository.js";
import { recordCheck } from "./record-check.js";
import { lookupLimitMs } from "./txt-lookup.js";

// Lookups run side by side (each bounded in time), a batch at a time.
const batch = 20;

/**
 * The background's domain checks (docs/api.md § Domains): pending domains hourly until 72 hours after
 * they were added, verified ones daily. Due rows are taken under a lease (another instance skips them),
 * looked up outside any transaction, then each answer is applied to its row under lock.
 */
export async function recheckDomains(deps: Pick<Deps, "db" | "clock" | "lookupTxt">): Promise<number> {
  let checked = 0;
  for (;;) {
    const due = await claimDueDomains(deps.db, deps.clock.now(), 10 * lookupLimitMs, batch);
    await Promise.all(
      due.map(async (claimed) => {
        const answer = await deps.lookupTxt(challengeName(claimed.domain));
        await deps.db
          .transaction()
          .execute(async (trx) => {
            const row = await lockDomain(trx, claimed.organization_id, claimed.domain);
            // Removed, or re-added meanwhile: nothing of this check applies.
            if (!row || row.id !== claimed.id) return;
            await recordCheck(trx, { row, answer, now: deps.clock.now(), actor: "system", scheduled: true });
          })
          .catch((error: unknown) => {
            // Another organization verified it in the same moment: the next check (after the lease) sees it.
            if (!isUniqueViolation(error)) throw error;
          });
      }),
    );
    checked += due.length;
    if (due.length < batch) return checked;
  }
}
