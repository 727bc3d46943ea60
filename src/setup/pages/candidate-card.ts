import type { Candidate } from "../../matching/candidate.js";
import { formatDate } from "../../render/format.js";
import { type Html, html } from "../../render/html.js";
import type { Locale } from "../../vocabulary.js";
import { messages } from "../../web/texts/index.js";

/**
 * One existing organization as the wizard shows it (docs/matching.md § 3): what it is, how much it is in
 * use, why it matched, and the assessment with its recommendation. `action` is the button to choose it.
 */
export function candidateCard(
  c: Candidate,
  options: { locale: Locale; registrableDomain: string; now: Date; action?: Html; headingLevel?: 2 | 3 },
): Html {
  const t = messages(options.locale);
  const { evidence, assessment } = c;
  const heading = options.headingLevel === 2 ? html`<h2>${c.name}</h2>` : html`<h3>${c.name}</h3>`;
  const why = [
    evidence.exactName ? t.card.exactName : evidence.namePrefix ? t.card.namePrefix : t.card.otherName,
    ...(evidence.domainUsers > 0
      ? [t.card.domainUsers(evidence.domainUsers, options.registrableDomain)]
      : []),
    ...(evidence.publicDomain ? [t.card.publicDomain] : []),
  ].join(" · ");
  const admin = c.fullAdmins[0];
  const lastActivity = c.lastActivityAt
    ? `${formatDate(c.lastActivityAt, options.locale)} (${t.card.ageDays(daysBetween(c.lastActivityAt, options.now))})`
    : t.card.unknown;
  return html`<article class="card" aria-label="${c.name}">
<div class="card-head">${heading}<span class="badge ${assessment.status}">${t.assessment[assessment.status]}</span></div>
<p class="recommendation">${t.recommendation[assessment.status]}</p>
<dl class="facts">
<div><dt>${t.card.type}</dt><dd>${t.kind[c.kind]}${c.country && ` · ${c.country}`}</dd></div>
<div><dt>${t.card.source}</dt><dd>${t.source[c.source]}</dd></div>
<div><dt>${t.card.created}</dt><dd>${formatDate(c.createdAt, options.locale)}</dd></div>
<div><dt>${t.card.activeSubscriptions}</dt><dd>${c.activeSubscriptions}</dd></div>
<div><dt>${t.card.users}</dt><dd>${c.users}</dd></div>
<div><dt>${t.card.fullAdmin}</dt><dd>${
    admin
      ? html`${admin.name ? `${admin.name}, ` : ""}${admin.email}${c.fullAdmins.length > 1 && html` +${c.fullAdmins.length - 1}`}`
      : t.card.noFullAdmin
  }</dd></div>
<div><dt>${t.card.lastActivity}</dt><dd>${lastActivity}</dd></div>
${c.managedCustomers !== null && html`<div><dt>${t.card.managedCustomers}</dt><dd>${c.managedCustomers}</dd></div>`}
</dl>
<p class="why"><strong>${t.card.why}:</strong> ${why}</p>
${options.action}
</article>`;
}

function daysBetween(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000));
}
