import { serviceParts } from "../render/format.js";
import { type Html, html } from "../render/html.js";
import type { Locale, Service } from "../vocabulary.js";

/** The steps of a flow, the current one marked for screen readers too. */
export function stepList(label: string, steps: readonly string[], current: number): Html {
  return html`<ol class="steps" aria-label="${label}">${steps.map((step, i) =>
    i === current ? html`<li aria-current="step">${step}</li>` : html`<li>${step}</li>`,
  )}</ol>`;
}

export type FieldOptions = {
  name: string;
  label: string;
  value?: string | undefined;
  type?: "text" | "email" | "password" | "search";
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  /** Puts the cursor here when the page opens (the first field of a form, or the first with an error). */
  autofocus?: boolean;
  inputmode?: string;
  spellcheck?: boolean;
  /** A field for a short value (a country code): narrower than the form. */
  width?: "short";
};

/** A labelled input; its hint and error (above it, as GOV.UK does) are tied to it for screen readers. */
export function field(o: FieldOptions): Html {
  const id = `field-${o.name}`;
  const described = [o.hint ? `${id}-hint` : "", o.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field">
<label for="${id}">${o.label}</label>
${o.hint && html`<span class="hint" id="${id}-hint">${o.hint}</span>`}
${o.error && html`<p class="error" id="${id}-error">${o.error}</p>`}
<input id="${id}" name="${o.name}" type="${o.type ?? "text"}" value="${o.value ?? ""}"${o.width ? html` class="${o.width}"` : ""}${o.spellcheck === false ? html` spellcheck="false"` : ""}${o.required ? html` required` : ""}${
    o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ""
  }${o.maxlength ? html` maxlength="${o.maxlength}"` : ""}${o.inputmode ? html` inputmode="${o.inputmode}"` : ""}${
    described ? html` aria-describedby="${described}"` : ""
  }${o.error ? html` aria-invalid="true"` : ""}${o.autofocus ? html` autofocus` : ""}>
</div>`;
}

/**
 * The GOV.UK error summary: every error of the form at the top, each a link to its field, focused when the
 * page opens so that a screen reader starts there.
 */
export function errorSummary(title: string, errors: readonly { field: string; message: string }[]): Html {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">${title}</h2>
<ul>${errors.map((e) => html`<li><a href="#field-${e.field}">${e.message}</a></li>`)}</ul>
</div>`;
}

/** "Back": the previous step of a flow, above the page's heading. */
export function backLink(href: string, label: string): Html {
  return html`<p class="back"><a class="back-link" href="${href}">${label}</a></p>`;
}

export function notice(
  kind: "ok" | "warn" | "info" | "bad",
  body: Html | string,
  role?: "alert" | "status",
): Html {
  return html`<div class="notice ${kind}"${role ? html` role="${role}"` : ""}>${typeof body === "string" ? html`<p>${body}</p>` : body}</div>`;
}

export function facts(rows: readonly (readonly [string, Html | string | number])[]): Html {
  return html`<dl class="facts">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

/**
 * A form that posts to `action` with its CSRF token. `novalidate`: the page checks the fields and says what
 * to do in the page's language, instead of the browser's own bubbles.
 */
export function form(
  o: { action: string; csrf: string; className?: string; label?: string },
  ...body: (Html | false | undefined)[]
): Html {
  return html`<form method="post" action="${o.action}" class="${o.className ?? "stack"}" novalidate${o.label ? html` aria-label="${o.label}"` : ""}>
<input type="hidden" name="_csrf" value="${o.csrf}">
${body}
</form>`;
}

/** An order's services, one a line, each SKU kept whole ("MEETINGS-ENT" never breaks at its hyphen). */
export function services(list: readonly Service[], locale: Locale): Html {
  return html`${list.map((s, i) => {
    const p = serviceParts(s, locale);
    const sku = html`<span class="nowrap">${p.sku}</span>`;
    return html`${i > 0 ? html`<br>` : ""}${p.name ? html`${p.name} (${sku})` : sku}${p.rest}`;
  })}`;
}
