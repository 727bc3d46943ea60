import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../src/clock.js";
import type { Db } from "../src/db/database.js";
import { matchOrganizations } from "../src/directory/match-organizations.js";
import { isAppError } from "../src/errors/app-error.js";
import { parseCompanyName } from "../src/matching/name-key.js";
import { createPublicProviderCheck } from "../src/matching/public-providers.js";
import { organizationSource } from "../src/vocabulary.js";
import { type MemoryDirectory, referenceMatch } from "./support/reference-matcher.js";
import { openTestDatabase, testEngines } from "./support/test-app.js";

const now = new Date("2026-11-24T09:00:00Z");
const day = 86_400_000;
const isPublicProvider = createPublicProviderCheck();

// Small pools, so that prefixes, domains and addresses collide often.
const names = [
  "Acme",
  "ACME Corp.",
  "Acme Consulting",
  "Acmex Srl",
  "Ac",
  "The Acme Group",
  "Ácme",
  "Beta",
  "Betamax GmbH",
  "IBM",
  "IBM Italia S.p.A.",
  "Ibmin",
  "Zeta",
];
const domains = ["acme.it", "mail.acme.it", "beta.de", "ibm.com", "acme.co.uk", "gmail.com", "libero.it"];
const locals = ["anna", "bruno", "carla", "dino", "eva", "franco", "gina", "ugo"];
const sources = organizationSource.options;
const verifiableDomains = ["acme.it", "beta.de", "ibm.com", "acme.co.uk"];
const domainStatuses = ["verified", "verified", "pending", "lapsed"] as const;
const statuses = ["active", "active", "suspended", "expired", "cancelled"] as const;

const directoryArbitrary = fc
  .record({
    organizations: fc.array(
      fc.record({
        name: fc.constantFrom(...names),
        kind: fc.constantFrom("customer" as const, "customer" as const, "partner" as const),
        source: fc.constantFrom(...sources),
        country: fc.constantFrom("IT", "DE", null),
        // Few distinct ages, so that ranking often comes down to age, then to id.
        ageDays: fc.constantFrom(3, 60, 200, 400, 800),
        deleted: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
        managedBy: fc.option(fc.nat(7), { nil: null }),
      }),
      { maxLength: 8 },
    ),
    users: fc.array(
      fc.record({
        organization: fc.nat(7),
        local: fc.constantFrom(...locals),
        domain: fc.oneof(
          { arbitrary: fc.constantFrom("acme.it", "mail.acme.it"), weight: 3 },
          { arbitrary: fc.constantFrom(...domains), weight: 2 },
        ),
        role: fc.constantFrom("full_admin" as const, "user" as const),
        activeDaysAgo: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
        name: fc.option(fc.constantFrom("Anna", "Bruno"), { nil: null }),
      }),
      { maxLength: 24 },
    ),
    subscriptions: fc.array(fc.record({ organization: fc.nat(7), status: fc.constantFrom(...statuses) }), {
      maxLength: 10,
    }),
    // Rule V: domains organizations proved (or tried to), often the administrators' own.
    domains: fc.array(
      fc.record({
        organization: fc.nat(7),
        domain: fc.constantFrom(...verifiableDomains),
        status: fc.constantFrom(...domainStatuses),
      }),
      { maxLength: 5 },
    ),
  })
  .map(({ organizations, users, subscriptions, domains }) => {
    const n = organizations.length;
    // E-mail addresses are unique system-wide: keep the first user of each address.
    const seen = new Set<string>();
    return {
      organizations: organizations.map((o, i) => ({
        ...o,
        managedBy:
          o.managedBy !== null &&
          n > 0 &&
          organizations[o.managedBy % n]?.kind === "partner" &&
          o.managedBy % n !== i
            ? o.managedBy % n
            : null,
      })),
      users:
        n === 0
          ? []
          : users
              .map((u) => ({ ...u, organization: u.organization % n, email: `${u.local}@${u.domain}` }))
              .filter((u) => !seen.has(u.email) && seen.add(u.email)),
      subscriptions: n === 0 ? [] : subscriptions.map((s) => ({ ...s, organization: s.organization % n })),
      // One row per organization and domain; at most one organization holds a domain verified.
      domains:
        n === 0
          ? []
          : domains
              .map((d) => ({ ...d, organization: d.organization % n }))
              .filter(
                (d, i, all) =>
                  all.findIndex((e) => e.organization === d.organization && e.domain === d.domain) === i &&
                  (d.status !== "verified" ||
                    all.findIndex((e) => e.domain === d.domain && e.status === "verified") === i),
              ),
    };
  });

type GeneratedDirectory = typeof directoryArbitrary extends fc.Arbitrary<infer T> ? T : never;

const inputArbitrary = (directory: GeneratedDirectory): fc.Arbitrary<MatchCase> =>
  fc.record({
    companyName: fc.oneof(fc.constantFrom(...names), fc.constantFrom("Acme S.p.A.", "acme", "Ibm", "!!!")),
    adminEmail: fc.oneof(
      // an address of the directory, in another case
      directory.users.length
        ? fc.constantFrom(...directory.users.map((u) => u.email.toUpperCase()))
        : fc.constant("new@acme.it"),
      fc.constantFrom(...domains, "acme.it", "acme.it").map((d) => `new.admin@${d}`),
      fc.constant("not-an-address"),
    ),
    kind: fc.constantFrom("customer" as const, "partner" as const),
    matchLimit: fc.constantFrom(1, 2, 3, 20),
    matchDomainOnly: fc.boolean(),
  });

type MatchCase = {
  companyName: string;
  adminEmail: string;
  kind: "customer" | "partner";
  matchLimit: number;
  matchDomainOnly: boolean;
};

class Rollback extends Error {}

describe.each(testEngines())("the database matcher on %s", (engine) => {
  let db: Db & { drop(): Promise<void> };
  beforeAll(async () => {
    db = await openTestDatabase(engine);
  });
  afterAll(() => db.drop());

  /** Writes the directory inside a transaction, matches there, and rolls everything back. */
  async function matchInDatabase(directory: GeneratedDirectory, input: MatchCase) {
    let outcome: unknown;
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        const ids: string[] = [];
        for (const o of directory.organizations) {
          const key = parseCompanyName(o.name);
          if (!key.ok) throw new Error(o.name);
          const row = await trx
            .insertInto("organizations")
            .values({
              name: key.value.name,
              name_key: key.value.nameKey,
              name_prefix: key.value.prefix,
              kind: o.kind,
              source: o.source,
              country: o.country,
              created_at: new Date(now.getTime() - o.ageDays * day),
              deleted_at: o.deleted ? now : null,
              managing_partner_id: o.managedBy === null ? null : (ids[o.managedBy] ?? null),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          ids.push(row.id);
        }
        // Partners named later than the customers they manage.
        for (const [i, o] of directory.organizations.entries()) {
          if (o.managedBy !== null && o.managedBy > i) {
            await trx
              .updateTable("organizations")
              .set({ managing_partner_id: ids[o.managedBy]! })
              .where("id", "=", ids[i]!)
              .execute();
          }
        }
        if (directory.users.length) {
          await trx
            .insertInto("users")
            .values(
              directory.users.map((u) => ({
                organization_id: ids[u.organization]!,
                email: u.email,
                email_domain: u.domain === "mail.acme.it" ? "acme.it" : u.domain,
                role: u.role,
                name: u.name,
                last_active_at:
                  u.activeDaysAgo === null ? null : new Date(now.getTime() - u.activeDaysAgo * day),
              })),
            )
            .execute();
        }
        if (directory.subscriptions.length) {
          await trx
            .insertInto("subscriptions")
            .values(
              directory.subscriptions.map((s) => ({
                organization_id: ids[s.organization]!,
                status: s.status,
                services: "[]",
              })),
            )
            .execute();
        }
        if (directory.domains.length) {
          await trx
            .insertInto("domain_verifications")
            .values(
              directory.domains.map((d) => ({
                organization_id: ids[d.organization]!,
                domain: d.domain,
                status: d.status,
                challenge: "provisio-verification=test",
                created_at: now,
              })),
            )
            .execute();
        }
        try {
          outcome = await matchOrganizations(
            {
              db: trx,
              clock: fixedClock(now),
              config: {
                matchLimit: input.matchLimit,
                matchDomainOnly: input.matchDomainOnly,
                activeMinUsers: 2,
                abandonedAfterDays: 365,
              },
              isPublicProvider,
            },
            input,
          );
        } catch (error) {
          if (!isAppError(error)) throw error;
          outcome = { error: error.code };
        }
        const memory: MemoryDirectory = {
          organizations: directory.organizations.map((o, i) => ({
            id: ids[i]!,
            name: o.name,
            kind: o.kind,
            source: o.source,
            country: o.country,
            createdAt: new Date(now.getTime() - o.ageDays * day),
            deleted: o.deleted,
            managingPartnerId: o.managedBy === null ? null : ids[o.managedBy]!,
          })),
          users: directory.users.map((u) => ({
            organizationId: ids[u.organization]!,
            email: u.email,
            name: u.name,
            role: u.role,
            lastActiveAt: u.activeDaysAgo === null ? null : new Date(now.getTime() - u.activeDaysAgo * day),
          })),
          subscriptions: directory.subscriptions.map((s) => ({
            organizationId: ids[s.organization]!,
            status: s.status,
          })),
          domains: directory.domains.map((d) => ({
            organizationId: ids[d.organization]!,
            domain: d.domain,
            status: d.status,
          })),
        };
        outcome = [outcome, memory];
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return outcome as [unknown, MemoryDirectory];
  }

  it("answers exactly what a brute-force reading of docs/matching.md answers, on random small directories", async () => {
    await fc.assert(
      fc.asyncProperty(
        directoryArbitrary.chain((directory) => fc.tuple(fc.constant(directory), inputArbitrary(directory))),
        async ([directory, input]) => {
          const [actual, memory] = await matchInDatabase(directory, input);
          const expected = referenceMatch(memory, input.companyName, input.adminEmail, {
            kind: input.kind,
            now,
            matchLimit: input.matchLimit,
            matchDomainOnly: input.matchDomainOnly,
            thresholds: { activeMinUsers: 2, abandonedAfterDays: 365, recentDays: 90 },
            isPublicProvider,
          });
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  }, 300_000);
});
