import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

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
  });
  return { context, page: await context.newPage() };
}

/** The wizard as a person uses it: labels, buttons and links by their visible text. */
export async function fillCompany(
  page: Page,
  company: string,
  email: string,
  labels = { company: "Company name", email: "Administrator e-mail", submit: "Search" },
) {
  await page.getByLabel(labels.company).fill(company);
  await page.getByLabel(labels.email).fill(email);
  await page.getByRole("button", { name: labels.submit }).click();
}

/** Clicks the button of the (first) card of `organization` on the results page. */
export async function chooseOrganization(page: Page, organization: string) {
  await page.getByRole("article", { name: organization, exact: true }).first().getByRole("link").click();
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
