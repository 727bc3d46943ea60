import type { Kysely } from "kysely";
import { createTransport } from "nodemailer";
import type { Database } from "../db/schema.js";

/** One rendered outbox message on its way to the recipient. */
export type OutgoingMail = {
  outboxMessageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
};

/** Where e-mails go: a mail server, or the development mailbox. Injected, so tests choose. */
export type Mailer = {
  readonly kind: "smtp" | "dev-mailbox";
  /** Resolves once the server accepted the message; rejects when it did not. */
  send(mail: OutgoingMail, now: Date): Promise<void>;
  close(): Promise<void>;
};

/**
 * SMTP through a nodemailer pool. Every timeout is far below the outbox lease, so a send either ends
 * or fails while the row is still this worker's. The Message-ID is the outbox row's, the same on
 * every attempt, so a receiving server can recognise a retry of a message it already has.
 */
export function createSmtpMailer(options: { url: string; from: string; messageIdDomain: string }): Mailer {
  const transport = createTransport({
    url: options.url,
    pool: true,
    maxConnections: 4,
    // The outbox decides about retries: the pool must not resend a message on its own.
    maxRequeues: 0,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  return {
    kind: "smtp",
    async send(mail) {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<outbox-${mail.outboxMessageId}@${options.messageIdDomain}>`,
        headers: { "X-Provisio-Outbox-Id": mail.outboxMessageId },
      });
    },
    async close() {
      transport.close();
    },
  };
}

/** Without SMTP_URL: messages are kept in the database and shown at /dev/mailbox. */
export function createDevMailbox(db: Kysely<Database>): Mailer {
  return {
    kind: "dev-mailbox",
    async send(mail, now) {
      await db
        .insertInto("dev_mailbox")
        .values({
          outbox_message_id: mail.outboxMessageId,
          recipient: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          links: JSON.stringify(mail.links),
          created_at: now,
        })
        .execute();
    },
    async close() {},
  };
}
