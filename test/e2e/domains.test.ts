import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOrganization, unique } from "../support/directory.js";
import { startDnsServer } from "../support/dns-server.js";
import { client, mailbox, placeOrder } from "../support/http.js";
import { authorization, startTestApp, type TestApp } from "../support/test-app.js";
import {
  expectAccessible,
  fillCompany,
  freePort,
  hasChromium,
  italianCompany,
  launchChromium,
  newPage,
  visibleText,
} from "./wizard.js";

/**
 * A claimed domain in the wizard (docs/api.md § Domains): a contact who tries to create a new
 * organization for an administrator on it is told why not, in their language, and offered the
 * claiming organization or another administrator e-mail.
 */
describe.skipIf(!hasChromium)("a claimed domain in the wizard, in Chromium", () => {
  let app: TestApp;
  let browser: Browser;
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  let domain: string;
  beforeAll(async () => {
    dns = await startDnsServer();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    app = await startTestApp("pglite", {
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: base,
      DNS_SERVERS: dns.servers,
    });
    domain = `${unique("zeta")}.com`;
    const zeta = await addOrganization(app, {
      name: "Zeta Holding",
      users: [[`zoe@${domain}`, "full_admin"]],
      activeSubscriptions: 1,
    });
    const api = client(app);
    const added = (await api.post(`/api/v1/organizations/${zeta}/domains`, { domain })).json();
    dns.setTxt(added.verification.name, [added.verification.value]);
    expect((await api.post(`/api/v1/organizations/${zeta}/domains/${domain}/verify`)).status).toBe(200);
    const claim = await app.server.inject({
      method: "PATCH",
      url: `/api/v1/organizations/${zeta}/domains/${domain}`,
      headers: authorization,
      payload: { claimed: true },
    });
    expect(claim.statusCode).toBe(200);
    await app.listen();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await dns?.close();
  });

  async function orderLink(locale: "en" | "it") {
    const contact = `${unique("contact")}@contacts.example`;
    await placeOrder(app, { locale, provisioningContact: { email: contact, name: "Carla Bianchi" } });
    await app.background.runOnce();
    const [mail] = await mailbox(app, contact);
    return mail!.links[0]!;
  }
  async function withPage(fn: (page: Page) => Promise<void>) {
    const { context, page } = await newPage(browser);
    try {
      await fn(page);
    } finally {
      await context.close();
    }
  }
  const heading = (page: Page) => page.locator("h1").innerText();

  it("explains why no new organization, and goes on with the claiming organization's approval (English)", async () => {
    const link = await orderLink("en");
    const email = `nino@${domain}`;
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continue" }).click();
      await fillCompany(page, "Nuova Zeta", email);
      const lead = page.locator("article.card").first();
      expect(await lead.getAttribute("aria-label")).toBe("Zeta Holding");
      expect(await lead.locator(".why").innerText()).toContain(`has proven that it owns ${domain}`);
      // One organization: no "open the others to compare them".
      expect(await page.locator("p.lead").count()).toBe(0);
      // The results say it before anyone confirms: no "create a new organization" on a claimed domain.
      const aside = page.locator("aside.not-listed");
      expect(await aside.locator("h2").innerText()).toBe(`${domain} belongs to an existing organization`);
      expect(await aside.innerText()).toContain(
        `Zeta Holding has proven that it owns the domain ${domain} and has claimed it, so no new organization can be created for ${email}.`,
      );
      expect(await page.getByRole("link", { name: /as a new organization/ }).count()).toBe(0);
      await expectAccessible(page);
      // Asked anyway (an old page, a typed address): refused, with the two ways on.
      await page.goto(page.url().replace(/\/results$/, "/confirm?new=1"));
      await page.getByRole("button", { name: "Create Nuova Zeta" }).click();

      expect(await heading(page)).toBe(`${domain} belongs to an existing organization`);
      const text = await visibleText(page);
      expect(text).toContain(
        `Zeta Holding has proven that it owns the domain ${domain} and has claimed it, so no new organization can be created for ${email}.`,
      );
      expect(await page.getByRole("link", { name: "Enter another administrator e-mail" }).count()).toBe(1);
      await expectAccessible(page);

      await page
        .getByRole("link", {
          name: "Add the subscription to Zeta Holding, asking its administrators to approve the new administrator",
        })
        .click();
      expect(await heading(page)).toBe("Ask Zeta Holding's administrators");
      await page.getByRole("button", { name: "Ask Zeta Holding's administrators" }).click();
      expect(await heading(page)).toBe("Waiting for Zeta Holding's administrators");
    });
  });

  it("says the same in Italian, and another administrator e-mail leads back to the form", async () => {
    const link = await orderLink("it");
    await withPage(async (page) => {
      await page.goto(link);
      await page.getByRole("link", { name: "Continua" }).click();
      await fillCompany(page, "Nuova Zeta", `nina@${domain}`, italianCompany);
      expect(await page.locator("aside.not-listed h2").innerText()).toBe(
        `${domain} appartiene a un'organizzazione esistente`,
      );
      await page.goto(page.url().replace(/\/results$/, "/confirm?new=1"));
      await page.getByRole("button", { name: "Crea Nuova Zeta" }).click();
      expect(await heading(page)).toBe(`${domain} appartiene a un'organizzazione esistente`);
      expect(await visibleText(page)).toContain(
        `Zeta Holding ha dimostrato di possedere il dominio ${domain} e lo ha rivendicato: non si può creare una nuova organizzazione per nina@${domain}.`,
      );
      await expectAccessible(page);
      await page.getByRole("link", { name: "Inserisci un altro indirizzo e-mail di amministratore" }).click();
      expect(await page.getByLabel(italianCompany.email).inputValue()).toBe(`nina@${domain}`);
      await fillCompany(page, "Nuova Zeta", `${unique("nina")}@nuova-zeta.example`, italianCompany);
      expect(await heading(page)).not.toContain(domain);
    });
  });
});
