import { sql } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOperator } from "../../src/operators/add-operator.js";
import { addOrganization, chooseExisting, orderWithLink, unique } from "../support/directory.js";
import { client, mailbox, tokenOf } from "../support/http.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import {
  checkedPages,
  expectAccessible,
  freePort,
  hasChromium,
  launchChromium,
  newPage,
  overflowX,
  phone,
  visibleText,
} from "./wizard.js";

if (!hasChromium) {
  console.warn("BROWSER TESTS SKIPPED: /usr/bin/chromium is not installed here (.ci/run installs it).");
}

describe.skipIf(!hasChromium)("the operator console in Chromium", () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  const email = "olga.operator@provisio.example";
  const password = "console password for the browser test";
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startTestApp("pglite", { PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: base });
    await addOperator(app.deps, { email, password, name: "Olga" });
    await app.listen();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(page: Page, withPassword = password) {
    await page.goto(`${base}/console`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(withPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  it("signs in (after a failed attempt), finds an order and resends its link: the old link dies, the new one works", async () => {
    const { order, token } = await orderWithLink(app);
    const { context, page } = await newPage(browser);
    await signIn(page, "not my password");
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("The e-mail or the password is wrong.");
    await signIn(page);
    await page.getByRole("heading", { name: "Orders" }).waitFor();

    await page.getByLabel("Order number (or its start), or the contact's e-mail").fill(order.orderNumber);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: order.orderNumber }).click();
    await page.getByRole("heading", { name: `Order ${order.orderNumber}` }).waitFor();

    const newContact = `${unique("nuovo")}@contacts.example`;
    await page.getByLabel("New contact e-mail (optional)").fill(newContact);
    await page.getByRole("button", { name: "Resend" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("A new setup link is on its way.");
    await app.background.runOnce();
    const [mail] = await mailbox(app, newContact);
    const fresh = tokenOf(mail!.links[0]!);

    const visitor = await context.newPage();
    const old = await visitor.goto(`${base}/setup/${token}`);
    expect(old!.status()).toBe(410);
    const now = await visitor.goto(`${base}/setup/${fresh}`);
    expect(now!.status()).toBe(200);
    await context.close();
  });

  it("approves a request routed to operators, with the decision recorded", async () => {
    const domain = `${unique("orfana")}.example`;
    const orphan = await addOrganization(app, {
      name: "Orfana Browser Srl",
      users: [[`solo@${domain}`, "user"]],
    });
    const { token, order } = await orderWithLink(app);
    await chooseExisting(app, token, {
      companyName: "Orfana",
      adminEmail: `solo@${domain}`,
      organizationId: orphan,
    });
    const { context, page } = await newPage(browser);
    await signIn(page);
    await page.getByRole("link", { name: "Admin requests" }).click();
    const row = page.getByRole("row").filter({ hasText: "Orfana Browser Srl" });
    await row.getByRole("link").first().click();
    await page.getByLabel("Reason (shown to the contact)").fill("Checked by phone with the customer.");
    await page.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Approved");
    const decided = await sql<{ status: string; decided_by: string }>`
      select status, decided_by from admin_requests where order_id = ${order.id}`.execute(app.db.kysely);
    expect(decided.rows).toEqual([
      { status: "approved", decided_by: expect.stringMatching(/^operator:\d+$/) },
    ]);
    await context.close();
  });

  it("retries a dead e-mail, which is then delivered", async () => {
    const { order } = await orderWithLink(app);
    const contact = `${unique("late")}@contacts.example`;
    await client(app).post(`/api/v1/orders/${order.id}/invitation/resend`, { contactEmail: contact });
    await sql`update outbox_messages set status = 'dead', attempts = 10, last_error = '421 try again later'
      where order_id = ${order.id} and recipient = ${contact}`.execute(app.db.kysely);
    const { context, page } = await newPage(browser);
    await signIn(page);
    await page.getByRole("link", { name: "E-mails" }).click();
    const row = page.getByRole("row").filter({ hasText: contact });
    await expect.poll(() => row.textContent()).toContain("421 try again later");
    await row.getByRole("button", { name: "Retry" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("The e-mail will be sent again now.");
    await app.background.runOnce();
    expect(await mailbox(app, contact)).toHaveLength(1);
    await context.close();
  });

  // A long walk: every section, two languages, two widths, axe on each page (about 17 s on a quiet machine).
  it("shows words, not codes, on every section; order numbers, not ids; usable at 375 pixels; accessible (English and Italian)", async () => {
    const domain = `${unique("parole")}.example`;
    const organization = await addOrganization(app, {
      name: "Parole Chiare Srl",
      users: [[`capo@${domain}`, "full_admin"]],
      activeSubscriptions: 1,
    });
    const { token, order } = await orderWithLink(app);
    await chooseExisting(app, token, {
      companyName: "Parole Chiare",
      adminEmail: `nuovo@${domain}`,
      organizationId: organization,
    });
    await app.background.runOnce();
    const codes = [
      "customer_self",
      "awaiting_admin_approval",
      "awaiting_setup",
      "operator:",
      "setup-link:",
      "admin_request.",
      "order.placed",
      "setup.match",
      "outbox_message",
      "setup_invitation",
      "admin_request",
      "organizationId",
    ];
    for (const viewport of [undefined, phone]) {
      const { context, page } = await newPage(browser, viewport ? { viewport } : {});
      await page.goto(`${base}/console/sign-in`);
      expect(await overflowX(page)).toBe(0);
      await expectAccessible(page);
      await signIn(page);
      const sections: [string, string][] = [
        ["Orders", "/console/orders"],
        [order.orderNumber, `/console/orders/${order.id}`],
        ["Admin requests", "/console/admin-requests?view=all"],
        ["Organization", `/console/organizations/${organization}`],
        ["Organizations", `/console/organizations?q=${domain}`],
        ["E-mails", "/console/outbox"],
        ["Audit log", "/console/audit"],
        ["Audit log of the order", `/console/audit?orderId=${encodeURIComponent(order.orderNumber)}`],
      ];
      for (const [name, path] of sections) {
        await page.goto(`${base}${path}`);
        const text = await visibleText(page);
        for (const code of codes) expect(text, `${name}: ${code}`).not.toContain(code);
        expect(await overflowX(page), name).toBe(0);
        await expectAccessible(page);
      }
      await page.goto(`${base}/console/orders/${order.id}`);
      const text = await visibleText(page);
      expect(text).toContain("The customer sets up");
      expect(text).toContain("Administrator request sent");
      expect(text).toContain(`Order number\n${order.orderNumber}`);
      // Order numbers do not break across lines.
      const wrapped = await page.evaluate(
        `[...document.querySelectorAll(".nowrap")].filter((e) => e.getClientRects().length > 1).length`,
      );
      expect(wrapped).toBe(0);
      await page.goto(`${base}/console/audit?orderId=${encodeURIComponent(order.orderNumber)}&lang=it`);
      const italian = await visibleText(page);
      expect(italian).toContain("Richiesta di amministratore inviata");
      expect(italian).toContain(`Ordine ${order.orderNumber}`);
      await expectAccessible(page);
      await context.close();
    }
  }, 120_000);

  it("checked every page it visited with axe-core", () => {
    expect(checkedPages.size).toBeGreaterThanOrEqual(8);
  });
});
