import fc from "fast-check";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/database.js";
import { addSubscription } from "../src/directory/add-subscription.js";
import { addUser } from "../src/directory/add-user.js";
import { createOrganization } from "../src/directory/create-organization.js";
import { deleteOrganization } from "../src/directory/delete-organizations.js";
import { deleteUser } from "../src/directory/delete-user.js";
import type { DirectoryWrite } from "../src/directory/directory-deps.js";
import { importDirectory } from "../src/directory/import-directory.js";
import { matchOrganizations } from "../src/directory/match-organizations.js";
import { updateOrganization } from "../src/directory/update-organization.js";
import { updateSubscription } from "../src/directory/update-subscription.js";
import { updateUser } from "../src/directory/update-user.js";
import { isAppError } from "../src/errors/app-error.js";
import { createPublicProviderCheck } from "../src/matching/public-providers.js";
import { userRole } from "../src/vocabulary.js";
import { type MemoryDirectory, referenceMatch } from "./support/reference-matcher.js";
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

/** The directory as plain rows, for the brute-force matcher (which reads no stored count). */
async function memoryDirectory(db: Db): Promise<MemoryDirectory> {
  const organizations = await db.kysely.selectFrom("organizations").selectAll().orderBy("id").execute();
  const users = await db.kysely.selectFrom("users").selectAll().orderBy("id").execute();
  const subscriptions = await db.kysely
    .selectFrom("subscriptions")
    .select(["organization_id", "status"])
    .where("organization_id", "is not", null)
    .execute();
  return {
    organizations: organizations.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      source: o.source,
      country: o.country,
      createdAt: o.created_at,
      deleted: o.deleted_at !== null,
      managingPartnerId: o.managing_partner_id,
    })),
    users: users.map((u) => ({
      organizationId: u.organization_id,
      email: u.email,
      name: u.name,
      role: u.role,
      lastActiveAt: u.last_active_at,
    })),
    subscriptions: subscriptions.map((s) => ({
      organizationId: s.organization_id!,
      status: s.status as MemoryDirectory["subscriptions"][number]["status"],
    })),
    domains: (
      await db.kysely
        .selectFrom("domain_verifications")
        .select(["organization_id", "domain", "status"])
        .execute()
    ).map((d) => ({ organizationId: d.organization_id, domain: d.domain, status: d.status })),
  };
}

// Small pools, so that keys, prefixes and domains collide often.
const orgKeys = ["o1", "o2", "o3", "o4", "o5"];
const names = ["Acme", "Acme Consulting", "ACME S.p.A.", "Beta", "Zeta Srl", "The Acme Group", "Acmex"];
const emails = [
  "a@acme.it",
  "b@acme.it",
  "c@mail.acme.it",
  "d@beta.de",
  "e@gmail.com",
  "f@gmail.com",
  "g@zeta.it",
];
const subscriptionKeys = ["s1", "s2", "s3"];
const activity = ["2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "2025-01-01T00:00:00Z"];
const now = new Date("2026-11-24T09:00:00Z");

const org = fc.constantFrom(...orgKeys);
const email = fc.constantFrom(...emails);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const importLine = fc.oneof(
  fc.record({
    type: fc.constant("organization"),
    externalId: org,
    name: fc.constantFrom(...names),
    kind: fc.constantFrom("customer", "partner"),
    managingPartnerExternalId: optional(org),
    deletedAt: optional(fc.constant("2026-01-01T00:00:00Z")),
  }),
  fc.record({
    type: fc.constant("user"),
    organizationExternalId: org,
    email,
    role: fc.constantFrom(...userRole.options),
    lastActiveAt: optional(fc.constantFrom(...activity)),
  }),
  fc.record({
    type: fc.constant("subscription"),
    organizationExternalId: org,
    externalId: fc.constantFrom(...subscriptionKeys),
    status: fc.constantFrom("active", "expired", "suspended"),
    services: fc.constant([{ sku: "A", quantity: 1 }]),
  }),
  fc.record({ type: fc.constant("organization"), externalId: org, deleted: fc.constant(true) }),
  fc.record({ type: fc.constant("user"), email, deleted: fc.constant(true) }),
  fc.record({
    type: fc.constant("subscription"),
    externalId: fc.constantFrom(...subscriptionKeys),
    deleted: fc.constant(true),
  }),
);

/** One change through the API's use-cases or the import, as an integrator would make it. */
const operation = fc.oneof(
  fc.record({ op: fc.constant("import" as const), lines: fc.array(importLine, { maxLength: 10 }) }),
  fc.record({
    op: fc.constant("create" as const),
    key: org,
    name: fc.constantFrom(...names),
    kind: fc.constantFrom("customer" as const, "partner" as const),
  }),
  fc.record({ op: fc.constant("rename" as const), key: org, name: fc.constantFrom(...names) }),
  fc.record({ op: fc.constant("managedBy" as const), key: org, partner: fc.option(org, { nil: null }) }),
  fc.record({ op: fc.constant("deleteOrganization" as const), key: org }),
  fc.record({
    op: fc.constant("addUser" as const),
    key: org,
    email,
    role: fc.constantFrom(...userRole.options),
    lastActiveAt: optional(fc.constantFrom(...activity)),
  }),
  fc.record({ op: fc.constant("move" as const), email, to: org }),
  fc.record({ op: fc.constant("role" as const), email, role: fc.constantFrom(...userRole.options) }),
  fc.record({
    op: fc.constant("activity" as const),
    email,
    lastActiveAt: fc.option(fc.constantFrom(...activity), { nil: null }),
  }),
  fc.record({ op: fc.constant("deleteUser" as const), email }),
  fc.record({
    op: fc.constant("addSubscription" as const),
    key: org,
    externalId: fc.constantFrom(...subscriptionKeys),
    status: fc.constantFrom("active" as const, "expired" as const),
  }),
  fc.record({
    op: fc.constant("subscriptionStatus" as const),
    externalId: fc.constantFrom(...subscriptionKeys),
    status: fc.constantFrom("active" as const, "suspended" as const, "cancelled" as const),
  }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

const matchInput = fc.record({
  companyName: fc.constantFrom(...names, "Acme Italia", "Zeta"),
  adminEmail: fc.oneof(
    email.map((e) => e.toUpperCase()),
    fc.constantFrom("new@acme.it", "new@gmail.com", "new@zeta.it"),
  ),
  kind: fc.constantFrom("customer" as const, "partner" as const),
});

describe.each(testEngines())("stored directory counts on %s", (engine) => {
  let db: Db & { url?: string; drop(): Promise<void> };
  let write: DirectoryWrite;
  beforeAll(async () => {
    db = await openTestDatabase(engine);
    // Thousands of small transactions: waiting for each commit's disk flush would only measure the disk.
    if (db.url) {
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      await admin.query(`alter database "${new URL(db.url).pathname.slice(1)}" set synchronous_commit = off`);
      await admin.end();
    }
    write = {
      deps: { db: db.kysely, clock: fixedClock(now), config: loadConfig({}), mailQueued: () => {} },
      actor: "api",
    };
  });
  afterAll(() => db.drop());

  const idOf = async (table: "organizations" | "subscriptions", externalId: string) =>
    (await db.kysely.selectFrom(table).select("id").where("external_id", "=", externalId).executeTakeFirst())
      ?.id ?? "999999";
  const userOf = async (address: string) =>
    (await db.kysely.selectFrom("users").select("id").where("email", "=", address).executeTakeFirst())?.id ??
    "999999";
  const importLines = (lines: unknown[], batchSize?: number) =>
    importDirectory(
      write.deps,
      (async function* () {
        for (const line of lines) yield JSON.stringify(line);
      })(),
      batchSize ? { batchSize } : {},
    );

  /** Applies one change; the refusals the API answers with (404, 409, 400) are part of the game. */
  async function apply(o: Operation): Promise<void> {
    try {
      switch (o.op) {
        case "import":
          await importLines(o.lines, 3);
          return;
        case "create":
          await createOrganization(write, {
            name: o.name,
            kind: o.kind,
            source: "import",
            externalId: o.key,
          });
          return;
        case "rename":
          await updateOrganization(write, await idOf("organizations", o.key), { name: o.name });
          return;
        case "managedBy":
          await updateOrganization(write, await idOf("organizations", o.key), {
            managingPartnerId: o.partner === null ? null : await idOf("organizations", o.partner),
          });
          return;
        case "deleteOrganization":
          await deleteOrganization(write, await idOf("organizations", o.key));
          return;
        case "addUser":
          await addUser(write, await idOf("organizations", o.key), {
            email: o.email,
            role: o.role,
            ...(o.lastActiveAt ? { lastActiveAt: o.lastActiveAt } : {}),
          });
          return;
        case "move":
          await updateUser(write, await userOf(o.email), {
            organizationId: await idOf("organizations", o.to),
          });
          return;
        case "role":
          await updateUser(write, await userOf(o.email), { role: o.role });
          return;
        case "activity":
          await updateUser(write, await userOf(o.email), { lastActiveAt: o.lastActiveAt });
          return;
        case "deleteUser":
          await deleteUser(write, await userOf(o.email));
          return;
        case "addSubscription":
          await addSubscription(write, await idOf("organizations", o.key), {
            status: o.status,
            services: [{ sku: "A", quantity: 1 }],
            externalId: o.externalId,
          });
          return;
        case "subscriptionStatus":
          await updateSubscription(write, await idOf("subscriptions", o.externalId), { status: o.status });
          return;
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }

  it("stay exact through random creates, renames, moves, role changes, deletions and imports, and the match sees every change", async () => {
    const isPublicProvider = createPublicProviderCheck();
    const config = { matchLimit: 3, matchDomainOnly: true, activeMinUsers: 2, abandonedAfterDays: 365 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 1, maxLength: 6 }),
        fc.array(matchInput, { minLength: 1, maxLength: 2 }),
        async (operations, inputs) => {
          // Emptied statement by statement: TRUNCATE ... CASCADE reaches every table and costs more than a sequence.
          await sql`delete from subscriptions`.execute(db.kysely);
          await sql`delete from users`.execute(db.kysely);
          await sql`update organizations set managing_partner_id = null where managing_partner_id is not null`.execute(
            db.kysely,
          );
          await sql`delete from organizations`.execute(db.kysely);
          for (const o of operations) {
            await apply(o);
            // After every step: a later step must not hide an earlier mistake.
            expect(await countMismatches(db)).toEqual({ organizations: 0, organization_domains: 0 });
          }
          // A match right after the changes answers what a brute-force reading of the rows answers.
          const memory = await memoryDirectory(db);
          for (const input of inputs) {
            let actual: unknown;
            try {
              actual = await matchOrganizations(
                { db: db.kysely, clock: fixedClock(now), config, isPublicProvider },
                input,
              );
            } catch (error) {
              if (!isAppError(error)) throw error;
              actual = { error: error.code };
            }
            const expected = referenceMatch(memory, input.companyName, input.adminEmail, {
              kind: input.kind,
              now,
              matchLimit: config.matchLimit,
              matchDomainOnly: config.matchDomainOnly,
              thresholds: { activeMinUsers: 2, abandonedAfterDays: 365, recentDays: 90 },
              isPublicProvider,
            });
            expect(actual).toEqual(expected);
          }
        },
      ),
      { numRuns: 500 },
    );
  }, 600_000);

  it("the check itself notices a wrong count", async () => {
    await importLines([
      { type: "organization", externalId: "x", name: "Check", kind: "customer" },
      { type: "user", organizationExternalId: "x", email: "check@check.it", role: "user" },
    ]);
    await sql`update organization_domains set organization_users = organization_users + 1`.execute(db.kysely);
    expect((await countMismatches(db)).organization_domains).toBeGreaterThan(0);
  });
});
