import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchOrganizations } from "../src/directory/match-organizations.js";
import {
  addOrganization,
  approvalMailedTo,
  chooseExisting,
  orderWithLink,
  unique,
} from "./support/directory.js";
import { mailbox } from "./support/http.js";
import { apiToken, startTestApp, type TestApp, testEngines } from "./support/test-app.js";

const erpToken = "erp:erp-token-0123456789abcdef";
const erp = { authorization: "Bearer erp-token-0123456789abcdef" };
const plain = { authorization: "Bearer plain-token-0123456789abcdef" };

describe.each(testEngines())("directory sync API on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(engine, { API_TOKENS: `${apiToken},plain-token-0123456789abcdef,${erpToken}` });
  });
  afterAll(() => app.close());

  const call = async (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) => {
    const response = await app.server.inject({
      method,
      url,
      headers: erp,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return {
      status: response.statusCode,
      body: response.body,
      // biome-ignore lint/suspicious/noExplicitAny: tests read answers whose shape they assert
      json: <T = any>() => response.json<T>(),
      code: () => (response.json() as { error?: { code?: string } }).error?.code,
    };
  };
  const createOrganization = async (body: Record<string, unknown>) => {
    const response = await call("POST", "/api/v1/organizations", body);
    expect(response.status, response.body).toBe(201);
    return response.json<{ id: string; name: string }>().id;
  };
  const addUser = async (organizationId: string, email: string, role = "user") => {
    const response = await call("POST", `/api/v1/organizations/${organizationId}/users`, { email, role });
    expect(response.status, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  };
  const organizationRow = (id: string) =>
    app.db.kysely.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const domainRows = (organizationId: string) =>
    app.db.kysely
      .selectFrom("organization_domains")
      .select(["domain", "domain_users", "name_prefix", "live"])
      .where("organization_id", "=", organizationId)
      .orderBy("domain")
      .execute();
  const auditOf = (subjectId: string) =>
    app.db.kysely
      .selectFrom("audit_events")
      .select(["actor", "action", "details"])
      .where("subject_id", "=", subjectId)
      .orderBy("id")
      .execute();
  const match = (companyName: string, adminEmail: string) =>
    matchOrganizations(app.deps, { companyName, adminEmail, kind: "customer" });
  /** Every page of a listing, following `next`; inserting between pages when asked. */
  const allPages = async (query: string, between?: (page: number) => Promise<void>) => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const response = await call(
        "GET",
        `/api/v1/organizations?${query}${after ? `&after=${encodeURIComponent(after)}` : ""}`,
      );
      expect(response.status, response.body).toBe(200);
      const body = response.json<{ organizations: { id: string }[]; next: string | null }>();
      ids.push(...body.organizations.map((o) => o.id));
      after = body.next;
      if (after === null) return ids;
      await between?.(page);
    }
    throw new Error("more than 100 pages");
  };

  describe("GET /api/v1/organizations", () => {
    it("pages by id with a cursor that stays stable while organizations are inserted, next null at the end", async () => {
      const marker = unique("page");
      const first = [];
      for (let i = 0; i < 5; i++)
        first.push(await createOrganization({ name: `Pager ${i}`, kind: "customer" }));
      const inserted: string[] = [];
      const ids = await allPages("limit=2", async () => {
        inserted.push(await createOrganization({ name: `Late ${marker}`, kind: "customer" }));
      });
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of [...first, ...inserted]) expect(ids).toContain(id);
      expect(ids).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
    });

    it("lists by registrable domain (any case, any subdomain) the live organizations with users there, in id order", async () => {
      const domain = `${unique("dom")}.it`;
      const a = await createOrganization({ name: "Domain A", kind: "customer" });
      const b = await createOrganization({ name: "Domain B", kind: "partner" });
      const c = await createOrganization({ name: "Domain C", kind: "customer" });
      const gone = await createOrganization({ name: "Domain Gone", kind: "customer" });
      await createOrganization({ name: "Domain None", kind: "customer" });
      await addUser(a, `x@${domain}`);
      await addUser(b, `y@mail.${domain}`);
      await addUser(c, `z@${domain}`);
      await addUser(c, `w@${domain}`);
      await addUser(gone, `v@${domain}`);
      await sql`update organizations set deleted_at = now() where id = ${gone}`.execute(app.db.kysely);

      expect(await allPages(`domain=${domain.toUpperCase()}&limit=1`)).toEqual([a, b, c]);
      expect(await allPages(`domain=www.${domain}&kind=customer`)).toEqual([a, c]);
      expect(await allPages(`domain=${domain}&includeDeleted=true`)).toEqual([a, b, c, gone]);
      expect(await allPages(`domain=${domain}&q=domain%20c`)).toEqual([c]);
    });

    it("lists by name key prefix in name key order, the cursor unmoved by an organization inserted before it", async () => {
      const word = `Zq${unique("").replace(/[^a-z0-9]/gi, "")}`;
      const b = await createOrganization({ name: `${word} Beta S.p.A.`, kind: "customer" });
      const a = await createOrganization({ name: `${word} Alfa Srl`, kind: "customer" });
      const c = await createOrganization({ name: `${word} Gamma`, kind: "customer" });
      const c2 = await createOrganization({ name: `${word.toUpperCase()} GAMMA`, kind: "customer" });
      const page = await call("GET", `/api/v1/organizations?q=${word}&limit=2`);
      expect(page.json().organizations.map((o: { id: string }) => o.id)).toEqual([a, b]);
      // An organization sorting before the cursor appears in no later page; the rest follow in order.
      await createOrganization({ name: `${word} Aaa`, kind: "customer" });
      const rest = await call(
        "GET",
        `/api/v1/organizations?q=${word}&limit=2&after=${encodeURIComponent(page.json().next)}`,
      );
      expect(rest.json()).toEqual({
        organizations: [expect.objectContaining({ id: c }), expect.objectContaining({ id: c2 })],
        next: null,
      });
      expect(await allPages(`q=${encodeURIComponent(`The ${word} Gamma`)}`)).toEqual([c, c2]);
    });

    it("finds one organization by externalId", async () => {
      const externalId = unique("ext");
      const id = await createOrganization({ name: "By External", kind: "customer", externalId });
      const response = await call("GET", `/api/v1/organizations?externalId=${externalId}`);
      expect(response.json()).toEqual({
        organizations: [expect.objectContaining({ id, externalId, nameKey: "byexternal" })],
        next: null,
      });
    });

    it.each([
      ["after=bm90LWEtY3Vyc29y", "querystring.after"],
      ["limit=0", "querystring.limit"],
      ["limit=501", "querystring.limit"],
      ["domain=not_a_domain", "querystring.domain"],
      ["domain=co.uk", "querystring.domain"],
      ["q=%21%21%21", "querystring.q"],
      ["kind=vendor", "querystring.kind"],
    ])("answers 400 VALIDATION_FAILED for %s", async (query, path) => {
      const response = await call("GET", `/api/v1/organizations?${query}`);
      expect(response.status).toBe(400);
      expect(response.json().error).toMatchObject({
        code: "VALIDATION_FAILED",
        details: [expect.objectContaining({ path })],
      });
    });

    it("refuses a cursor of another listing's order", async () => {
      await createOrganization({ name: "Cursor One", kind: "customer" });
      await createOrganization({ name: "Cursor Two", kind: "customer" });
      const byId = await call("GET", "/api/v1/organizations?limit=1");
      const response = await call("GET", `/api/v1/organizations?q=cursor&after=${byId.json().next}`);
      expect(response.status).toBe(400);
      expect(response.code()).toBe("VALIDATION_FAILED");
    });
  });

  describe("PATCH /api/v1/organizations/{id}", () => {
    it("renames: the name key, the prefix in its domain rows and the next match follow, audited as api:erp", async () => {
      const domain = `${unique("ren")}.it`;
      const id = await createOrganization({ name: "Vecchio Nome Srl", kind: "customer" });
      await addUser(id, `admin@${domain}`, "full_admin");
      expect((await match("Vecchio Nome", `new@${domain}`)).candidates.map((c) => c.id)).toEqual([id]);

      const response = await call("PATCH", `/api/v1/organizations/${id}`, {
        name: "Nuovissima S.p.A.",
        country: "it",
      });
      expect(response.status, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        id,
        name: "Nuovissima S.p.A.",
        nameKey: "nuovissima",
        country: "IT",
      });
      expect(await organizationRow(id)).toMatchObject({ name_key: "nuovissima", name_prefix: "nuovi" });
      expect(await domainRows(id)).toEqual([{ domain, domain_users: 1, name_prefix: "nuovi", live: true }]);
      const after = await match("Nuovissima", `new@${domain}`);
      expect(after.candidates.map((c) => c.id)).toEqual([id]);
      expect(after.candidates[0]!.evidence.exactName).toBe(true);
      expect((await match("Vecchio Nome", `new@${domain}`)).candidates).toEqual([]);
      expect(await auditOf(id)).toContainEqual(
        expect.objectContaining({ actor: "api:erp", action: "organization.updated" }),
      );
    });

    it("sets and clears the managing partner, keeping the partner's count exact", async () => {
      const partner = await createOrganization({ name: "Rivenditore", kind: "partner" });
      const id = await createOrganization({ name: "Cliente Gestito", kind: "customer" });
      expect(
        (await call("PATCH", `/api/v1/organizations/${id}`, { managingPartnerId: partner })).status,
      ).toBe(200);
      expect((await organizationRow(partner)).managed_customer_count).toBe(1);
      const cleared = await call("PATCH", `/api/v1/organizations/${id}`, { managingPartnerId: null });
      expect(cleared.json().managingPartnerId).toBeNull();
      expect((await organizationRow(partner)).managed_customer_count).toBe(0);
      for (const managingPartnerId of [id, "987654321"]) {
        const bad = await call("PATCH", `/api/v1/organizations/${id}`, { managingPartnerId });
        expect(bad.status).toBe(409);
        expect(bad.code()).toBe("MANAGING_PARTNER_INVALID");
      }
    });

    it("answers 409 EXTERNAL_ID_IN_USE with details.existingId, 404, 400 and 409 ORGANIZATION_DELETED", async () => {
      const taken = unique("taken");
      const owner = await createOrganization({ name: "Owner", kind: "customer", externalId: taken });
      const id = await createOrganization({ name: "Other", kind: "customer" });
      const conflict = await call("PATCH", `/api/v1/organizations/${id}`, { externalId: taken });
      expect(conflict.status).toBe(409);
      expect(conflict.json().error).toMatchObject({
        code: "EXTERNAL_ID_IN_USE",
        details: { existingId: owner },
      });

      expect((await call("PATCH", "/api/v1/organizations/987654321", { name: "X" })).status).toBe(404);
      const badName = await call("PATCH", `/api/v1/organizations/${id}`, { name: "!!!" });
      expect([badName.status, badName.code()]).toEqual([400, "INVALID_COMPANY_NAME"]);
      const unknown = await call("PATCH", `/api/v1/organizations/${id}`, { kind: "partner" });
      expect([unknown.status, unknown.code()]).toEqual([400, "VALIDATION_FAILED"]);

      expect((await call("DELETE", `/api/v1/organizations/${id}`)).status).toBe(204);
      const deleted = await call("PATCH", `/api/v1/organizations/${id}`, { name: "Again" });
      expect([deleted.status, deleted.code()]).toEqual([409, "ORGANIZATION_DELETED"]);
      expect((await organizationRow(id)).name).toBe("Other");
    });
  });

  describe("DELETE /api/v1/organizations/{id}", () => {
    it("stops matching at once, frees its users' e-mails and keeps its subscriptions", async () => {
      const domain = `${unique("del")}.it`;
      const id = await createOrganization({ name: "Cancellata Srl", kind: "customer" });
      await addUser(id, `admin@${domain}`, "full_admin");
      await addUser(id, `user@${domain}`);
      const subscription = await call("POST", `/api/v1/organizations/${id}/subscriptions`, {
        status: "active",
        services: [{ sku: "A", quantity: 1 }],
      });
      expect((await match("Cancellata", `admin@${domain}`)).outcome).toBe("existing_admin");

      const response = await call("DELETE", `/api/v1/organizations/${id}`);
      expect(response.status).toBe(204);
      expect(response.body).toBe("");
      expect((await match("Cancellata", `admin@${domain}`)).outcome).toBe("no_match");
      expect((await match("Cancellata", `other@${domain}`)).outcome).toBe("no_match");
      expect(await organizationRow(id)).toMatchObject({ user_count: 0, active_subscription_count: 1 });
      expect(await domainRows(id)).toEqual([]);
      const got = await call("GET", `/api/v1/organizations/${id}`);
      expect(got.json()).toMatchObject({
        id,
        deletedAt: expect.any(String),
        stats: { users: 0, activeSubscriptions: 1 },
      });
      expect((await call("GET", `/api/v1/subscriptions/${subscription.json().id}`)).json()).toMatchObject({
        organizationId: id,
        status: "active",
      });
      const other = await createOrganization({ name: "Nuova Casa", kind: "customer" });
      await addUser(other, `ADMIN@${domain}`, "full_admin");
      expect((await call("DELETE", `/api/v1/organizations/${id}`)).status).toBe(204);
      expect(await auditOf(id)).toContainEqual(
        expect.objectContaining({
          actor: "api:erp",
          action: "organization.deleted",
          details: expect.objectContaining({ removedUsers: 2 }),
        }),
      );
      expect((await call("DELETE", "/api/v1/organizations/987654321")).status).toBe(404);
      expect(
        (
          await call("POST", `/api/v1/organizations/${id}/users`, { email: `late@${domain}`, role: "user" })
        ).code(),
      ).toBe("ORGANIZATION_DELETED");
    });

    it("withdraws a pending administrator request: the order goes back to setup and the contact is told", async () => {
      const domain = `${unique("req")}.it`;
      const admin = `boss@${domain}`;
      const id = await addOrganization(app, { name: "Richiesta Spa", users: [[admin, "full_admin"]] });
      const { order, contact, token } = await orderWithLink(app);
      const complete = await chooseExisting(app, token, {
        companyName: "Richiesta Spa",
        adminEmail: `nuovo@${domain}`,
        organizationId: id,
      });
      expect(complete.status).toBe("awaiting_admin_approval");
      const approval = await approvalMailedTo(app, admin);

      expect((await call("DELETE", `/api/v1/organizations/${id}`)).status).toBe(204);
      const request = await app.db.kysely
        .selectFrom("admin_requests")
        .selectAll()
        .where("id", "=", complete.adminRequestId)
        .executeTakeFirstOrThrow();
      expect(request).toMatchObject({
        status: "cancelled",
        decided_by: "system",
        reason: "organization deleted",
      });
      expect((await call("GET", `/api/v1/orders/${order.id}`)).json().status).toBe("awaiting_setup");
      await app.background.runOnce();
      const [told] = await mailbox(app, contact);
      expect(told!.subject).toBe("Request withdrawn: Richiesta Spa was removed");
      expect(told!.links).toHaveLength(1);
      const decide = await app.server.inject({
        method: "POST",
        url: `/api/v1/admin-requests/${approval}/approve`,
      });
      expect(decide.json().error.code).toBe("ADMIN_REQUEST_DECIDED");
      expect(await auditOf(complete.adminRequestId)).toContainEqual(
        expect.objectContaining({ actor: "api:erp", action: "admin_request.withdrawn" }),
      );
    });
  });

  describe("users", () => {
    it("finds a user by e-mail in any case and by id; 404 for an unknown id; 400 without a valid e-mail", async () => {
      const domain = `${unique("find")}.it`;
      const org = await createOrganization({ name: "Trova", kind: "customer" });
      const id = await addUser(org, `Mario.Rossi@${domain}`, "full_admin");
      const found = await call(
        "GET",
        `/api/v1/users?email=${encodeURIComponent(`MARIO.ROSSI@${domain.toUpperCase()}`)}`,
      );
      expect(found.json()).toEqual({
        users: [
          expect.objectContaining({
            id,
            organizationId: org,
            email: `mario.rossi@${domain}`,
            role: "full_admin",
          }),
        ],
      });
      expect((await call("GET", `/api/v1/users?email=nobody@${domain}`)).json()).toEqual({ users: [] });
      expect((await call("GET", "/api/v1/users?email=not-an-address")).code()).toBe("INVALID_EMAIL");
      expect((await call("GET", "/api/v1/users")).code()).toBe("VALIDATION_FAILED");
      expect((await call("GET", `/api/v1/users/${id}`)).json()).toMatchObject({ id, organizationId: org });
      for (const bad of ["987654321", "abc"])
        expect((await call("GET", `/api/v1/users/${bad}`)).status).toBe(404);
    });

    it("moves a user: both organizations' counts and domain rows follow, and the next match sees it", async () => {
      const domain = `${unique("move")}.it`;
      const from = await createOrganization({ name: "Partenza", kind: "customer" });
      const to = await createOrganization({ name: "Arrivo", kind: "customer" });
      const id = await addUser(from, `mover@${domain}`, "full_admin");
      await call("PATCH", `/api/v1/users/${await addUser(from, `stay@${domain}`)}`, {
        lastActiveAt: "2026-01-01T00:00:00Z",
      });
      const response = await call("PATCH", `/api/v1/users/${id}`, {
        organizationId: to,
        role: "user",
        name: "Mover",
        lastActiveAt: "2026-10-01T00:00:00Z",
      });
      expect(response.status, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        organizationId: to,
        role: "user",
        name: "Mover",
        lastActiveAt: "2026-10-01T00:00:00.000Z",
      });
      expect(await organizationRow(from)).toMatchObject({
        user_count: 1,
        last_activity_at: new Date("2026-01-01T00:00:00Z"),
      });
      expect(await organizationRow(to)).toMatchObject({
        user_count: 1,
        last_activity_at: new Date("2026-10-01T00:00:00Z"),
      });
      expect(await domainRows(from)).toEqual([{ domain, domain_users: 1, name_prefix: "parte", live: true }]);
      expect(await domainRows(to)).toEqual([{ domain, domain_users: 1, name_prefix: "arriv", live: true }]);
      const seen = await match("Arrivo", `mover@${domain}`);
      expect([seen.outcome, seen.organization?.id]).toEqual(["existing_member", to]);
      expect(await auditOf(id)).toContainEqual(
        expect.objectContaining({
          actor: "api:erp",
          action: "user.moved",
          details: expect.objectContaining({ from, to }),
        }),
      );
    });

    it("refuses a move to an organization that is deleted or does not exist, and unknown fields", async () => {
      const org = await createOrganization({ name: "Resta", kind: "customer" });
      const gone = await createOrganization({ name: "Andata", kind: "customer" });
      await call("DELETE", `/api/v1/organizations/${gone}`);
      const id = await addUser(org, `${unique("u")}@resta.it`);
      expect((await call("PATCH", `/api/v1/users/${id}`, { organizationId: gone })).code()).toBe(
        "ORGANIZATION_DELETED",
      );
      expect((await call("PATCH", `/api/v1/users/${id}`, { organizationId: "987654321" })).code()).toBe(
        "ORGANIZATION_NOT_FOUND",
      );
      expect((await call("PATCH", `/api/v1/users/${id}`, { email: "x@y.it" })).code()).toBe(
        "VALIDATION_FAILED",
      );
      expect((await call("PATCH", `/api/v1/users/${id}`, { role: "owner" })).code()).toBe(
        "VALIDATION_FAILED",
      );
      expect((await call("PATCH", "/api/v1/users/987654321", { role: "user" })).status).toBe(404);
      expect((await call("GET", `/api/v1/users/${id}`)).json().organizationId).toBe(org);
      // A refused change changes nothing and records nothing.
      const userAudit = async () => (await auditOf(id)).filter((e) => e.action.startsWith("user."));
      expect((await userAudit()).map((e) => e.action)).toEqual(["user.added"]);
      expect(await organizationRow(org)).toMatchObject({ user_count: 1 });
      // Naming the organization the user is in is not a move.
      expect(
        (await call("PATCH", `/api/v1/users/${id}`, { organizationId: org, name: "Ferma" })).status,
      ).toBe(200);
      expect((await userAudit()).at(-1)).toEqual({
        actor: "api:erp",
        action: "user.updated",
        details: { changed: ["name", "organizationId"] },
      });
      expect(await organizationRow(org)).toMatchObject({ user_count: 1 });
    });

    it("deletes a user: 204, the e-mail is free again, then 404", async () => {
      const domain = `${unique("gone")}.it`;
      const org = await createOrganization({ name: "Lascia", kind: "customer" });
      const id = await addUser(org, `leaver@${domain}`, "full_admin");
      expect((await call("DELETE", `/api/v1/users/${id}`)).status).toBe(204);
      expect(await organizationRow(org)).toMatchObject({ user_count: 0 });
      expect(await domainRows(org)).toEqual([]);
      expect((await call("DELETE", `/api/v1/users/${id}`)).status).toBe(404);
      await addUser(org, `leaver@${domain}`);
      expect(await auditOf(id)).toContainEqual(
        expect.objectContaining({ actor: "api:erp", action: "user.deleted" }),
      );
    });
  });

  describe("subscriptions", () => {
    it("reads a subscription and changes its status, the active count following", async () => {
      const org = await createOrganization({ name: "Abbonata", kind: "customer" });
      const created = await call("POST", `/api/v1/organizations/${org}/subscriptions`, {
        status: "active",
        services: [{ sku: "A", quantity: 2 }],
      });
      const id = created.json().id;
      expect((await call("GET", `/api/v1/subscriptions/${id}`)).json()).toMatchObject({
        id,
        status: "active",
        organizationId: org,
      });
      const response = await call("PATCH", `/api/v1/subscriptions/${id}`, { status: "suspended" });
      expect(response.json()).toMatchObject({ id, status: "suspended" });
      expect(await organizationRow(org)).toMatchObject({ active_subscription_count: 0 });
      expect((await call("PATCH", `/api/v1/subscriptions/${id}`, { status: "awaiting_setup" })).code()).toBe(
        "VALIDATION_FAILED",
      );
      expect((await call("PATCH", "/api/v1/subscriptions/987654321", { status: "active" })).status).toBe(404);
      expect((await call("GET", "/api/v1/subscriptions/987654321")).status).toBe(404);
      expect(await auditOf(id)).toContainEqual(
        expect.objectContaining({
          actor: "api:erp",
          action: "subscription.updated",
          details: { from: "active", to: "suspended" },
        }),
      );
    });

    it("answers 409 NOT_APPLICABLE for a subscription still awaiting setup", async () => {
      const { order } = await orderWithLink(app);
      const id = order.subscriptions[0]!.id;
      const response = await call("PATCH", `/api/v1/subscriptions/${id}`, { status: "active" });
      expect([response.status, response.code()]).toEqual([409, "NOT_APPLICABLE"]);
      expect((await call("GET", `/api/v1/subscriptions/${id}`)).json().status).toBe("awaiting_setup");
    });
  });

  describe("a repeated create answers 409 with details.existingId", () => {
    it("for an organization's externalId, a user's e-mail and a subscription's externalId", async () => {
      const externalId = unique("again");
      const org = await createOrganization({ name: "Ripetuta", kind: "customer", externalId });
      const again = await call("POST", "/api/v1/organizations", {
        name: "Ripetuta",
        kind: "customer",
        externalId,
      });
      expect(again.json().error).toMatchObject({ code: "EXTERNAL_ID_IN_USE", details: { existingId: org } });

      const email = `${unique("again")}@ripetuta.it`;
      const user = await addUser(org, email);
      const userAgain = await call("POST", `/api/v1/organizations/${org}/users`, {
        email: email.toUpperCase(),
        role: "user",
      });
      expect(userAgain.json().error).toMatchObject({ code: "EMAIL_IN_USE", details: { existingId: user } });

      const body = { status: "active", services: [{ sku: "A", quantity: 1 }], externalId: unique("sub") };
      const subscription = await call("POST", `/api/v1/organizations/${org}/subscriptions`, body);
      const subscriptionAgain = await call("POST", `/api/v1/organizations/${org}/subscriptions`, body);
      expect(subscriptionAgain.status).toBe(409);
      expect(subscriptionAgain.json().error).toMatchObject({
        code: "EXTERNAL_ID_IN_USE",
        details: { existingId: subscription.json().id },
      });
    });
  });

  describe("the import", () => {
    const importLines = async (lines: unknown[], headers: Record<string, string> = erp) => {
      const response = await app.server.inject({
        method: "POST",
        url: "/api/v1/import",
        headers: { ...headers, "content-type": "application/x-ndjson" },
        payload: lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n"),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };

    it("deletes, moves and counts what it deleted, with the same rules as the API", async () => {
      const k = unique("imp");
      const domain = `${k}.it`;
      await importLines([
        { type: "organization", externalId: `${k}-a`, name: "Import Alfa", kind: "customer" },
        { type: "organization", externalId: `${k}-b`, name: "Import Beta", kind: "customer" },
        { type: "user", organizationExternalId: `${k}-a`, email: `one@${domain}`, role: "full_admin" },
        { type: "user", organizationExternalId: `${k}-a`, email: `two@${domain}`, role: "user" },
        { type: "user", organizationExternalId: `${k}-b`, email: `three@${domain}`, role: "user" },
        {
          type: "subscription",
          organizationExternalId: `${k}-b`,
          externalId: `${k}-s1`,
          status: "active",
          services: [{ sku: "A", quantity: 1 }],
        },
        {
          type: "subscription",
          organizationExternalId: `${k}-b`,
          externalId: `${k}-s2`,
          status: "active",
          services: [{ sku: "A", quantity: 1 }],
        },
      ]);
      const result = await importLines([
        { type: "user", organizationExternalId: `${k}-b`, email: `ONE@${domain}`, role: "full_admin" },
        { type: "organization", externalId: `${k}-a`, deleted: true },
        { type: "user", email: `Three@${domain}`, deleted: true },
        { type: "subscription", externalId: `${k}-s1`, deleted: true },
        { type: "subscription", externalId: `${k}-unknown`, deleted: true },
        { type: "user", email: "not-an-address", deleted: true },
        { type: "organization", deleted: true },
      ]);
      expect(result).toMatchObject({
        imported: { organizations: 0, users: 1, subscriptions: 0 },
        deleted: { organizations: 1, users: 1, subscriptions: 1 },
        errorCount: 2,
        errors: [
          expect.objectContaining({ line: 6, code: "INVALID_EMAIL" }),
          expect.objectContaining({ line: 7, code: "VALIDATION_FAILED" }),
        ],
      });
      const a = await app.db.kysely
        .selectFrom("organizations")
        .selectAll()
        .where("external_id", "=", `${k}-a`)
        .executeTakeFirstOrThrow();
      const b = await app.db.kysely
        .selectFrom("organizations")
        .selectAll()
        .where("external_id", "=", `${k}-b`)
        .executeTakeFirstOrThrow();
      expect(a.deleted_at).not.toBeNull();
      expect(a.user_count).toBe(0);
      expect(b).toMatchObject({ user_count: 1, active_subscription_count: 1 });
      const users = await app.db.kysely
        .selectFrom("users")
        .select(["email", "organization_id"])
        .where("email", "like", `%@${domain}`)
        .execute();
      expect(users).toEqual([{ email: `one@${domain}`, organization_id: b.id }]);
      expect(await domainRows(b.id)).toEqual([{ domain, domain_users: 1, name_prefix: "impor", live: true }]);
      const imported = await app.db.kysely
        .selectFrom("audit_events")
        .select(["actor", "details"])
        .where("action", "=", "directory.imported")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(imported).toMatchObject({
        actor: "api:erp",
        details: { deleted: { organizations: 1, users: 1, subscriptions: 1 } },
      });
      expect(await auditOf(a.id)).toContainEqual(
        expect.objectContaining({ actor: "api:erp", action: "organization.deleted" }),
      );
    });

    it("lets the later line for a key win, deletion or not", async () => {
      const k = unique("later");
      const result = await importLines([
        { type: "organization", externalId: k, name: "Poi", kind: "customer" },
        { type: "user", organizationExternalId: k, email: `x@${k}.it`, role: "user" },
        { type: "user", email: `x@${k}.it`, deleted: true },
        { type: "user", email: `y@${k}.it`, deleted: true },
        { type: "user", organizationExternalId: k, email: `y@${k}.it`, role: "user" },
      ]);
      expect(result).toMatchObject({ imported: { users: 1 }, deleted: { users: 0 }, errorCount: 0 });
      const emails = await app.db.kysely
        .selectFrom("users")
        .select("email")
        .where("email", "like", `%@${k}.it`)
        .execute();
      expect(emails).toEqual([{ email: `y@${k}.it` }]);
    });

    it("audits a plain token's import as api", async () => {
      await importLines(
        [{ type: "organization", externalId: unique("plain"), name: "Plain", kind: "customer" }],
        plain,
      );
      const imported = await app.db.kysely
        .selectFrom("audit_events")
        .select("actor")
        .where("action", "=", "directory.imported")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(imported.actor).toBe("api");
    });
  });

  it.each([
    ["GET", "/api/v1/organizations"],
    ["PATCH", "/api/v1/organizations/1"],
    ["DELETE", "/api/v1/organizations/1"],
    ["GET", "/api/v1/users?email=a@b.it"],
    ["GET", "/api/v1/users/1"],
    ["PATCH", "/api/v1/users/1"],
    ["DELETE", "/api/v1/users/1"],
    ["GET", "/api/v1/subscriptions/1"],
    ["PATCH", "/api/v1/subscriptions/1"],
  ])("%s %s answers 401 UNAUTHENTICATED without a valid token", async (method, url) => {
    for (const headers of [{}, { authorization: "Bearer erp:erp-token-0123456789abcdef" }]) {
      const response = await app.server.inject({
        method: method as "GET",
        url,
        headers,
        ...(method === "PATCH" ? { payload: {} } : {}),
      });
      expect([response.statusCode, response.json().error.code]).toEqual([401, "UNAUTHENTICATED"]);
    }
  });
});
