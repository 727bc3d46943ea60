import type { Deps } from "../deps.js";
import { pruneEvents } from "./events.repository.js";

const DAY_MS = 86_400_000;
const batch = 5_000;

/**
 * Deletes events older than EVENT_RETENTION_DAYS, with their webhook deliveries, a batch per
 * transaction so that no lock is held for long. A reader whose `after` was pruned gets EVENTS_EXPIRED.
 */
export async function pruneOldEvents(deps: Pick<Deps, "db" | "clock" | "config">): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - deps.config.eventRetentionDays * DAY_MS);
  let pruned = 0;
  for (;;) {
    const n = await pruneEvents(deps.db, before, batch);
    pruned += n;
    if (n < batch) return pruned;
  }
}
