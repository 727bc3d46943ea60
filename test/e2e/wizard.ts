import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's Chromium, as .ci/run installs it. */
export const chromiumPath = "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
}

export const desktop = { width: 1280, height: 900 };
export const phone = { width: 375, height: 812 };

export async function newPage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? desktop,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: "en-GB",
    // The pages allow no script at all (CSP): only so that axe-core can be injected by the test.
    bypassCSP: true,
  });
  return { context, page: await context.newPage() };
}

/** The wizard as a person uses it: labels, buttons and links by their visible text. */
export async function fillCompany(
  page: Page,
  company: string,
  email: string,
  labels = { company: "Company name", email: "Administrator's e-mail address", submit: "Search" },
) {
  await page.getByLabel(labels.company).fill(company);
  await page.getByLabel(labels.email).fill(email);
  await page.getByRole("button", { name: labels.submit }).click();
}

/** Labels of the Italian company form. */
export const italianCompany = {
  company: "Nome della società",
  email: "Indirizzo e-mail dell'amministratore",
  submit: "Cerca",
};

/** Clicks the button of the (first) card of `organization` on the results page, opening it first when it is folded. */
export async function chooseOrganization(page: Page, organization: string) {
  const card = page.getByRole("article", { name: organization, exact: true }).first();
  const summary = card.locator("summary");
  if (
    (await summary.count()) > 0 &&
    !(await card
      .locator("details")
      .getAttribute("open")
      .then((v) => v !== null))
  ) {
    await summary.click();
  }
  await card.getByRole("link").click();
}

/**
 * Opens the development mailbox and follows the link of the newest e-mail to `to` whose subject
 * starts with `subject`: the e-mail a person would have received.
 */
export async function followMailLink(page: Page, baseUrl: string, to: string, subject: string) {
  await page.goto(`${baseUrl}/dev/mailbox`);
  const mail = page
    .locator("article.mail")
    .filter({ hasText: to })
    .filter({ has: page.locator("h2", { hasText: subject }) })
    .first();
  await mail.waitFor({ timeout: 5000 });
  await mail.locator("dd a").first().click();
}

/** A port nobody listens on now, so that PUBLIC_URL is known before the server starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Every WCAG 2.0 and 2.1 A and AA rule axe-core has. */
const wcag21aa = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Pages axe-core checked in this test file, by title: the tests assert how many. */
export const checkedPages = new Set<string>();

/**
 * axe-core (WCAG 2.1 AA) on the page as it is now: no violation, each one listed with its rule and the
 * elements it found when there is one. Injected from node_modules, so no network is needed.
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page.addScriptTag({ path: axeSource });
  const violations = (await page.evaluate(`(async () => {
    const result = await axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(wcag21aa)} } });
    return result.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", "));
  })()`)) as string[];
  expect(violations, `axe on ${page.url()}`).toEqual([]);
  checkedPages.add(await page.title());
}

/** The page's visible text, for asserting what a person reads (and what they do not). */
export async function visibleText(page: Page): Promise<string> {
  return page.locator("body").innerText();
}

/** No horizontal scrolling: everything fits the window's width. */
export async function overflowX(page: Page): Promise<number> {
  return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
}
