import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorization, startTestApp, type TestApp, testEngines } from "./support/test-app.js";

const ndjson = (records: unknown[]) =>
  records.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n");

describe.each(testEngines())("POST /api/v1/import on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(() => app.close());

  const importLines = (body: string, contentType = "application/x-ndjson") =>
    app.server.inject({
      method: "POST",
      url: "/api/v1/import",
      payload: body,
      headers: { ...authorization, "content-type": contentType },
    });
  const count = async (table: "organizations" | "users" | "subscriptions") =>
    Number(
      (
        await app.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const organizationByExternalId = (externalId: string) =>
    app.db.kysely
      .selectFrom("organizations")
      .selectAll()
      .where("external_id", "=", externalId)
      .executeTakeFirst();

  const directory = [
    {
      type: "organization",
      externalId: "p-1",
      name: "Nordic Cloud Partners AB",
      kind: "partner",
      source: "partner",
      country: "SE",
      createdAt: "2018-04-01",
    },
    {
      type: "organization",
      externalId: "c-1",
      name: "Acme S.p.A.",
      kind: "customer",
      source: "online",
      country: "IT",
      createdAt: "2020-01-15T10:00:00Z",
      managingPartnerExternalId: "p-1",
    },
    {
      type: "user",
      organizationExternalId: "c-1",
      email: "Mario.Rossi@Acme.IT",
      name: "Mario Rossi",
      role: "full_admin",
      lastActiveAt: "2026-11-20T08:00:00Z",
    },
    { type: "user", organizationExternalId: "c-1", email: "giulia@mail.acme.it", role: "user" },
    {
      type: "user",
      organizationExternalId: "p-1",
      email: "sven@nordiccloud.se",
      name: "Sven",
      role: "full_admin",
    },
    {
      type: "subscription",
      organizationExternalId: "c-1",
      externalId: "s-1",
      status: "active",
      services: [{ sku: "MEETINGS-ENT", quantity: 250 }],
      termMonths: 36,
    },
    {
      type: "subscription",
      organizationExternalId: "c-1",
      externalId: "s-2",
      status: "expired",
      services: [{ sku: "MEETINGS-STD", quantity: 10 }],
    },
  ];

  it("imports good lines into organizations, users and subscriptions", async () => {
    const response = await importLines(`${ndjson(directory)}\n`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      imported: { organizations: 2, users: 3, subscriptions: 2 },
      deleted: { organizations: 0, users: 0, subscriptions: 0 },
      errors: [],
      errorCount: 0,
    });

    const acme = await organizationByExternalId("c-1");
    const partner = await organizationByExternalId("p-1");
    expect(acme).toMatchObject({
      name: "Acme S.p.A.",
      name_key: "acme",
      name_prefix: "acme",
      kind: "customer",
      source: "online",
      country: "IT",
      managing_partner_id: partner!.id,
    });
    expect(acme!.created_at.toISOString()).toBe("2020-01-15T10:00:00.000Z");
    const users = await app.db.kysely
      .selectFrom("users")
      .select(["email", "email_domain", "role", "organization_id"])
      .where("organization_id", "=", acme!.id)
      .orderBy("email")
      .execute();
    expect(users).toEqual([
      { email: "giulia@mail.acme.it", email_domain: "acme.it", role: "user", organization_id: acme!.id },
      {
        email: "mario.rossi@acme.it",
        email_domain: "acme.it",
        role: "full_admin",
        organization_id: acme!.id,
      },
    ]);
    const subscriptions = await app.db.kysely
      .selectFrom("subscriptions")
      .select(["external_id", "status", "services", "term_months"])
      .where("organization_id", "=", acme!.id)
      .orderBy("external_id")
      .execute();
    expect(subscriptions).toEqual([
      {
        external_id: "s-1",
        status: "active",
        services: [{ sku: "MEETINGS-ENT", quantity: 250 }],
        term_months: 36,
      },
      {
        external_id: "s-2",
        status: "expired",
        services: [{ sku: "MEETINGS-STD", quantity: 10 }],
        term_months: null,
      },
    ]);
  });

  it("re-importing the same externalIds updates and never duplicates", async () => {
    const before = {
      organizations: await count("organizations"),
      users: await count("users"),
      subscriptions: await count("subscriptions"),
    };
    const changed = directory.map((r) =>
      r.type === "organization" && r.externalId === "c-1"
        ? { ...r, name: "Acme Italia S.p.A.", createdAt: undefined }
        : r.type === "subscription" && r.externalId === "s-2"
          ? { ...r, status: "active" }
          : r.type === "user" && r.email === "giulia@mail.acme.it"
            ? { ...r, role: "full_admin" }
            : r,
    );
    const response = await importLines(ndjson(changed));
    expect(response.json()).toMatchObject({
      imported: { organizations: 2, users: 3, subscriptions: 2 },
      errorCount: 0,
    });
    expect({
      organizations: await count("organizations"),
      users: await count("users"),
      subscriptions: await count("subscriptions"),
    }).toEqual(before);

    const acme = await organizationByExternalId("c-1");
    expect(acme).toMatchObject({ name: "Acme Italia S.p.A.", name_key: "acmeitalia", name_prefix: "acmei" });
    // No createdAt on the line: the stored date stays.
    expect(acme!.created_at.toISOString()).toBe("2020-01-15T10:00:00.000Z");
    const giulia = await app.db.kysely
      .selectFrom("users")
      .select("role")
      .where("email", "=", "giulia@mail.acme.it")
      .executeTakeFirstOrThrow();
    expect(giulia.role).toBe("full_admin");
    const s2 = await app.db.kysely
      .selectFrom("subscriptions")
      .select("status")
      .where("external_id", "=", "s-2")
      .executeTakeFirstOrThrow();
    expect(s2.status).toBe("active");
  });

  it("reports bad lines with their number and code, skips them and keeps the good ones", async () => {
    const lines = [
      { type: "organization", externalId: "good-1", name: "Brenner Logistik GmbH", kind: "customer" }, // 1
      "{not json", // 2
      { type: "organization", externalId: "bad-kind", name: "Nope", kind: "government" }, // 3
      { type: "organization", externalId: "bad-name", name: "!!!", kind: "customer" }, // 4
      { type: "user", organizationExternalId: "good-1", email: "anna@brenner.de", role: "full_admin" }, // 5
      { type: "user", organizationExternalId: "good-1", email: "not-an-address", role: "user" }, // 6
      { type: "user", organizationExternalId: "missing-org", email: "ghost@brenner.de", role: "user" }, // 7
      "", // 8: blank lines are skipped silently
      { type: "widget", externalId: "w" }, // 9
      {
        type: "subscription",
        organizationExternalId: "good-1",
        externalId: "sub-good-1",
        status: "active",
        services: [{ sku: "A", quantity: 3 }],
      }, // 10
      {
        type: "subscription",
        organizationExternalId: "good-1",
        status: "active",
        services: [{ sku: "A", quantity: 3 }],
      }, // 11: no externalId
      {
        type: "organization",
        externalId: "managed",
        name: "Managed",
        kind: "customer",
        managingPartnerExternalId: "good-1",
      }, // 12: not a partner
      "[1,2,3]", // 13
      '{"type":"user","organizationExternalId":"good-1","email":"x@brenner.de","role":"user","__proto__":{"polluted":true}}', // 14
    ];
    const response = await importLines(ndjson(lines));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.imported).toEqual({ organizations: 1, users: 2, subscriptions: 1 });
    expect(body.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [2, "VALIDATION_FAILED"],
      [3, "VALIDATION_FAILED"],
      [4, "INVALID_COMPANY_NAME"],
      [6, "INVALID_EMAIL"],
      [7, "ORGANIZATION_NOT_FOUND"],
      [9, "VALIDATION_FAILED"],
      [11, "VALIDATION_FAILED"],
      [12, "MANAGING_PARTNER_INVALID"],
      [13, "VALIDATION_FAILED"],
    ]);
    expect(body.errorCount).toBe(9);
    for (const error of body.errors) expect(error.message.length).toBeGreaterThan(5);
    expect(await organizationByExternalId("good-1")).toBeDefined();
    for (const bad of ["bad-kind", "bad-name", "managed"])
      expect(await organizationByExternalId(bad)).toBeUndefined();
    const emails = await app.db.kysely
      .selectFrom("users")
      .select("email")
      .where("email", "like", "%@brenner.de")
      .orderBy("email")
      .execute();
    expect(emails.map((u) => u.email)).toEqual(["anna@brenner.de", "x@brenner.de"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("repeated lines in one file: the last line for a key wins, written once", async () => {
    const response = await importLines(
      ndjson([
        { type: "organization", externalId: "rep-1", name: "Repeat One", kind: "customer" },
        {
          type: "user",
          organizationExternalId: "rep-1",
          email: "same@repeat.it",
          name: "First",
          role: "user",
        },
        { type: "organization", externalId: "rep-1", name: "Repeat One Srl", kind: "customer" },
        {
          type: "user",
          organizationExternalId: "rep-1",
          email: "SAME@repeat.it",
          name: "Second",
          role: "full_admin",
        },
      ]),
    );
    expect(response.json().errorCount).toBe(0);
    const rows = await app.db.kysely
      .selectFrom("users")
      .select(["name", "role"])
      .where("email", "=", "same@repeat.it")
      .execute();
    expect(rows).toEqual([{ name: "Second", role: "full_admin" }]);
    const orgs = await app.db.kysely
      .selectFrom("organizations")
      .select("name")
      .where("external_id", "=", "rep-1")
      .execute();
    expect(orgs).toEqual([{ name: "Repeat One Srl" }]);
  });

  it("moves a user imported into another organization (a user belongs to one organization)", async () => {
    await importLines(
      ndjson([
        { type: "organization", externalId: "mv-a", name: "Move From", kind: "customer" },
        { type: "organization", externalId: "mv-b", name: "Move To", kind: "customer" },
        { type: "user", organizationExternalId: "mv-a", email: "mover@move.it", role: "user" },
      ]),
    );
    await importLines(
      ndjson([{ type: "user", organizationExternalId: "mv-b", email: "mover@move.it", role: "user" }]),
    );
    const mover = await app.db.kysely
      .selectFrom("users")
      .select("organization_id")
      .where("email", "=", "mover@move.it")
      .execute();
    expect(mover).toEqual([{ organization_id: (await organizationByExternalId("mv-b"))!.id }]);
  });

  it("streams across batches: a partner is written before the customers it manages, members after their organization", async () => {
    const records: unknown[] = [];
    for (let i = 0; i < 12_000; i++) {
      if (i % 1000 === 0)
        records.push({
          type: "organization",
          externalId: `bulk-p-${i}`,
          name: `Bulk Partner ${i}`,
          kind: "partner",
        });
      records.push({
        type: "organization",
        externalId: `bulk-${i}`,
        name: `Bulk Customer ${i}`,
        kind: "customer",
        managingPartnerExternalId: `bulk-p-${i - (i % 1000)}`,
      });
      records.push({
        type: "user",
        organizationExternalId: `bulk-${i}`,
        email: `user${i}@bulk${i % 50}.example.com`,
        role: i % 2 ? "user" : "full_admin",
      });
    }
    const response = await importLines(ndjson(records));
    expect(response.json()).toMatchObject({
      imported: { organizations: 12_012, users: 12_000, subscriptions: 0 },
      errorCount: 0,
    });
    const managed = await app.db.kysely
      .selectFrom("organizations as c")
      .innerJoin("organizations as p", "p.id", "c.managing_partner_id")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("c.external_id", "like", "bulk-%")
      .where("p.kind", "=", "partner")
      .executeTakeFirstOrThrow();
    expect(Number(managed.n)).toBe(12_000);
  });

  it("caps the listed errors at 1,000 and counts them all", async () => {
    const response = await importLines(Array.from({ length: 1500 }, () => "nope").join("\n"));
    const body = response.json();
    expect(body.errorCount).toBe(1500);
    expect(body.errors).toHaveLength(1000);
    expect(body.errors[999].line).toBe(1000);
  });

  it.each(["application/json", "text/plain"])(
    "answers 415 UNSUPPORTED_MEDIA_TYPE for %s",
    async (contentType) => {
      const response = await importLines(JSON.stringify(directory[0]), contentType);
      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    },
  );

  it("answers 415 when there is no body at all", async () => {
    const response = await app.server.inject({
      method: "POST",
      url: "/api/v1/import",
      headers: authorization,
    });
    expect(response.statusCode).toBe(415);
  });
});
