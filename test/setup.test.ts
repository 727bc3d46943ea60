import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callAudit } from "../src/setup/link-calls.js";
import { recordSearch, type SearchLink } from "../src/setup/setup.repository.js";
import { openSearchLink } from "../src/setup/setup-link.js";
import {
  addOrganization,
  approvalMailedTo,
  chooseExisting,
  linkMailedTo,
  orderWithLink,
  unique,
} from "./support/directory.js";
import { client, mailbox } from "./support/http.js";
import { startTestApp, type TestApp, testEngines } from "./support/test-app.js";

const DAY = 86_400_000;

describe.each(testEngines())("setup wizard and administrator requests on %s", (engine) => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let partnerId: string;
  beforeAll(async () => {
    app = await startTestApp(engine, { MATCH_RATE_PER_HOUR: "5" });
    api = client(app);
    partnerId = await addOrganization(app, {
      name: "Canale Partner Srl",
      kind: "partner",
      users: [[`${unique("p")}@canale-partner.example`, "full_admin"]],
    });
  });
  afterAll(() => app.close());

  const rows = async <T>(query: string) => (await sql.raw<T>(query).execute(app.db.kysely)).rows;
  const setup = (token: string) => `/api/v1/setup/${token}`;
  const order = async (id: string) => (await api.get(`/api/v1/orders/${id}`)).json();
  const later = async (ms: number, fn: () => Promise<void>) => {
    const saved = app.clock.now();
    app.clock.set(new Date(saved.getTime() + ms));
    try {
      await fn();
    } finally {
      app.clock.set(saved);
    }
  };

  /** An in-use customer "Alfa…" on its own domain, with two full administrators and a plain user. */
  async function alfa() {
    const domain = `${unique("alfa")}.example`;
    const admins = [`anna@${domain}`, `bruno@${domain}`];
    const member = `carlo@${domain}`;
    const id = await addOrganization(app, {
      name: "Alfaomega Impianti S.p.A.",
      users: [
        [admins[0]!, "full_admin"],
        [admins[1]!, "full_admin"],
        [member, "user"],
      ],
      activeSubscriptions: 1,
    });
    return { id, domain, admins, member };
  }

  describe("GET /api/v1/setup/{token}", () => {
    it("shows the order and the step; unknown secrets are 404 NOT_FOUND", async () => {
      const { token, contact } = await orderWithLink(app, { locale: "it" });
      const response = await api.get(setup(token), {});
      expect(response.status).toBe(200);
      expect(response.json()).toMatchObject({
        scenario: "customer_self",
        step: "company",
        order: {
          locale: "it",
          services: [{ sku: "MEETINGS-ENT", quantity: 250 }],
          contact: { email: contact },
        },
        draft: null,
        adminRequest: null,
        organization: null,
      });
      for (const guess of ["x", "A".repeat(43), token.slice(0, -1), `${token}A`]) {
        const missing = await api.get(setup(guess), {});
        expect(missing.status).toBe(404);
        expect(missing.code()).toBe("NOT_FOUND");
      }
    });

    it("asks a partner's order for a customer who sets up", async () => {
      const { token } = await orderWithLink(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partnerId },
      });
      expect((await api.get(setup(token), {})).json()).toMatchObject({
        step: "choose_setup_by",
        scenario: null,
        order: { orderedBy: { type: "partner", partnerName: "Canale Partner Srl" } },
      });
    });
  });

  describe("dead links", () => {
    it("410 INVITATION_EXPIRED after INVITATION_TTL_DAYS, on every endpoint", async () => {
      const { token } = await orderWithLink(app);
      await later(30 * DAY, async () => {
        for (const call of [
          () => api.get(setup(token), {}),
          () => api.post(`${setup(token)}/match`, { companyName: "X", adminEmail: "a@b.example" }, {}),
          () =>
            api.post(
              `${setup(token)}/complete`,
              { companyName: "X", adminEmail: "a@b.example", decision: { type: "new" } },
              {},
            ),
          () => api.post(`${setup(token)}/setup-by`, { setupBy: "partner" }, {}),
        ]) {
          const response = await call();
          expect(response.status).toBe(410);
          expect(response.code()).toBe("INVITATION_EXPIRED");
        }
      });
    });

    it("410 INVITATION_REVOKED after a resend, and after a cancel", async () => {
      const first = await orderWithLink(app);
      await api.post(`/api/v1/orders/${first.order.id}/invitation/resend`);
      const { token: second } = await linkMailedTo(app, first.contact);
      expect((await api.get(setup(first.token), {})).code()).toBe("INVITATION_REVOKED");
      expect((await api.get(setup(second), {})).status).toBe(200);
      await api.post(`/api/v1/orders/${first.order.id}/cancel`);
      expect((await api.get(setup(second), {})).code()).toBe("INVITATION_REVOKED");
    });

    it("410 INVITATION_USED for the search once provisioned; the page still shows what was done", async () => {
      const { token } = await orderWithLink(app);
      const adminEmail = `${unique("new")}@used.example`;
      const done = await api.post(
        `${setup(token)}/complete`,
        { companyName: "Usata Srl", adminEmail, decision: { type: "new" } },
        {},
      );
      expect(done.status, done.body).toBe(200);
      const state = await api.get(setup(token), {});
      expect(state.json()).toMatchObject({ step: "done", organization: { name: "Usata Srl" } });
      const match = await api.post(`${setup(token)}/match`, { companyName: "Usata", adminEmail }, {});
      expect(match.status).toBe(410);
      expect(match.code()).toBe("INVITATION_USED");
      const again = await api.post(
        `${setup(token)}/complete`,
        { companyName: "Usata Srl", adminEmail, decision: { type: "new" } },
        {},
      );
      expect(again.status).toBe(409);
      expect(again.code()).toBe("ALREADY_PROVISIONED");
    });
  });

  describe("who sets up (partner orders for a customer)", () => {
    it("partner: the scenario is partner_for_customer and the wizard asks for the company", async () => {
      const { token, order: placed } = await orderWithLink(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partnerId },
      });
      const response = await api.post(`${setup(token)}/setup-by`, { setupBy: "partner" }, {});
      expect(response.status, response.body).toBe(200);
      expect(response.json()).toEqual({ scenario: "partner_for_customer" });
      expect((await api.get(setup(token), {})).json().step).toBe("company");
      expect((await order(placed.id)).scenario).toBe("partner_for_customer");
    });

    it("customer: a new link goes to the customer and the partner's answers 410 INVITATION_HANDED_OVER", async () => {
      const { token, order: placed } = await orderWithLink(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partnerId },
        locale: "it",
      });
      const customer = `${unique("cliente")}@cliente.example`;
      const response = await api.post(
        `${setup(token)}/setup-by`,
        { setupBy: "customer", customerContact: { email: customer, name: "Clara Cliente" } },
        {},
      );
      expect(response.json()).toEqual({ scenario: "customer_self" });
      expect((await api.get(setup(token), {})).code()).toBe("INVITATION_HANDED_OVER");
      const mail = await linkMailedTo(app, customer);
      expect(mail.subject).toBe(
        `Canale Partner Srl ti chiede di configurare il tuo abbonamento (ordine ${placed.orderNumber})`,
      );
      expect((await api.get(setup(mail.token), {})).json()).toMatchObject({
        step: "company",
        scenario: "customer_self",
      });
      expect((await order(placed.id)).invitation).toMatchObject({
        kind: "handover",
        contactEmail: customer,
        status: "sent",
      });
      // The customer's link cannot hand over again.
      const again = await api.post(`${setup(mail.token)}/setup-by`, { setupBy: "partner" }, {});
      expect(again.status).toBe(409);
      expect(again.code()).toBe("NOT_APPLICABLE");
    });

    it("409 NOT_APPLICABLE on a customer's order; 409 WRONG_STEP for company details before the choice", async () => {
      const own = await orderWithLink(app);
      const response = await api.post(`${setup(own.token)}/setup-by`, { setupBy: "partner" }, {});
      expect(response.status).toBe(409);
      expect(response.code()).toBe("NOT_APPLICABLE");
      const partnerOrder = await orderWithLink(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partnerId },
      });
      const early = await api.post(
        `${setup(partnerOrder.token)}/match`,
        { companyName: "X", adminEmail: "x@x.example" },
        {},
      );
      expect(early.status).toBe(409);
      expect(early.code()).toBe("WRONG_STEP");
    });
  });

  describe("match", () => {
    it("finds, audits with masked inputs and the ids disclosed, and saves the draft", async () => {
      const target = await alfa();
      const { token, order: placed } = await orderWithLink(app);
      const adminEmail = `nuovo@${target.domain}`;
      const response = await api.post(
        `${setup(token)}/match`,
        { companyName: "Alfaomega", adminEmail, adminName: "Nuovo" },
        {},
      );
      expect(response.status, response.body).toBe(200);
      const result = response.json();
      expect(result.outcome).toBe("candidates");
      expect(result.candidates.map((c: { id: string }) => c.id)).toEqual([target.id]);
      expect(result.candidates[0].fullAdmins).toEqual([
        { name: "anna", email: `a***@${target.domain}` },
        { name: "bruno", email: `b***@${target.domain}` },
      ]);
      const [event] = await rows<{ actor: string; details: Record<string, unknown> }>(
        `select actor, details from audit_events where action = 'setup.match' and order_id = ${placed.id}`,
      );
      expect(event!.details).toMatchObject({
        adminEmail: `n***@${target.domain}`,
        outcome: "candidates",
        disclosedOrganizationIds: [target.id],
      });
      expect(JSON.stringify(event)).not.toContain(adminEmail);
      expect((await api.get(setup(token), {})).json().draft).toEqual({
        companyName: "Alfaomega",
        adminEmail,
        adminName: "Nuovo",
      });
    });

    it("answers 400 INVALID_EMAIL and INVALID_COMPANY_NAME, and 409 ADMIN_EMAIL_WRONG_KIND for a partner's e-mail", async () => {
      const { token } = await orderWithLink(app);
      const bad = await api.post(
        `${setup(token)}/match`,
        { companyName: "Alfa", adminEmail: "not an e-mail" },
        {},
      );
      expect([bad.status, bad.code()]).toEqual([400, "INVALID_EMAIL"]);
      const name = await api.post(
        `${setup(token)}/match`,
        { companyName: "!!!", adminEmail: "a@b.example" },
        {},
      );
      expect([name.status, name.code()]).toEqual([400, "INVALID_COMPANY_NAME"]);
      const partnerAdmin = (
        await rows<{ email: string }>(`select email from users where organization_id = ${partnerId}`)
      )[0]!.email;
      const wrong = await api.post(
        `${setup(token)}/match`,
        { companyName: "Alfa", adminEmail: partnerAdmin },
        {},
      );
      expect([wrong.status, wrong.code()]).toEqual([409, "ADMIN_EMAIL_WRONG_KIND"]);
    });

    it("allows MATCH_RATE_PER_HOUR calls per link, then 429 RATE_LIMITED with Retry-After; failed calls count", async () => {
      const { token } = await orderWithLink(app);
      const other = await orderWithLink(app);
      const call = (t: string, adminEmail = "someone@rate.example") =>
        api.post(`${setup(t)}/match`, { companyName: "Rate Limited", adminEmail }, {});
      expect((await call(token, "bad address")).status).toBe(400);
      for (let i = 0; i < 4; i++) expect((await call(token)).status).toBe(200);
      const limited = await call(token);
      expect(limited.status).toBe(429);
      expect(limited.code()).toBe("RATE_LIMITED");
      expect(Number(limited.headers["retry-after"])).toBe(3600);
      expect((await call(other.token)).status).toBe(200);
      await later(3600 * 1000, async () => {
        expect((await call(token)).status).toBe(200);
      });
    });
  });

  describe("decisions and the security rule (docs/product.md § 8)", () => {
    it("new organization: created with the administrator, subscriptions mapped, welcome e-mail", async () => {
      const { token, order: placed } = await orderWithLink(app, { locale: "it" });
      const adminEmail = `${unique("admin")}@nuova.example`;
      const response = await api.post(
        `${setup(token)}/complete`,
        {
          companyName: "Nuova Impresa S.r.l.",
          adminEmail,
          adminName: "Nina Nuova",
          country: "it",
          decision: { type: "new" },
        },
        {},
      );
      expect(response.status, response.body).toBe(200);
      const { status, organizationId, adminRequestId } = response.json();
      expect({ status, adminRequestId }).toEqual({ status: "provisioned", adminRequestId: null });
      const [organization] = await rows<Record<string, unknown>>(
        `select name, name_key, source, kind, country, managing_partner_id from organizations where id = ${organizationId}`,
      );
      expect(organization).toEqual({
        name: "Nuova Impresa S.r.l.",
        name_key: "nuovaimpresa",
        source: "wizard",
        kind: "customer",
        country: "IT",
        managing_partner_id: null,
      });
      expect(
        await rows(`select email, role, name from users where organization_id = ${organizationId}`),
      ).toEqual([{ email: adminEmail, role: "full_admin", name: "Nina Nuova" }]);
      expect(await order(placed.id)).toMatchObject({
        status: "provisioned",
        organizationId,
        subscriptions: [{ status: "active", organizationId }],
        invitation: { status: "used" },
      });
      await app.background.runOnce();
      const [welcome] = await mailbox(app, adminEmail);
      expect(welcome!.subject).toBe(
        `Benvenuto: amministri una nuova organizzazione (ordine ${placed.orderNumber})`,
      );
      // The organization's name was typed in the wizard: it is quoted data, never the e-mail's own words.
      expect(welcome!.text).toContain("«Nuova Impresa S.r.l.»");
    });

    it("a partner's new customer organization is managed by that partner", async () => {
      const { token } = await orderWithLink(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partnerId },
      });
      await api.post(`${setup(token)}/setup-by`, { setupBy: "partner" }, {});
      const response = await api.post(
        `${setup(token)}/complete`,
        {
          companyName: "Gestita Srl",
          adminEmail: `${unique("a")}@gestita.example`,
          decision: { type: "new" },
        },
        {},
      );
      const [organization] = await rows<{ managing_partner_id: string }>(
        `select managing_partner_id from organizations where id = ${response.json().organizationId}`,
      );
      expect(organization!.managing_partner_id).toBe(partnerId);
    });

    it("existing administrator: mapped at once, and the organization's administrators are told", async () => {
      const target = await alfa();
      const { token, order: placed } = await orderWithLink(app);
      const match = await api.post(
        `${setup(token)}/match`,
        { companyName: "Whatever", adminEmail: target.admins[0] },
        {},
      );
      expect(match.json().outcome).toBe("existing_admin");
      const response = await api.post(
        `${setup(token)}/complete`,
        {
          companyName: "Whatever",
          adminEmail: target.admins[0],
          decision: { type: "existing", organizationId: target.id },
        },
        {},
      );
      expect(response.json()).toEqual({
        status: "provisioned",
        organizationId: target.id,
        adminRequestId: null,
      });
      expect(await order(placed.id)).toMatchObject({
        status: "provisioned",
        subscriptions: [{ status: "active", organizationId: target.id }],
      });
      const [stats] = await rows<{ active_subscription_count: number }>(
        `select active_subscription_count from organizations where id = ${target.id}`,
      );
      expect(stats!.active_subscription_count).toBe(2);
      await app.background.runOnce();
      for (const admin of target.admins) {
        expect((await mailbox(app, admin)).map((m) => m.subject)).toEqual([
          "New subscription added to Alfaomega Impianti S.p.A.",
        ]);
      }
    });

    it("customer_self: stops, nothing mapped, every administrator asked; approval adds the admin; resume maps", async () => {
      const target = await alfa();
      const { token, order: placed, contact } = await orderWithLink(app);
      const newAdmin = `nuovo.${unique("x")}@${target.domain}`;
      await api.post(`${setup(token)}/match`, { companyName: "Alfaomega", adminEmail: newAdmin }, {});
      const complete = await api.post(
        `${setup(token)}/complete`,
        {
          companyName: "Alfaomega",
          adminEmail: newAdmin,
          adminName: "Nuovo Admin",
          decision: { type: "existing", organizationId: target.id },
        },
        {},
      );
      expect(complete.status, complete.body).toBe(200);
      const { status, adminRequestId } = complete.json();
      expect(status).toBe("awaiting_admin_approval");
      expect(await order(placed.id)).toMatchObject({
        status: "awaiting_admin_approval",
        organizationId: null,
        subscriptions: [{ status: "awaiting_setup", organizationId: null }],
        invitation: { status: "sent" },
        adminRequests: [
          {
            id: adminRequestId,
            organizationId: target.id,
            email: newAdmin,
            status: "pending",
            routedTo: "administrators",
          },
        ],
      });
      expect((await api.get(setup(token), {})).json()).toMatchObject({
        step: "awaiting_admin_approval",
        adminRequest: {
          status: "pending",
          organization: { id: target.id, name: "Alfaomega Impianti S.p.A." },
        },
      });
      // Nobody was added yet.
      expect(await rows(`select 1 from users where email = '${newAdmin}'`)).toEqual([]);
      // Waiting: the wizard refuses to go on.
      const again = await api.post(
        `${setup(token)}/complete`,
        { companyName: "Alfaomega", adminEmail: newAdmin, decision: { type: "new" } },
        {},
      );
      expect([again.status, again.code()]).toEqual([409, "ADMIN_REQUEST_PENDING"]);

      // One approval link per administrator.
      const first = await linkMailedTo(app, target.admins[0]!);
      const second = await linkMailedTo(app, target.admins[1]!);
      expect(first.token).not.toBe(second.token);
      expect(first.subject).toBe("Do you approve a new administrator for Alfaomega Impianti S.p.A.?");
      const view = await api.get(`/api/v1/admin-requests/${second.token}`, {});
      expect(view.json()).toMatchObject({
        organization: { id: target.id, name: "Alfaomega Impianti S.p.A." },
        requestedAdmin: { email: newAdmin, name: "Nuovo Admin", isUser: false },
        requestedBy: { email: contact, name: "Carla Contatto", partnerName: null },
        orderNumber: placed.orderNumber,
        scenario: "customer_self",
        status: "pending",
      });
      const approve = await api.post(`/api/v1/admin-requests/${second.token}/approve`, undefined, {});
      expect(approve.status, approve.body).toBe(200);
      expect(approve.json()).toEqual({ status: "approved" });
      expect(await rows(`select role, organization_id from users where email = '${newAdmin}'`)).toEqual([
        { role: "full_admin", organization_id: target.id },
      ]);
      const decidedTwice = await api.post(`/api/v1/admin-requests/${first.token}/approve`, undefined, {});
      expect([decidedTwice.status, decidedTwice.code()]).toEqual([409, "ADMIN_REQUEST_DECIDED"]);

      // The contact is told, with a link to resume; resuming maps (the e-mail now is a full administrator).
      const resume = await linkMailedTo(app, contact);
      expect(resume.subject).toBe("Request approved: a new administrator of Alfaomega Impianti S.p.A.");
      expect(resume.text).toContain(`“${newAdmin}”`);
      // One live link per order: the resume link supersedes the first one.
      expect((await api.get(setup(token), {})).code()).toBe("INVITATION_REVOKED");
      expect((await api.get(setup(resume.token), {})).json()).toMatchObject({
        step: "company",
        adminRequest: { status: "approved" },
      });
      const rematch = await api.post(
        `${setup(resume.token)}/match`,
        { companyName: "Alfaomega", adminEmail: newAdmin },
        {},
      );
      expect(rematch.json().outcome).toBe("existing_admin");
      const done = await api.post(
        `${setup(resume.token)}/complete`,
        {
          companyName: "Alfaomega",
          adminEmail: newAdmin,
          decision: { type: "existing", organizationId: target.id },
        },
        {},
      );
      expect(done.json()).toMatchObject({ status: "provisioned", organizationId: target.id });
      expect((await order(placed.id)).subscriptions[0]).toMatchObject({
        status: "active",
        organizationId: target.id,
      });
    });

    it("customer_self rejected: the contact is told and may choose another path", async () => {
      const target = await alfa();
      const { token, order: placed, contact } = await orderWithLink(app);
      await api.post(`${setup(token)}/match`, { companyName: "Alfaomega", adminEmail: target.member }, {});
      const complete = await api.post(
        `${setup(token)}/complete`,
        {
          companyName: "Alfaomega",
          adminEmail: target.member,
          decision: { type: "existing", organizationId: target.id },
        },
        {},
      );
      expect(complete.json().status).toBe("awaiting_admin_approval");
      const approval = await linkMailedTo(app, target.admins[0]!);
      const reject = await api.post(
        `/api/v1/admin-requests/${approval.token}/reject`,
        { reason: "Non lo conosciamo" },
        {},
      );
      expect(reject.json()).toEqual({ status: "rejected" });
      expect(await rows(`select role from users where email = '${target.member}'`)).toEqual([
        { role: "user" },
      ]);
      const told = await linkMailedTo(app, contact);
      expect(told.subject).toBe("Request rejected for Alfaomega Impianti S.p.A.");
      expect(told.text).toContain("“Non lo conosciamo”");
      expect((await order(placed.id)).status).toBe("awaiting_setup");
      // Another path, through the link of the e-mail (the first one is superseded): a new organization.
      expect(
        (await api.post(`${setup(token)}/match`, { companyName: "X", adminEmail: "x@x.example" }, {})).code(),
      ).toBe("INVITATION_REVOKED");
      const other = await api.post(
        `${setup(told.token)}/complete`,
        {
          companyName: "Alfaomega Nuova",
          adminEmail: `${unique("a")}@altro.example`,
          decision: { type: "new" },
        },
        {},
      );
      expect(other.json().status).toBe("provisioned");
    });

    it("partner_for_customer: mapped now, the administrator waits; rejection keeps the mapping", async () => {
      const target = await alfa();
      const {
        token,
        order: placed,
        contact,
      } = await orderWithLink(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partnerId },
      });
      await api.post(`${setup(token)}/setup-by`, { setupBy: "partner" }, {});
      const newAdmin = `${unique("n")}@${target.domain}`;
      await api.post(`${setup(token)}/match`, { companyName: "Alfaomega", adminEmail: newAdmin }, {});
      const complete = await api.post(
        `${setup(token)}/complete`,
        {
          companyName: "Alfaomega",
          adminEmail: newAdmin,
          decision: { type: "existing", organizationId: target.id },
        },
        {},
      );
      expect(complete.json()).toMatchObject({
        status: "provisioned_pending_admin",
        organizationId: target.id,
      });
      expect(await order(placed.id)).toMatchObject({
        status: "provisioned",
        organizationId: target.id,
        subscriptions: [{ status: "active", organizationId: target.id }],
        adminRequests: [{ status: "pending" }],
      });
      expect(await rows(`select 1 from users where email = '${newAdmin}'`)).toEqual([]);
      await app.background.runOnce();
      const subjects = (await mailbox(app, target.admins[0])).map((m) => m.subject).sort();
      expect(subjects).toEqual([
        "Do you approve a new administrator for Alfaomega Impianti S.p.A.?",
        "New subscription added to Alfaomega Impianti S.p.A.",
      ]);
      const approval = await approvalMailedTo(app, target.admins[1]!);
      expect((await api.post(`/api/v1/admin-requests/${approval}/reject`, {}, {})).json()).toEqual({
        status: "rejected",
      });
      expect(await order(placed.id)).toMatchObject({
        status: "provisioned",
        subscriptions: [{ status: "active", organizationId: target.id }],
      });
      await app.background.runOnce();
      const [told] = (await mailbox(app, contact)).filter((m) => m.subject.startsWith("Request rejected"));
      expect(told!.links).toEqual([]);
      expect(told!.text).toContain("stays in Alfaomega Impianti S.p.A.");
    });

    it("partner_for_customer approved: the e-mail is added as full administrator", async () => {
      const target = await alfa();
      const { token } = await orderWithLink(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partnerId },
      });
      await api.post(`${setup(token)}/setup-by`, { setupBy: "partner" }, {});
      await chooseExisting(app, token, {
        companyName: "Alfaomega",
        adminEmail: target.member,
        organizationId: target.id,
      });
      const approval = await approvalMailedTo(app, target.admins[0]!);
      const approve = await api.post(`/api/v1/admin-requests/${approval}/approve`, undefined, {});
      expect(approve.json()).toEqual({ status: "approved" });
      expect(await rows(`select role from users where email = '${target.member}'`)).toEqual([
        { role: "full_admin" },
      ]);
    });

    it("partner_own_use: stops like customer_self, and matches partner organizations only", async () => {
      const domain = `${unique("rete")}.example`;
      const partner = await addOrganization(app, {
        name: "Rete Partner Srl",
        kind: "partner",
        users: [[`boss@${domain}`, "full_admin"]],
      });
      const customerTwin = await addOrganization(app, {
        name: "Rete Clienti",
        users: [[`x@${domain}`, "full_admin"]],
      });
      const { token, order: placed } = await orderWithLink(app, {
        orderedBy: { type: "partner", partnerOrganizationId: partner },
        intendedUse: "partner_own_use",
      });
      const match = await api.post(
        `${setup(token)}/match`,
        { companyName: "Rete", adminEmail: `nuovo@${domain}` },
        {},
      );
      expect(match.json().candidates.map((c: { id: string }) => c.id)).toEqual([partner]);
      expect(match.json().candidates.map((c: { id: string }) => c.id)).not.toContain(customerTwin);
      const complete = await api.post(
        `${setup(token)}/complete`,
        {
          companyName: "Rete",
          adminEmail: `nuovo@${domain}`,
          decision: { type: "existing", organizationId: partner },
        },
        {},
      );
      expect(complete.json().status).toBe("awaiting_admin_approval");
      expect((await order(placed.id)).subscriptions[0].organizationId).toBeNull();
    });

    it("an organization without full administrators sends the request to operators", async () => {
      const domain = `${unique("orfana")}.example`;
      const orphan = await addOrganization(app, { name: "Orfana Srl", users: [[`solo@${domain}`, "user"]] });
      const { token, order: placed } = await orderWithLink(app);
      await api.post(`${setup(token)}/match`, { companyName: "Orfana", adminEmail: `solo@${domain}` }, {});
      const complete = await api.post(
        `${setup(token)}/complete`,
        {
          companyName: "Orfana",
          adminEmail: `solo@${domain}`,
          decision: { type: "existing", organizationId: orphan },
        },
        {},
      );
      expect(complete.json().status).toBe("awaiting_admin_approval");
      expect((await order(placed.id)).adminRequests).toMatchObject([
        { routedTo: "operators", status: "pending" },
      ]);
      const [mails] = await rows<{ n: string }>(
        `select count(*)::text as n from outbox_messages where order_id = ${placed.id} and template = 'admin_request'`,
      );
      expect(mails!.n).toBe("0");
    });

    it("requests expire after ADMIN_REQUEST_TTL_DAYS: the contact is told and the order goes back to setup", async () => {
      const target = await alfa();
      const { token, order: placed, contact } = await orderWithLink(app);
      await chooseExisting(app, token, {
        companyName: "Alfaomega",
        adminEmail: target.member,
        organizationId: target.id,
      });
      const approvalToken = await approvalMailedTo(app, target.admins[0]!);
      await later(14 * DAY, async () => {
        const late = await api.post(`/api/v1/admin-requests/${approvalToken}/approve`, undefined, {});
        expect([late.status, late.code()]).toEqual([410, "ADMIN_REQUEST_EXPIRED"]);
        expect((await api.get(`/api/v1/admin-requests/${approvalToken}`, {})).json().status).toBe("expired");
        await app.background.runOnce();
        expect(await order(placed.id)).toMatchObject({
          status: "awaiting_setup",
          adminRequests: [{ status: "expired" }],
        });
        const [told] = await mailbox(app, contact);
        expect(told!.subject).toBe("Request expired for Alfaomega Impianti S.p.A.");
        expect(told!.links).toHaveLength(1);
      });
      expect(await rows(`select role from users where email = '${target.member}'`)).toEqual([
        { role: "user" },
      ]);
    });

    it("409 APPROVER_NOT_ADMIN when the approver is no longer a full administrator", async () => {
      const target = await alfa();
      const { token } = await orderWithLink(app);
      await chooseExisting(app, token, {
        companyName: "Alfaomega",
        adminEmail: target.member,
        organizationId: target.id,
      });
      const approval = await approvalMailedTo(app, target.admins[0]!);
      await sql`update users set role = 'user' where email = ${target.admins[0]!}`.execute(app.db.kysely);
      const response = await api.post(`/api/v1/admin-requests/${approval}/approve`, undefined, {});
      expect([response.status, response.code()]).toEqual([409, "APPROVER_NOT_ADMIN"]);
      expect(
        (await api.get("/api/v1/admin-requests/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", {})).status,
      ).toBe(404);
    });

    it("409 ADMIN_EMAIL_IN_OTHER_ORG without naming the other organization", async () => {
      const target = await alfa();
      const elsewhere = await alfa();
      const { token } = await orderWithLink(app);
      await api.post(
        `${setup(token)}/match`,
        { companyName: "Alfaomega", adminEmail: `nuovo@${target.domain}` },
        {},
      );
      for (const decision of [{ type: "existing", organizationId: target.id }, { type: "new" }]) {
        const response = await api.post(
          `${setup(token)}/complete`,
          { companyName: "Alfaomega", adminEmail: elsewhere.member, decision },
          {},
        );
        expect([response.status, response.code()]).toEqual([409, "ADMIN_EMAIL_IN_OTHER_ORG"]);
        expect(response.body).not.toContain(elsewhere.id);
        expect(response.body).not.toContain("Alfaomega Impianti");
        expect(response.body).not.toContain(elsewhere.domain);
      }
    });

    it("409 ORGANIZATION_NOT_DISCLOSED for an organization this link's searches did not show", async () => {
      const target = await alfa();
      const shownElsewhere = await orderWithLink(app);
      await api.post(
        `${setup(shownElsewhere.token)}/match`,
        { companyName: "Alfaomega", adminEmail: `x@${target.domain}` },
        {},
      );
      const { token } = await orderWithLink(app);
      await api.post(
        `${setup(token)}/match`,
        { companyName: "Beta", adminEmail: `x@${unique("b")}.example` },
        {},
      );
      const response = await api.post(
        `${setup(token)}/complete`,
        {
          companyName: "Alfaomega",
          adminEmail: target.admins[0],
          decision: { type: "existing", organizationId: target.id },
        },
        {},
      );
      expect([response.status, response.code()]).toEqual([409, "ORGANIZATION_NOT_DISCLOSED"]);
    });

    it("409 ADMIN_EMAIL_WRONG_KIND when completing with a partner's e-mail for a customer", async () => {
      const { token } = await orderWithLink(app);
      const partnerAdmin = (
        await rows<{ email: string }>(`select email from users where organization_id = ${partnerId}`)
      )[0]!.email;
      const response = await api.post(
        `${setup(token)}/complete`,
        { companyName: "X", adminEmail: partnerAdmin, decision: { type: "new" } },
        {},
      );
      expect([response.status, response.code()]).toEqual([409, "ADMIN_EMAIL_WRONG_KIND"]);
    });
  });

  describe("races", () => {
    it("racing searches on one link: MATCH_RATE_PER_HOUR of them answer and are audited, the others 429", async () => {
      const { token, order: placed } = await orderWithLink(app);
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          api.post(`${setup(token)}/match`, { companyName: "Corsa", adminEmail: `r${i}@corsa.example` }, {}),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      const [audited] = await rows<{ n: string }>(
        `select count(*)::text as n from audit_events where action = 'setup.match' and order_id = ${placed.id}`,
      );
      expect(audited!.n).toBe("5");
    });

    it("a search whose link changed after it was read records nothing; read again, it sees the change", async () => {
      const { token, order: placed, contact } = await orderWithLink(app);
      const search = async (link: SearchLink) =>
        recordSearch(app.db.kysely, link, {
          disclosed: [],
          draft: { companyName: "Lenta", adminEmail: "x@lenta.example" },
          match: {
            outcome: "no_match",
            candidates: [],
            sameDomain: [],
            input: {
              nameKey: "lenta",
              prefix: "lenta",
              registrableDomain: "lenta.example",
              publicProvider: false,
            },
          },
          audit: callAudit(link, { action: "setup.match", now: app.clock.now(), details: {} }),
        });
      const audited = async () =>
        (
          await rows<{ n: string }>(
            `select count(*)::text as n from audit_events where action = 'setup.match' and order_id = ${placed.id}`,
          )
        )[0]!.n;
      const read = () =>
        openSearchLink(app.db.kysely, token, new Date(app.clock.now().getTime() - 3_600_000));

      // Another call of the link in between: the count and the invitation moved on.
      const first = await read();
      expect(
        (await api.post(`${setup(token)}/match`, { companyName: "Lenta", adminEmail: "y@lenta.example" }, {}))
          .status,
      ).toBe(200);
      expect(await search(first)).toBe(false);
      expect(await audited()).toBe("1");
      const again = await read();
      expect(again.calls.count).toBe(1);
      expect(await search(again)).toBe(true);
      expect(await audited()).toBe("2");

      // A resend in between: this link is dead, and the search is refused when read again.
      const before = await read();
      await api.post(`/api/v1/orders/${placed.id}/invitation/resend`);
      await linkMailedTo(app, contact);
      expect(await search(before)).toBe(false);
      expect(await audited()).toBe("2");
      const refused = await api.post(
        `${setup(token)}/match`,
        { companyName: "Lenta", adminEmail: "z@lenta.example" },
        {},
      );
      expect(refused.code()).toBe("INVITATION_REVOKED");
    });

    it("racing complete calls on one link map exactly once", async () => {
      const { token, order: placed } = await orderWithLink(app);
      const adminEmail = `${unique("race")}@race.example`;
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          api.post(
            `${setup(token)}/complete`,
            { companyName: "Corsa Srl", adminEmail, decision: { type: "new" } },
            {},
          ),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      expect(answers.filter((a) => a.status === 409).map((a) => a.code())).toEqual(
        Array(5).fill("ALREADY_PROVISIONED"),
      );
      const [count] = await rows<{ n: string }>(
        `select count(*)::text as n from organizations where name = 'Corsa Srl'`,
      );
      expect(count!.n).toBe("1");
      expect((await order(placed.id)).status).toBe("provisioned");
    });

    it("racing new organizations with the same administrator e-mail create exactly one", async () => {
      const links = [];
      for (let i = 0; i < 4; i++) links.push(await orderWithLink(app));
      const adminEmail = `${unique("same")}@same.example`;
      const answers = await Promise.all(
        links.map((l) =>
          api.post(
            `${setup(l.token)}/complete`,
            { companyName: "Doppia Srl", adminEmail, decision: { type: "new" } },
            {},
          ),
        ),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409).map((a) => a.code())).toEqual(
        Array(3).fill("ADMIN_EMAIL_IN_OTHER_ORG"),
      );
      const [count] = await rows<{ n: string }>(
        `select count(*)::text as n from organizations where name = 'Doppia Srl'`,
      );
      expect(count!.n).toBe("1");
      expect(await rows(`select 1 from users where email = '${adminEmail}'`)).toHaveLength(1);
    });
  });
});
