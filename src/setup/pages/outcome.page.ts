import { html } from "../../render/html.js";
import { form, notice } from "../../web/components.js";
import { approvalStep, lastStep, orderFacts, type PageContext, type WizardPage, when } from "./context.js";

/** The subscriptions are set up: where, and whether a new administrator still waits for approval. */
export function donePage(c: PageContext): WizardPage {
  const { t, view } = c;
  const organization = view.organization!;
  const request = view.adminRequest;
  const pending = request?.status === "pending" && request.organization.id === organization.id;
  const adminEmail = view.draft?.adminEmail ?? "";
  // A partner setting up its customer's order is not setting up its own subscription.
  const title = view.scenario === "partner_for_customer" ? t.done.titleForCustomer : t.done.titleMapped;
  const main = html`<h1>${title}</h1>
${notice(
  "ok",
  html`<p><strong>${t.done.mapped(organization.name)}</strong></p>
<p>${view.createdOrganization ? t.done.created(organization.name, adminEmail) : t.done.existingTold}</p>`,
  "status",
)}
${pending && notice("warn", t.done.pendingAdmin(request.email, organization.name))}
<h2>${t.done.next}</h2>
<p>${view.createdOrganization ? t.done.nextCreated : t.done.nextExisting}</p>
<section class="panel" aria-labelledby="order-heading"><h2 id="order-heading">${t.order.number} ${view.order.orderNumber}</h2>${orderFacts(c, false)}</section>`;
  return { title, step: lastStep(c), main };
}

/** Nothing is set up yet: the order waits for the organization's administrators (or our support team). */
export function waitingPage(c: PageContext): WizardPage {
  const { t, view } = c;
  const request = view.adminRequest!;
  const org = request.organization.name;
  const support = request.routedTo === "operators";
  const title = support ? t.waiting.titleSupport : t.waiting.title(org);
  const asked = support ? t.waiting.askedSupport : t.waiting.asked;
  const main = html`<h1>${title}</h1>
${notice(
  "warn",
  html`<p><strong>${t.waiting.nothingYet}</strong></p><p>${asked(org, request.email, when(c, request.requestedAt))}</p>`,
  "status",
)}
<h2>${t.waiting.next}</h2>
<ol class="next">
<li>${t.waiting.nextDecide(view.order.contact.email)}</li>
<li>${t.waiting.nextApprove}</li>
<li>${t.waiting.nextReject(when(c, request.expiresAt))}</li>
</ol>
<section class="panel" aria-labelledby="withdraw-heading"><h2 id="withdraw-heading">${t.waiting.withdraw}</h2>
<p>${t.waiting.withdrawHint}</p>
<p class="actions"><a class="button secondary" href="${c.url("/withdraw")}">${t.waiting.withdraw}</a></p></section>
<section class="panel" aria-labelledby="order-heading"><h2 id="order-heading">${t.order.number} ${view.order.orderNumber}</h2>${orderFacts(c, false)}</section>`;
  return { title, step: approvalStep(c), main };
}

/** "Withdraw the request?": what withdrawing does, and the one button that does it. */
export function withdrawPage(c: PageContext, csrf: string): WizardPage {
  const { t, view } = c;
  const request = view.adminRequest!;
  const title = t.withdraw.title(request.organization.name);
  const main = html`<h1>${title}</h1>
<p>${t.withdraw.what}</p>
<p>${t.withdraw.after}</p>
${form(
  { action: c.url("/withdraw"), csrf },
  html`<p class="actions"><button type="submit" class="danger">${t.withdraw.submit}</button> <a href="${c.url()}">${t.withdraw.keep}</a></p>`,
)}`;
  return { title, step: approvalStep(c), main, back: c.url() };
}

/**
 * After approval (docs/product.md § 8): the resume link lands here, says what will happen and finishes with
 * one button; the contact may still choose something else.
 */
export function resumePage(c: PageContext, csrf: string, error?: string): WizardPage {
  const { t, view } = c;
  const request = view.adminRequest!;
  const org = request.organization.name;
  const title = t.resume.title(org);
  const main = html`<h1>${title}</h1>
${error && notice("bad", error, "alert")}
${notice("ok", t.resume.approved(request.email, org), "status")}
<p>${t.resume.what(org)}</p>
<section class="panel" aria-labelledby="order-heading"><h2 id="order-heading">${t.order.number} ${view.order.orderNumber}</h2>${orderFacts(c)}</section>
${form(
  { action: c.url("/confirm"), csrf },
  html`<input type="hidden" name="decision" value="existing">`,
  html`<input type="hidden" name="organizationId" value="${request.organization.id}">`,
  html`<p class="actions"><button type="submit">${t.resume.submit(org)}</button></p>`,
)}
<p><a href="${c.url("/company")}">${t.resume.other}</a></p>`;
  return { title, step: approvalStep(c), main };
}
