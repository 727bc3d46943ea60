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

const DAY_MS = 86_400_000;

/**
 * The full administrator asked to approve (issue #11): who asks, for what, who would become
 * administrator; approving and rejecting as steps of their own; the decision, by whom and when; a
 * reminder before the request expires. Italian and English, axe-core on every page.
 */
describe.skipIf(!hasChromium)("the approval page in Chromium", () => {
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

  async function orderLink(changes: Record<string, unknown> = {}) {
    const contact = `${unique("contact")}@contacts.example`;
    const order = await placeOrder(app, {
      provisioningContact: { email: contact, name: "Carla Bianchi" },
      subscriptions: [
        { services: [{ sku: "CALLING-PRO", name: "Calling Pro", quantity: 40 }], termMonths: 12 },
      ],
      ...changes,
    });
    await app.background.runOnce();
    const [mail] = await mailbox(app, contact);
    return { order, contact, link: mail!.links[0]! };
  }
  const heading = (page: Page) => page.locator("h1").innerText();
  async function withPage<T>(fn: (page: Page) => Promise<T>, options: Parameters<typeof newPage>[1] = {}) {
    const { context, page } = await newPage(browser, options);
    try {
      return await fn(page);
    } finally {
      await context.close();
    }
  }

  it("a partner's order (Italian): the e-mail and the page say who asks, for whom, for what, and who would become administrator; approving is confirmed; then who decided and when", async () => {
    const { order, contact, link } = await orderLink({
      locale: "it",
      orderedBy: { type: "partner", partnerOrganizationId: partnerId },
    });
    const newAdmin = `${unique("titolare")}@gmail.com`;
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continua" }).click();
      await page.getByLabel("Lo configuriamo noi per il cliente").check();
      await page.getByRole("button", { name: "Continua" }).click();
      await fillCompany(page, "Pizzeria Da Mario", newAdmin, italianCompany);
      await chooseOrganization(page, "Pizzeria Da Mario");
      await page
        .getByRole("button", { name: "Aggiungi a Pizzeria Da Mario e chiedi l'approvazione" })
        .click();
      await app.background.runOnce();

      const [mail] = (await mailbox(app, "pizzeriadamario.napoli@gmail.com")).filter((m) =>
        m.subject.startsWith("Approvi"),
      );
      expect(mail!.subject).toBe("Approvi un nuovo amministratore per Pizzeria Da Mario?");
      for (const line of [
        // What people typed: quoted data, apart from the e-mail's own words.
        `Nuovo amministratore: «${newAdmin}»`,
        `Richiesto da:         «Carla Bianchi (${contact})»`,
        "Per conto di:         TechPartners Italia Srl (il partner che ha effettuato l'ordine)",
        `Ordine:               ${order.orderNumber}`,
        "Servizi:              Calling Pro (CALLING-PRO)\u00a0×\u00a040, 12 mesi",
        "Richiesto il:         24 novembre 2026 alle ore 10:00 CET",
        "Situazione:           il partner configura il servizio per il cliente",
        "Scade:                8 dicembre 2026 alle ore 10:00 CET",
      ]) {
        expect(mail!.text).toContain(line);
      }
      expect(mail!.text).toContain("Questa persona non è ancora un utente di Pizzeria Da Mario");

      await followMailLink(page, base, "pizzeriadamario.napoli@gmail.com", "Approvi un nuovo amministratore");
      expect(await heading(page)).toBe("Approvi un nuovo amministratore per Pizzeria Da Mario?");
      const text = await visibleText(page);
      for (const fact of [
        `Carla Bianchi (${contact})`,
        "per TechPartners Italia Srl, il partner che ha effettuato l'ordine",
        order.orderNumber,
        "Calling Pro (CALLING-PRO)\u00a0×\u00a040, 12 mesi",
        "24 novembre 2026 alle ore 10:00 CET",
        newAdmin,
        "Non è ancora un utente di Pizzeria Da Mario: approvando viene aggiunto come amministratore completo.",
        "Situazione",
      ]) {
        expect(text).toContain(fact);
      }
      await expectAccessible(page);
      // Approving is a step of its own, with a button that says what it does.
      await page.getByRole("link", { name: "Approva" }).click();
      expect(await heading(page)).toBe(`Rendere ${newAdmin} amministratore completo di Pizzeria Da Mario?`);
      await expectAccessible(page);
      await page.getByRole("button", { name: `Sì, rendi ${newAdmin} amministratore completo` }).click();
      expect(await heading(page)).toBe("Richiesta approvata");
      const after = await visibleText(page);
      expect(after).toContain("Hai approvato la richiesta: il nuovo amministratore è stato aggiunto.");
      expect(after).toMatch(
        /Approvata da [^()]+ \(pizzeriadamario\.napoli@gmail\.com\) il 24 novembre 2026 alle ore 10:00 CET\./,
      );
      expect(after).not.toMatch(/attende|scade/i);
      expect(await page.getByRole("button").count()).toBe(0);
      await expectAccessible(page);
      // On a phone too.
      await page.setViewportSize(phone);
      expect(await overflowX(page)).toBe(0);
    });
    const role = await sql<{ role: string }>`select role from users where email = ${newAdmin}`.execute(
      app.db.kysely,
    );
    expect(role.rows).toEqual([{ role: "full_admin" }]);
  });

  it("a user of the organization (English): the page says so; rejecting offers the reason, which the contact reads", async () => {
    const { contact, link } = await orderLink();
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continue" }).click();
      await fillCompany(page, "Acme S.p.A.", "giulia.bianchi@acme.it");
      await page.getByRole("link", { name: "Continue with Acme S.p.A." }).click();
      await page.getByRole("button", { name: "Ask Acme S.p.A.'s administrators" }).click();
      await app.background.runOnce();
      await followMailLink(
        page,
        base,
        "mario.rossi@acme.it",
        "Do you approve a new administrator for Acme S.p.A.?",
      );
      expect(await visibleText(page)).toContain(
        "Already a user of Acme S.p.A.: approving makes them a full administrator.",
      );
      await page.getByRole("link", { name: "Reject" }).click();
      expect(await heading(page)).toBe("Reject the request?");
      expect(await page.locator("a.back-link").count()).toBe(1);
      await expectAccessible(page);
      await page.getByLabel("Reason (optional)").fill("Giulia is leaving the company");
      await page.getByRole("button", { name: "Reject the request" }).click();
      expect(await heading(page)).toBe("Request rejected");
      const after = await visibleText(page);
      expect(after).toMatch(
        /Rejected by Mario Rossi \(mario\.rossi@acme\.it\) on 24 November 2026 at 09:00 UTC\./,
      );
      expect(after).toContain("Reason given: “Giulia is leaving the company”");
      expect(after).not.toMatch(/waits|expires/i);
      await expectAccessible(page);
      // Another administrator's link says what was decided, by whom and when.
      await followMailLink(
        page,
        base,
        "anna.ferrari@acme.it",
        "Do you approve a new administrator for Acme S.p.A.?",
      );
      expect(await page.locator('[role="status"]').innerText()).toContain("Rejected by Mario Rossi");
      expect(await page.getByRole("link", { name: "Approve" }).count()).toBe(0);
    });
    await app.background.runOnce();
    const [told] = (await mailbox(app, contact)).filter((m) => m.subject.startsWith("Request rejected"));
    expect(told!.text).toMatch(/^Reason given: +“Giulia is leaving the company”$/m);
  });

  it("reminds the administrators once, ADMIN_REQUEST_REMINDER_DAYS before the request expires; then the page says it expired", async () => {
    const { order, link } = await orderLink();
    const newAdmin = `${unique("promemoria")}@acme.it`;
    const started = app.clock.now();
    try {
      await withPage(async (page) => {
        await page.goto(link);
        await page.getByRole("link", { name: "Continue" }).click();
        await fillCompany(page, "Acme", newAdmin);
        await chooseOrganization(page, "Acme S.p.A.");
        await page.getByRole("button", { name: "Ask Acme S.p.A.'s administrators" }).click();
      });
      await app.background.runOnce();
      const reminders = async () =>
        (await mailbox(app, "anna.ferrari@acme.it")).filter(
          (m) => m.subject === "Reminder: a request for a new administrator of Acme S.p.A. expires soon",
        );
      const before = (await reminders()).length;
      app.clock.advance(10 * DAY_MS);
      await app.background.runOnce();
      expect((await reminders()).length).toBe(before);
      app.clock.advance(1 * DAY_MS + 60_000);
      await app.background.runOnce();
      const [reminder] = await reminders();
      expect((await reminders()).length).toBe(before + 1);
      expect(reminder!.text).toContain(
        "Nobody has decided yet, and the request expires on 8 December 2026 at 09:00 UTC.",
      );
      expect(reminder!.text).toContain(`New administrator: “${newAdmin}”`);
      app.clock.advance(DAY_MS);
      await app.background.runOnce();
      expect((await reminders()).length).toBe(before + 1);
      await withPage(async (page) => {
        await page.goto(reminder!.links[0]!);
        expect(await page.locator("h1").innerText()).toBe(
          "Do you approve a new administrator for Acme S.p.A.?",
        );
        await expectAccessible(page);
        app.clock.advance(3 * DAY_MS);
        await app.background.runOnce();
        await page.reload();
        expect(await page.locator("h1").innerText()).toBe("Request expired");
        expect(await visibleText(page)).toContain(
          "Nobody answered in time: the request expired on 8 December 2026 at 09:00 UTC.",
        );
        await expectAccessible(page);
      });
      const audit = await sql<{
        action: string;
      }>`select action from audit_events where order_id = ${order.id} order by id`.execute(app.db.kysely);
      expect(audit.rows.filter((r) => r.action === "admin_request.reminded")).toHaveLength(1);
    } finally {
      app.clock.set(started);
    }
  });

  it("checked every page it visited with axe-core", () => {
    expect(checkedPages.size).toBeGreaterThanOrEqual(6);
  });
});
