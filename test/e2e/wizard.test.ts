import { sql } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDirectory } from "../../src/demo/load-demo.js";
import { unique } from "../support/directory.js";
import { mailbox, placeOrder } from "../support/http.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import {
  checkedPages,
  chooseOrganization,
  expectAccessible,
  fillCompany,
  followMailLink,
  freePort,
  hasChromium,
  italianCompany,
  launchChromium,
  newPage,
  overflowX,
  phone,
  visibleText,
} from "./wizard.js";

if (!hasChromium) {
  console.warn("BROWSER TESTS SKIPPED: /usr/bin/chromium is not installed here (.ci/run installs it).");
}

/**
 * The provisioning contact's paths through the wizard (issue #11), in Italian and English, one of them
 * without JavaScript, with axe-core (WCAG 2.1 AA) on every page they see.
 */
describe.skipIf(!hasChromium)("the setup wizard in Chromium", () => {
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
      provisioningContact: { email: contact, name: "Carla Bianchi" },
      subscriptions: [
        { services: [{ sku: "MEETINGS-ENT", name: "Meetings Enterprise", quantity: 250 }], termMonths: 36 },
      ],
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
  const heading = (page: Page) => page.locator("h1").innerText();
  const currentStep = (page: Page) => page.locator('.steps [aria-current="step"]').innerText();
  const backLink = (page: Page, label = "Back") => page.locator("a.back-link", { hasText: label });
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

  it("errors the GOV.UK way: every field at once, a summary of links at the top, “Errore:” in the title, what to do (Italian)", async () => {
    const { link } = await orderLink({ locale: "it" });
    await withPage(async (page) => {
      await page.goto(link);
      await expectAccessible(page);
      await page.getByRole("link", { name: "Continua" }).click();
      expect(await backLink(page, "Indietro").count()).toBe(1);
      // novalidate: the empty form reaches the server instead of a browser bubble in another language.
      await page.getByRole("button", { name: "Cerca" }).click();
      expect(await page.title()).toBe("Errore: Società e amministratore · Provisio");
      const summary = page.locator(".error-summary");
      expect(await summary.getByRole("heading").innerText()).toBe("C'è un problema");
      expect(await summary.getByRole("link").allInnerTexts()).toEqual([
        "Inserisci il nome della società",
        "Inserisci l'indirizzo e-mail dell'amministratore",
      ]);
      expect(await page.evaluate("document.activeElement.className")).toBe("error-summary");
      await expectAccessible(page);
      await summary.getByRole("link", { name: "Inserisci l'indirizzo e-mail dell'amministratore" }).click();
      expect(await page.evaluate("location.hash")).toBe("#field-adminEmail");

      // Per cause: a typed address that is not one is told apart from a blank field.
      await fillCompany(page, "Acme", "mario@acme", italianCompany);
      expect(await summary.getByRole("link").allInnerTexts()).toEqual([
        "Inserisci l'indirizzo e-mail dell'amministratore con un dominio completo dopo la @, come nome@acme.it",
      ]);
      expect(await page.getByLabel("Nome della società").inputValue()).toBe("Acme");
      expect(await page.getByLabel(italianCompany.email).getAttribute("aria-invalid")).toBe("true");
      await fillCompany(page, "Acme", "mario rossi@acme.it", italianCompany);
      expect(await summary.getByRole("link").allInnerTexts()).toEqual([
        "L'indirizzo e-mail dell'amministratore non deve contenere spazi o caratteri invisibili",
      ]);
    });
  });

  it("the results help decide: the most likely first, the others folded, “create new” in view, no jargon; advice that fits (English)", async () => {
    const { link } = await orderLink();
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continue" }).click();
      await fillCompany(page, "Acme", `${unique("nuovo")}@acme.it`);
      expect(await heading(page)).toBe("6 organizations may already be Acme");
      await expectAccessible(page);
      expect(await backLink(page).getAttribute("href")).toMatch(/\/company$/);
      const cards = page.locator("article.card");
      expect(await cards.count()).toBe(6);
      // The most likely one whole; the others one line each, closed.
      expect(await cards.first().getAttribute("aria-label")).toBe("Acme S.p.A.");
      expect(await cards.first().locator("details").count()).toBe(0);
      expect(await page.locator("article.card details:not([open])").count()).toBe(5);
      expect(await page.getByRole("link", { name: "Choose Acme srl" }).isVisible()).toBe(false);
      // "Create new" is in view before the folded ones.
      const createNew = page.getByRole("link", { name: "Create “Acme” as a new organization" });
      expect(await createNew.count()).toBe(1);
      const createTop = (await createNew.boundingBox())!.y;
      const firstFolded = (await page.getByRole("article", { name: "Acme srl", exact: true }).boundingBox())!
        .y;
      expect(createTop).toBeLessThan(firstFolded);
      // "The same name" only when it reads the same; the legal form aside, it says so.
      const lead = cards.first();
      expect(await lead.locator(".why").innerText()).toBe(
        "Why it is shown: the same name apart from the legal form and punctuation · 4 users at acme.it",
      );
      expect(await lead.locator(".recommendation").innerText()).toMatch(
        /^It looks in use\. If it is your company, choose it: we will ask its full administrators to approve \S+@acme\.it before anything changes\.$/,
      );
      expect(await lead.innerText()).toContain("Mario Rossi (m***@acme.it) and 1 other");
      const text = await visibleText(page);
      for (const jargon of ["mapped", "+1", "five characters", "contact the full administrator"]) {
        expect(text).not.toContain(jargon);
      }
      const old = page.getByRole("article", { name: "Acme", exact: true });
      await old.locator("summary").click();
      expect(await old.locator(".why").innerText()).toBe(
        "Why it is shown: the same name · 1 user at acme.it",
      );
      await expectAccessible(page);
    });
  });

  it("an organization without a full administrator: our support team, said the same way on every page (English)", async () => {
    const { link } = await orderLink();
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continue" }).click();
      await fillCompany(page, "Hudson Valley", "j.carter@hudsonvalleyanalytics.com");
      expect(await heading(page)).toBe("The administrator is a user of Hudson Valley Analytics Inc.");
      expect(await page.locator(".recommendation").innerText()).toContain(
        "It has no full administrator: if it is your company, choose it and our support team will check whether j.carter@hudsonvalleyanalytics.com may administer it.",
      );
      await page.getByRole("link", { name: "Continue with Hudson Valley Analytics Inc." }).click();
      expect(await heading(page)).toBe("Ask our support team");
      const text = await visibleText(page);
      expect(text).toContain("Hudson Valley Analytics Inc. has no full administrator");
      expect(text).not.toContain("ask its full administrators");
      expect(text).not.toContain("Hudson Valley Analytics Inc.'s administrators");
      await expectAccessible(page);
      await page.getByRole("button", { name: "Send the request to our support team" }).click();
      expect(await heading(page)).toBe("Waiting for our support team");
      expect(await currentStep(page)).toBe("Approval");
      await expectAccessible(page);
    });
  });

  it("existing administrator: not “mapped” before confirming; the confirm page names the action; the person is that administrator (Italian)", async () => {
    const { order, link } = await orderLink({ locale: "it" });
    await withPage(async (page) => {
      await page.goto(link);
      // Services with their product name and term; times in the order's time zone (Europe/Rome for it).
      expect(await page.locator(".facts").innerText()).toContain(
        "Meetings Enterprise (MEETINGS-ENT)\u00a0×\u00a0250, 36 mesi",
      );
      expect(await page.locator(".facts").innerText()).toMatch(
        /Il link scade\s+24 dicembre 2026 alle ore 10:00 CET/,
      );
      await page.getByRole("link", { name: "Continua" }).click();
      await fillCompany(page, "Qualsiasi Nome", "Mario.Rossi@acme.it", italianCompany);
      expect(await heading(page)).toBe("L'amministratore gestisce già Acme S.p.A.");
      expect(await visibleText(page)).not.toMatch(/associat/);
      expect(await page.locator(".recommendation").innerText()).toContain(
        "L'amministratore che hai indicato è il suo amministratore completo.",
      );
      expect(await visibleText(page)).not.toContain("contatta l'amministratore");
      await expectAccessible(page);
      await page.getByRole("link", { name: "Continua con Acme S.p.A." }).click();
      expect(await heading(page)).toBe("Aggiungi l'abbonamento ad Acme S.p.A.");
      expect(await backLink(page, "Indietro").getAttribute("href")).toMatch(/\/results$/);
      await expectAccessible(page);
      await page.getByRole("button", { name: "Aggiungi l'abbonamento ad Acme S.p.A." }).click();
      expect(await heading(page)).toBe("Il tuo abbonamento è configurato");
      expect(await currentStep(page)).toBe("Fatto");
      await expectAccessible(page);
    });
    expect(await orderRow(order.id)).toEqual({
      status: "provisioned",
      organization_id: await organizationId("demo-org-acme"),
    });
  });

  it("after approval, one confirmation: the resume link lands on what will happen and one button finishes (English)", async () => {
    const { order, contact, link } = await orderLink();
    const newAdmin = `${unique("nuovo")}@acme.it`;
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continue" }).click();
      await fillCompany(page, "Acme", newAdmin);
      await chooseOrganization(page, "Acme S.p.A.");
      expect(await heading(page)).toBe("Ask Acme S.p.A.'s administrators");
      await page.getByRole("button", { name: "Ask Acme S.p.A.'s administrators" }).click();
      expect(await heading(page)).toBe("Waiting for Acme S.p.A.'s administrators");
      // The waiting page does not mark "Done" as the current step.
      expect(await currentStep(page)).toBe("Approval");
      const next = await page.locator("ol.next").innerText();
      expect(next).toContain(`When they decide, we write to ${contact} by e-mail.`);
      expect(next).toContain("one button in that e-mail finishes the setup");
      await expectAccessible(page);

      await app.background.runOnce();
      await followMailLink(
        page,
        base,
        "anna.ferrari@acme.it",
        "Do you approve a new administrator for Acme S.p.A.?",
      );
      await page.getByRole("link", { name: "Approve" }).click();
      await page.getByRole("button", { name: `Yes, make ${newAdmin} a full administrator` }).click();

      await app.background.runOnce();
      await followMailLink(page, base, contact, "Request approved");
      expect(await heading(page)).toBe("Finish the setup in Acme S.p.A.");
      expect(await page.locator('[role="status"]').innerText()).toBe(
        `Acme S.p.A.'s administrators approved ${newAdmin} as a full administrator.`,
      );
      expect(await page.getByRole("button").count()).toBe(1);
      await expectAccessible(page);
      await page.getByRole("button", { name: "Add the subscription to Acme S.p.A." }).click();
      expect(await heading(page)).toBe("Your subscription is set up");
      // The steps keep the approval it went through.
      expect(await page.locator(".steps li").allInnerTexts()).toEqual([
        "Order",
        "Company",
        "Results",
        "Confirm",
        "Approval",
        "Done",
      ]);
      expect(await currentStep(page)).toBe("Done");
    });
    expect(await orderRow(order.id)).toEqual({
      status: "provisioned",
      organization_id: await organizationId("demo-org-acme"),
    });
    const [resumeMail] = (await mailbox(app, contact)).filter((m) =>
      m.subject.startsWith("Request approved"),
    );
    expect(resumeMail!.text).toContain("One step is left: open the setup of order");
    expect(resumeMail!.text).not.toContain("mapped");
  });

  it("the contact withdraws a pending request: the page asks first, then says what to do; the administrators' links stop working (Italian)", async () => {
    const { order, link } = await orderLink({ locale: "it" });
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continua" }).click();
      await fillCompany(page, "Acme", `${unique("ritiro")}@acme.it`, italianCompany);
      await chooseOrganization(page, "Acme S.p.A.");
      await page.getByRole("button", { name: "Chiedi agli amministratori di Acme S.p.A." }).click();
      await app.background.runOnce();
      await page.getByRole("link", { name: "Ritira la richiesta" }).click();
      expect(await heading(page)).toBe("Ritirare la richiesta ad Acme S.p.A.?");
      await expectAccessible(page);
      await page.getByRole("button", { name: "Ritira la richiesta" }).click();
      expect(await heading(page)).toBe("Società e amministratore");
      expect(await page.locator('[role="status"]').innerText()).toBe(
        "Hai ritirato la richiesta ad Acme S.p.A. Scegli un altro amministratore o un'altra organizzazione.",
      );
      // The administrator's link now says so; it approves nothing.
      await followMailLink(
        page,
        base,
        "anna.ferrari@acme.it",
        "Approvi un nuovo amministratore per Acme S.p.A.?",
      );
      expect(await heading(page)).toBe("Richiesta ritirata");
      expect(await page.getByRole("button", { name: "Approva" }).count()).toBe(0);
      expect(await page.locator('[role="status"]').innerText()).toMatch(
        /^Ritirata (il |l')\d+ novembre 2026 alle ore \d\d:\d\d CET da chi l'aveva fatta\.$/,
      );
    });
    expect((await orderRow(order.id)).status).toBe("awaiting_setup");
    const audit = await sql<{
      action: string;
    }>`select action from audit_events where order_id = ${order.id} order by id`.execute(app.db.kysely);
    expect(audit.rows.map((r) => r.action)).toContain("admin_request.withdrawn");
  });

  it("hand-over asks first, says to whom it went and what happens next; the partner's old link explains (English)", async () => {
    const { link } = await orderLink({ orderedBy: { type: "partner", partnerOrganizationId: partnerId } });
    const customer = `${unique("cliente")}@cliente.example`;
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continue" }).click();
      expect(await heading(page)).toBe("Who sets up the service?");
      await expectAccessible(page);
      await page.getByRole("button", { name: "Continue" }).click();
      expect(await page.locator(".error-summary a").allInnerTexts()).toEqual([
        "Choose who sets up the service",
      ]);
      await expectAccessible(page);
      await page.getByLabel("The customer sets it up").check();
      await page.getByRole("button", { name: "Continue" }).click();
      expect(await heading(page)).toBe("The customer's contact");
      expect(await backLink(page).getAttribute("href")).toMatch(/\/who$/);
      await expectAccessible(page);
      await page.getByLabel("Customer contact's e-mail address").fill(customer);
      await page.getByLabel("Customer contact's name (optional)").fill("Paola Neri");
      await page.getByRole("button", { name: "Continue" }).click();
      expect(await heading(page)).toBe("Hand the setup over to the customer?");
      expect(await visibleText(page)).toContain(`Paola Neri (${customer})`);
      await expectAccessible(page);
      // Changing the address keeps what was typed.
      await page.getByRole("button", { name: "Change the e-mail address" }).click();
      expect(await page.getByLabel("Customer contact's e-mail address").inputValue()).toBe(customer);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("button", { name: "Send the setup link to the customer" }).click();
      expect(await heading(page)).toBe("The customer sets up the service");
      const masked = `${customer[0]}***@cliente.example`;
      expect(await visibleText(page)).toContain(`The setup link went to ${masked} (shown in part).`);
      expect(await visibleText(page)).toContain("There is nothing more for you to do");
      await expectAccessible(page);
      const old = await page.goto(link);
      expect(old!.status()).toBe(410);
      expect(await heading(page)).toBe("The customer sets up the service");
      expect(await visibleText(page)).not.toContain("ask whoever placed the order");
      expect(await visibleText(page)).toMatch(
        /On 24 November 2026 at 09:00 UTC the setup of this order was handed over/,
      );
      await app.background.runOnce();
      await followMailLink(
        page,
        base,
        customer,
        "TechPartners Italia Srl asks you to set up your subscription",
      );
      expect(await heading(page)).toBe("Set up your subscription");
    });
  });

  it("works without JavaScript: the hand-over fields only after choosing the customer, errors, the folded cards open, back links", async () => {
    const { link } = await orderLink({ orderedBy: { type: "partner", partnerOrganizationId: partnerId } });
    await withPage(
      async (page) => {
        await page.goto(link);
        await page.getByRole("link", { name: "Continue" }).click();
        expect(await page.locator('input[name="customerEmail"]').count()).toBe(0);
        await page.getByLabel("We set it up for the customer").check();
        await page.getByRole("button", { name: "Continue" }).click();
        await page.getByRole("button", { name: "Search" }).click();
        expect(await page.locator(".error-summary a").count()).toBe(2);
        await fillCompany(page, "Acme", `${unique("noscript")}@acme.it`);
        const card = page.getByRole("article", { name: "ACME Italia Srl", exact: true });
        await card.locator("summary").click();
        expect(await card.getByRole("link", { name: "Choose ACME Italia Srl" }).isVisible()).toBe(true);
        await page.getByRole("link", { name: "Back" }).click();
        expect(await heading(page)).toBe("Company and administrator");
        await page.goBack();
        await chooseOrganization(page, "Acme S.p.A.");
        expect(await heading(page)).toBe("Add the subscription to Acme S.p.A. and ask its administrators");
        await page.getByRole("button", { name: "Add to Acme S.p.A. and ask for approval" }).click();
        // The partner set up its customer's subscription, not its own.
        expect(await heading(page)).toBe("The customer's subscription is set up");
        expect(await visibleText(page)).toMatch(
          /is not an administrator yet: we asked Acme S\.p\.A\.'s full administrators/,
        );
      },
      { javaScriptEnabled: false },
    );
  });

  it("fits a 375-pixel phone, labels every field and starts with a skip link", async () => {
    const { link } = await orderLink();
    await withPage(
      async (page) => {
        await page.goto(link);
        await page.getByRole("link", { name: "Continue" }).click();
        expect(await overflowX(page)).toBe(0);
        const unlabeled = await page.evaluate(
          `[...document.querySelectorAll("input:not([type=hidden]), textarea, select")].filter((e) => !e.labels || e.labels.length === 0).length`,
        );
        expect(unlabeled).toBe(0);
        expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe(
          "field-companyName",
        );
        await fillCompany(page, "Acme", `${unique("phone")}@acme.it`);
        expect(await overflowX(page)).toBe(0);
        await expectAccessible(page);
        await page.goto(link);
        await page.keyboard.press("Tab");
        expect(await page.evaluate("document.activeElement && document.activeElement.textContent")).toBe(
          "Skip to content",
        );
      },
      { viewport: phone },
    );
  });

  it("switches language, and keeps it through the forms", async () => {
    const { link } = await orderLink({ locale: "en" });
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Italiano" }).click();
      expect(await heading(page)).toBe("Configura il tuo abbonamento");
      expect(await page.locator("html").getAttribute("lang")).toBe("it");
      await page.getByRole("link", { name: "Continua" }).click();
      await fillCompany(page, "Società Inesistente", "nessuno@inesistente.example", italianCompany);
      expect(await heading(page)).toBe("Nessuna organizzazione esistente corrisponde");
      await page.getByRole("link", { name: "English" }).click();
      expect(await heading(page)).toBe("No existing organization matches");
    });
  });

  it("checked every page it visited with axe-core", () => {
    expect(checkedPages.size).toBeGreaterThanOrEqual(15);
  });
});
