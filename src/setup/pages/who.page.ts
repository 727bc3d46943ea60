import { html } from "../../render/html.js";
import { field, form, notice } from "../../web/components.js";
import type { PageContext, WizardPage } from "./context.js";
import type { FieldErrors, Form } from "./forms.js";

/** A partner's order for a customer: the partner sets up, or hands the setup over to the customer. */
export function whoPage(
  c: PageContext,
  csrf: string,
  errors: FieldErrors = {},
  values: Form = {},
): WizardPage {
  const { t } = c;
  const customer = values.setupBy === "customer";
  const main = html`<h1>${t.who.title}</h1>
${Object.keys(errors).length > 0 && notice("bad", t.errors.formHasErrors, "alert")}
<p class="lead">${t.who.lead(c.view.order.orderedBy.partnerName ?? "")}</p>
${form(
  { action: c.url("/who"), csrf },
  html`<fieldset>
<legend>${t.who.title}</legend>
<div class="choice"><input type="radio" id="setup-by-partner" name="setupBy" value="partner"${customer ? "" : html` checked`}>
<label for="setup-by-partner"><strong>${t.who.partner}</strong><br><span class="muted small">${t.who.partnerHint}</span></label></div>
<div class="choice"><input type="radio" id="setup-by-customer" name="setupBy" value="customer"${customer ? html` checked` : ""}>
<label for="setup-by-customer"><strong>${t.who.customer}</strong><br><span class="muted small">${t.who.customerHint}</span></label></div>
</fieldset>`,
  field({
    name: "customerEmail",
    label: t.who.customerEmail,
    type: "email",
    value: values.customerEmail,
    error: errors.customerEmail,
    autocomplete: "email",
    maxlength: 254,
    autofocus: errors.customerEmail !== undefined,
  }),
  field({
    name: "customerName",
    label: t.who.customerName,
    value: values.customerName,
    error: errors.customerName,
    maxlength: 200,
    autocomplete: "name",
  }),
  html`<p class="actions"><button type="submit">${t.who.submit}</button></p>`,
)}`;
  return { title: t.who.title, step: 1, main };
}

/** After handing over: the customer has a link of their own. */
export function handedOverPage(c: PageContext): WizardPage {
  const main = html`<h1>${c.t.who.title}</h1>${notice("ok", c.t.done.handedOver, "status")}`;
  return { title: c.t.who.title, step: 1, main };
}
