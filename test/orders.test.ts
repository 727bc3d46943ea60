import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unique } from "./support/directory.js";
import { client, mailbox, orderBody, placeOrder, tokenOf } from "./support/http.js";
import { startTestApp, type TestApp, testEngines } from "./support/test-app.js";

const DAY = 86_400_000;

describe.each(testEngines())("orders on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let partnerId: string;
  let customerOrgId: string;
  beforeAll(async () => {
    app = await startTestApp(engine);
    api = client(app);
    partnerId = (
      await api.post("/api/v1/organizations", { name: "Tech Partners Srl", kind: "partner" })
    ).json().id;
    customerOrgId = (
      await api.post("/api/v1/organizations", { name: "Some Customer", kind: "customer" })
    ).json().id;
  });
  afterAll(() => app.close());

  const rows = async <T>(query: string) => (await sql.raw<T>(query).execute(app.db.kysely)).rows;
  const now = () => app.clock.now();

  describe("POST /api/v1/orders", () => {
    it("writes the order, its subscriptions, its setup invitation and the e-mail's outbox row together", async () => {
      const body = orderBody({ locale: "it" });
      const response = await api.post("/api/v1/orders", body);
      expect(response.status, response.body).toBe(201);
      const order = response.json();
      expect(order).toMatchObject({
        orderNumber: body.orderNumber,
        status: "awaiting_setup",
        scenario: "customer_self",
        locale: "it",
        organizationId: null,
        subscriptions: [
          {
            status: "awaiting_setup",
            organizationId: null,
            services: [{ sku: "MEETINGS-ENT", quantity: 250 }],
            termMonths: 36,
          },
        ],
        invitation: { status: "scheduled", contactEmail: "it@acme.example", expiresAt: null, kind: "setup" },
        adminRequests: [],
      });
      const [subscription] = await rows<{ order_id: string; status: string }>(
        `select order_id, status from subscriptions where id = ${order.subscriptions[0].id}`,
      );
      expect(subscription).toEqual({ order_id: order.id, status: "awaiting_setup" });
      const outbox = await rows<{
        template: string;
        recipient: string;
        status: string;
        due_at: Date;
        locale: string;
      }>(
        `select template, recipient, status, due_at, locale from outbox_messages where order_id = ${order.id}`,
      );
      expect(outbox).toEqual([
        {
          template: "setup_invitation",
          recipient: "it@acme.example",
          status: "pending",
          due_at: now(),
          locale: "it",
        },
      ]);
      const audit = await rows<{ action: string; actor: string; details: { contact: string } }>(
        `select action, actor, details from audit_events where order_id = ${order.id}`,
      );
      expect(audit).toEqual([expect.objectContaining({ action: "order.placed", actor: "api" })]);
      expect(audit[0]!.details.contact).toBe("i***@acme.example");
      // No secret anywhere yet: links are minted when the e-mail goes out.
      expect(
        await rows(
          `select * from link_tokens lt join invitations i on i.id = lt.invitation_id where i.order_id = ${order.id}`,
        ),
      ).toEqual([]);
    });

    it("answers the same order with 200 for the same body, and 409 ORDER_CONFLICT for another", async () => {
      const body = orderBody();
      const first = await api.post("/api/v1/orders", body);
      expect(first.status).toBe(201);
      // Same contents, keys in another order and the contact's e-mail in another case.
      const again = await api.post("/api/v1/orders", {
        subscriptions: body.subscriptions,
        locale: "en",
        provisioningContact: { name: "Anna Bianchi", email: "IT@Acme.example" },
        orderedBy: body.orderedBy,
        orderNumber: body.orderNumber,
      });
      expect(again.status).toBe(200);
      expect(again.json().id).toBe(first.json().id);
      const changed = await api.post("/api/v1/orders", { ...body, locale: "it" });
      expect(changed.status).toBe(409);
      expect(changed.code()).toBe("ORDER_CONFLICT");
      const [count] = await rows<{ n: string }>(
        `select count(*)::text as n from orders where order_number = '${body.orderNumber}'`,
      );
      expect(count!.n).toBe("1");
      const [mails] = await rows<{ n: string }>(
        `select count(*)::text as n from outbox_messages where order_id = ${first.json().id}`,
      );
      expect(mails!.n).toBe("1");
    });

    it("makes one order of concurrent duplicates", async () => {
      const body = orderBody();
      const answers = await Promise.all(Array.from({ length: 8 }, () => api.post("/api/v1/orders", body)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
      const [count] = await rows<{ orders: string; invitations: string; mails: string }>(`
        select (select count(*) from orders where order_number = '${body.orderNumber}')::text as orders,
               (select count(*) from invitations i join orders o on o.id = i.order_id
                 where o.order_number = '${body.orderNumber}')::text as invitations,
               (select count(*) from outbox_messages m join orders o on o.id = m.order_id
                 where o.order_number = '${body.orderNumber}')::text as mails`);
      expect(count).toEqual({ orders: "1", invitations: "1", mails: "1" });
    });

    it("knows the scenario of each kind of order", async () => {
      const forCustomer = await placeOrder(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partnerId },
      });
      expect(forCustomer.scenario).toBeNull();
      const ownUse = await placeOrder(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partnerId },
        intendedUse: "partner_own_use",
      });
      expect(ownUse.scenario).toBe("partner_own_use");
    });

    it.each([
      ["no order number", { orderNumber: undefined }, "body.orderNumber"],
      ["a control character in the order number", { orderNumber: "A\u0000B" }, "body.orderNumber"],
      ["no subscriptions", { subscriptions: [] }, "body.subscriptions"],
      [
        "a subscription without services",
        { subscriptions: [{ services: [] }] },
        "body.subscriptions.0.services",
      ],
      [
        "a quantity of zero",
        { subscriptions: [{ services: [{ sku: "X", quantity: 0 }] }] },
        "body.subscriptions.0.services.0.quantity",
      ],
      [
        "a fractional quantity",
        { subscriptions: [{ services: [{ sku: "X", quantity: 1.5 }] }] },
        "body.subscriptions.0.services.0.quantity",
      ],
      ["own use on a customer order", { intendedUse: "partner_own_use" }, "body.intendedUse"],
      ["an unknown locale", { locale: "de" }, "body.locale"],
      ["a bad start date", { requestedStartDate: "2026-13-01" }, "body.requestedStartDate"],
      [
        "a partner order without its organization",
        { orderedBy: { type: "partner" } },
        "body.orderedBy.partnerOrganizationId",
      ],
    ])("answers 400 VALIDATION_FAILED for %s, and stores nothing", async (_name, changes, path) => {
      const body = orderBody(changes);
      const response = await api.post("/api/v1/orders", body);
      expect(response.status, response.body).toBe(400);
      expect(response.code()).toBe("VALIDATION_FAILED");
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
      if (typeof body.orderNumber === "string") {
        expect(
          await rows(`select 1 from orders where order_number = '${body.orderNumber.replace(/\0/g, "")}'`),
        ).toEqual([]);
      }
    });

    it("takes an optional time zone and product names: times in the order's zone, services by name and term", async () => {
      const contact = `${unique("fuso")}@acme.example`;
      const order = await placeOrder(app, {
        provisioningContact: { email: contact },
        locale: "en",
        timeZone: "America/New_York",
        subscriptions: [
          { services: [{ sku: "MEETINGS-ENT", name: "Meetings Enterprise", quantity: 250 }], termMonths: 36 },
        ],
      });
      expect(order).toMatchObject({
        timeZone: "America/New_York",
        subscriptions: [{ services: [{ sku: "MEETINGS-ENT", name: "Meetings Enterprise", quantity: 250 }] }],
      });
      await app.background.runOnce();
      const [mail] = await mailbox(app, contact);
      expect(mail!.text).toContain("Meetings Enterprise (MEETINGS-ENT)\u00a0×\u00a0250, 36 months");
      // 30 days from 2026-11-24T09:00Z, in New York.
      expect(mail!.text).toContain("24 December 2026 at 04:00 GMT-5");
      const state = (await api.get(`/api/v1/setup/${tokenOf(mail!.links[0]!)}`, {})).json();
      expect(state.order).toMatchObject({
        timeZone: "America/New_York",
        services: [{ sku: "MEETINGS-ENT", name: "Meetings Enterprise", quantity: 250, termMonths: 36 }],
      });
      // Without one: Europe/Rome for an Italian order, UTC for an English one.
      const italian = await placeOrder(app, { locale: "it" });
      const english = await placeOrder(app, { locale: "en" });
      expect([italian.timeZone, english.timeZone]).toEqual(["Europe/Rome", "UTC"]);
    });

    it("answers 400 VALIDATION_FAILED for a time zone that is not one, and leaves the old bodies' hash alone", async () => {
      const bad = await api.post("/api/v1/orders", orderBody({ timeZone: "Mars/Olympus" }));
      expect([bad.status, bad.code()]).toEqual([400, "VALIDATION_FAILED"]);
      expect(bad.json().error.details).toEqual([
        { path: "body.timeZone", message: "must be an IANA time zone such as Europe/Rome" },
      ]);
      // An order placed without the new fields is still the same order when posted again.
      const body = orderBody();
      const first = await api.post("/api/v1/orders", body);
      const again = await api.post("/api/v1/orders", body);
      expect([first.status, again.status]).toEqual([201, 200]);
    });

    it("answers 400 INVALID_EMAIL for a bad contact address", async () => {
      const response = await api.post(
        "/api/v1/orders",
        orderBody({ provisioningContact: { email: "anna@@acme" } }),
      );
      expect(response.status).toBe(400);
      expect(response.code()).toBe("INVALID_EMAIL");
      expect(response.json().error.details[0].path).toBe("provisioningContact.email");
    });

    it("answers 409 PARTNER_ORGANIZATION_INVALID when the partner is unknown or a customer", async () => {
      for (const id of ["999999", customerOrgId]) {
        const body = orderBody({ orderedBy: { type: "partner", partnerOrganizationId: id } });
        const response = await api.post("/api/v1/orders", body);
        expect(response.status).toBe(409);
        expect(response.code()).toBe("PARTNER_ORGANIZATION_INVALID");
        expect(await rows(`select 1 from orders where order_number = '${body.orderNumber}'`)).toEqual([]);
      }
    });

    it("answers 401 without a token, 415 for another content type, 413 above 1 MiB", async () => {
      expect((await api.post("/api/v1/orders", orderBody(), {})).code()).toBe("UNAUTHENTICATED");
      const text = await app.server.inject({
        method: "POST",
        url: "/api/v1/orders",
        headers: { authorization: `Bearer test-api-token-0123456789abcdef`, "content-type": "text/plain" },
        payload: "orderNumber=1",
      });
      expect(text.statusCode).toBe(415);
      expect(text.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      const big = await api.post("/api/v1/orders", orderBody({ padding: "x".repeat(1_100_000) }));
      expect(big.status).toBe(413);
      expect(big.code()).toBe("PAYLOAD_TOO_LARGE");
    });
  });

  describe("GET /api/v1/orders/{id}", () => {
    it("answers the order, and 404 NOT_FOUND for an unknown or malformed id", async () => {
      const order = await placeOrder(app);
      const response = await api.get(`/api/v1/orders/${order.id}`);
      expect(response.status).toBe(200);
      expect(response.json()).toEqual(order);
      for (const id of ["999999", "abc", "0", "1".repeat(30)]) {
        const missing = await api.get(`/api/v1/orders/${id}`);
        expect(missing.status).toBe(404);
        expect(missing.code()).toBe("NOT_FOUND");
      }
    });
  });

  describe("setup e-mails", () => {
    it("sends the setup e-mail now, with a link that opens this order's invitation, and marks it sent", async () => {
      const order = await placeOrder(app, { provisioningContact: { email: "now@acme.example" } });
      await app.background.runOnce();
      const [mail] = await mailbox(app, "now@acme.example");
      expect(mail!.subject).toBe(`Set up your new subscription (order ${order.orderNumber})`);
      expect(mail!.links).toHaveLength(1);
      expect(mail!.links[0]).toMatch(/^http:\/\/provisio\.test\/setup\/[A-Za-z0-9_-]{43}$/);
      expect(mail!.text).toContain(mail!.links[0]);
      expect(mail!.text).toContain("MEETINGS-ENT\u00a0×\u00a0250");
      const after = (await api.get(`/api/v1/orders/${order.id}`)).json();
      expect(after.invitation).toMatchObject({
        status: "sent",
        expiresAt: new Date(now().getTime() + 30 * DAY).toISOString(),
      });
      // Only the hash of the secret is stored.
      const token = tokenOf(mail!.links[0]!);
      const stored = await rows<{ token_hash: Buffer }>(
        `select lt.token_hash from link_tokens lt join invitations i on i.id = lt.invitation_id where i.order_id = ${order.id}`,
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]!.token_hash.toString("hex")).not.toContain(Buffer.from(token).toString("hex"));
      expect(
        JSON.stringify(await rows(`select * from outbox_messages where order_id = ${order.id}`)),
      ).not.toContain(token);
      expect(app.logs.join("")).not.toContain(token);
      expect(app.logs.join("")).not.toContain("now@acme.example");
    });

    it("keeps a scheduled order's e-mail until its start date", async () => {
      const start = new Date(now().getTime() + 7 * DAY).toISOString().slice(0, 10);
      const order = await placeOrder(app, {
        requestedStartDate: start,
        provisioningContact: { email: "later@acme.example" },
      });
      expect(order.invitation.status).toBe("scheduled");
      await app.background.runOnce();
      expect(await mailbox(app, "later@acme.example")).toEqual([]);
      const saved = now();
      try {
        app.clock.set(new Date(`${start}T00:00:00Z`));
        await app.background.runOnce();
        expect(await mailbox(app, "later@acme.example")).toHaveLength(1);
        expect((await api.get(`/api/v1/orders/${order.id}`)).json().invitation.status).toBe("sent");
      } finally {
        app.clock.set(saved);
      }
    });

    it("resend revokes the old link and mails a new one, to a new contact when given", async () => {
      const order = await placeOrder(app, {
        provisioningContact: { email: "first@acme.example", name: "First" },
      });
      await app.background.runOnce();
      const response = await api.post(`/api/v1/orders/${order.id}/invitation/resend`, {
        contactEmail: "Second@Acme.example",
      });
      expect(response.status, response.body).toBe(200);
      expect(response.json().invitation).toMatchObject({
        status: "scheduled",
        contactEmail: "second@acme.example",
      });
      await app.background.runOnce();
      const invitations = await rows<{ status: string; contact_email: string; contact_name: string | null }>(
        `select status, contact_email, contact_name from invitations where order_id = ${order.id} order by id`,
      );
      expect(invitations).toEqual([
        { status: "revoked", contact_email: "first@acme.example", contact_name: "First" },
        { status: "sent", contact_email: "second@acme.example", contact_name: null },
      ]);
      expect(await mailbox(app, "second@acme.example")).toHaveLength(1);
      expect(await mailbox(app, "first@acme.example")).toHaveLength(1);
    });

    it("does not send a scheduled e-mail whose link was revoked before its date", async () => {
      const start = new Date(now().getTime() + 3 * DAY).toISOString().slice(0, 10);
      const order = await placeOrder(app, {
        requestedStartDate: start,
        provisioningContact: { email: "early@acme.example" },
      });
      await api.post(`/api/v1/orders/${order.id}/cancel`);
      const saved = now();
      try {
        app.clock.set(new Date(`${start}T00:00:00Z`));
        await app.background.runOnce();
      } finally {
        app.clock.set(saved);
      }
      expect(await mailbox(app, "early@acme.example")).toEqual([]);
      const [message] = await rows<{ status: string }>(
        `select status from outbox_messages where order_id = ${order.id}`,
      );
      expect(message!.status).toBe("cancelled");
    });

    it("expiry closes the order and its subscriptions and tells the contact", async () => {
      const order = await placeOrder(app, {
        locale: "it",
        provisioningContact: { email: "slow@acme.example" },
      });
      await app.background.runOnce();
      const saved = now();
      try {
        app.clock.set(new Date(saved.getTime() + 30 * DAY - 1000));
        await app.background.runOnce();
        expect((await api.get(`/api/v1/orders/${order.id}`)).json().status).toBe("awaiting_setup");
        app.clock.set(new Date(saved.getTime() + 30 * DAY));
        await app.background.runOnce();
      } finally {
        app.clock.set(saved);
      }
      const after = (await api.get(`/api/v1/orders/${order.id}`)).json();
      expect(after.status).toBe("closed");
      expect(after.invitation.status).toBe("expired");
      expect(after.subscriptions.map((s: { status: string }) => s.status)).toEqual(["closed"]);
      const [expired] = await mailbox(app, "slow@acme.example");
      expect(expired!.subject).toBe(`Il link di configurazione è scaduto (ordine ${order.orderNumber})`);
      const resend = await api.post(`/api/v1/orders/${order.id}/invitation/resend`, {});
      expect(resend.status).toBe(409);
      expect(resend.code()).toBe("ORDER_NOT_OPEN");
    });
  });

  describe("POST /api/v1/orders/{id}/cancel", () => {
    it("cancels the order, its subscriptions and its link; twice answers the same", async () => {
      const order = await placeOrder(app);
      const first = await api.post(`/api/v1/orders/${order.id}/cancel`);
      expect(first.status).toBe(200);
      expect(first.json()).toMatchObject({
        status: "cancelled",
        subscriptions: [{ status: "cancelled" }],
        invitation: { status: "revoked" },
      });
      const second = await api.post(`/api/v1/orders/${order.id}/cancel`);
      expect(second.status).toBe(200);
      expect(second.json()).toEqual(first.json());
      expect((await api.post("/api/v1/orders/999999/cancel")).code()).toBe("NOT_FOUND");
    });
  });
});
