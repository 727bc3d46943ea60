/**
 * `npm run screenshots`: walks the wizard, the approval page and the e-mails in Chromium on the demo
 * directory, and saves each page at desktop and phone width in docs/screenshots/.
 */
import { mkdir, rm } from "node:fs/promises";
import type { Page } from "playwright-core";
import { createApp } from "../src/app.js";
import { fixedClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/database.js";
import { demoSetupLink, placeDemoOrders } from "../src/demo/demo-orders.js";
import { loadDemoDirectory } from "../src/demo/load-demo.js";
import { addOperator } from "../src/operators/add-operator.js";
import { placeOrder } from "../src/orders/place-order.js";
import {
  chooseOrganization,
  desktop,
  fillCompany,
  followMailLink,
  launchChromium,
  newPage,
  phone,
} from "../test/e2e/wizard.js";

const port = 3199;
const base = `http://127.0.0.1:${port}`;
const dir = new URL("../docs/screenshots/", import.meta.url);
const now = new Date("2026-11-24T09:00:00Z");

await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const db = await openDatabase({ memory: true });
const app = await createApp({
  config: loadConfig({ PORT: String(port), LOG_LEVEL: "warn", API_TOKENS: "screenshots-token-0123456789" }),
  db,
  clock: fixedClock(now),
  background: false,
});
await loadDemoDirectory(db, { now });
const [customerOrder, partnerOrder] = await placeDemoOrders(app.deps);
const { record: newOrgOrder } = await placeOrder(app.deps, {
  orderNumber: "DEMO-0003",
  orderedBy: { type: "customer" },
  intendedUse: "customer",
  provisioningContact: { email: "anna.conti@zefirorobotics.it", name: "Anna Conti" },
  locale: "en",
  subscriptions: [{ services: [{ sku: "MEETINGS-STD", quantity: 20 }], termMonths: 12 }],
});
await app.background.runOnce();
// The timer delivers what the tour queues (approval and resume e-mails).
app.background.start();
await app.listen();
const browser = await launchChromium();

/** Saves the page at desktop width, and at phone width when asked. */
async function shot(page: Page, name: string, withPhone = true) {
  await page.setViewportSize(desktop);
  await page.screenshot({ path: new URL(`${name}.png`, dir).pathname, fullPage: true });
  if (withPhone) {
    await page.setViewportSize(phone);
    await page.screenshot({ path: new URL(`${name}-phone.png`, dir).pathname, fullPage: true });
    await page.setViewportSize(desktop);
  }
  console.log(`docs/screenshots/${name}.png`);
}

const settle = () => new Promise((r) => setTimeout(r, 1500));

try {
  const { page } = await newPage(browser);
  const it = { company: "Nome della società", email: "E-mail dell'amministratore", submit: "Cerca" };

  // 1. A customer's own order (Italian): candidates, an in-use organization, a request to its administrators.
  await page.goto((await demoSetupLink(app.deps, customerOrder!.orderId))!);
  await shot(page, "01-order-summary-it");
  await page.getByRole("link", { name: "Continua" }).click();
  await page.getByLabel(it.email).fill("nuovo.admin@acme");
  await page.getByLabel(it.company).fill("Acme");
  await page.getByRole("button", { name: it.submit }).click();
  await shot(page, "02-company-form-error-it", false);
  await fillCompany(page, "Acme", "nuovo.admin@acme.it", it);
  await shot(page, "03-results-candidates-it");
  await chooseOrganization(page, "Acme S.p.A.");
  await shot(page, "04-confirm-request-it");
  await page.getByRole("button", { name: "Conferma" }).click();
  await shot(page, "05-waiting-for-administrator-it");
  await settle();
  await followMailLink(page, base, "mario.rossi@acme.it", "Richiesta: nuovo amministratore per Acme S.p.A.");
  await shot(page, "06-approval-page-it");
  await page.getByRole("button", { name: "Approva" }).click();
  await shot(page, "07-approval-done-it", false);
  await settle();
  await followMailLink(page, base, "it@acme.it", "Richiesta approvata");
  await page.getByRole("link", { name: "Continua" }).click();
  await page.getByRole("button", { name: it.submit }).click();
  await shot(page, "08-results-existing-admin-it", false);
  await chooseOrganization(page, "Acme S.p.A.");
  await page.getByRole("button", { name: "Conferma" }).click();
  await shot(page, "09-done-it");

  // 2. A partner's order for a customer (English): who sets up, a public mailbox provider, mapped now.
  await page.goto((await demoSetupLink(app.deps, partnerOrder!.orderId))!);
  await page.getByRole("link", { name: "Continue" }).click();
  await shot(page, "10-who-sets-up");
  await page.getByLabel("We set it up for the customer").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await fillCompany(page, "Pizzeria Da Mario", "nuovo.titolare@gmail.com");
  await shot(page, "11-results-public-provider");
  await chooseOrganization(page, "Pizzeria Da Mario");
  await shot(page, "12-confirm-partner-continues", false);
  await page.getByRole("button", { name: "Confirm" }).click();
  await shot(page, "13-done-pending-administrator");

  // 3. No match: a new organization.
  await page.goto((await demoSetupLink(app.deps, newOrgOrder.order.id))!);
  await page.getByRole("link", { name: "Continue" }).click();
  await fillCompany(page, "Zefiro Robotics Srl", "anna.conti@zefirorobotics.it");
  await shot(page, "14-results-no-match", false);
  await page.getByRole("link", { name: /Create/ }).click();
  await shot(page, "15-confirm-new-organization", false);
  await page.getByRole("button", { name: "Confirm" }).click();
  await shot(page, "16-done-new-organization", false);

  // 4. A dead link, the e-mails and the development mailbox.
  await page.goto((await demoSetupLink(app.deps, customerOrder!.orderId))!.replace(/.{4}$/, "AAAA"));
  await shot(page, "17-unknown-link", false);
  await settle();
  await page.goto(`${base}/dev/mailbox`);
  const frames = await page
    .locator("article.mail iframe")
    .evaluateAll((all) => all.map((f) => f.getAttribute("src") ?? ""));
  const subjects = await page.locator("article.mail h2").allTextContents();
  const wanted: [RegExp, string][] = [
    [/^Configura il tuo nuovo abbonamento/, "20-mail-setup-invitation-it"],
    [/^Request: new administrator|^Richiesta: nuovo amministratore/, "21-mail-admin-request"],
    [/^Request approved|^Richiesta approvata/, "22-mail-request-approved"],
    [/^Welcome|^Benvenuto/, "23-mail-welcome"],
    [/^New subscription added|^Nuovo abbonamento aggiunto/, "24-mail-subscription-added"],
  ];
  for (const [pattern, name] of wanted) {
    const index = subjects.findIndex((s) => pattern.test(s));
    if (index === -1) continue;
    await page.goto(`${base}${frames[index]}`);
    await shot(page, name, name === "20-mail-setup-invitation-it");
  }

  // 5. The operator console.
  await addOperator(app.deps, {
    email: "olga@provisio.example",
    password: "screenshots password",
    name: "Olga",
  });
  await page.goto(`${base}/console?lang=en`);
  await shot(page, "30-console-sign-in", false);
  await page.getByLabel("E-mail").fill("olga@provisio.example");
  await page.getByLabel("Password").fill("screenshots password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await shot(page, "31-console-orders");
  await page.getByRole("link", { name: "DEMO-0001" }).click();
  await shot(page, "32-console-order");
  await page.getByRole("link", { name: "Admin requests" }).click();
  await page.getByRole("link", { name: "All", exact: true }).click();
  await shot(page, "33-console-admin-requests", false);
  await page.getByRole("link", { name: "Organizations" }).click();
  await page.getByLabel(/^Name, or an e-mail domain/).fill("acme.it");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Acme S.p.A." }).click();
  await shot(page, "34-console-organization");
  await page.getByRole("link", { name: "Audit log" }).click();
  await shot(page, "35-console-audit", false);
  await page.getByRole("link", { name: "Italiano" }).click();
  await page.getByRole("link", { name: "E-mail", exact: true }).click();
  await shot(page, "36-console-outbox-it", false);
} finally {
  await browser.close();
  await app.stop();
  await db.close();
}
