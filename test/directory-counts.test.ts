import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/database.js";
import { standaloneDirectoryDeps } from "../src/directory/directory-deps.js";
import { importDirectory } from "../src/directory/import-directory.js";
import { userRole } from "../src/vocabulary.js";
import { openTestDatabase, testEngines } from "./support/test-app.js";

/** Every stored count next to the same count computed from the rows; any difference is a bug. */
async function countMismatches(db: Db) {
  const stored = sql.raw(
    "od.organization_id, od.domain, od.domain_users, od.kind, od.name_prefix, od.name_key, od.live, od.active_subscriptions, od.organization_users, od.created_at",
  );
  const computed = sql.raw(
    "u.organization_id, u.email_domain, count(*)::int, o.kind, o.name_prefix, o.name_key, o.deleted_at is null, (select count(*)::int from subscriptions s where s.organization_id = o.id and s.status = 'active'), (select count(*)::int from users x where x.organization_id = o.id), o.created_at",
  );
  const fromUsers = sql.raw(
    "from users u join organizations o on o.id = u.organization_id group by u.organization_id, u.email_domain, o.id",
  );
  const { rows } = await sql<{ what: string; n: string }>`
    select 'organizations' as what, count(*)::text as n from organizations o
    where o.user_count <> (select count(*) from users u where u.organization_id = o.id)
       or o.active_subscription_count <> (select count(*) from subscriptions s where s.organization_id = o.id and s.status = 'active')
       or o.managed_customer_count <> (select count(*) from organizations c where c.managing_partner_id = o.id and c.deleted_at is null)
       or o.last_activity_at is distinct from (select max(u.last_active_at) from users u where u.organization_id = o.id)
    union all
    select 'organization_domains', count(*)::text from (
      (select ${stored} from organization_domains od except select ${computed} ${fromUsers})
      union all
      (select ${computed} ${fromUsers} except select ${stored} from organization_domains od)
    ) diff`.execute(db.kysely);
  return Object.fromEntries(rows.map((r) => [r.what, Number(r.n)]));
}

const orgKeys = ["o1", "o2", "o3", "o4", "o5"];
const names = ["Acme", "Acme Consulting", "Beta", "Zeta Srl", "The Acme Group"];
const emails = [
  "a@acme.it",
  "b@acme.it",
  "c@mail.acme.it",
  "d@beta.de",
  "e@gmail.com",
  "f@gmail.com",
  "g@zeta.it",
];

const operation = fc.oneof(
  fc.record({
    op: fc.constant("import" as const),
    lines: fc.array(
      fc.oneof(
        fc.record({
          type: fc.constant("organization"),
          externalId: fc.constantFrom(...orgKeys),
          name: fc.constantFrom(...names),
          kind: fc.constantFrom("customer", "partner"),
          managingPartnerExternalId: fc.option(fc.constantFrom(...orgKeys), { nil: undefined }),
          deletedAt: fc.option(fc.constant("2026-01-01T00:00:00Z"), { nil: undefined }),
        }),
        fc.record({
          type: fc.constant("user"),
          organizationExternalId: fc.constantFrom(...orgKeys),
          email: fc.constantFrom(...emails),
          role: fc.constantFrom(...userRole.options),
          lastActiveAt: fc.option(
            fc.constantFrom("2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "2025-01-01T00:00:00Z"),
            { nil: undefined },
          ),
        }),
        fc.record({
          type: fc.constant("subscription"),
          organizationExternalId: fc.constantFrom(...orgKeys),
          externalId: fc.constantFrom("s1", "s2", "s3"),
          status: fc.constantFrom("active", "expired", "suspended"),
          services: fc.constant([{ sku: "A", quantity: 1 }]),
        }),
      ),
      { maxLength: 12 },
    ),
  }),
  // A user moving: the same address imported into one organization, then (another import) into another.
  fc.record({
    op: fc.constant("move" as const),
    email: fc.constantFrom(...emails),
    from: fc.constantFrom(...orgKeys),
    to: fc.constantFrom(...orgKeys),
    lastActiveAt: fc.option(fc.constantFrom("2026-03-01T00:00:00Z", "2024-03-01T00:00:00Z"), {
      nil: undefined,
    }),
  }),
  fc.record({ op: fc.constant("deleteUser" as const), email: fc.constantFrom(...emails) }),
  fc.record({
    op: fc.constant("deleteSubscription" as const),
    externalId: fc.constantFrom("s1", "s2", "s3"),
  }),
  fc.record({ op: fc.constant("deleteAllUsersOf" as const), externalId: fc.constantFrom(...orgKeys) }),
);

describe.each(testEngines())("stored directory counts on %s", (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await openTestDatabase(engine);
  });
  afterAll(() => db.drop());

  const importLines = (lines: unknown[], batchSize?: number) =>
    importDirectory(
      standaloneDirectoryDeps(db.kysely, loadConfig({})),
      (async function* () {
        for (const line of lines) yield JSON.stringify(line);
      })(),
      batchSize ? { batchSize } : {},
    );

  it("stay exact through random imports, updates, moves and deletions", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (operations) => {
        await sql`truncate organizations, users, subscriptions, organization_domains restart identity cascade`.execute(
          db.kysely,
        );
        for (const o of operations) {
          if (o.op === "import") {
            await importLines(o.lines, 4);
          } else if (o.op === "move") {
            await importLines([
              { type: "organization", externalId: o.from, name: "Mover From", kind: "customer" },
              { type: "organization", externalId: o.to, name: "Mover To", kind: "customer" },
              {
                type: "user",
                organizationExternalId: o.from,
                email: o.email,
                role: "user",
                lastActiveAt: o.lastActiveAt,
              },
            ]);
            await importLines([{ type: "user", organizationExternalId: o.to, email: o.email, role: "user" }]);
          } else if (o.op === "deleteUser") {
            await db.kysely.deleteFrom("users").where("email", "=", o.email).execute();
          } else if (o.op === "deleteSubscription") {
            await db.kysely.deleteFrom("subscriptions").where("external_id", "=", o.externalId).execute();
          } else {
            await sql`delete from users where organization_id = (select id from organizations where external_id = ${o.externalId})`.execute(
              db.kysely,
            );
          }
          // After every step: a later step must not hide an earlier mistake.
          expect(await countMismatches(db)).toEqual({ organizations: 0, organization_domains: 0 });
        }
      }),
      { numRuns: 150 },
    );
  }, 300_000);

  it("the check itself notices a wrong count", async () => {
    await importLines([
      { type: "organization", externalId: "x", name: "Check", kind: "customer" },
      { type: "user", organizationExternalId: "x", email: "check@check.it", role: "user" },
    ]);
    await sql`update organization_domains set organization_users = organization_users + 1`.execute(db.kysely);
    expect((await countMismatches(db)).organization_domains).toBeGreaterThan(0);
  });
});
