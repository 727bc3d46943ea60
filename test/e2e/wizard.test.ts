import { sql } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDirectory } from "../../src/demo/load-demo.js";
import { unique } from "../support/directory.js";
import { mailbox, placeOrder } from "../support/http.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import {
  chooseOrganization,
  fillCompany,
  followMailLink,
  freePort,
  hasChromium,
  launchChromium,
  newPage,
  phone,
} from "./wizard.js";

if (!hasChromium) {
  console.warn("BROWSER TESTS SKIPPED: /usr/bin/chromium is not installed here (.ci/run installs it).");
}

describe.skipIf(!hasChromium)("the setup wizard and the approval page in Chromium", () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let partnerId: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startTestApp("pglite", { PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: base });
    await loadDemoDirectory(app.db, { now: app.clock.now() });
    partnerId = (
      await sql<{
        id: string;
      }>`select id from organizations where external_id = 'demo-org-techpartners'`.execute(app.db.kysely)
    ).rows[0]!.id;
    await app.listen();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** An order and the setup link its e-mail carried. */
  async function orderLink(changes: Record<string, unknown> = {}) {
    const contact = `${unique("contact")}@contacts.example`;
    const order = await placeOrder(app, {
      provisioningContact: { email: contact, name: "Carla" },
      ...changes,
    });
    await app.background.runOnce();
    const [mail] = await mailbox(app, contact);
    return { order, contact, link: mail!.links[0]! };
  }
  const orderRow = async (id: string) =>
    (
      await sql<{
        status: string;
        organization_id: string | null;
      }>`select status, organization_id from orders where id = ${id}`.execute(app.db.kysely)
    ).rows[0]!;
  const organizationId = async (externalId: string) =>
    (
      await sql<{ id: string }>`select id from organizations where external_id = ${externalId}`.execute(
        app.db.kysely,
      )
    ).rows[0]!.id;
  const heading = (page: Page) => page.locator("h1").textContent();
  async function withPage<T>(
    fn: (page: Page) => Promise<T>,
    options: Parameters<typeof newPage>[1] = {},
  ): Promise<T> {
    const { context, page } = await newPage(browser, options);
    try {
      return await fn(page);
    } finally {
      await context.close();
    }
  }

  it("existing administrator: the subscription is mapped to that organization (Italian)", async () => {
    const { order, link } = await orderLink({ locale: "it" });
    await withPage(async (page) => {
      await page.goto(link);
      expect(await heading(page)).toBe("Configura il tuo abbonamento");
      await page.getByRole("link", { name: "Continua" }).click();
      await fillCompany(page, "Qualsiasi Nome", "Mario.Rossi@acme.it", {
        company: "Nome della società",
        email: "E-mail dell'amministratore",
        submit: "Cerca",
      });
      await expect
        .poll(() => page.getByText("Questa e-mail è già amministratore completo di Acme S.p.A.").count())
        .toBe(1);
      await chooseOrganization(page, "Acme S.p.A.");
      expect(await page.getByText("L'abbonamento verrà associato a Acme S.p.A.").count()).toBe(1);
      await page.getByRole("button", { name: "Conferma" }).click();
      expect(await heading(page)).toBe("Il tuo abbonamento è configurato");
    });
    expect(await orderRow(order.id)).toEqual({
      status: "provisioned",
      organization_id: await organizationId("demo-org-acme"),
    });
  });

  it("candidates: an in-use organization needs its administrator; approved from the e-mail, the contact resumes and maps", async () => {
    const { order, contact, link } = await orderLink();
    const newAdmin = `${unique("nuovo")}@acme.it`;
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continue" }).click();
      await fillCompany(page, "Acme", newAdmin);
      expect(await heading(page)).toBe("Existing organizations");
      const card = page.getByRole("article", { name: "Acme S.p.A.", exact: true });
      expect(await card.locator(".badge").textContent()).toBe("In use");
      expect(
        await card
          .getByText("Likely in use: contact the full administrator to confirm before mapping.")
          .count(),
      ).toBe(1);
      expect(await page.getByRole("heading", { name: "Same e-mail domain, different name" }).count()).toBe(1);
      await chooseOrganization(page, "Acme S.p.A.");
      await page.getByRole("button", { name: "Confirm" }).click();
      expect(await heading(page)).toBe("Waiting for Acme S.p.A.'s administrator");
      expect(await orderRow(order.id)).toEqual({ status: "awaiting_admin_approval", organization_id: null });

      // The administrator opens the approval e-mail and approves.
      await app.background.runOnce();
      await followMailLink(page, base, "anna.ferrari@acme.it", "Request: new administrator for Acme S.p.A.");
      expect(await heading(page)).toBe("New administrator request");
      expect(await page.getByText(newAdmin).count()).toBeGreaterThan(0);
      await page.getByRole("button", { name: "Approve" }).click();
      expect(
        await page.getByText("You approved this request. The new administrator has been added.").count(),
      ).toBe(1);

      // The contact resumes from the e-mail they got; the form is filled in already.
      await app.background.runOnce();
      await followMailLink(page, base, contact, "Request approved");
      expect(
        await page.getByText("Acme S.p.A.'s administrator approved the new administrator.").count(),
      ).toBe(1);
      await page.getByRole("link", { name: "Continue" }).click();
      expect(await page.getByLabel("Administrator e-mail").inputValue()).toBe(newAdmin);
      await page.getByRole("button", { name: "Search" }).click();
      await chooseOrganization(page, "Acme S.p.A.");
      await page.getByRole("button", { name: "Confirm" }).click();
      expect(await heading(page)).toBe("Your subscription is set up");
    });
    expect(await orderRow(order.id)).toEqual({
      status: "provisioned",
      organization_id: await organizationId("demo-org-acme"),
    });
  });

  it("partner for a customer: continues with the administrator pending, then the administrator rejects", async () => {
    const { order, contact, link } = await orderLink({
      orderedBy: { type: "partner", partnerOrganizationId: partnerId },
    });
    const newAdmin = `${unique("titolare")}@gmail.com`;
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continue" }).click();
      expect(await heading(page)).toBe("Who sets up the service?");
      await page.getByLabel("We set it up for the customer").check();
      await page.getByRole("button", { name: "Continue" }).click();
      await fillCompany(page, "Pizzeria Da Mario", newAdmin);
      expect(await page.getByText("gmail.com is a public mailbox provider").count()).toBe(1);
      await chooseOrganization(page, "Pizzeria Da Mario");
      await page.getByRole("button", { name: "Confirm" }).click();
      expect(await heading(page)).toBe("Your subscription is set up");
      expect(await page.getByText(`${newAdmin} is not an administrator yet`).count()).toBe(1);
      expect((await orderRow(order.id)).status).toBe("provisioned");

      await app.background.runOnce();
      await followMailLink(page, base, "pizzeriadamario.napoli@gmail.com", "Request: new administrator");
      await page.getByLabel("Reason (optional, shown to the requester)").fill("We do not know this person");
      await page.getByRole("button", { name: "Reject" }).click();
      expect(await page.getByText("You rejected this request.").count()).toBe(1);
    });
    await app.background.runOnce();
    const [told] = await mailbox(app, contact);
    expect(told!.subject).toBe("Request rejected for Pizzeria Da Mario");
    expect(told!.text).toContain("We do not know this person");
    expect((await orderRow(order.id)).status).toBe("provisioned");
  });

  it("new organization: created, and its administrator gets the welcome e-mail", async () => {
    const { order, link } = await orderLink();
    const admin = `${unique("anna")}@zefirorobotics.it`;
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continue" }).click();
      await fillCompany(page, "Zefiro Robotics Srl", admin);
      expect(await page.getByText("No existing organization matches this company.").count()).toBe(1);
      await page.getByRole("link", { name: "Create “Zefiro Robotics Srl” as a new organization" }).click();
      await page.getByRole("button", { name: "Confirm" }).click();
      expect(await heading(page)).toBe("Your subscription is set up");
      expect(
        await page
          .getByText(`We created Zefiro Robotics Srl with ${admin} as its full administrator.`)
          .count(),
      ).toBe(1);
    });
    await app.background.runOnce();
    const welcome = await mailbox(app, admin);
    expect(welcome.map((m) => m.subject)).toEqual([
      `Welcome: you administer a new organization (order ${order.orderNumber})`,
    ]);
    // The name typed in the wizard is quoted data in the e-mail, not its own words.
    expect(welcome[0]!.text).toMatch(/^Organization: +“Zefiro Robotics Srl”$/m);
    expect((await orderRow(order.id)).status).toBe("provisioned");
  });

  it("handover: the customer gets a link of their own and the partner's stops working", async () => {
    const { link } = await orderLink({ orderedBy: { type: "partner", partnerOrganizationId: partnerId } });
    const customer = `${unique("cliente")}@cliente.example`;
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continue" }).click();
      await page.getByLabel("The customer sets it up").check();
      await page.getByLabel("Customer contact e-mail").fill(customer);
      await page.getByRole("button", { name: "Continue" }).click();
      expect(
        await page.getByText("Done: the customer got an e-mail with a setup link of their own.").count(),
      ).toBe(1);
      const dead = await page.goto(link);
      expect(dead!.status()).toBe(410);
      expect(await heading(page)).toBe("This link no longer works");
      await app.background.runOnce();
      await followMailLink(
        page,
        base,
        customer,
        "TechPartners Italia Srl asks you to set up your subscription",
      );
      expect(await heading(page)).toBe("Set up your subscription");
      await page.getByRole("link", { name: "Continue" }).click();
      expect(await heading(page)).toBe("Company and administrator");
    });
  });

  it("switches language, and keeps it through the forms", async () => {
    const { link } = await orderLink({ locale: "en" });
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Italiano" }).click();
      expect(await heading(page)).toBe("Configura il tuo abbonamento");
      expect(await page.locator("html").getAttribute("lang")).toBe("it");
      await page.getByRole("link", { name: "Continua" }).click();
      await fillCompany(page, "Società Inesistente", "nessuno@inesistente.example", {
        company: "Nome della società",
        email: "E-mail dell'amministratore",
        submit: "Cerca",
      });
      expect(await heading(page)).toBe("Organizzazioni esistenti");
      await page.getByRole("link", { name: "English" }).click();
      expect(await heading(page)).toBe("Existing organizations");
    });
  });

  it("works without JavaScript, start to end", async () => {
    const { order, link } = await orderLink();
    await withPage(
      async (page) => {
        await page.goto(link);
        await page.getByRole("link", { name: "Continue" }).click();
        await page.getByLabel("Company name").fill("Senza Script Srl");
        await page.getByLabel("Administrator e-mail").fill("anna@localhost");
        await page.getByRole("button", { name: "Search" }).click();
        expect(await page.getByText("This is not an e-mail address we can use.").count()).toBe(1);
        expect(await page.getByLabel("Administrator e-mail").getAttribute("aria-invalid")).toBe("true");
        await fillCompany(page, "Senza Script Srl", `${unique("admin")}@senzascript.example`);
        await page.getByRole("link", { name: /Create/ }).click();
        await page.getByRole("button", { name: "Confirm" }).click();
        expect(await heading(page)).toBe("Your subscription is set up");
      },
      { javaScriptEnabled: false },
    );
    expect((await orderRow(order.id)).status).toBe("provisioned");
  });

  it("fits a 375-pixel phone, labels every field and starts with a skip link", async () => {
    const { link } = await orderLink();
    await withPage(
      async (page) => {
        await page.goto(link);
        await page.getByRole("link", { name: "Continue" }).click();
        const overflow = await page.evaluate(
          "document.documentElement.scrollWidth - document.documentElement.clientWidth",
        );
        expect(overflow).toBe(0);
        const unlabeled = await page.evaluate(
          `[...document.querySelectorAll("input:not([type=hidden]), textarea, select")].filter((e) => !e.labels || e.labels.length === 0).length`,
        );
        expect(unlabeled).toBe(0);
        expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe(
          "field-companyName",
        );
        await page.goto(link);
        await page.keyboard.press("Tab");
        expect(await page.evaluate("document.activeElement && document.activeElement.textContent")).toBe(
          "Skip to content",
        );
      },
      { viewport: phone },
    );
  });
});
