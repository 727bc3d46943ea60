import type { Kysely, Transaction } from "kysely";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Database, OutboxMessage } from "../db/schema.js";
import { recordEvent } from "../events/events.repository.js";
import { mintApprovalLink, mintSetupLink } from "../links/links.repository.js";
import { maskEmail } from "../matching/email.js";
import type { Metrics } from "../metrics/metrics.js";
import type { Mailer } from "./mailer.js";
import { claimDueMessages, markCancelled, markFailed, markSent } from "./outbox.repository.js";
import { renderMail } from "./render-mail.js";
import { isTemplateName, type TemplateParams } from "./templates/index.js";
import type { MintedLink } from "./templates/template.js";

export type DeliveryDeps = {
  db: Kysely<Database>;
  clock: Clock;
  config: Pick<
    Config,
    "publicUrl" | "portalUrl" | "invitationTtlDays" | "mailMaxAttempts" | "mailRetrySeconds"
  >;
  mailer: Mailer;
  logger: Logger;
  metrics?: Pick<Metrics, "mailDeliveries">;
};

export type DeliveryResult = { sent: number; failed: number; dead: number; cancelled: number };

/** How long a claimed message is its worker's: far above every SMTP timeout (mailer.ts). */
export const leaseMs = 5 * 60_000;
const maxRetryDelayMs = 6 * 3_600_000;
/** E-mails in flight at once per worker: the SMTP pool's connections (mailer.ts). */
export const parallelSends = 4;
// How long a worker keeps trying to record a message it sent, well within its lease.
const recordSentForMs = 60_000;

/**
 * One round of the outbox worker: claims the due messages, mints the link each carries, renders it
 * in its locale and hands it to the mailer, then marks it sent, or schedules the retry with
 * exponential back-off, or marks it dead after MAIL_MAX_ATTEMPTS.
 */
export async function deliverDueMail(
  deps: DeliveryDeps,
  options: { limit?: number } = {},
): Promise<DeliveryResult> {
  const claimed = await claimDueMessages(deps.db, {
    now: deps.clock.now(),
    leaseMs,
    limit: options.limit ?? 50,
  });
  const result: DeliveryResult = { sent: 0, failed: 0, dead: 0, cancelled: 0 };
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) result[await deliverMessage(deps, claimed[next++]!)]++;
  };
  await Promise.all(Array.from({ length: Math.min(parallelSends, claimed.length) }, lane));
  return result;
}

/** Claims due messages for the background worker (src/queue/queue-worker.ts). */
export function claimMail(deps: Pick<DeliveryDeps, "db" | "clock">, limit: number): Promise<OutboxMessage[]> {
  return claimDueMessages(deps.db, { now: deps.clock.now(), leaseMs, limit });
}

/** Delivers one claimed message and records the outcome; never throws. */
export async function deliverMessage(
  deps: DeliveryDeps,
  message: OutboxMessage,
): Promise<keyof DeliveryResult> {
  const outcome = await deliver(deps, message);
  deps.metrics?.mailDeliveries.inc({ template: message.template, result: outcome });
  return outcome;
}

async function deliver(deps: DeliveryDeps, message: OutboxMessage): Promise<keyof DeliveryResult> {
  const { db, config, logger } = deps;
  const log = {
    outboxMessageId: message.id,
    template: message.template,
    to: maskEmail(message.recipient),
    attempt: message.attempts,
  };
  let linkExpiresAt: Date | undefined;
  try {
    const link = await db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      if (message.invitation_id) {
        const minted = await mintSetupLink(trx, message.invitation_id, {
          now,
          ttlDays: config.invitationTtlDays,
        });
        return "dead" in minted
          ? minted
          : toLink(`${config.publicUrl}/setup/${minted.token}`, minted.expiresAt);
      }
      if (message.approver_id) {
        const minted = await mintApprovalLink(trx, message.approver_id, { now });
        return "dead" in minted
          ? minted
          : toLink(`${config.publicUrl}/admin-requests/${minted.token}`, minted.expiresAt);
      }
      return undefined;
    });
    if (link && "dead" in link) {
      await markCancelled(db, message, deps.clock.now(), link.dead);
      logger.info({ ...log, reason: link.dead }, "e-mail not sent: its link died first");
      return "cancelled";
    }
    linkExpiresAt = link?.expiresAt;
    if (!isTemplateName(message.template)) throw new Error(`unknown template ${message.template}`);
    const rendered = renderMail(message.template, message.params as TemplateParams[typeof message.template], {
      locale: message.locale,
      timeZone: message.time_zone ?? "UTC",
      portalUrl: config.portalUrl,
      link,
    });
    await deps.mailer.send(
      { outboxMessageId: message.id, to: message.recipient, ...rendered },
      deps.clock.now(),
    );
  } catch (error) {
    const now = deps.clock.now();
    const last = message.attempts >= config.mailMaxAttempts;
    const delay = Math.min(config.mailRetrySeconds * 1000 * 2 ** (message.attempts - 1), maxRetryDelayMs);
    const retryAt = last ? null : new Date(now.getTime() + delay);
    const reason = describe(error);
    await markFailed(db, message, { now, error: reason, retryAt }).catch((e: unknown) =>
      logger.error({ ...log, err: e }, "could not record the failure of an e-mail"),
    );
    logger[last ? "error" : "warn"](
      { ...log, error: reason, retryAt },
      last ? "e-mail dead" : "e-mail failed",
    );
    return last ? "dead" : "failed";
  }
  // Sent: from here on a failure must not schedule a retry, which would send the e-mail twice.
  await recordSent(deps, message, linkExpiresAt, log);
  logger.info(log, "e-mail sent");
  return "sent";
}

/**
 * Marks a sent message sent, trying again while the database is away (a restart): the message stays
 * this worker's for its lease, and only a message left unrecorded would be sent again after it.
 * A setup, handover or resume link is now in the contact's hands: that is `invitation.sent`.
 */
async function recordSent(
  deps: DeliveryDeps,
  message: OutboxMessage,
  linkExpiresAt: Date | undefined,
  log: object,
): Promise<void> {
  const giveUpAt = Date.now() + recordSentForMs;
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      await deps.db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        if (!(await markSent(trx, message, now))) return;
        if (message.invitation_id) {
          await trx
            .updateTable("invitations")
            .set({ status: "sent", sent_at: now, updated_at: now })
            .where("id", "=", message.invitation_id)
            .where("status", "=", "scheduled")
            .execute();
          await recordInvitationSent(trx, message, message.invitation_id, linkExpiresAt, now);
        }
      });
      return;
    } catch (error) {
      if (Date.now() + pause > giveUpAt) {
        deps.logger.error({ ...log, err: error }, "e-mail sent but not recorded: it may be sent again");
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

async function recordInvitationSent(
  trx: Transaction<Database>,
  message: OutboxMessage,
  invitationId: string,
  expiresAt: Date | undefined,
  now: Date,
): Promise<void> {
  const invitation = await trx
    .selectFrom("invitations as i")
    .innerJoin("orders as o", "o.id", "i.order_id")
    .select(["i.order_id", "o.order_number", "i.contact_email", "i.expires_at"])
    .where("i.id", "=", invitationId)
    .executeTakeFirstOrThrow();
  const kind =
    message.template === "setup_invitation"
      ? "setup"
      : message.template === "handover_invitation"
        ? "handover"
        : "resume";
  await recordEvent(trx, {
    type: "invitation.sent",
    data: {
      orderId: invitation.order_id,
      orderNumber: invitation.order_number,
      invitationId,
      kind,
      contactEmail: invitation.contact_email,
      expiresAt: (expiresAt ?? invitation.expires_at ?? now).toISOString(),
    },
    occurredAt: now,
  });
}

function toLink(url: string, expiresAt: Date): MintedLink {
  return { url, expiresAt };
}

// What the mail server or the network said, short; never the message itself.
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${typeof code === "string" ? `${code}: ` : ""}${error.message}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}
