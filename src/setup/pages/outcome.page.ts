import { formatDateTime } from "../../render/format.js";
import { html } from "../../render/html.js";
import { facts, notice } from "../../web/components.js";
import { lastStep, orderFacts, type PageContext, type WizardPage } from "./context.js";

/** The subscriptions are mapped: where to, and whether a new administrator still waits for approval. */
export function donePage(c: PageContext): WizardPage {
  const { t, view } = c;
  const organization = view.organization!;
  const request = view.adminRequest;
  const pending = request?.status === "pending" && request.organization.id === organization.id;
  const adminEmail = view.draft?.adminEmail ?? "";
  const main = html`<h1>${t.done.titleMapped}</h1>
${notice(
  "ok",
  html`<p><strong>${t.done.mapped(organization.name)}</strong></p>
<p>${view.createdOrganization ? t.done.created(organization.name, adminEmail) : t.done.existingTold}</p>`,
  "status",
)}
${pending && notice("warn", t.done.pendingAdmin(request.email, organization.name))}
<section class="panel"><h2>${t.order.number} ${view.order.orderNumber}</h2>${orderFacts(c, false)}</section>`;
  return { title: t.done.titleMapped, step: lastStep(c), main };
}

/** Nothing is mapped yet: the order waits for the organization's administrators (or operators). */
export function waitingPage(c: PageContext): WizardPage {
  const { t, view } = c;
  const request = view.adminRequest!;
  const org = request.organization.name;
  const main = html`<h1>${t.done.titleWaiting(org)}</h1>
${notice(
  "warn",
  html`<p><strong>${t.done.waiting(request.email, org)}</strong></p>
${request.routedTo === "operators" && html`<p>${t.done.waitingOperators(org)}</p>`}
<p>${t.done.waitingNext}</p>`,
  "status",
)}
<section class="panel">${facts([[t.done.requestExpires, formatDateTime(new Date(request.expiresAt), c.locale)]])}</section>
<section class="panel"><h2>${t.order.number} ${view.order.orderNumber}</h2>${orderFacts(c, false)}</section>`;
  return { title: t.done.titleWaiting(org), step: lastStep(c), main };
}
