import type { FastifyInstance } from "fastify";
import type { Clock } from "../clock.js";
import { AppError } from "../errors/app-error.js";

/** Unknown links (404) one address may ask for in a window before link routes answer 429. */
export const maxUnknownLinks = 30;
export const guessWindowMs = 10 * 60_000;
/** Beyond this many addresses tracked, expired windows are swept; the oldest go past twice as many. */
const sweepAbove = 10_000;
const maxTracked = 2 * sweepAbove;

/**
 * Link secrets have 256 bits: nobody guesses one. Still, a client that asks for many links that do
 * not exist is probing, and each probe costs a lookup and a log line. After `maxUnknownLinks` 404s
 * from one address in `guessWindowMs`, the link routes (wizard, approval page and their API) answer
 * 429 RATE_LIMITED to that address until its window ends. People who mistype a link now and then
 * never get there. Counted per instance, in memory: behind N instances a prober gets N times the budget.
 */
export function createLinkGuessLimit(clock: Clock) {
  const windows = new Map<string, { unknown: number; endsAt: number }>();

  const current = (address: string, now: number) => {
    const window = windows.get(address);
    return window && window.endsAt > now ? window : undefined;
  };

  return {
    /** Adds the check to every route of `scope`: refuse a blocked address first, count its 404s after. */
    guard(scope: FastifyInstance): void {
      scope.addHook("onRequest", async (request, reply) => {
        const now = clock.now().getTime();
        const window = current(request.ip, now);
        if (window && window.unknown >= maxUnknownLinks) {
          const retryAfterSeconds = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
          void reply.header("retry-after", String(retryAfterSeconds));
          throw new AppError("RATE_LIMITED", {
            context: { about: "linkGuessing", retryAfterSeconds },
            details: { retryAfterSeconds },
          });
        }
      });
      scope.addHook("onResponse", async (request, reply) => {
        if (reply.statusCode !== 404) return;
        const now = clock.now().getTime();
        const window = current(request.ip, now);
        if (window) window.unknown++;
        else {
          if (windows.size > sweepAbove) {
            for (const [address, w] of windows) if (w.endsAt <= now) windows.delete(address);
            // Many addresses at once: forget the oldest (a Map iterates in insertion order).
            for (const address of windows.keys()) {
              if (windows.size < maxTracked) break;
              windows.delete(address);
            }
          }
          windows.set(request.ip, { unknown: 1, endsAt: now + guessWindowMs });
        }
      });
    },
  };
}
