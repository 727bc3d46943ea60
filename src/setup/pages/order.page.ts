import { html } from "../../render/html.js";
import { orderFacts, type PageContext, type WizardPage } from "./context.js";
import { requestBanner } from "./request-banner.js";

/** The first page: the order, how the wizard works, and the way on. */
export function orderPage(c: PageContext): WizardPage {
  const { t, view } = c;
  const next = view.step === "choose_setup_by" ? c.url("/who") : c.url("/company");
  const main = html`<h1>${t.order.title}</h1>
${requestBanner(c)}
<p class="lead">${t.order.lead}</p>
<section class="panel" aria-labelledby="order-heading">
<h2 id="order-heading">${t.order.number} ${view.order.orderNumber}</h2>
${orderFacts(c)}
</section>
<section class="panel"><h2>${t.order.howItWorks}</h2><ol>${t.order.how.map((s) => html`<li>${s}</li>`)}</ol></section>
<p class="actions"><a class="button" href="${next}">${t.order.continue}</a></p>`;
  return { title: t.order.title, step: 0, main };
}
