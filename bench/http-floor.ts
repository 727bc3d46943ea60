/**
 * The floor of `npm run bench:http`: `node:http` and a `pg` pool, nothing else. It does the database
 * work of the two measured endpoints and no more: no framework, no schema validation, no
 * abstraction over the queries.
 *
 * - `POST /match/{token} {companyName, adminEmail}`: the statements of the service's match call: the
 *   link with its order and rate-limit window, the match statement (rules A, V, B and C: the service's
 *   SQL, compiled by Kysely's compiler) and the record of the search (the service's statement, which
 *   checks that the link did not change and writes the disclosures, the draft and the audit event).
 * - `POST /orders {orderNumber, provisioningContact, subscriptions…}`: the rows of an accepted order in
 *   one transaction, with the service's own SQL text: idempotency check, order, subscription,
 *   invitation, outbox row, audit event, and the `order.placed` event with its webhook fan-out.
 *
 * Run by bench/http.bench.ts as `tsx bench/http-floor.ts PORT DATABASE_URL`; `… serialize-events` takes a
 * lock held to commit before the event (the design the feed does not use; bench/events.bench.ts).
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from "kysely";
import pg from "pg";
import { recordAuditSql } from "../src/audit/audit.repository.js";
import type { Database } from "../src/db/schema.js";
import { sameDomainLimit } from "../src/directory/match-organizations.js";
import { candidatesStatement } from "../src/directory/matching.repository.js";
import { recordEventSql } from "../src/events/events.repository.js";
import { enqueueSql } from "../src/mail/outbox.repository.js";
import type { MatchResult } from "../src/matching/candidate.js";
import { parseEmail } from "../src/matching/email.js";
import { parseCompanyName } from "../src/matching/name-key.js";
import { createPublicProviderCheck } from "../src/matching/public-providers.js";
import {
  findOrderByNumberSql,
  insertInvitationSql,
  insertOrderSql,
  insertSubscriptionsSql,
} from "../src/orders/orders.repository.js";
import {
  readSearchLinkStatement,
  recordSearchStatement,
  searchLinkOf,
} from "../src/setup/setup.repository.js";
import type { SetupDraft } from "../src/setup/setup.schemas.js";

const [port, url, mode] = process.argv.slice(2);
const serializeEventWriters = mode === "serialize-events";
const pool = new pg.Pool({ connectionString: url, max: 10 });
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const isPublicProvider = createPublicProviderCheck();

/** The statements of the service's match call, in its order. */
async function match(token: string, body: { companyName: string; adminEmail: string }) {
  const company = parseCompanyName(body.companyName);
  const email = parseEmail(body.adminEmail);
  if (!company.ok || !email.ok) return { status: 400, json: { error: "invalid" } };
  const now = new Date();
  const since = new Date(now.getTime() - 3_600_000);
  const hash = createHash("sha256").update(token).digest();
  const read = readSearchLinkStatement(hash, since);
  const found = (await pool.query(read.sql, read.parameters as unknown[])).rows[0];
  if (!found) return { status: 404, json: { error: "not found" } };
  const link = searchLinkOf(found, hash, since);
  const statement = candidatesStatement({
    domain: email.value.registrableDomain,
    kind: "customer",
    prefix: company.value.prefix,
    nameKey: company.value.nameKey,
    limit: 20,
    sameDomainLimit: isPublicProvider(email.value.registrableDomain) ? 0 : sameDomainLimit,
    verified: !isPublicProvider(email.value.registrableDomain),
    email: email.value.email,
  }).compile(compiler);
  const { rows } = await pool.query(statement.sql, statement.parameters as unknown[]);
  const ids: string[] = rows.map((r) => r.id);
  const result: unknown =
    rows[0]?.rule === "A"
      ? { outcome: "existing", organization: rows[0] }
      : { outcome: rows.length ? "candidates" : "no_match", candidates: rows };
  const record = recordSearchStatement(link, {
    disclosed: ids,
    draft: body as SetupDraft,
    match: result as MatchResult,
    audit: {
      at: now,
      actor: `setup-link:${link.invitation.id}`,
      action: "setup.match",
      subject: { type: "invitation", id: link.invitation.id },
      orderId: link.order.id,
      details: { disclosedOrganizationIds: ids },
    },
  });
  await pool.query(record.sql, record.parameters as unknown[]);
  return { status: 200, json: result };
}

type OrderBody = {
  orderNumber: string;
  provisioningContact: { email: string; name?: string };
  locale: "it" | "en";
  subscriptions: { services: { sku: string; quantity: number }[]; termMonths?: number }[];
};

/** The service's intake statements (the same SQL text), in its order, in one transaction. */
async function placeOrder(body: OrderBody) {
  const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const now = new Date();
  const email = body.provisioningContact.email.toLowerCase();
  const client = await pool.connect();
  try {
    await client.query("begin");
    const existing = await client.query(findOrderByNumberSql, [body.orderNumber]);
    if (existing.rows.length) {
      await client.query("rollback");
      return { status: 200, json: { id: String(existing.rows[0].id) } };
    }
    const order = await client.query(insertOrderSql, [
      body.orderNumber,
      hash,
      "customer",
      null,
      "customer",
      "customer_self",
      body.locale,
      null,
      now,
      null,
    ]);
    const orderId = order.rows[0].id;
    await client.query(insertSubscriptionsSql(body.subscriptions.length), [
      orderId,
      now,
      ...body.subscriptions.flatMap((s) => [JSON.stringify(s.services), s.termMonths ?? null]),
    ]);
    const invitation = await client.query(insertInvitationSql, [
      orderId,
      "setup",
      email,
      body.provisioningContact.name ?? null,
      now,
      now,
    ]);
    await client.query(enqueueSql, [
      "setup_invitation",
      body.locale,
      email,
      JSON.stringify({ orderNumber: body.orderNumber }),
      invitation.rows[0].id,
      null,
      orderId,
      now,
      now,
      null,
    ]);
    await client.query(recordAuditSql, [
      now,
      "api",
      "order.placed",
      "order",
      String(orderId),
      orderId,
      JSON.stringify({ orderNumber: body.orderNumber }),
    ]);
    // The alternative to the feed's horizon, for comparison (bench:events): event writers serialized
    // by a lock held until commit, so that ids commit in order.
    if (serializeEventWriters) await client.query("select pg_advisory_xact_lock(1886549605)");
    await client.query(recordEventSql, [
      "order.placed",
      JSON.stringify({
        orderId: String(orderId),
        orderNumber: body.orderNumber,
        scenario: "customer_self",
        orderedBy: "customer",
        partnerOrganizationId: null,
        contactEmail: email,
      }),
      now,
    ]);
    await client.query("commit");
    return { status: 201, json: { id: String(orderId), status: "awaiting_setup" } };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function handle(request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const token = /^\/match\/([^/]+)$/.exec(request.url ?? "")?.[1];
  const answer = token ? await match(token, body) : await placeOrder(body);
  response.writeHead(answer.status, { "content-type": "application/json" });
  response.end(JSON.stringify(answer.json));
}

createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    response.writeHead(500).end(String(error));
  });
}).listen(Number(port), "127.0.0.1", () => console.log("floor ready"));
