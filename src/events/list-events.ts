import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { type FeedEvent, feedPage, findFeedPosition, prunedThrough } from "./events.repository.js";

export type EventPage = { events: FeedEvent[]; next: string | null };

// With a type filter, how many events one page may step over looking for matches.
const scanPerPage = 10_000;

/**
 * `GET /api/v1/events` (integration.md § 1): the events after `after`, oldest first. `next` is the last
 * event stepped over (handed out, or skipped by the type filter), so a reader that passes it back sees
 * every event once; the same `after` when nothing is new, null when there is no event yet at all.
 * An `after` that was pruned (older than EVENT_RETENTION_DAYS) is EVENTS_EXPIRED.
 */
export async function listEvents(
  deps: Pick<Deps, "db">,
  query: { after?: string | undefined; limit: number; types?: readonly string[] | undefined },
): Promise<EventPage> {
  // One statement finds `after` and reads on; only an empty page asks whether `after` exists at all.
  const rows = await feedPage(deps.db, {
    after: query.after,
    limit: query.types ? Math.max(query.limit, scanPerPage) : query.limit,
    types: query.types,
  });
  if (rows.length === 0 && query.after !== undefined) await positionOf(deps, query.after);
  const events = rows.filter((r) => r.match).slice(0, query.limit);
  const last = events.length === query.limit ? events.at(-1) : rows.at(-1);
  return {
    events: events.map(({ match: _, ...event }) => event),
    next: last?.id ?? query.after ?? null,
  };
}

/** Where `after` stands in the feed: VALIDATION_FAILED for no event, EVENTS_EXPIRED for a pruned one. */
export async function positionOf(deps: Pick<Deps, "db">, after: string, path = "querystring.after") {
  const position = await findFeedPosition(deps.db, after);
  if (position) return position;
  const pruned = await prunedThrough(deps.db);
  if (pruned !== undefined && BigInt(after) <= BigInt(pruned)) {
    throw new AppError("EVENTS_EXPIRED", { context: { id: after } });
  }
  throw new AppError("VALIDATION_FAILED", {
    context: { reason: `There is no event ${after}.` },
    details: [{ path, message: "is not the id of an event" }],
  });
}
