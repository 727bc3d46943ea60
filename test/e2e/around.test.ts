import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unique } from "../support/directory.js";
import { client, mailbox, placeOrder } from "../support/http.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import {
  checkedPages,
  expectAccessible,
  fillCompany,
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

/** Around the wizard (issue #11): the 404 page, the home page, the demo portal, the development mailbox. */
describe.skipIf(!hasChromium)("the pages around the wizard in Chromium", () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startTestApp("pglite", { PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: base });
    await app.listen();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("a browser asking for a page that does not exist gets a page in its language; an API client gets JSON", async () => {
    for (const [locale, title] of [
      ["en-GB", "Page not found"],
      ["it-IT", "Pagina non trovata"],
    ] as const) {
      const context = await browser.newContext({ locale, bypassCSP: true });
      const page = await context.newPage();
      const answer = await page.goto(`${base}/setup`);
      expect(answer!.status()).toBe(404);
      expect(answer!.headers()["content-type"]).toBe("text/html; charset=utf-8");
      expect(await page.locator("h1").innerText()).toBe(title);
      await expectAccessible(page);
      await context.close();
    }
    const api = await fetch(`${base}/api/v1/nothing-here`);
    expect([api.status, ((await api.json()) as { error: { code: string } }).error.code]).toEqual([
      404,
      "NOT_FOUND",
    ]);
    const json = await fetch(`${base}/no-such-page`, { headers: { accept: "application/json" } });
    expect([json.status, json.headers.get("content-type")]).toEqual([404, "application/json; charset=utf-8"]);
  });

  it("the home page leads to the mailbox and the console; the welcome e-mail's “Sign in” leads somewhere real", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${base}/`);
    await expectAccessible(page);
    await page.getByRole("link", { name: "E-mails sent by this server (development mailbox)" }).click();
    expect(await page.locator("h1").innerText()).toBe("Development mailbox");
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Operator console" }).click();
    expect(await page.locator("h1").innerText()).toBe("Sign in");

    // A new organization: its administrator's welcome e-mail.
    const contact = `${unique("contact")}@contacts.example`;
    await placeOrder(app, { provisioningContact: { email: contact } });
    await app.background.runOnce();
    const [invitation] = await mailbox(app, contact);
    const admin = `${unique("anna")}@zefirorobotics.example`;
    await page.goto(invitation!.links[0]!);
    await page.getByRole("link", { name: "Continue" }).click();
    await fillCompany(page, "Zefiro Robotics Srl", admin);
    await page.getByRole("link", { name: "Create “Zefiro Robotics Srl” as a new organization" }).click();
    expect(await page.locator("h1").innerText()).toBe("Create Zefiro Robotics Srl");
    await page.getByRole("button", { name: "Create Zefiro Robotics Srl" }).click();
    await app.background.runOnce();
    const [welcome] = await mailbox(app, admin);
    expect(welcome!.links).toEqual([`${base}/portal`]);
    const portal = await page.goto(welcome!.links[0]!);
    expect(portal!.status()).toBe(200);
    expect(await page.locator("h1").innerText()).toBe("Sign in to the service");
    expect(await visibleText(page)).toContain("Set PORTAL_URL");
    await expectAccessible(page);
    await context.close();
  });

  it("the mailbox page shows a whole e-mail, at 375 pixels too", async () => {
    const contact = `${unique("whole")}@contacts.example`;
    await placeOrder(app, { provisioningContact: { email: contact, name: "Intera" } });
    await app.background.runOnce();
    const [mail] = await mailbox(app, contact);
    for (const viewport of [undefined, phone]) {
      const { context, page } = await newPage(browser, viewport ? { viewport } : {});
      await page.goto(`${base}/dev/mailbox`);
      await expectAccessible(page);
      await page.getByRole("link", { name: mail!.subject }).first().click();
      expect(await page.locator("h1").innerText()).toBe(mail!.subject);
      // The plain text, every line of it, on the page.
      const shown = await page.locator("pre.mail-text").innerText();
      expect(shown.trim()).toBe(mail!.text.trim());
      expect(await page.locator("iframe.mail-html").getAttribute("src")).toBe(
        `/dev/mailbox/${mail!.id}/html`,
      );
      // The HTML version shows in its frame (the page's policy lets it, the e-mail runs no script).
      await expect
        .poll(() => page.frameLocator("iframe.mail-html").locator("body").innerText(), { timeout: 10_000 })
        .toContain("Provisio");
      expect(await overflowX(page)).toBe(0);
      await expectAccessible(page);
      await context.close();
    }
  });

  it("answers the mailbox API unchanged for API clients", async () => {
    expect((await client(app).get("/api/v1/dev/mailbox?limit=1")).status).toBe(200);
  });

  it("checked every page it visited with axe-core", () => {
    expect(checkedPages.size).toBeGreaterThanOrEqual(6);
  });
});
