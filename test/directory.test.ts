import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorization, startTestApp, type TestApp, testEngines } from "./support/test-app.js";

describe.each(testEngines())("directory API on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(() => app.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = authorization) =>
    app.server.inject({ method: "POST", url, payload: payload as object, headers });
  const get = (url: string, headers: Record<string, string> = authorization) =>
    app.server.inject({ method: "GET", url, headers });
  const createOrganization = async (body: Record<string, unknown>) => {
    const response = await post("/api/v1/organizations", body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  };

  describe("authentication", () => {
    const routes: [string, string][] = [
      ["POST", "/api/v1/organizations"],
      ["GET", "/api/v1/organizations/1"],
      ["POST", "/api/v1/organizations/1/users"],
      ["POST", "/api/v1/organizations/1/subscriptions"],
      ["POST", "/api/v1/import"],
    ];
    it.each(routes)(
      "%s %s answers 401 UNAUTHENTICATED without a token, with a wrong one, or another scheme",
      async (method, url) => {
        for (const headers of [
          {},
          { authorization: "Bearer wrong-token-0123456789" },
          { authorization: "Basic dXNlcjpwYXNz" },
        ]) {
          const response = await app.server.inject({ method: method as "GET" | "POST", url, headers });
          expect(response.statusCode).toBe(401);
          expect(response.json().error.code).toBe("UNAUTHENTICATED");
        }
      },
    );

    it("accepts any of several configured tokens", async () => {
      const other = await startTestApp(engine, {
        API_TOKENS: "first-token-0123456789,second-token-0123456789",
      });
      try {
        for (const token of ["first-token-0123456789", "second-token-0123456789"]) {
          const response = await other.server.inject({
            method: "GET",
            url: "/api/v1/organizations/999",
            headers: { authorization: `Bearer ${token}` },
          });
          expect(response.json().error.code).toBe("NOT_FOUND");
        }
      } finally {
        await other.close();
      }
    });
  });

  describe("POST /api/v1/organizations", () => {
    it("creates an organization with its name key and prefix stored", async () => {
      const response = await post("/api/v1/organizations", {
        name: "  IBM Italia S.p.A. ",
        kind: "customer",
        source: "online",
        country: "it",
        createdAt: "2019-03-01T10:00:00Z",
        externalId: "crm-ibm-it",
      });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({
        name: "IBM Italia S.p.A.",
        nameKey: "ibmitalia",
        kind: "customer",
        source: "online",
        country: "IT",
        externalId: "crm-ibm-it",
        createdAt: "2019-03-01T10:00:00.000Z",
        managingPartnerId: null,
      });
      const row = await app.db.kysely
        .selectFrom("organizations")
        .selectAll()
        .where("id", "=", body.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        name_key: "ibmitalia",
        name_prefix: "ibmit",
        kind: "customer",
        country: "IT",
      });
    });

    it("defaults source to import and createdAt to now", async () => {
      const id = await createOrganization({ name: "Default Source Srl", kind: "partner" });
      const row = await app.db.kysely
        .selectFrom("organizations")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.source).toBe("import");
      expect(Math.abs(row.created_at.getTime() - Date.now())).toBeLessThan(60_000);
    });

    it("links a managing partner, and refuses one that is not a partner organization", async () => {
      const partner = await createOrganization({ name: "Reseller One", kind: "partner" });
      const customer = await createOrganization({
        name: "Managed Customer",
        kind: "customer",
        managingPartnerId: partner,
      });
      expect((await get(`/api/v1/organizations/${customer}`)).json().managingPartnerId).toBe(partner);

      for (const managingPartnerId of [customer, "987654321"]) {
        const response = await post("/api/v1/organizations", {
          name: "Bad Link",
          kind: "customer",
          managingPartnerId,
        });
        expect(response.statusCode).toBe(409);
        expect(response.json().error.code).toBe("MANAGING_PARTNER_INVALID");
      }
      const count = await app.db.kysely
        .selectFrom("organizations")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("name", "=", "Bad Link")
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    });

    it("answers 400 VALIDATION_FAILED listing each bad field", async () => {
      const response = await post("/api/v1/organizations", {
        name: "X",
        kind: "government",
        country: "Italy",
        createdAt: "yesterday",
      });
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe("VALIDATION_FAILED");
      const paths = error.details.map((d: { path: string }) => d.path).sort();
      expect(paths).toEqual(["body.country", "body.createdAt", "body.kind"]);
    });

    it("answers 400 INVALID_COMPANY_NAME for a name without letters or digits, and stores nothing", async () => {
      for (const name of ["!!!", "   ", "x".repeat(201), "Acme\u0000Corp"]) {
        const response = await post("/api/v1/organizations", {
          name,
          kind: "customer",
          externalId: `bad-name-${name.length}`,
        });
        expect(response.statusCode, name).toBe(400);
        expect(response.json().error.code).toBe("INVALID_COMPANY_NAME");
      }
      const rows = await app.db.kysely
        .selectFrom("organizations")
        .select("id")
        .where("external_id", "like", "bad-name-%")
        .execute();
      expect(rows).toEqual([]);
    });

    it("answers 409 EXTERNAL_ID_IN_USE for a second organization with the same externalId", async () => {
      await createOrganization({ name: "First", kind: "customer", externalId: "dup-ext" });
      const response = await post("/api/v1/organizations", {
        name: "Second",
        kind: "customer",
        externalId: "dup-ext",
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe("EXTERNAL_ID_IN_USE");
    });
  });

  describe("GET /api/v1/organizations/{id}", () => {
    it("answers the organization with its counts and full administrators", async () => {
      const id = await createOrganization({ name: "Counted Spa", kind: "customer" });
      await post(`/api/v1/organizations/${id}/users`, {
        email: "Boss@Counted.it",
        name: "Boss",
        role: "full_admin",
      });
      await post(`/api/v1/organizations/${id}/users`, { email: "worker@counted.it", role: "user" });
      for (const status of ["active", "active", "expired"]) {
        await post(`/api/v1/organizations/${id}/subscriptions`, {
          status,
          services: [{ sku: "MEET", quantity: 5 }],
        });
      }
      const response = await get(`/api/v1/organizations/${id}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id,
        name: "Counted Spa",
        stats: { users: 2, activeSubscriptions: 2 },
        fullAdmins: [{ name: "Boss", email: "boss@counted.it" }],
      });
    });

    it.each(["999999", "abc", "0", "1e3", "-1", "99999999999999999999999"])(
      "answers 404 NOT_FOUND for id %s",
      async (id) => {
        const response = await get(`/api/v1/organizations/${id}`);
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe("NOT_FOUND");
      },
    );
  });

  describe("POST /api/v1/organizations/{id}/users", () => {
    it("stores the normalized e-mail and its registrable domain", async () => {
      const id = await createOrganization({ name: "Mail Normal", kind: "customer" });
      const response = await post(`/api/v1/organizations/${id}/users`, {
        email: " Anna@Mail.Bücher.co.uk ",
        name: "Anna",
        role: "user",
        lastActiveAt: "2026-11-01T08:00:00Z",
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        organizationId: id,
        email: "anna@mail.xn--bcher-kva.co.uk",
        role: "user",
      });
      const row = await app.db.kysely
        .selectFrom("users")
        .selectAll()
        .where("id", "=", response.json().id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        email: "anna@mail.xn--bcher-kva.co.uk",
        email_domain: "xn--bcher-kva.co.uk",
        organization_id: id,
      });
    });

    it("answers 409 EMAIL_IN_USE when the address is a user anywhere, whatever its case", async () => {
      const first = await createOrganization({ name: "Owner Org", kind: "customer" });
      const second = await createOrganization({ name: "Other Org", kind: "customer" });
      expect(
        (await post(`/api/v1/organizations/${first}/users`, { email: "taken@owner.it", role: "user" }))
          .statusCode,
      ).toBe(201);
      for (const [org, email] of [
        [first, "taken@owner.it"],
        [second, "TAKEN@Owner.IT"],
      ]) {
        const response = await post(`/api/v1/organizations/${org}/users`, { email, role: "full_admin" });
        expect(response.statusCode).toBe(409);
        expect(response.json().error.code).toBe("EMAIL_IN_USE");
      }
      const rows = await app.db.kysely
        .selectFrom("users")
        .select(["organization_id", "role"])
        .where("email", "=", "taken@owner.it")
        .execute();
      expect(rows).toEqual([{ organization_id: first, role: "user" }]);
    });

    it("answers 400 INVALID_EMAIL with a readable message", async () => {
      const id = await createOrganization({ name: "Bad Mail", kind: "customer" });
      for (const email of [
        "no-at-sign",
        "a@localhost",
        "a@co.uk",
        "a..b@acme.com",
        "a@acme.com\r\nBcc: x@y.com",
      ]) {
        const response = await post(`/api/v1/organizations/${id}/users`, { email, role: "user" });
        expect(response.statusCode, email).toBe(400);
        expect(response.json().error.code).toBe("INVALID_EMAIL");
        expect(response.json().error.message.length).toBeGreaterThan(10);
      }
    });

    it("answers 400 VALIDATION_FAILED for a bad role and 404 for an unknown organization", async () => {
      const id = await createOrganization({ name: "Roles", kind: "customer" });
      const bad = await post(`/api/v1/organizations/${id}/users`, { email: "x@roles.it", role: "owner" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details).toEqual([expect.objectContaining({ path: "body.role" })]);
      const missing = await post("/api/v1/organizations/888888/users", { email: "x@roles.it", role: "user" });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe("NOT_FOUND");
    });
  });

  describe("POST /api/v1/organizations/{id}/subscriptions", () => {
    it("stores an existing subscription", async () => {
      const id = await createOrganization({ name: "Subscribed", kind: "customer" });
      const response = await post(`/api/v1/organizations/${id}/subscriptions`, {
        status: "suspended",
        services: [{ sku: "MEETINGS-ENT", quantity: 250 }],
        externalId: "sub-ext-1",
        termMonths: 36,
      });
      expect(response.statusCode).toBe(201);
      const row = await app.db.kysely
        .selectFrom("subscriptions")
        .selectAll()
        .where("id", "=", response.json().id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        organization_id: id,
        status: "suspended",
        services: [{ sku: "MEETINGS-ENT", quantity: 250 }],
        external_id: "sub-ext-1",
        term_months: 36,
      });
      const again = await post(`/api/v1/organizations/${id}/subscriptions`, {
        status: "active",
        services: [{ sku: "X", quantity: 1 }],
        externalId: "sub-ext-1",
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("EXTERNAL_ID_IN_USE");
    });

    it.each([
      [{ status: "awaiting_setup", services: [{ sku: "A", quantity: 1 }] }, "body.status"],
      [{ status: "active", services: [] }, "body.services"],
      [{ status: "active", services: [{ sku: "A", quantity: 0 }] }, "body.services.0.quantity"],
      [{ status: "active", services: [{ sku: "A", quantity: 1.5 }] }, "body.services.0.quantity"],
      [{ status: "active", services: [{ quantity: 1 }] }, "body.services.0.sku"],
    ])("answers 400 VALIDATION_FAILED for %j", async (body, path) => {
      const id = await createOrganization({ name: "Sub Validation", kind: "customer" });
      const response = await post(`/api/v1/organizations/${id}/subscriptions`, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: "VALIDATION_FAILED",
        details: [expect.objectContaining({ path })],
      });
      const rows = await app.db.kysely
        .selectFrom("subscriptions")
        .select("id")
        .where("organization_id", "=", id)
        .execute();
      expect(rows).toEqual([]);
    });
  });

  describe("bodies", () => {
    it("answers 413 PAYLOAD_TOO_LARGE above 1 MiB", async () => {
      const response = await post("/api/v1/organizations", {
        name: "x".repeat(1024 * 1024),
        kind: "customer",
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe("PAYLOAD_TOO_LARGE");
    });

    it.each([
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/xml",
      "multipart/form-data; boundary=x",
    ])("answers 415 UNSUPPORTED_MEDIA_TYPE for %s", async (contentType) => {
      const response = await app.server.inject({
        method: "POST",
        url: "/api/v1/organizations",
        payload: "name=Acme&kind=customer",
        headers: { ...authorization, "content-type": contentType },
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    });

    it.each([
      ["malformed JSON", '{"name": "Acme",'],
      ["a JSON string", '"Acme"'],
      ["prototype pollution", '{"name":"Acme","kind":"customer","__proto__":{"admin":true}}'],
      [
        "constructor pollution",
        '{"name":"Acme","kind":"customer","constructor":{"prototype":{"admin":true}}}',
      ],
    ])("answers 400 VALIDATION_FAILED for %s", async (_label, payload) => {
      const response = await app.server.inject({
        method: "POST",
        url: "/api/v1/organizations",
        payload,
        headers: { ...authorization, "content-type": "application/json" },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe("VALIDATION_FAILED");
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it("answers 404 NOT_FOUND in the error envelope for unknown routes", async () => {
      const response = await get("/api/v1/nothing-here");
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe("NOT_FOUND");
    });
  });

  describe("operations", () => {
    it("answers /healthz and /readyz", async () => {
      expect((await get("/healthz", {})).json()).toEqual({ status: "ok" });
      const ready = await get("/readyz", {});
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: "ready" });
    });

    it("/readyz answers 503 when migrations are missing", async () => {
      await sql`update schema_migrations set version = -version`.execute(app.db.kysely);
      try {
        const response = await get("/readyz", {});
        expect(response.statusCode).toBe(503);
      } finally {
        await sql`update schema_migrations set version = -version`.execute(app.db.kysely);
      }
    });

    it("publishes an OpenAPI 3.1 document of every directory route, and /docs", async () => {
      const doc = (await get("/openapi.json", {})).json();
      expect(doc.openapi).toBe("3.1.0");
      for (const path of [
        "/api/v1/organizations",
        "/api/v1/organizations/{id}",
        "/api/v1/organizations/{id}/users",
        "/api/v1/organizations/{id}/subscriptions",
        "/api/v1/import",
      ]) {
        expect(Object.keys(doc.paths)).toContain(path);
      }
      const body = doc.paths["/api/v1/organizations"].post.requestBody.content["application/json"].schema;
      expect(body).toEqual({ $ref: "#/components/schemas/NewOrganization" });
      expect(doc.components.schemas.NewOrganization.properties).toHaveProperty("kind");
      const docs = await app.server.inject({ method: "GET", url: "/docs/" });
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toContain("swagger");
    });

    it("echoes a request id and never logs the API token", async () => {
      const response = await app.server.inject({
        method: "GET",
        url: "/api/v1/organizations/1",
        headers: { ...authorization, "x-request-id": "req-42" },
      });
      expect(response.headers["x-request-id"]).toBe("req-42");
      expect(app.logs.join("")).toContain("req-42");
      expect(app.logs.join("")).not.toContain("test-api-token");
    });
  });
});
