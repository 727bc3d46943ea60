import { html } from "../../render/html.js";
import { field, form, notice } from "../../web/components.js";
import { companyStep, type PageContext, type WizardPage } from "./context.js";
import type { FieldErrors, Form } from "./forms.js";
import { requestBanner } from "./request-banner.js";

const fields = ["companyName", "adminEmail", "adminName", "country"] as const;

/** Company and administrator: what the search runs on. */
export function companyPage(c: PageContext, csrf: string, errors: FieldErrors, values: Form): WizardPage {
  const { t } = c;
  const firstError = fields.find((n) => errors[n]);
  const main = html`<h1>${t.company.title}</h1>
${requestBanner(c)}
${errors.form ? notice("bad", errors.form, "alert") : firstError && notice("bad", t.errors.formHasErrors, "alert")}
<p class="lead">${t.company.lead}</p>
${form(
  { action: c.url("/company"), csrf },
  field({
    name: "companyName",
    label: t.company.companyName,
    hint: t.company.companyHint,
    value: values.companyName,
    error: errors.companyName,
    required: true,
    maxlength: 200,
    autocomplete: "organization",
    autofocus: firstError === undefined || firstError === "companyName",
  }),
  field({
    name: "adminEmail",
    label: t.company.adminEmail,
    hint: t.company.adminEmailHint,
    type: "email",
    value: values.adminEmail,
    error: errors.adminEmail,
    required: true,
    maxlength: 254,
    autocomplete: "email",
    autofocus: firstError === "adminEmail",
  }),
  field({
    name: "adminName",
    label: t.company.adminName,
    value: values.adminName,
    error: errors.adminName,
    maxlength: 200,
    autocomplete: "name",
  }),
  field({
    name: "country",
    label: t.company.country,
    hint: t.company.countryHint,
    value: values.country,
    error: errors.country,
    maxlength: 2,
    autocomplete: "country",
  }),
  html`<p class="actions"><button type="submit">${t.company.submit}</button></p>`,
)}`;
  return { title: t.company.title, step: companyStep(c), main };
}
