import type { FastifyInstance } from "fastify";
import type { Deps } from "../deps.js";
import { AppError } from "../errors/app-error.js";
import { hit, linkRequest } from "../limits/rate-limits.repository.js";

/** Unknown links (404) one address may ask for in a window before link routes answer 429… */
export const maxUnknownLinks = 30;
export const guessWindowMs = 10 * 60_000;
/** …and requests of any kind to link routes (pages and their API) one address may make in a window (LINK_REQUESTS_PER_ADDRESS). */
export const linkRequestWindowMs = 10 * 60_000;

/**
 * Link secrets have 256 bits: nobody guesses one. Still, a client that asks for many links that do
 * not exist is probing, and a client that asks for a valid page hundreds of times a minute is loading
 * the service. Per address, link routes (wizard, approval page and their API) answer 429 RATE_LIMITED
 * with Retry-After after `maxUnknownLinks` 404s in `guessWindowMs`, or after LINK_REQUESTS_PER_ADDRESS
 * requests in `linkRequestWindowMs` (0 turns that one off). People who mistype a link now and then
 * never get there. Counted in PostgreSQL, so the limits hold across instances; one statement per request.
 */
export function linkLimits(deps: Pick<Deps, "db" | "clock" | "config">) {
  const maxLinkRequests = deps.config.linkRequestsPerAddress;
  const refuse = (until: number, now: number): never => {
    const retryAfterSeconds = Math.max(1, Math.ceil((until - now) / 1000));
    throw new AppError("RATE_LIMITED", {
      context: { about: "linkGuessing", retryAfterSeconds },
      details: { retryAfterSeconds },
    });
  };
  return {
    /** Adds the limits to every route of `scope`: refuse an address over either limit first, count its 404s after. */
    guard(scope: FastifyInstance): void {
      scope.addHook("onRequest", async (request) => {
        const now = deps.clock.now();
        const seen = await linkRequest(
          deps.db,
          { viewKey: `link:${request.ip}`, unknownKey: `link-unknown:${request.ip}` },
          { now, viewWindowMs: linkRequestWindowMs, unknownWindowMs: guessWindowMs },
        );
        if (seen.unknown >= maxUnknownLinks && seen.unknownSince) {
          refuse(seen.unknownSince.getTime() + guessWindowMs, now.getTime());
        }
        if (maxLinkRequests > 0 && seen.views > maxLinkRequests)
          refuse(seen.viewsSince.getTime() + linkRequestWindowMs, now.getTime());
      });
      // Counted before the answer leaves, so the next request of the address already sees it.
      scope.addHook("onSend", async (request, reply, payload) => {
        if (reply.statusCode === 404) {
          await hit(deps.db, `link-unknown:${request.ip}`, {
            now: deps.clock.now(),
            windowMs: guessWindowMs,
          });
        }
        return payload;
      });
    },
  };
}
