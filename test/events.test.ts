import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOperator } from "../src/operators/add-operator.js";
import {
  addOrganization,
  approvalMailedTo,
  chooseExisting,
  linkMailedTo,
  orderWithLink,
  unique,
} from "./support/directory.js";
import { client, orderBody } from "./support/http.js";
import { startTestApp, type TestApp, testEngines } from "./support/test-app.js";
import { browser } from "./support/web.js";

const DAY = 86_400_000;

type FeedEvent = { id: string; type: string; occurredAt: string; data: Record<string, unknown> };

describe.each(testEngines())("events on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let partnerId: string;
  const password = "events operator password";
  let operatorEmail: string;
  beforeAll(async () => {
    // Long enough for the expiry tests' clock jumps; pruning has a file of its own below.
    app = await startTestApp(engine, { EVENT_RETENTION_DAYS: "365" });
    api = client(app);
    partnerId = await addOrganization(app, {
      name: "Eventi Partner Srl",
      kind: "partner",
      users: [[`${unique("p")}@eventi-partner.example`, "full_admin"]],
    });
    operatorEmail = `${unique("op")}@provisio.example`;
    await addOperator(app.deps, { email: operatorEmail, password });
  });
  afterAll(() => app.close());

  /** Reads the feed from `after` to its end, following `next`. */
  async function read(after?: string): Promise<{ events: FeedEvent[]; next: string | undefined }> {
    const events: FeedEvent[] = [];
    let cursor = after;
    for (;;) {
      const page = await api.get(`/api/v1/events?limit=7${cursor ? `&after=${cursor}` : ""}`);
      expect(page.status, page.body).toBe(200);
      const body = page.json<{ events: FeedEvent[]; next: string | null }>();
      events.push(...body.events);
      if (body.events.length === 0) {
        expect(body.next).toBe(cursor ?? null);
        return { events, next: cursor };
      }
      cursor = body.next!;
    }
  }
  /** The feed's current end: events after it are what the test does next. */
  const mark = async () => (await read()).next;
  /** What happened since `since`, for one order (or everything), as [type, data]. */
  async function since(from: string | undefined, orderId?: string) {
    const { events } = await read(from);
    return events
      .filter((e) => orderId === undefined || e.data.orderId === orderId)
      .map((e) => [e.type, e.data] as const);
  }
  const types = (events: readonly (readonly [string, unknown])[]) => events.map(([type]) => type);

  it("order.placed once per order, not on an idempotent repeat; invitation.sent when the link is mailed", async () => {
    const from = await mark();
    const body = orderBody({ provisioningContact: { email: "Feed@Contacts.Example", name: "Fe" } });
    const placed = await api.post("/api/v1/orders", body);
    expect(placed.status).toBe(201);
    const order = placed.json<{ id: string; orderNumber: string }>();
    expect((await api.post("/api/v1/orders", body)).status).toBe(200);
    expect(await since(from, order.id)).toEqual([
      [
        "order.placed",
        {
          orderId: order.id,
          orderNumber: order.orderNumber,
          scenario: "customer_self",
          orderedBy: "customer",
          partnerOrganizationId: null,
          contactEmail: "feed@contacts.example",
        },
      ],
    ]);
    await app.background.runOnce();
    await app.background.runOnce();
    const [, sent] = await since(from, order.id);
    const invitation = (await api.get(`/api/v1/orders/${order.id}`)).json().invitation;
    expect(sent).toEqual([
      "invitation.sent",
      {
        orderId: order.id,
        orderNumber: order.orderNumber,
        invitationId: expect.any(String),
        kind: "setup",
        contactEmail: "feed@contacts.example",
        expiresAt: invitation.expiresAt,
      },
    ]);
    expect(invitation.expiresAt).toBe(new Date(app.clock.now().getTime() + 30 * DAY).toISOString());

    // A resend mails a new link: invitation.sent again, for the new invitation.
    const resent = await api.post(`/api/v1/orders/${order.id}/invitation/resend`, {
      contactEmail: "other@contacts.example",
    });
    expect(resent.status).toBe(200);
    await app.background.runOnce();
    const all = await since(from, order.id);
    expect(types(all)).toEqual(["order.placed", "invitation.sent", "invitation.sent"]);
    expect(all[2]![1]).toMatchObject({ kind: "setup", contactEmail: "other@contacts.example" });
    expect(all[2]![1].invitationId).not.toBe(all[1]![1].invitationId);
  });

  it("a new organization: organization.created, user.added, subscription.activated, order.provisioned, in order", async () => {
    const { order, token } = await orderWithLink(app, {
      subscriptions: [
        { services: [{ sku: "MEETINGS-ENT", quantity: 250 }] },
        { services: [{ sku: "CALLING", quantity: 10 }] },
      ],
    });
    const from = await mark();
    const adminEmail = `${unique("new")}@nuova-eventi.example`;
    const done = await api.post(
      `/api/v1/setup/${token}/complete`,
      {
        companyName: "Nuova Eventi Srl",
        adminEmail,
        adminName: "Nadia",
        country: "IT",
        decision: { type: "new" },
      },
      {},
    );
    expect(done.status, done.body).toBe(200);
    const { organizationId } = done.json();
    const subscriptions = (await api.get(`/api/v1/orders/${order.id}`)).json().subscriptions;
    const user = (
      await sql<{ id: string }>`select id from users where email = ${adminEmail}`.execute(app.db.kysely)
    ).rows[0]!;
    const events = await since(from);
    expect(events).toEqual([
      [
        "organization.created",
        {
          organizationId,
          name: "Nuova Eventi Srl",
          kind: "customer",
          country: "IT",
          managingPartnerId: null,
          orderId: order.id,
        },
      ],
      [
        "user.added",
        {
          userId: user.id,
          organizationId,
          email: adminEmail,
          name: "Nadia",
          role: "full_admin",
          orderId: order.id,
          adminRequestId: null,
        },
      ],
      [
        "subscription.activated",
        {
          subscriptionId: subscriptions[0].id,
          orderId: order.id,
          organizationId,
          services: [{ sku: "MEETINGS-ENT", quantity: 250 }],
        },
      ],
      [
        "subscription.activated",
        {
          subscriptionId: subscriptions[1].id,
          orderId: order.id,
          organizationId,
          services: [{ sku: "CALLING", quantity: 10 }],
        },
      ],
      [
        "order.provisioned",
        { orderId: order.id, orderNumber: order.orderNumber, organizationId, pendingAdminRequestId: null },
      ],
    ]);
    // A refused completion writes no event.
    const again = await api.post(
      `/api/v1/setup/${token}/complete`,
      { companyName: "Nuova Eventi Srl", adminEmail, decision: { type: "new" } },
      {},
    );
    expect(again.code()).toBe("ALREADY_PROVISIONED");
    expect(await since(from)).toHaveLength(5);
  });

  it("an existing organization's full administrator, through the wizard's pages: the order is provisioned", async () => {
    const domain = `${unique("beta")}.example`;
    const beta = await addOrganization(app, {
      name: "Betaeventi Spa",
      users: [[`anna@${domain}`, "full_admin"]],
    });
    const { order, token } = await orderWithLink(app);
    const from = await mark();
    const b = browser(app);
    await b.get(`/setup/${token}/company`);
    const matched = await b.post(`/setup/${token}/company`, {
      companyName: "Betaeventi",
      adminEmail: `anna@${domain}`,
    });
    expect(matched.status, matched.body).toBe(303);
    await b.get(`/setup/${token}/confirm?organization=${beta}`);
    const confirmed = await b.post(`/setup/${token}/confirm`, { decision: "existing", organizationId: beta });
    expect(confirmed.status, confirmed.body).toBe(303);
    expect(types(await since(from, order.id))).toEqual(["subscription.activated", "order.provisioned"]);
    expect((await since(from, order.id))[1]![1]).toMatchObject({
      organizationId: beta,
      pendingAdminRequestId: null,
    });
  });

  it("customer_self: raised and awaiting approval; approved by an administrator's link: user.added, a resume link, then provisioned", async () => {
    const domain = `${unique("gamma")}.example`;
    const gamma = await addOrganization(app, {
      name: "Gammaeventi Spa",
      users: [[`admin@${domain}`, "full_admin"]],
    });
    const { order, token, contact } = await orderWithLink(app);
    const from = await mark();
    const newAdmin = `nuovo@${domain}`;
    const result = await chooseExisting(app, token, {
      companyName: "Gammaeventi",
      adminEmail: newAdmin,
      organizationId: gamma,
    });
    expect(result.status).toBe("awaiting_admin_approval");
    const request = {
      adminRequestId: result.adminRequestId,
      orderId: order.id,
      organizationId: gamma,
      email: newAdmin,
      name: null,
      scenario: "customer_self",
      routedTo: "administrators",
    };
    expect(await since(from, order.id)).toEqual([
      ["admin_request.raised", request],
      [
        "order.awaiting_admin_approval",
        {
          orderId: order.id,
          orderNumber: order.orderNumber,
          organizationId: gamma,
          adminRequestId: result.adminRequestId,
        },
      ],
    ]);
    const approval = await approvalMailedTo(app, `admin@${domain}`);
    const approved = await api.post(`/api/v1/admin-requests/${approval}/approve`, {}, {});
    expect(approved.status, approved.body).toBe(200);
    const user = (
      await sql<{ id: string }>`select id from users where email = ${newAdmin}`.execute(app.db.kysely)
    ).rows[0]!;
    const resume = await linkMailedTo(app, contact);
    const afterApproval = await since(from, order.id);
    expect(afterApproval.slice(2)).toEqual([
      ["admin_request.approved", request],
      [
        "user.added",
        {
          userId: user.id,
          organizationId: gamma,
          email: newAdmin,
          name: null,
          role: "full_admin",
          orderId: order.id,
          adminRequestId: result.adminRequestId,
        },
      ],
      ["invitation.sent", expect.objectContaining({ kind: "resume", contactEmail: contact })],
    ]);
    const completed = await chooseExisting(app, resume.token, {
      companyName: "Gammaeventi",
      adminEmail: newAdmin,
      organizationId: gamma,
    });
    expect(completed.status).toBe("provisioned");
    expect(types((await since(from, order.id)).slice(5))).toEqual([
      "subscription.activated",
      "order.provisioned",
    ]);
  });

  it("partner_for_customer: provisioned with the pending request; a member approved: user.role_changed", async () => {
    const domain = `${unique("delta")}.example`;
    const delta = await addOrganization(app, {
      name: "Deltaeventi Spa",
      users: [
        [`capo@${domain}`, "full_admin"],
        [`membro@${domain}`, "user"],
      ],
    });
    const { order, token } = await orderWithLink(app, {
      orderedBy: { type: "partner", partnerOrganizationId: partnerId },
    });
    const from = await mark();
    expect((await api.post(`/api/v1/setup/${token}/setup-by`, { setupBy: "partner" }, {})).status).toBe(200);
    const result = await chooseExisting(app, token, {
      companyName: "Deltaeventi",
      adminEmail: `membro@${domain}`,
      organizationId: delta,
    });
    expect(result.status).toBe("provisioned_pending_admin");
    expect(await since(from, order.id)).toEqual([
      [
        "admin_request.raised",
        expect.objectContaining({ scenario: "partner_for_customer", routedTo: "administrators" }),
      ],
      ["subscription.activated", expect.objectContaining({ organizationId: delta })],
      [
        "order.provisioned",
        {
          orderId: order.id,
          orderNumber: order.orderNumber,
          organizationId: delta,
          pendingAdminRequestId: result.adminRequestId,
        },
      ],
    ]);
    // Approved through the approval page (a form with its CSRF token).
    const approval = await approvalMailedTo(app, `capo@${domain}`);
    const b = browser(app);
    await b.get(`/admin-requests/${approval}`);
    // Approving is a step of its own: its confirmation page carries the form.
    await b.get(`/admin-requests/${approval}/approve`);
    expect((await b.post(`/admin-requests/${approval}/approve`)).status).toBe(303);
    const member = (
      await sql<{ id: string }>`select id from users where email = ${`membro@${domain}`}`.execute(
        app.db.kysely,
      )
    ).rows[0]!;
    expect((await since(from, order.id)).slice(3)).toEqual([
      ["admin_request.approved", expect.objectContaining({ adminRequestId: result.adminRequestId })],
      [
        "user.role_changed",
        {
          userId: member.id,
          organizationId: delta,
          email: `membro@${domain}`,
          role: "full_admin",
          previousRole: "user",
          orderId: order.id,
          adminRequestId: result.adminRequestId,
        },
      ],
    ]);
  });

  it("order.handed_over through the wizard's page, then the customer's link is invitation.sent (handover)", async () => {
    const { order, token } = await orderWithLink(app, {
      orderedBy: { type: "partner", partnerOrganizationId: partnerId },
    });
    const from = await mark();
    const customer = `${unique("cliente")}@cliente-eventi.example`;
    const b = browser(app);
    // The hand-over asks first: the choice, the customer's contact, then "hand over?".
    await b.get(`/setup/${token}/who`);
    expect((await b.post(`/setup/${token}/who`, { setupBy: "customer" })).status).toBe(303);
    await b.get(`/setup/${token}/who/customer`);
    const contact = { setupBy: "customer", customerEmail: customer, customerName: "Carla" };
    expect((await b.post(`/setup/${token}/who/customer`, contact)).status).toBe(200);
    const handed = await b.post(`/setup/${token}/who/handover`, contact);
    expect(handed.status, handed.body).toBe(200);
    await app.background.runOnce();
    expect(await since(from, order.id)).toEqual([
      [
        "order.handed_over",
        {
          orderId: order.id,
          orderNumber: order.orderNumber,
          contactEmail: customer,
          contactName: "Carla",
          invitationId: expect.any(String),
        },
      ],
      ["invitation.sent", expect.objectContaining({ kind: "handover", contactEmail: customer })],
    ]);
  });

  it("an operator rejects a request routed to operators: admin_request.rejected with the reason", async () => {
    const domain = `${unique("orfana")}.example`;
    const orphan = await addOrganization(app, {
      name: "Orfanaeventi Srl",
      users: [[`solo@${domain}`, "user"]],
    });
    const { order, token } = await orderWithLink(app);
    const result = await chooseExisting(app, token, {
      companyName: "Orfanaeventi",
      adminEmail: `solo@${domain}`,
      organizationId: orphan,
    });
    const from = await mark();
    const b = browser(app);
    await b.signIn(operatorEmail, password);
    await b.get(`/console/admin-requests/${result.adminRequestId}`);
    const rejected = await b.post(`/console/admin-requests/${result.adminRequestId}/decide`, {
      decision: "reject",
      reason: "Not known to us",
    });
    expect(rejected.status, rejected.body).toBe(303);
    expect(await since(from, order.id)).toEqual([
      [
        "admin_request.rejected",
        expect.objectContaining({
          adminRequestId: result.adminRequestId,
          routedTo: "operators",
          reason: "Not known to us",
        }),
      ],
    ]);
  });

  it("expiries: admin_request.expired, and order.closed with the requests it withdrew", async () => {
    const domain = `${unique("eps")}.example`;
    const eps = await addOrganization(app, {
      name: "Epsiloneventi Spa",
      users: [[`a@${domain}`, "full_admin"]],
    });
    const { order, token } = await orderWithLink(app);
    const result = await chooseExisting(app, token, {
      companyName: "Epsiloneventi",
      adminEmail: `b@${domain}`,
      organizationId: eps,
    });
    const from = await mark();
    const start = app.clock.now();
    try {
      app.clock.set(new Date(start.getTime() + 15 * DAY));
      await app.background.runOnce();
      expect(types(await since(from, order.id))).toEqual(["admin_request.expired", "invitation.sent"]);
      expect((await since(from, order.id))[0]![1]).toMatchObject({ adminRequestId: result.adminRequestId });

      const second = await orderWithLink(app);
      const from2 = await mark();
      app.clock.set(new Date(start.getTime() + 46 * DAY));
      await app.background.runOnce();
      expect(await since(from2, second.order.id)).toEqual([
        [
          "order.closed",
          { orderId: second.order.id, orderNumber: second.order.orderNumber, cancelledAdminRequestIds: [] },
        ],
      ]);
    } finally {
      app.clock.set(start);
    }
  });

  it("order.cancelled from the API and from the console, with the withdrawn request", async () => {
    const domain = `${unique("zeta")}.example`;
    const zeta = await addOrganization(app, {
      name: "Zetaeventi Spa",
      users: [[`a@${domain}`, "full_admin"]],
    });
    const first = await orderWithLink(app);
    const result = await chooseExisting(app, first.token, {
      companyName: "Zetaeventi",
      adminEmail: `b@${domain}`,
      organizationId: zeta,
    });
    const second = await orderWithLink(app);
    const from = await mark();
    expect((await api.post(`/api/v1/orders/${first.order.id}/cancel`)).status).toBe(200);
    expect((await api.post(`/api/v1/orders/${first.order.id}/cancel`)).status).toBe(200);
    const b = browser(app);
    await b.signIn(operatorEmail, password);
    await b.get(`/console/orders/${second.order.id}`);
    expect((await b.post(`/console/orders/${second.order.id}/cancel`)).status).toBe(303);
    expect(await since(from)).toEqual([
      [
        "order.cancelled",
        {
          orderId: first.order.id,
          orderNumber: first.order.orderNumber,
          cancelledAdminRequestIds: [result.adminRequestId],
        },
      ],
      [
        "order.cancelled",
        { orderId: second.order.id, orderNumber: second.order.orderNumber, cancelledAdminRequestIds: [] },
      ],
    ]);
  });

  describe("GET /api/v1/events", () => {
    it("pages with limit and next, filters by type, and answers the same after when nothing is new", async () => {
      const from = await mark();
      for (let i = 0; i < 3; i++) await api.post("/api/v1/orders", orderBody());
      const all = (await read(from)).events;
      expect(types(all.map((e) => [e.type, e.data]))).toEqual([
        "order.placed",
        "order.placed",
        "order.placed",
      ]);
      const first = (await api.get(`/api/v1/events?after=${from}&limit=2`)).json();
      expect(first.events.map((e: FeedEvent) => e.id)).toEqual([all[0]!.id, all[1]!.id]);
      expect(first.next).toBe(all[1]!.id);
      const second = (await api.get(`/api/v1/events?after=${first.next}&limit=2`)).json();
      expect(second).toEqual({ events: [all[2]], next: all[2]!.id });
      expect((await api.get(`/api/v1/events?after=${all[2]!.id}`)).json()).toEqual({
        events: [],
        next: all[2]!.id,
      });
      expect(all[0]).toEqual({
        id: expect.stringMatching(/^\d+$/),
        type: "order.placed",
        occurredAt: app.clock.now().toISOString(),
        data: expect.objectContaining({ orderNumber: expect.any(String) }),
      });

      // A filter steps over other types: next moves on even when nothing matched.
      await app.background.runOnce();
      const sent = (await api.get(`/api/v1/events?after=${from}&types=invitation.sent,order.closed`)).json();
      expect(sent.events.map((e: FeedEvent) => e.type)).toEqual([
        "invitation.sent",
        "invitation.sent",
        "invitation.sent",
      ]);
      expect(sent.next).toBe(sent.events[2].id);
      const none = (await api.get(`/api/v1/events?after=${from}&types=order.cancelled`)).json();
      expect(none.events).toEqual([]);
      expect(none.next).toBe((await read(from)).next);
    });

    it("400 VALIDATION_FAILED for a malformed after, an unknown event or type, a bad limit", async () => {
      for (const query of [
        "after=abc",
        "after=-1",
        "after=99999999999999999",
        "types=order.shipped",
        "limit=0",
        "limit=1001",
      ]) {
        const response = await api.get(`/api/v1/events?${query}`);
        expect(response.status, query).toBe(400);
        expect(response.code(), query).toBe("VALIDATION_FAILED");
      }
      expect((await api.get("/api/v1/events", {})).code()).toBe("UNAUTHENTICATED");
    });
  });
});

describe.each(testEngines())("event retention on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    app = await startTestApp(engine);
    api = client(app);
  });
  afterAll(() => app.close());

  async function read(): Promise<FeedEvent[]> {
    const page = await api.get("/api/v1/events?limit=1000");
    expect(page.status, page.body).toBe(200);
    return page.json<{ events: FeedEvent[] }>().events;
  }

  it("prunes events after EVENT_RETENTION_DAYS, keeps the newest, and answers 410 EVENTS_EXPIRED to an after that was pruned", async () => {
    const first = (await api.post("/api/v1/orders", orderBody())).json<{ id: string }>();
    const old = (await read())[0]!;
    const start = app.clock.now();
    try {
      app.clock.set(new Date(start.getTime() + 29 * DAY));
      await app.background.runOnce();
      expect((await api.get(`/api/v1/events?after=${old.id}`)).status).toBe(200);
      const second = (await api.post("/api/v1/orders", orderBody())).json<{ id: string }>();
      app.clock.set(new Date(start.getTime() + 31 * DAY));
      await app.background.runOnce();
      const gone = await api.get(`/api/v1/events?after=${old.id}`);
      expect(gone.status).toBe(410);
      expect(gone.code()).toBe("EVENTS_EXPIRED");
      const kept = await read();
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.every((e) => new Date(e.occurredAt).getTime() >= start.getTime() + DAY)).toBe(true);
      // Even the newest event, when it is older than the retention, stays: a reader up to date keeps its place.
      for (const order of [first, second]) await api.post(`/api/v1/orders/${order.id}/cancel`);
      app.clock.set(new Date(start.getTime() + 120 * DAY));
      await app.background.runOnce();
      const newest = await read();
      expect(newest).toHaveLength(1);
      expect((await api.get(`/api/v1/events?after=${newest[0]!.id}`)).json()).toEqual({
        events: [],
        next: newest[0]!.id,
      });
    } finally {
      app.clock.set(start);
    }
  });
});
