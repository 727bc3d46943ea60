import { html } from "../../render/html.js";
import { field, form, notice } from "../../web/components.js";
import { companyStep, type FieldError, type PageContext, type WizardPage } from "./context.js";
import type { Form } from "./forms.js";
import { requestBanner } from "./request-banner.js";

/** Company and administrator: what the search runs on. Every field in error is marked at once. */
export function companyPage(
  c: PageContext,
  csrf: string,
  errors: readonly FieldError[],
  values: Form,
  formError?: string,
): WizardPage {
  const { t } = c;
  const error = (name: string) => errors.find((e) => e.field === name)?.message;
  const first = errors.length === 0 && !formError;
  const main = html`<h1>${t.company.title}</h1>
${requestBanner(c)}
${formError && notice("bad", formError, "alert")}
<p class="lead">${t.company.lead}</p>
${form(
  { action: c.url("/company"), csrf },
  field({
    name: "companyName",
    label: t.company.companyName,
    hint: t.company.companyHint,
    value: values.companyName,
    error: error("companyName"),
    required: true,
    maxlength: 200,
    autocomplete: "organization",
    autofocus: first,
  }),
  field({
    name: "adminEmail",
    label: t.company.adminEmail,
    hint: t.company.adminEmailHint,
    type: "email",
    value: values.adminEmail,
    error: error("adminEmail"),
    required: true,
    maxlength: 254,
    autocomplete: "email",
    spellcheck: false,
  }),
  field({
    name: "adminName",
    label: t.company.adminName,
    value: values.adminName,
    error: error("adminName"),
    maxlength: 200,
    autocomplete: "name",
  }),
  field({
    name: "country",
    label: t.company.country,
    hint: t.company.countryHint,
    value: values.country,
    error: error("country"),
    maxlength: 2,
    autocomplete: "country",
    width: "short",
  }),
  html`<p class="actions"><button type="submit">${t.company.submit}</button></p>`,
)}`;
  return {
    title: t.company.title,
    step: companyStep(c),
    main,
    errors,
    back: c.url(),
  };
}
