import type { Logger } from "pino";

/** One kind of queued work: how to claim due rows and how to deliver one (recording its own outcome). */
export type QueueJob<Row> = {
  name: string;
  claim(limit: number): Promise<Row[]>;
  deliver(row: Row): Promise<unknown>;
  /** Rows in flight at once in this process. */
  concurrency: number;
  /** The last claim left due rows behind on purpose (a per-receiver limit): claim again when a row ends. */
  limited?: () => boolean;
  /** Finishes what `deliver` left running after it answered (recording outcomes). */
  flush?: () => Promise<void>;
  /** False while a claim could only find rows held back by the per-receiver limit (it would scan for nothing). */
  worthClaiming?: () => boolean;
  /** Told when new rows may be due (a notification, the tick): what `worthClaiming` knew is stale. */
  wake?: () => void;
};

/**
 * The delivery loop shared by e-mails and webhooks. Started, it keeps up to `concurrency` rows in
 * flight: it claims when woken (a commit was announced, or the safety-net tick) and whenever a row
 * finishes while more may be due, so one slow receiver holds one slot, not a whole batch.
 */
export type QueueWorker = {
  start(): void;
  /** Look for due rows now. */
  wake(): void;
  /** Delivers everything due, batch after batch, then answers (tests and `runOnce`). */
  drain(): Promise<void>;
  /** Stops claiming; answers once the rows in flight are done. */
  stop(): Promise<void>;
};

export function createQueueWorker<Row>(job: QueueJob<Row>, logger: Logger): QueueWorker {
  let started = false;
  let inFlight = 0;
  let pumping = false;
  let woken = false;
  // The last claim filled every free slot: more may be due as soon as a slot frees.
  let more = false;
  const running = new Set<Promise<unknown>>();
  // Set by wake(): the next claim is made even if the job said none was worth it.
  let fresh = false;

  const launch = (row: Row) => {
    inFlight++;
    const done = job
      .deliver(row)
      .catch((error: unknown) =>
        logger.error({ err: error, queue: job.name }, "delivery failed unexpectedly"),
      )
      .finally(() => {
        inFlight--;
        running.delete(done);
        if (more || woken) void pump();
      });
    running.add(done);
  };

  // Busy, it claims a few slots' worth at a time rather than one statement per freed slot.
  const minimumClaim = Math.max(1, Math.floor(job.concurrency / 4));
  const pump = async () => {
    if (pumping || !started) {
      woken = true;
      return;
    }
    pumping = true;
    try {
      do {
        woken = false;
        while (started && inFlight < job.concurrency) {
          const free = job.concurrency - inFlight;
          // New rows were announced: they may be for a receiver that is not held back.
          if (inFlight > 0 && (free < minimumClaim || (!fresh && !(job.worthClaiming?.() ?? true)))) break;
          fresh = false;
          const rows = await job.claim(free);
          more = rows.length === free || (job.limited?.() ?? false);
          for (const row of rows) launch(row);
          if (rows.length < free) break;
        }
      } while (woken && started && inFlight < job.concurrency);
    } catch (error) {
      // The database is away: the next tick or notification tries again.
      logger.warn({ err: error, queue: job.name }, "could not claim due rows");
    } finally {
      pumping = false;
    }
  };

  return {
    start() {
      started = true;
      void pump();
    },
    wake() {
      job.wake?.();
      fresh = true;
      void pump();
    },
    async drain() {
      for (;;) {
        const rows = await job.claim(job.concurrency);
        await Promise.all(
          rows.map((row) =>
            job
              .deliver(row)
              .catch((error: unknown) =>
                logger.error({ err: error, queue: job.name }, "delivery failed unexpectedly"),
              ),
          ),
        );
        // Short: nothing more is due, unless the job took fewer on purpose (the per-receiver limit).
        if (rows.length === 0 || (rows.length < job.concurrency && !(job.limited?.() ?? false))) break;
      }
      await job.flush?.();
    },
    async stop() {
      started = false;
      while (running.size > 0 || pumping)
        await Promise.race([...running, new Promise((r) => setTimeout(r, 10))]);
      await job.flush?.();
    },
  };
}
