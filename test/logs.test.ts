import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOperator } from "../src/operators/add-operator.js";
import {
  addOrganization,
  approvalMailedTo,
  linkMailedTo,
  orderWithLink,
  unique,
} from "./support/directory.js";
import { apiToken, startTestApp, type TestApp, testEngines } from "./support/test-app.js";
import { browser } from "./support/web.js";

/** Every e-mail address in a text, plain or URL-encoded; masked ones (`m***@acme.it`) are not addresses. */
function rawAddresses(text: string): string[] {
  const found = text.match(/[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g) ?? [];
  return found.filter((a) => !/^(?:[^@%]?\*\*\*)(?:@|%40)/.test(a));
}

describe.each(testEngines())("logs on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(engine, { LOG_LEVEL: "debug" });
  });
  afterAll(() => app.close());

  it("tell a whole wizard flow, approval and console visit without a secret or a raw e-mail address", async () => {
    const secrets: string[] = [apiToken];
    const addresses: string[] = [];
    const domain = `${unique("logtest")}.example`;
    const admin = `anna.admin@${domain}`;
    const member = `carlo.member@${domain}`;
    addresses.push(admin, member);
    const organization = await addOrganization(app, {
      name: "Logtest Impianti S.p.A.",
      users: [
        [admin, "full_admin"],
        [member, "user"],
      ],
      activeSubscriptions: 1,
    });

    // The contact sets up through the pages: company, results, confirm → waits for approval.
    const { token, contact, order } = await orderWithLink(app, { locale: "en" });
    secrets.push(token);
    addresses.push(contact);
    const person = browser(app);
    expect((await person.get(`/setup/${token}`)).status).toBe(200);
    await person.get(`/setup/${token}/company`);
    const company = await person.post(`/setup/${token}/company`, {
      companyName: "Logtest",
      adminEmail: member,
    });
    expect(company.status, company.body).toBe(303);
    expect((await person.get(`/setup/${token}/results`)).body).toContain("Logtest Impianti");
    await person.get(`/setup/${token}/confirm?organization=${organization}`);
    const confirm = await person.post(`/setup/${token}/confirm`, {
      decision: "existing",
      organizationId: organization,
    });
    expect(confirm.status, confirm.body).toBe(303);

    // The organization's administrator approves from the e-mail's link.
    const approval = await approvalMailedTo(app, admin);
    secrets.push(approval);
    const approver = browser(app);
    await approver.get(`/admin-requests/${approval}`);
    await approver.get(`/admin-requests/${approval}/approve`);
    const approved = await approver.post(`/admin-requests/${approval}/approve`);
    expect(approved.status, approved.body).toBe(303);

    // The contact resumes from the new e-mail and finishes.
    const resumed = await linkMailedTo(app, contact);
    secrets.push(resumed.token);
    await person.get(`/setup/${resumed.token}/confirm?organization=${organization}`);
    const done = await person.post(`/setup/${resumed.token}/confirm`, {
      decision: "existing",
      organizationId: organization,
    });
    expect(done.status, done.body).toBe(303);
    expect(
      (
        await app.server.inject({
          url: `/api/v1/orders/${order.id}`,
          headers: { authorization: `Bearer ${apiToken}` },
        })
      ).json().status,
    ).toBe("provisioned");

    // Wrong turns log too: a dead link, an unknown route with an address in it, a bad form.
    await person.get(`/setup/${token}A`);
    await app.server.inject({ url: `/no/such/${encodeURIComponent(contact)}?email=${contact}` });
    await app.server.inject({
      method: "POST",
      url: "/api/v1/orders",
      headers: { authorization: `Bearer ${apiToken}` },
      payload: { provisioningContact: { email: contact } },
    });

    // An operator signs in and searches by the contact's address.
    const operatorEmail = `${unique("olga")}@provisio.example`;
    addresses.push(operatorEmail);
    const password = "a long operator password";
    secrets.push(password);
    await addOperator(app.deps, { email: operatorEmail, password });
    const operator = browser(app);
    expect((await operator.signIn(operatorEmail, password)).status).toBe(303);
    secrets.push(operator.jar.get("provisio_session")!, operator.jar.get("provisio_csrf_console")!);
    expect((await operator.get(`/console/orders?q=${encodeURIComponent(contact)}`)).body).toContain(
      order.orderNumber,
    );
    await operator.signIn(operatorEmail, "a wrong password, logged?");

    await app.background.runOnce();
    const logs = app.logs.join("");
    // The logs did tell the story: requests, with the secret part of their paths removed, and the e-mails.
    expect(logs).toContain('"url":"/setup/[token]/confirm"');
    expect(logs).toContain('"url":"/admin-requests/[token]/approve"');
    expect(logs).toContain("e-mail sent");
    expect(logs).toContain("c***@");
    for (const secret of secrets)
      expect(logs.includes(secret), `a secret is in the logs: ${secret.slice(0, 6)}…`).toBe(false);
    expect(rawAddresses(logs)).toEqual([]);
    for (const address of addresses) {
      expect(logs.includes(address)).toBe(false);
      expect(logs.includes(encodeURIComponent(address))).toBe(false);
    }
  });
});
