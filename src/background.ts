import type { Logger } from "pino";
import { expireAdminRequests } from "./admin-requests/expire-admin-requests.js";
import { remindAdminRequests } from "./admin-requests/remind-admin-requests.js";
import type { MaintenanceRound } from "./db/maintenance.js";
import type { Deps } from "./deps.js";
import { recheckDomains } from "./domains/recheck-domains.js";
import { webhooksChannel } from "./events/events.repository.js";
import { pruneOldEvents } from "./events/prune-events.js";
import { claimMail, deliverMessage, parallelSends } from "./mail/deliver-mail.js";
import type { Mailer } from "./mail/mailer.js";
import { expireInvitations } from "./orders/expire-invitations.js";
import { createQueueWorker } from "./queue/queue-worker.js";
import { type WebhookSender, webhookConcurrency } from "./webhooks/deliver-webhooks.js";

/**
 * The scheduled work every instance runs: housekeeping on a timer (links and requests past their
 * time expire, administrators are reminded of requests that expire soon, domains are re-checked in
 * DNS, old events are pruned, table statistics kept fresh where autovacuum does not run),
 * and the delivery queue's two workers, e-mails and webhooks
 * (src/queue/queue-worker.ts). A committed webhook delivery wakes the webhook worker at once
 * (LISTEN/NOTIFY); a queued e-mail wakes the mail worker (in process); the timer is the safety net.
 * Instances cooperate through row locks (SKIP LOCKED), never in memory.
 */
export type Background = {
  /** Housekeeping, then everything due delivered; answers when done (tests call it with a fixed clock). */
  runOnce(): Promise<void>;
  start(): void;
  /** Deliveries soon, instead of at the next tick: something was just queued. */
  wake(): void;
  stop(): Promise<void>;
};

// Old events are looked for at most this often per instance.
const pruneEveryMs = 60_000;
// Table statistics and dead rows are looked at this often where autovacuum does not run (src/db/maintenance.ts).
const maintainEveryMs = 10 * 60_000;

export function createBackground(
  deps: Deps & {
    mailer: Mailer;
    logger: Logger;
    webhooks: WebhookSender;
    listen: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
    /** VACUUM and ANALYZE where autovacuum does not run: the embedded database, or autovacuum off. */
    maintain: () => Promise<MaintenanceRound>;
  },
  options: { intervalMs: number },
): Background {
  const mail = createQueueWorker(
    {
      name: "mail",
      claim: (limit) => claimMail(deps, limit),
      deliver: async (message) => void (await deliverMessage(deps, message)),
      concurrency: parallelSends,
    },
    deps.logger,
  );
  const webhooks = createQueueWorker(
    { name: "webhooks", concurrency: webhookConcurrency, ...deps.webhooks },
    deps.logger,
  );
  let prunedAt = 0;
  let maintainedAt = Date.now();
  const housekeeping = async (force: boolean) => {
    await expireInvitations(deps);
    await expireAdminRequests(deps);
    await remindAdminRequests(deps);
    await recheckDomains(deps);
    if (force || Date.now() - prunedAt >= pruneEveryMs) {
      prunedAt = Date.now();
      await pruneOldEvents(deps);
    }
    if (Date.now() - maintainedAt >= maintainEveryMs) {
      maintainedAt = Date.now();
      const round = await deps.maintain();
      if (round.analyzed.length + round.vacuumed.length > 0) deps.logger.info(round, "tables maintained");
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let unlisten: Promise<() => Promise<void>> | undefined;

  const tick = () => {
    timer = undefined;
    if (stopped) return;
    running = housekeeping(false)
      .catch((error: unknown) => deps.logger.error({ err: error }, "background round failed"))
      .finally(() => {
        running = undefined;
        mail.wake();
        webhooks.wake();
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };

  return {
    async runOnce() {
      await housekeeping(true);
      await mail.drain();
      // After the e-mails: sending a link is an event (invitation.sent) that webhooks carry.
      await webhooks.drain();
    },
    start() {
      if (!stopped) return;
      stopped = false;
      mail.start();
      webhooks.start();
      unlisten = deps
        .listen(webhooksChannel, () => webhooks.wake())
        .catch((error: unknown) => {
          deps.logger.warn({ err: error }, "not listening for webhook deliveries: polling only");
          return async () => {};
        });
      timer = setTimeout(tick, 0);
    },
    wake() {
      mail.wake();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await (await unlisten)?.();
      await Promise.all([mail.stop(), webhooks.stop()]);
    },
  };
}
