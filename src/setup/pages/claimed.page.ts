import type { Candidate } from "../../matching/candidate.js";
import { html } from "../../render/html.js";
import { notice } from "../../web/components.js";
import { companyStep, type PageContext, type WizardPage } from "./context.js";

/**
 * A new organization was refused because an existing one claimed the administrator's domain
 * (DOMAIN_CLAIMED): the two ways on are that organization, through the administrator-approval rule,
 * or another administrator e-mail.
 */
export function claimedPage(
  c: PageContext,
  context: { domain: string; email: string; organization: Candidate | undefined },
): WizardPage {
  const { t } = c;
  const { domain, email, organization } = context;
  const title = t.claimed.title(domain);
  const main = html`<h1>${title}</h1>
${notice("warn", html`<p><strong>${t.claimed.why(email, domain, organization?.name)}</strong></p>`, "alert")}
<p>${t.claimed.what}</p>
<ul class="choices">
${organization && html`<li><a href="${c.url(`/confirm?organization=${encodeURIComponent(organization.id)}`)}">${t.claimed.choose(organization.name)}</a></li>`}
<li><a href="${c.url("/company")}">${t.claimed.other}</a></li>
</ul>`;
  return { title, step: companyStep(c) + 2, main, back: c.url("/results") };
}
