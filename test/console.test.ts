import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOperator } from "../src/operators/add-operator.js";
import { addOrganization, chooseExisting, orderWithLink, unique } from "./support/directory.js";
import { client, mailbox, tokenOf } from "./support/http.js";
import { startTestApp, type TestApp, testEngines } from "./support/test-app.js";
import { browser } from "./support/web.js";

const password = "correct horse battery staple";

describe.each(testEngines())("operator console on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let operator: { id: string; email: string };
  beforeAll(async () => {
    app = await startTestApp(engine);
    api = client(app);
    operator = await addOperator(app.deps, {
      email: `${unique("op")}@provisio.example`,
      password,
      name: "Olga",
    });
  });
  afterAll(() => app.close());

  const rows = async <T>(query: string) => (await sql.raw<T>(query).execute(app.db.kysely)).rows;
  const signedIn = async () => {
    const b = browser(app);
    const response = await b.signIn(operator.email, password);
    expect(response.status, response.body).toBe(303);
    return b;
  };

  /** Every console route, with ids that exist, so a refusal is the session's doing and not a 404. */
  async function consoleRoutes() {
    const { order } = await orderWithLink(app);
    const organization = await addOrganization(app, { name: unique("Routes") });
    return {
      order,
      pages: [
        "/console",
        "/console/orders",
        `/console/orders/${order.id}`,
        "/console/admin-requests",
        "/console/admin-requests/1",
        "/console/organizations?q=acme",
        `/console/organizations/${organization}`,
        `/console/organizations/${organization}/domains`,
        "/console/outbox",
        "/console/webhooks",
        "/console/webhooks/1",
        "/console/audit",
      ],
      actions: [
        `/console/orders/${order.id}/resend`,
        `/console/orders/${order.id}/cancel`,
        "/console/admin-requests/1/decide",
        `/console/organizations/${organization}/domains`,
        `/console/organizations/${organization}/domains/acme.com/verify`,
        `/console/organizations/${organization}/domains/acme.com/claim`,
        `/console/organizations/${organization}/domains/acme.com/remove`,
        "/console/outbox/1/retry",
        "/console/webhooks/1/status",
        "/console/webhooks/1/deliveries/1/redeliver",
        "/console/sign-out",
      ],
    };
  }

  it("lists every console route in this test (a new route must be added here)", async () => {
    const routes = app.server.registeredRoutes
      .filter((r) => r.url.startsWith("/console") && (r.method === "GET" || r.method === "POST"))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(routes).toEqual(
      [
        "GET /console",
        "GET /console/setup/:token",
        "POST /console/setup/:token",
        "GET /console/sign-in",
        "POST /console/sign-in",
        "POST /console/sign-out",
        "GET /console/orders",
        "GET /console/orders/:id",
        "POST /console/orders/:id/resend",
        "POST /console/orders/:id/cancel",
        "GET /console/admin-requests",
        "GET /console/admin-requests/:id",
        "POST /console/admin-requests/:id/decide",
        "GET /console/organizations",
        "GET /console/organizations/:id",
        "GET /console/organizations/:id/domains",
        "POST /console/organizations/:id/domains",
        "POST /console/organizations/:id/domains/:domain/verify",
        "POST /console/organizations/:id/domains/:domain/claim",
        "POST /console/organizations/:id/domains/:domain/remove",
        "GET /console/outbox",
        "POST /console/outbox/:id/retry",
        "GET /console/webhooks",
        "GET /console/webhooks/:id",
        "POST /console/webhooks/:id/status",
        "POST /console/webhooks/:id/deliveries/:deliveryId/redeliver",
        "GET /console/audit",
      ].sort(),
    );
  });

  it("refuses every page and action without a session, and changes nothing", async () => {
    const { order, pages, actions } = await consoleRoutes();
    const anonymous = browser(app);
    for (const page of pages) {
      const response = await anonymous.get(page);
      expect([page, response.status]).toEqual([page, 303]);
      expect(response.location).toBe(`/console/sign-in?next=${encodeURIComponent(page)}`);
    }
    // With a valid CSRF token too: the session, not the token, is what is missing.
    await anonymous.get("/console/sign-in");
    for (const action of actions) {
      const response = await anonymous.post(action, { contactEmail: "x@evil.example", decision: "approve" });
      expect([action, response.status]).toEqual([action, 401]);
      expect(response.body).toContain("The e-mail or the password is wrong");
    }
    expect((await api.get(`/api/v1/orders/${order.id}`)).json()).toMatchObject({
      status: "awaiting_setup",
      invitation: { status: "sent" },
    });
  });

  it("does not take a forged, stolen-from-the-database, expired or signed-out session", async () => {
    const b = await signedIn();
    const real = b.jar.get("provisio_session")!;
    expect(real).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await rows<{ token_hash: Buffer }>(
      `select token_hash from operator_sessions where operator_id = ${operator.id}`,
    );
    // The table holds the SHA-256 of the secret, never the secret.
    expect(stored.map((r) => Buffer.from(r.token_hash).toString("hex"))).toContain(
      createHash("sha256").update(real).digest("hex"),
    );
    const forgeries = [
      "A".repeat(43),
      `${real.slice(0, -1)}${real.endsWith("A") ? "B" : "A"}`,
      Buffer.from(stored[0]!.token_hash).toString("base64url"),
      Buffer.from(stored[0]!.token_hash).toString("hex"),
      `${real}x`,
      "",
    ];
    for (const forged of forgeries) {
      const response = await app.server.inject({
        method: "GET",
        url: "/console/orders",
        headers: { cookie: `provisio_session=${forged}` },
      });
      expect([forged, response.statusCode]).toEqual([forged, 303]);
    }
    expect((await b.get("/console/orders")).status).toBe(200);

    // Idle for more than two hours: gone.
    const saved = app.clock.now();
    app.clock.set(new Date(saved.getTime() + 121 * 60_000));
    try {
      expect((await b.get("/console/orders")).status).toBe(303);
    } finally {
      app.clock.set(saved);
    }

    const c = await signedIn();
    const token = c.jar.get("provisio_session")!;
    await c.get("/console/orders");
    expect((await c.post("/console/sign-out")).status).toBe(303);
    const replay = await app.server.inject({
      method: "GET",
      url: "/console/orders",
      headers: { cookie: `provisio_session=${token}` },
    });
    expect(replay.statusCode).toBe(303);
  });

  it("gives a new session at sign-in (no fixation) in an HTTP-only, SameSite=Strict cookie", async () => {
    // The attacker's own valid session, planted in the victim's browser before the victim signs in.
    const attacker = await signedIn();
    const planted = attacker.jar.get("provisio_session")!;
    const victim = browser(app);
    victim.jar.set("provisio_session", planted);
    const response = await victim.signIn(operator.email, password);
    expect(response.status).toBe(303);
    const cookie = response.setCookie.find((c) => c.startsWith("provisio_session="))!;
    expect(cookie).toMatch(
      /^provisio_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/console; HttpOnly; SameSite=Strict$/,
    );
    const fresh = victim.jar.get("provisio_session")!;
    expect(fresh).not.toBe(planted);
    // The planted session is dropped: the attacker cannot ride on the victim's sign-in.
    expect((await attacker.get("/console/orders")).status).toBe(303);
    expect((await victim.get("/console/orders")).status).toBe(200);
    const audit = await rows<{ action: string; actor: string }>(
      `select action, actor from audit_events where subject_type = 'operator' and subject_id = '${operator.id}' order by id desc limit 1`,
    );
    expect(audit).toEqual([{ action: "operator.signed_in", actor: `operator:${operator.id}` }]);
  });

  it("goes back after sign-in where the operator was going, only ever inside the console", async () => {
    for (const [next, expected] of [
      ["/console/outbox", "/console/outbox"],
      ["//evil.example/console/", "/console/orders"],
      ["https://evil.example/console/", "/console/orders"],
      ["/\\evil.example", "/console/orders"],
    ] as const) {
      const b = browser(app);
      await b.get("/console/sign-in");
      const response = await b.post(`/console/sign-in?next=${encodeURIComponent(next)}`, {
        email: operator.email,
        password,
      });
      expect([next, response.status, response.location]).toEqual([next, 303, expected]);
    }
  });

  it("refuses a wrong password or an unknown operator alike, and throttles after five failures", async () => {
    const email = `${unique("victim")}@provisio.example`;
    await addOperator(app.deps, { email, password });
    const b = browser(app);
    const unknown = await b.signIn(`${unique("nobody")}@provisio.example`, password);
    const wrong = await b.signIn(email, "not the password at all");
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(wrong.body).toContain("The e-mail or the password is wrong.");
    expect(wrong.setCookie.some((c) => c.startsWith("provisio_session="))).toBe(false);
    for (let i = 0; i < 4; i++) expect((await b.signIn(email, `wrong ${i} password`)).status).toBe(401);
    // Five failures for this e-mail: even the right password waits now.
    const throttled = await b.signIn(email, password);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toContain("Too many failed sign-ins");
    const saved = app.clock.now();
    app.clock.set(new Date(saved.getTime() + 16 * 60_000));
    try {
      expect((await b.signIn(email, password)).status).toBe(303);
    } finally {
      app.clock.set(saved);
    }
    const failed = await rows<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'operator.sign_in_failed' and details->>'email' = 'v***@provisio.example'`,
    );
    expect(failed[0]!.n).toBeGreaterThanOrEqual(5);
  });

  it("refuses an action without the page's CSRF token even with a session", async () => {
    const b = await signedIn();
    const { order } = await orderWithLink(app);
    await b.get(`/console/orders/${order.id}`);
    const response = await b.postBare(`/console/orders/${order.id}/cancel`);
    expect(response.status).toBe(403);
    expect((await api.get(`/api/v1/orders/${order.id}`)).json().status).toBe("awaiting_setup");
  });

  it("finds an order by number and by contact, resends its link to a new contact and cancels it", async () => {
    const b = await signedIn();
    const { order, contact, token } = await orderWithLink(app);
    const byNumber = await b.get(`/console/orders?q=${encodeURIComponent(order.orderNumber.slice(0, -2))}`);
    expect(byNumber.body).toContain(`href="/console/orders/${order.id}"`);
    const byContact = await b.get(`/console/orders?q=${encodeURIComponent(contact.toUpperCase())}`);
    expect(byContact.body).toContain(`href="/console/orders/${order.id}"`);
    const none = await b.get("/console/orders?q=NO-SUCH-ORDER-%25");
    expect(none.body).toContain("None.");

    await b.get(`/console/orders/${order.id}`);
    const newContact = `${unique("nuovo")}@contacts.example`;
    const resent = await b.post(`/console/orders/${order.id}/resend`, { contactEmail: newContact });
    expect([resent.status, resent.location]).toEqual([303, `/console/orders/${order.id}?done=resent`]);
    await app.background.runOnce();
    const [mail] = await mailbox(app, newContact);
    expect((await api.get(`/api/v1/setup/${token}`, {})).code()).toBe("INVITATION_REVOKED");
    expect((await api.get(`/api/v1/setup/${tokenOf(mail!.links[0]!)}`, {})).status).toBe(200);
    const detail = await b.get(`/console/orders/${order.id}?done=resent`);
    expect(detail.body).toContain("A new setup link is on its way.");
    // Words, not codes: the action, and the operator by name and e-mail.
    expect(detail.body).toContain("Setup link resent");
    expect(detail.body).not.toContain("invitation.resent");
    expect(detail.body).toContain(`Operator Olga (${operator.email})`);
    expect(detail.body).not.toContain(`operator:${operator.id}`);

    const cancelled = await b.post(`/console/orders/${order.id}/cancel`);
    expect(cancelled.status).toBe(303);
    expect((await api.get(`/api/v1/orders/${order.id}`)).json().status).toBe("cancelled");
    const again = await b.get(`/console/orders/${order.id}`);
    expect(again.body).toContain("no action is possible");
    expect(again.body).not.toContain(`/console/orders/${order.id}/cancel`);
    // A stale form posted after the point of no return: a clear refusal, nothing changes.
    const late = await b.post(`/console/orders/${order.id}/resend`, {});
    expect(late.status).toBe(409);
    expect(late.body).toContain('role="alert"');
    const audit = await rows<{ actor: string; action: string }>(
      `select actor, action from audit_events where order_id = ${order.id} and actor like 'operator:%' order by id`,
    );
    expect(audit).toEqual([
      { actor: `operator:${operator.id}`, action: "invitation.resent" },
      { actor: `operator:${operator.id}`, action: "order.cancelled" },
    ]);
  });

  it("decides requests routed to operators and refuses those of organizations with administrators", async () => {
    const b = await signedIn();
    const domain = `${unique("orfana")}.example`;
    const orphan = await addOrganization(app, {
      name: "Orfana Console Srl",
      users: [[`solo@${domain}`, "user"]],
    });
    const { token, order, contact } = await orderWithLink(app);
    await chooseExisting(app, token, {
      companyName: "Orfana",
      adminEmail: `solo@${domain}`,
      organizationId: orphan,
    });
    const [request] = (await api.get(`/api/v1/orders/${order.id}`)).json().adminRequests;
    expect(request).toMatchObject({ routedTo: "operators", status: "pending" });

    const queue = await b.get("/console/admin-requests");
    expect(queue.body).toContain(`href="/console/admin-requests/${request.id}"`);
    const page = await b.get(`/console/admin-requests/${request.id}`);
    expect(page.body).toContain('value="approve"');
    const approved = await b.post(`/console/admin-requests/${request.id}/decide`, { decision: "approve" });
    expect(approved.status).toBe(303);
    expect(await rows(`select role from users where email = 'solo@${domain}'`)).toEqual([
      { role: "full_admin" },
    ]);
    expect(await rows(`select status, decided_by from admin_requests where id = ${request.id}`)).toEqual([
      { status: "approved", decided_by: `operator:${operator.id}` },
    ]);
    await app.background.runOnce();
    expect((await mailbox(app, contact))[0]!.subject).toContain("approved");
    const twice = await b.post(`/console/admin-requests/${request.id}/decide`, { decision: "reject" });
    expect(twice.status).toBe(409);

    // A request that went to the organization's administrators is theirs to decide.
    const adminDomain = `${unique("alfa")}.example`;
    const alfa = await addOrganization(app, {
      name: "Alfaconsole Spa",
      users: [
        [`anna@${adminDomain}`, "full_admin"],
        [`carlo@${adminDomain}`, "user"],
      ],
    });
    const second = await orderWithLink(app);
    await chooseExisting(app, second.token, {
      companyName: "Alfaconsole",
      adminEmail: `carlo@${adminDomain}`,
      organizationId: alfa,
    });
    const [theirs] = (await api.get(`/api/v1/orders/${second.order.id}`)).json().adminRequests;
    expect(theirs.routedTo).toBe("administrators");
    const view = await b.get(`/console/admin-requests/${theirs.id}`);
    expect(view.body).not.toContain('value="approve"');
    const refused = await b.post(`/console/admin-requests/${theirs.id}/decide`, { decision: "approve" });
    expect(refused.status).toBe(409);
    expect(await rows(`select status from admin_requests where id = ${theirs.id}`)).toEqual([
      { status: "pending" },
    ]);
    expect(await rows(`select role from users where email = 'carlo@${adminDomain}'`)).toEqual([
      { role: "user" },
    ]);
  });

  it("finds organizations by name and by domain, with their users, subscriptions and requests", async () => {
    const b = await signedIn();
    const domain = `${unique("zeta")}.example`;
    const id = await addOrganization(app, {
      name: "Zetaconsole Logistica S.r.l.",
      users: [[`ada@${domain}`, "full_admin"]],
      activeSubscriptions: 1,
    });
    for (const q of ["zetaconsole", "Zetacons", domain, `someone@${domain}`]) {
      const found = await b.get(`/console/organizations?q=${encodeURIComponent(q)}`);
      expect([q, found.body.includes(`href="/console/organizations/${id}"`)]).toEqual([q, true]);
    }
    const detail = await b.get(`/console/organizations/${id}`);
    expect(detail.body).toContain(`ada@${domain}`);
    expect(detail.body).toContain("MEETINGS-STD");
    expect((await b.get("/console/organizations/999999999")).status).toBe(404);
    expect((await b.get("/console/organizations/not-an-id")).status).toBe(404);
  });

  it("retries a dead e-mail once, and says so in the audit log", async () => {
    const b = await signedIn();
    const { order } = await orderWithLink(app);
    const [dead] = await rows<{ id: string }>(
      `update outbox_messages set status = 'dead', attempts = 10, last_error = 'connect ECONNREFUSED'
       where order_id = ${order.id} returning id::text`,
    );
    const page = await b.get("/console/outbox");
    expect(page.body).toContain("connect ECONNREFUSED");
    expect(page.body).toContain(`/console/outbox/${dead!.id}/retry`);
    const retried = await b.post(`/console/outbox/${dead!.id}/retry`);
    expect([retried.status, retried.location]).toEqual([303, "/console/outbox?done=retried"]);
    expect(await rows(`select status, attempts from outbox_messages where id = ${dead!.id}`)).toEqual([
      { status: "pending", attempts: 0 },
    ]);
    const again = await b.post(`/console/outbox/${dead!.id}/retry`);
    expect(again.status).toBe(409);
    const audit = await b.get(`/console/audit?action=mail.retried&actor=operator:${operator.id}`);
    expect(audit.body).toContain(`E-mail ${dead!.id}`);
    expect(audit.body).toContain(
      `<a href="/console/orders/${order.id}"><span class="nowrap">${order.orderNumber}</span></a>`,
    );
  });

  it("filters the audit log and pages backwards", async () => {
    const b = await signedIn();
    const { order } = await orderWithLink(app);
    const byOrder = await b.get(`/console/audit?orderId=${order.id}`);
    expect(byOrder.status).toBe(200);
    expect(byOrder.body).toContain("Order placed");
    expect(byOrder.body).toContain(`Order ${order.orderNumber}`);
    const byNumber = await b.get(`/console/audit?orderId=${encodeURIComponent(order.orderNumber)}`);
    expect(byNumber.body).toContain(`Order ${order.orderNumber}`);
    const none = await b.get("/console/audit?action=no.such.action&from=2020-01-01&to=not-a-date");
    expect(none.body).toContain("None.");
  });

  it("speaks Italian when asked and remembers it", async () => {
    const b = await signedIn();
    const it_ = await b.get("/console/orders?lang=it");
    expect(it_.body).toContain('<html lang="it">');
    expect(it_.body).toContain("Ordini");
    expect((await b.get("/console/outbox")).body).toContain('<html lang="it">');
  });

  it("exposes metrics: requests by route pattern (never a secret), matches, outbox and requests", async () => {
    const { token } = await orderWithLink(app);
    await api.post(
      `/api/v1/setup/${token}/match`,
      { companyName: "Nessuna Corrispondenza", adminEmail: `x@${unique("nm")}.example` },
      {},
    );
    const response = await app.server.inject({ method: "GET", url: "/metrics" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/plain");
    const text = response.body;
    expect(text).toMatch(
      /provisio_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/setup\/:token\/match",status="200"\} [1-9]\d*/,
    );
    expect(text).toMatch(/provisio_matches_total\{outcome="no_match"\} [1-9]/);
    expect(text).toMatch(/provisio_outbox_pending \d+/);
    expect(text).toMatch(/provisio_outbox_dead \d+/);
    expect(text).toMatch(/provisio_admin_requests\{status="pending",routed_to="operators"\} \d+/);
    expect(text).toMatch(/provisio_mail_deliveries_total\{template="setup_invitation",result="sent"\} [1-9]/);
    expect(text).not.toContain(token);
  });
});
