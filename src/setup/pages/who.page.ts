import { type Html, html } from "../../render/html.js";
import { field, form, notice } from "../../web/components.js";
import type { Messages } from "../../web/texts/index.js";
import type { FieldError, PageContext, WizardPage } from "./context.js";
import type { Form } from "./forms.js";

/** A partner's order for a customer: the partner sets up, or hands the setup over to the customer. */
export function whoPage(c: PageContext, csrf: string, errors: readonly FieldError[] = []): WizardPage {
  const { t } = c;
  const error = errors.find((e) => e.field === "setupBy")?.message;
  // One question on the page: its legend is the page's heading (GOV.UK).
  const main = html`${form(
    { action: c.url("/who"), csrf },
    html`<fieldset class="question" aria-describedby="setup-by-lead${error ? " field-setupBy-error" : ""}">
<legend><h1>${t.who.title}</h1></legend>
<p class="lead" id="setup-by-lead">${t.who.lead(c.view.order.orderedBy.partnerName ?? "")}</p>
${error && html`<p class="fieldset-error" id="field-setupBy-error">${error}</p>`}
<div class="choice"><input type="radio" id="field-setupBy" name="setupBy" value="partner" aria-describedby="setup-by-partner-hint">
<label for="field-setupBy"><strong>${t.who.partner}</strong><br><span class="muted small" id="setup-by-partner-hint">${t.who.partnerHint}</span></label></div>
<div class="choice"><input type="radio" id="setup-by-customer" name="setupBy" value="customer" aria-describedby="setup-by-customer-hint">
<label for="setup-by-customer"><strong>${t.who.customer}</strong><br><span class="muted small" id="setup-by-customer-hint">${t.who.customerHint}</span></label></div>
</fieldset>`,
    html`<p class="actions"><button type="submit">${t.who.submit}</button></p>`,
  )}`;
  return { title: t.who.title, step: 1, main, errors, back: c.url() };
}

/** The customer's contact: the address the hand-over link goes to (its own step, so no script is needed). */
export function customerPage(
  c: PageContext,
  csrf: string,
  errors: readonly FieldError[] = [],
  values: Form = {},
): WizardPage {
  const { t } = c;
  const error = (name: string) => errors.find((e) => e.field === name)?.message;
  const main = html`<h1>${t.who.customerTitle}</h1>
<p class="lead">${t.who.customerLead}</p>
${form(
  { action: c.url("/who/customer"), csrf },
  field({
    name: "customerEmail",
    label: t.who.customerEmail,
    hint: t.who.customerEmailHint,
    type: "email",
    value: values.customerEmail,
    error: error("customerEmail"),
    required: true,
    autocomplete: "email",
    maxlength: 254,
    spellcheck: false,
    autofocus: errors.length === 0,
  }),
  field({
    name: "customerName",
    label: t.who.customerName,
    value: values.customerName,
    error: error("customerName"),
    maxlength: 200,
    autocomplete: "name",
  }),
  html`<p class="actions"><button type="submit">${t.who.customerSubmit}</button></p>`,
)}`;
  return { title: t.who.customerTitle, step: 1, main, errors, back: c.url("/who") };
}

/** "Hand the setup over?": to whom, what it does to this link, and the button that sends it. */
export function handoverConfirmPage(
  c: PageContext,
  csrf: string,
  contact: { email: string; name?: string | undefined },
): WizardPage {
  const { t } = c;
  const who = contact.name ? `${contact.name} (${contact.email})` : contact.email;
  const main = html`<h1>${t.who.confirmTitle}</h1>
<p>${t.who.confirmWhat} <strong>${who}</strong></p>
${notice("warn", t.who.confirmYourLink)}
${form(
  { action: c.url("/who/handover"), csrf },
  html`<input type="hidden" name="customerEmail" value="${contact.email}">`,
  contact.name ? html`<input type="hidden" name="customerName" value="${contact.name}">` : undefined,
  html`<p class="actions"><button type="submit">${t.who.send}</button>
<button type="submit" class="secondary" formaction="${c.url("/who/customer", { edit: "1" })}">${t.who.change}</button></p>`,
)}`;
  return { title: t.who.confirmTitle, step: 1, main, back: c.url("/who/customer") };
}

/**
 * After the hand-over, and on the partner's old link from then on: to whom the setup went (masked), and
 * that there is nothing more to do.
 */
export function handedOverMain(
  t: Messages,
  handover: { maskedEmail: string; date: string },
  justSent: boolean,
): Html {
  return html`<h1>${t.who.handedOverTitle}</h1>
${justSent && notice("ok", t.who.sent, "status")}
<p>${t.who.handedOver(handover.maskedEmail, handover.date)}</p>
<p>${t.who.handedOverNext}</p>
<p class="muted">${t.who.handedOverHelp}</p>`;
}
