import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remindAdminRequests } from "../src/admin-requests/remind-admin-requests.js";
import { addOrganization, chooseExisting, orderWithLink, unique } from "./support/directory.js";
import { client, mailbox } from "./support/http.js";
import { startTestApp, type TestApp, testEngines } from "./support/test-app.js";
import { browser } from "./support/web.js";

const DAY = 86_400_000;

/**
 * What happens to an administrator request while it waits (issue #11): the administrators are reminded
 * once before it expires, and the provisioning contact may withdraw it.
 */
describe.each(testEngines())("administrator requests while they wait, on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    app = await startTestApp(engine, { ADMIN_REQUEST_TTL_DAYS: "14", ADMIN_REQUEST_REMINDER_DAYS: "3" });
    api = client(app);
  });
  afterAll(() => app.close());

  const rows = async <T>(query: string) => (await sql.raw<T>(query).execute(app.db.kysely)).rows;
  const at = async (ms: number, fn: () => Promise<void>) => {
    const saved = app.clock.now();
    app.clock.set(new Date(saved.getTime() + ms));
    try {
      await fn();
    } finally {
      app.clock.set(saved);
    }
  };

  /** An organization with two full administrators, and an order waiting for them (customer_self). */
  async function waitingRequest() {
    const domain = `${unique("attesa")}.example`;
    const admins = [`anna@${domain}`, `bruno@${domain}`];
    const organization = await addOrganization(app, {
      name: "Attesa Lunga Srl",
      users: [
        [admins[0]!, "full_admin"],
        [admins[1]!, "full_admin"],
      ],
      activeSubscriptions: 1,
    });
    const { order, token, contact } = await orderWithLink(app);
    const complete = await chooseExisting(app, token, {
      companyName: "Attesa Lunga",
      adminEmail: `nuovo@${domain}`,
      organizationId: organization,
    });
    expect(complete.status).toBe("awaiting_admin_approval");
    return { order, token, contact, admins, requestId: complete.adminRequestId as string, domain };
  }
  const reminders = async (to: string) =>
    (await mailbox(app, to)).filter((m) =>
      m.subject.startsWith("Reminder: a request for a new administrator"),
    );

  it("reminds each administrator once, ADMIN_REQUEST_REMINDER_DAYS before the expiry, with a link that still works", async () => {
    const { order, admins, requestId } = await waitingRequest();
    await app.background.runOnce();
    await at(10 * DAY, async () => {
      expect(await remindAdminRequests(app.deps)).toBe(0);
    });
    await at(11 * DAY, async () => {
      await app.background.runOnce();
      for (const admin of admins) expect(await reminders(admin)).toHaveLength(1);
      // Once: the next rounds send nothing more.
      await app.background.runOnce();
      expect(await remindAdminRequests(app.deps)).toBe(0);
    });
    await at(12 * DAY, async () => {
      await app.background.runOnce();
      for (const admin of admins) expect(await reminders(admin)).toHaveLength(1);
    });
    const [reminder] = await reminders(admins[0]!);
    expect(reminder!.text).toContain("the request expires on 8 December 2026 at 09:00 UTC");
    const view = await api.get(
      `/api/v1/admin-requests/${new URL(reminder!.links[0]!).pathname.split("/").pop()}`,
      {},
    );
    expect(view.json()).toMatchObject({ id: requestId, status: "pending" });
    expect(
      await rows<{ reminded: boolean }>(
        `select reminder_sent_at is not null as reminded from admin_requests where id = ${requestId}`,
      ),
    ).toEqual([{ reminded: true }]);
    expect(
      await rows(
        `select details from audit_events where order_id = ${order.id} and action = 'admin_request.reminded'`,
      ),
    ).toEqual([{ details: { approvers: 2, expiresAt: "2026-12-08T09:00:00.000Z" } }]);
  });

  it("does not remind a request whose whole life is shorter than the reminder window, nor with ADMIN_REQUEST_REMINDER_DAYS=0", async () => {
    const short = await startTestApp(engine, {
      ADMIN_REQUEST_TTL_DAYS: "2",
      ADMIN_REQUEST_REMINDER_DAYS: "3",
    });
    const off = await startTestApp(engine, { ADMIN_REQUEST_REMINDER_DAYS: "0" });
    try {
      // Each inside its reminder window (three days before the expiry), and not yet expired.
      for (const [other, wait] of [
        [short, 1 * DAY],
        [off, 12 * DAY],
      ] as const) {
        const domain = `${unique("breve")}.example`;
        const organization = await addOrganization(other, {
          name: "Breve Srl",
          users: [[`anna@${domain}`, "full_admin"]],
          activeSubscriptions: 1,
        });
        const { token } = await orderWithLink(other);
        await chooseExisting(other, token, {
          companyName: "Breve",
          adminEmail: `nuovo@${domain}`,
          organizationId: organization,
        });
        other.clock.advance(wait);
        expect(await remindAdminRequests(other.deps)).toBe(0);
        expect(
          (await sql<{ status: string }>`select status from admin_requests`.execute(other.db.kysely)).rows,
        ).toEqual([{ status: "pending" }]);
      }
    } finally {
      await short.close();
      await off.close();
    }
  });

  it("the contact withdraws the request: the order goes back to setup, the administrators' links refuse, unsent e-mails are dropped, it is audited", async () => {
    const { order, token, admins, requestId, domain } = await waitingRequest();
    // The approval e-mails are still in the outbox: withdrawn before they go, they never go.
    const withdrawn = await api.post(`/api/v1/setup/${token}/withdraw-request`, undefined, {});
    expect([withdrawn.status, withdrawn.json()]).toEqual([
      200,
      { status: "withdrawn", adminRequestId: requestId },
    ]);
    expect((await api.get(`/api/v1/orders/${order.id}`)).json()).toMatchObject({
      status: "awaiting_setup",
      adminRequests: [{ id: requestId, status: "withdrawn" }],
    });
    await app.background.runOnce();
    for (const admin of admins) expect(await mailbox(app, admin)).toEqual([]);
    expect(
      await rows(
        `select status from outbox_messages where order_id = ${order.id} and template = 'admin_request'`,
      ),
    ).toEqual([{ status: "cancelled" }, { status: "cancelled" }]);
    const again = await api.post(`/api/v1/setup/${token}/withdraw-request`, undefined, {});
    expect([again.status, again.code()]).toEqual([409, "NOT_APPLICABLE"]);
    expect(
      await rows(
        `select actor, details from audit_events where order_id = ${order.id} and action = 'admin_request.withdrawn'`,
      ),
    ).toEqual([
      {
        actor: expect.stringMatching(/^setup-link:\d+$/),
        details: { organizationId: expect.any(String), email: `n***@${domain}` },
      },
    ]);
    // The wizard is back at the company step, saying why.
    const state = (await api.get(`/api/v1/setup/${token}`, {})).json();
    expect(state).toMatchObject({ step: "company", adminRequest: { status: "withdrawn" } });
  });

  it("withdrawing from the waiting page asks first, then the approval link says so and approves nothing", async () => {
    const { token, admins } = await waitingRequest();
    await app.background.runOnce();
    const approval = (await mailbox(app, admins[0]!))[0]!.links[0]!;
    const person = browser(app);
    const waiting = await person.get(`/setup/${token}`);
    expect(waiting.body).toContain(`href="/setup/${token}/withdraw"`);
    const ask = await person.get(`/setup/${token}/withdraw`);
    expect(ask.status).toBe(200);
    expect(ask.body).toContain("Withdraw the request to Attesa Lunga Srl?");
    const done = await person.post(`/setup/${token}/withdraw`);
    expect([done.status, done.location]).toEqual([303, `/setup/${token}/company`]);
    const company = await person.get(`/setup/${token}/company`);
    expect(company.body).toContain(
      "You withdrew the request to Attesa Lunga Srl. Choose another administrator",
    );
    const path = new URL(approval).pathname;
    const page = await app.server.inject({ url: path });
    expect(page.body).toContain("Request withdrawn");
    expect(page.body).toContain("Withdrawn on 24 November 2026 at 09:00 UTC by the person who asked.");
    const refused = await api.post(`/api/v1${path}/approve`, undefined, {});
    expect([refused.status, refused.code()]).toEqual([409, "ADMIN_REQUEST_DECIDED"]);
  });
});
