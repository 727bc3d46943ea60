import type { Logger } from "pino";
import { expireAdminRequests } from "./admin-requests/expire-admin-requests.js";
import { remindAdminRequests } from "./admin-requests/remind-admin-requests.js";
import type { Deps } from "./deps.js";
import { deliverDueMail } from "./mail/deliver-mail.js";
import type { Mailer } from "./mail/mailer.js";
import { expireInvitations } from "./orders/expire-invitations.js";

/**
 * The scheduled work every instance runs: expire links and requests past their time, remind the
 * administrators of requests that expire soon, then deliver
 * the due e-mails. One indexed query per kind of work each round, whatever the number of orders
 * waiting for their date; instances cooperate through row locks (SKIP LOCKED), never in memory.
 */
export type Background = {
  /** One full round; answers when it is done (tests call it with a fixed clock). */
  runOnce(): Promise<void>;
  start(): void;
  /** A round soon, instead of at the next tick: something was just queued. */
  wake(): void;
  stop(): Promise<void>;
};

const batchSize = 50;

export function createBackground(
  deps: Deps & { mailer: Mailer; logger: Logger },
  options: { intervalMs: number },
): Background {
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  // Set by stop(): a round in progress ends after its current batch.
  let stopping = false;
  let again = false;

  const runOnce = async () => {
    await expireInvitations(deps);
    await expireAdminRequests(deps);
    await remindAdminRequests(deps);
    // Batch after batch while there is more due than one claim takes.
    for (;;) {
      const r = await deliverDueMail(deps, { limit: batchSize });
      if (r.sent + r.failed + r.dead + r.cancelled < batchSize || stopping) break;
    }
  };

  const tick = () => {
    timer = undefined;
    if (stopped || running) return;
    running = runOnce()
      .catch((error: unknown) => deps.logger.error({ err: error }, "background round failed"))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, again ? 0 : options.intervalMs);
        again = false;
      });
  };

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      stopping = false;
      timer = setTimeout(tick, 0);
    },
    wake() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
