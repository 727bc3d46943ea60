/**
 * One outbox worker round in a process of its own, for the test that kills a worker mid-send:
 * `tsx test/support/outbox-worker.ts DATABASE_URL SMTP_URL`.
 */
import pino from "pino";
import { systemClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/database.js";
import { deliverDueMail } from "../../src/mail/deliver-mail.js";
import { createSmtpMailer } from "../../src/mail/mailer.js";

const [databaseUrl, smtpUrl] = process.argv.slice(2);
const db = await openDatabase({ url: databaseUrl!, poolSize: 2 });
const config = loadConfig({ PUBLIC_URL: "http://provisio.test" });
const mailer = createSmtpMailer({ url: smtpUrl!, from: config.mailFrom, messageIdDomain: "provisio.test" });
console.log("claiming");
const result = await deliverDueMail({
  db: db.kysely,
  clock: systemClock,
  config,
  mailer,
  logger: pino({ level: "silent" }),
});
console.log(JSON.stringify(result));
await mailer.close();
await db.close();
