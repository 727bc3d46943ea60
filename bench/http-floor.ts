/**
 * The floor of `npm run bench:http`: `node:http` and a `pg` pool, nothing else. It does the database
 * work of the two measured endpoints and no more: no framework, no schema validation, no link
 * lookup, no audit, no rate limit.
 *
 * - `POST /match {companyName, adminEmail}`: the match query: rule A's probe, then the rules B + C
 *   statement, the same SQL as the service (compiled by Kysely's compiler, run on the pool).
 * - `POST /orders {orderNumber, provisioningContact, subscriptions…}`: the rows of an accepted order in
 *   one transaction: idempotency check, order, subscription, invitation, outbox row, audit event.
 *
 * Run by bench/http.bench.ts as `tsx bench/http-floor.ts PORT DATABASE_URL`.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from "kysely";
import pg from "pg";
import type { Database } from "../src/db/schema.js";
import { parseEmail } from "../src/matching/email.js";
import { sameDomainLimit } from "../src/matching/match-organizations.js";
import { candidatesStatement, existingUserStatement } from "../src/matching/matching.repository.js";
import { parseCompanyName } from "../src/matching/name-key.js";
import { createPublicProviderCheck } from "../src/matching/public-providers.js";

const [port, url] = process.argv.slice(2);
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

async function match(body: { companyName: string; adminEmail: string }) {
  const company = parseCompanyName(body.companyName);
  const email = parseEmail(body.adminEmail);
  if (!company.ok || !email.ok) return { status: 400, json: { error: "invalid" } };
  const existing = existingUserStatement(email.value.email, email.value.registrableDomain).compile(compiler);
  const found = await pool.query(existing.sql, existing.parameters as unknown[]);
  if (found.rows.length > 0)
    return { status: 200, json: { outcome: "existing", organization: found.rows[0] } };
  const statement = candidatesStatement({
    domain: email.value.registrableDomain,
    kind: "customer",
    prefix: company.value.prefix,
    nameKey: company.value.nameKey,
    limit: 20,
    sameDomainLimit: isPublicProvider(email.value.registrableDomain) ? 0 : sameDomainLimit,
  }).compile(compiler);
  const { rows } = await pool.query(statement.sql, statement.parameters as unknown[]);
  return { status: 200, json: { outcome: rows.length ? "candidates" : "no_match", candidates: rows } };
}

type OrderBody = {
  orderNumber: string;
  provisioningContact: { email: string; name?: string };
  locale: "it" | "en";
  subscriptions: { services: { sku: string; quantity: number }[]; termMonths?: number }[];
};

async function placeOrder(body: OrderBody) {
  const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const now = new Date();
  const client = await pool.connect();
  try {
    await client.query("begin");
    const existing = await client.query("select id from orders where order_number = $1", [body.orderNumber]);
    if (existing.rows.length) {
      await client.query("rollback");
      return { status: 200, json: { id: String(existing.rows[0].id) } };
    }
    const order = await client.query(
      `insert into orders (order_number, request_hash, ordered_by, intended_use, scenario, status, locale, created_at, updated_at)
       values ($1, $2, 'customer', 'customer', 'customer_self', 'awaiting_setup', $3, $4, $4) returning id`,
      [body.orderNumber, hash, body.locale, now],
    );
    const orderId = order.rows[0].id;
    for (const s of body.subscriptions) {
      await client.query(
        `insert into subscriptions (status, services, term_months, order_id, created_at, updated_at)
         values ('awaiting_setup', $1, $2, $3, $4, $4)`,
        [JSON.stringify(s.services), s.termMonths ?? null, orderId, now],
      );
    }
    const invitation = await client.query(
      `insert into invitations (order_id, kind, contact_email, contact_name, status, send_at, created_at, updated_at)
       values ($1, 'setup', $2, $3, 'scheduled', $4, $4, $4) returning id`,
      [orderId, body.provisioningContact.email.toLowerCase(), body.provisioningContact.name ?? null, now],
    );
    await client.query(
      `insert into outbox_messages (template, locale, recipient, params, invitation_id, order_id, status, due_at, created_at, updated_at)
       values ('setup_invitation', $1, $2, $3, $4, $5, 'pending', $6, $6, $6)`,
      [
        body.locale,
        body.provisioningContact.email.toLowerCase(),
        JSON.stringify({ orderNumber: body.orderNumber }),
        invitation.rows[0].id,
        orderId,
        now,
      ],
    );
    await client.query(
      `insert into audit_events (at, actor, action, subject_type, subject_id, order_id, details)
       values ($1, 'api', 'order.placed', 'order', $2, $2, $3)`,
      [now, String(orderId), JSON.stringify({ orderNumber: body.orderNumber })],
    );
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
  const answer = request.url === "/match" ? await match(body) : await placeOrder(body);
  response.writeHead(answer.status, { "content-type": "application/json" });
  response.end(JSON.stringify(answer.json));
}

createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    response.writeHead(500).end(String(error));
  });
}).listen(Number(port), "127.0.0.1", () => console.log("floor ready"));
