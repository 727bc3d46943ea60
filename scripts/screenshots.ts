/**
 * `npm run screenshots`: walks the wizard, the approval page, the e-mails, the console and the
 * development mailbox in Chromium on the demo directory, and saves each page at desktop and phone width
 * in docs/screenshots/.
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
  italianCompany,
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
const clock = fixedClock(now);
const app = await createApp({
  config: loadConfig({
    PORT: String(port),
    LOG_LEVEL: "warn",
    API_TOKENS: "screenshots-token-0123456789",
    // The demo's receiver is on this machine, and nothing listens there: the console shows failures.
    WEBHOOK_ALLOW_PRIVATE: "true",
  }),
  db,
  clock,
  background: false,
});
await loadDemoDirectory(db, { now });
const [customerOrder, partnerOrder] = await placeDemoOrders(app.deps);
const partnerId = (
  await db.kysely
    .selectFrom("organizations")
    .select("id")
    .where("external_id", "=", "demo-org-techpartners")
    .executeTakeFirstOrThrow()
).id;
const { record: newOrgOrder } = await placeOrder(app.deps, {
  orderNumber: "DEMO-0003",
  orderedBy: { type: "customer" },
  intendedUse: "customer",
  provisioningContact: { email: "anna.conti@zefirorobotics.it", name: "Anna Conti" },
  locale: "en",
  subscriptions: [
    { services: [{ sku: "MEETINGS-STD", name: "Meetings Standard", quantity: 20 }], termMonths: 12 },
  ],
});
const { record: handoverOrder } = await placeOrder(app.deps, {
  orderNumber: "DEMO-0004",
  orderedBy: { type: "partner", partnerOrganizationId: partnerId },
  intendedUse: "customer",
  provisioningContact: { email: "luca.ferri@techpartners.it", name: "Luca Ferri" },
  locale: "en",
  subscriptions: [{ services: [{ sku: "CALLING-PRO", name: "Calling Pro", quantity: 15 }], termMonths: 24 }],
});
await app.background.runOnce();
// The timer delivers what the tour queues (approval and resume e-mails).
app.background.start();
await app.listen();
const browser = await launchChromium();

/** A customer's order for Mail Pro, placed as the ordering system places it. */
function mailProOrder(
  orderNumber: string,
  provisioningContact: { email: string; name: string },
  locale: "it" | "en",
  quantity: number,
) {
  return placeOrder(app.deps, {
    orderNumber,
    orderedBy: { type: "customer" },
    intendedUse: "customer",
    provisioningContact,
    locale,
    subscriptions: [{ services: [{ sku: "MAIL-PRO", name: "Mail Pro", quantity }], termMonths: 12 }],
  });
}

/** Saves the page at desktop width and at phone width. */
async function shot(page: Page, name: string) {
  for (const [viewport, file] of [
    [desktop, `${name}.png`],
    [phone, `${name}-phone.png`],
  ] as const) {
    // The whole page in one viewport rather than a stitched full-page picture, which leaves the
    // mailbox's sandboxed e-mail frame blank.
    await page.setViewportSize(viewport);
    const height = await page.evaluate("document.documentElement.scrollHeight");
    await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Number(height)) });
    await page.screenshot({ path: new URL(file, dir).pathname });
  }
  await page.setViewportSize(desktop);
  console.log(`docs/screenshots/${name}.png`);
}

const settle = () => new Promise((r) => setTimeout(r, 1500));

try {
  const { page } = await newPage(browser);
  await page.goto(`${base}/?lang=en`);
  await shot(page, "00-home");

  // 1. A customer's own order (Italian): candidates, an in-use organization, a request to its administrators.
  await page.goto((await demoSetupLink(app.deps, customerOrder!.orderId))!);
  await shot(page, "01-order-summary-it");
  await page.getByRole("link", { name: "Continua" }).click();
  await page.getByRole("button", { name: italianCompany.submit }).click();
  await shot(page, "02-company-form-errors-it");
  await fillCompany(page, "Acme", "nuovo.admin@acme.it", italianCompany);
  await shot(page, "03-results-candidates-it");
  await page.getByRole("article", { name: "Acme srl", exact: true }).locator("summary").click();
  await shot(page, "03b-results-one-opened-it");
  await chooseOrganization(page, "Acme S.p.A.");
  await shot(page, "04-confirm-request-it");
  await page.getByRole("button", { name: "Chiedi agli amministratori di Acme S.p.A." }).click();
  await shot(page, "05-waiting-for-administrators-it");
  await page.getByRole("link", { name: "Ritira la richiesta" }).click();
  await shot(page, "05b-withdraw-confirm-it");
  await page.getByRole("link", { name: "Continua ad attendere" }).click();
  await settle();
  await followMailLink(page, base, "mario.rossi@acme.it", "Approvi un nuovo amministratore per Acme S.p.A.?");
  await shot(page, "06-approval-page-it");
  await page.getByRole("link", { name: "Approva" }).click();
  await shot(page, "06b-approval-confirm-it");
  await page.getByRole("button", { name: /^Sì, rendi/ }).click();
  await shot(page, "07-approval-done-it");
  await settle();
  await followMailLink(page, base, "it@acme.it", "Richiesta approvata");
  await shot(page, "08-resume-after-approval-it");
  await page.getByRole("button", { name: "Aggiungi l'abbonamento ad Acme S.p.A." }).click();
  await shot(page, "09-done-it");

  // 2. A partner's order for a customer (English): who sets up, a public mailbox provider, added now.
  await page.goto((await demoSetupLink(app.deps, partnerOrder!.orderId))!);
  await page.getByRole("link", { name: "Continue" }).click();
  await shot(page, "10-who-sets-up");
  await page.getByLabel("We set it up for the customer").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await fillCompany(page, "Pizzeria Da Mario", "nuovo.titolare@gmail.com");
  await shot(page, "11-results-public-provider");
  await chooseOrganization(page, "Pizzeria Da Mario");
  await shot(page, "12-confirm-partner-continues");
  await page.getByRole("button", { name: /^Add to Pizzeria Da Mario/ }).click();
  await shot(page, "13-done-pending-administrator");
  await settle();
  await followMailLink(page, base, "pizzeriadamario.napoli@gmail.com", "Do you approve a new administrator");
  await page.getByRole("link", { name: "Reject" }).click();
  await shot(page, "13b-approval-reject");
  await page.getByLabel("Reason (optional)").fill("We do not know this person.");
  await page.getByRole("button", { name: "Reject the request" }).click();
  await shot(page, "13c-approval-rejected");

  // 3. No match: a new organization.
  await page.goto((await demoSetupLink(app.deps, newOrgOrder.order.id))!);
  await page.getByRole("link", { name: "Continue" }).click();
  await fillCompany(page, "Zefiro Robotics Srl", "anna.conti@zefirorobotics.it");
  await shot(page, "14-results-no-match");
  await page.getByRole("link", { name: /Create/ }).click();
  await shot(page, "15-confirm-new-organization");
  await page.getByRole("button", { name: "Create Zefiro Robotics Srl" }).click();
  await shot(page, "16-done-new-organization");

  // 4. A hand-over to the customer, and the partner's old link afterwards.
  const partnerLink = (await demoSetupLink(app.deps, handoverOrder.order.id))!;
  await page.goto(partnerLink);
  await page.getByRole("link", { name: "Continue" }).click();
  await page.getByLabel("The customer sets it up").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await shot(page, "17-handover-customer-contact");
  await page.getByLabel("Customer contact's e-mail address").fill("paola.neri@cliente.example");
  await page.getByLabel("Customer contact's name (optional)").fill("Paola Neri");
  await page.getByRole("button", { name: "Continue" }).click();
  await shot(page, "18-handover-confirm");
  await page.getByRole("button", { name: "Send the setup link to the customer" }).click();
  await shot(page, "19-handed-over");
  await page.goto(partnerLink);
  await shot(page, "20-partner-link-after-handover");

  // A request nobody answers: its administrators are reminded before it expires.
  const { record: reminderOrder } = await mailProOrder(
    "DEMO-0005",
    { email: "elena.galli@acmeconsulting.it", name: "Elena Galli" },
    "en",
    12,
  );
  await app.background.runOnce();
  await page.goto((await demoSetupLink(app.deps, reminderOrder.order.id))!);
  await page.getByRole("link", { name: "Continue" }).click();
  await fillCompany(page, "Acme Consulting", "elena.galli@acme.it");
  await chooseOrganization(page, "Acme Consulting");
  await page.getByRole("button", { name: /^Ask Acme Consulting/ }).click();

  // A domain another organization has proven and claimed: no new organization for it.
  const { record: claimedOrder } = await mailProOrder(
    "DEMO-0006",
    { email: "marco.sala@contatti.example", name: "Marco Sala" },
    "it",
    5,
  );
  await app.background.runOnce();
  await page.goto((await demoSetupLink(app.deps, claimedOrder.order.id))!);
  await page.getByRole("link", { name: "Continua" }).click();
  await fillCompany(page, "Nuova Divisione", "nuovo@orbita-aerospace.it", italianCompany);
  await shot(page, "24-results-verified-domain-it");
  // The results offer no new organization; asked anyway (an old page, a typed address), it is refused.
  await page.goto(page.url().replace(/\/results$/, "/confirm?new=1"));
  await page.getByRole("button", { name: "Crea Nuova Divisione" }).click();
  await shot(page, "25-domain-claimed-it");

  // 5. Links and pages that do not exist.
  await page.goto((await demoSetupLink(app.deps, customerOrder!.orderId))!.replace(/.{4}$/, "AAAA"));
  await shot(page, "21-unknown-link");
  await page.goto(`${base}/setup`);
  await shot(page, "22-page-not-found");
  await page.goto(`${base}/portal`);
  await shot(page, "23-portal-demo");

  // 6. The e-mails, and the development mailbox.
  clock.advance(12 * 86_400_000);
  await app.background.runOnce();
  await settle();
  await page.goto(`${base}/dev/mailbox`);
  await shot(page, "30-mailbox");
  const frames = await page
    .locator("article.mail h2 a")
    .evaluateAll((all) => all.map((a) => a.getAttribute("href") ?? ""));
  const subjects = await page.locator("article.mail h2").allTextContents();
  const wanted: [RegExp, string][] = [
    [/^Configura il tuo nuovo abbonamento/, "31-mail-setup-invitation-it"],
    [/^Approvi un nuovo amministratore/, "32-mail-admin-request-it"],
    [/^Reminder: a request for a new administrator|^Promemoria/, "33-mail-admin-request-reminder"],
    [/^Request approved|^Richiesta approvata/, "34-mail-request-approved-it"],
    [/^Welcome|^Benvenuto/, "35-mail-welcome"],
    [/^New subscription added|^Nuovo abbonamento aggiunto/, "36-mail-subscription-added"],
  ];
  for (const [pattern, name] of wanted) {
    const index = subjects.findIndex((s) => pattern.test(s));
    if (index === -1) {
      console.log(`(no e-mail for ${name})`);
      continue;
    }
    await page.goto(`${base}${frames[index]}/html`);
    await shot(page, name);
  }
  const first = subjects.findIndex((s) => /^Approvi un nuovo amministratore/.test(s));
  await page.goto(`${base}${frames[first]}`);
  // The e-mail's HTML version loads in its own frame: wait for it before the picture.
  await page.frameLocator("iframe.mail-html").getByText("Provisio").first().waitFor();
  await shot(page, "37-mailbox-one-mail");

  // 7. The operator console, with an endpoint that does not answer.
  const registered = await fetch(`${base}/api/v1/webhook-endpoints`, {
    method: "POST",
    headers: { authorization: "Bearer screenshots-token-0123456789", "content-type": "application/json" },
    body: JSON.stringify({ url: "http://127.0.0.1:9/provisio-hooks", description: "Tenant creation (SaaS)" }),
  });
  if (registered.status !== 201) throw new Error(`webhook endpoint: ${registered.status}`);
  await mailProOrder("DEMO-0007", { email: "ugo.bassi@contatti.example", name: "Ugo Bassi" }, "it", 3);
  await app.background.runOnce();
  await addOperator(app.deps, {
    email: "olga@provisio.example",
    password: "screenshots password",
    name: "Olga Operatrice",
  });
  await page.goto(`${base}/console?lang=en`);
  await shot(page, "40-console-sign-in");
  await page.getByLabel("E-mail").fill("olga@provisio.example");
  await page.getByLabel("Password").fill("screenshots password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await shot(page, "41-console-orders");
  await page.getByRole("link", { name: "DEMO-0001" }).click();
  await shot(page, "42-console-order");
  await page.getByRole("link", { name: "Admin requests" }).click();
  await page.getByRole("link", { name: "All", exact: true }).click();
  await shot(page, "43-console-admin-requests");
  await page.getByRole("link", { name: "Organizations" }).click();
  await page.getByLabel(/^Name, or an e-mail domain/).fill("acme.it");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Acme S.p.A." }).click();
  await shot(page, "44-console-organization");
  await page.getByRole("link", { name: "Organizations" }).click();
  await page.getByLabel(/^Name, or an e-mail domain/).fill("orbita-aerospace.it");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Orbita Aerospace S.r.l." }).click();
  await page.getByRole("link", { name: "Domains", exact: true }).click();
  await shot(page, "44b-console-organization-domains");
  await page.getByRole("link", { name: "Webhooks" }).click();
  await shot(page, "47-console-webhooks");
  await page.locator("main table a").first().click();
  await shot(page, "48-console-webhook-endpoint");
  await page.getByRole("link", { name: "Audit log" }).click();
  await shot(page, "45-console-audit");
  await page.getByRole("link", { name: "Italiano" }).click();
  await page.getByRole("link", { name: "E-mail", exact: true }).click();
  await shot(page, "46-console-outbox-it");
} finally {
  await browser.close();
  await app.stop();
  await db.close();
}
