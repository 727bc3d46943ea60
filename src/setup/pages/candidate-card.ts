import type { Candidate } from "../../matching/candidate.js";
import { formatDate } from "../../render/format.js";
import { type Html, html } from "../../render/html.js";
import type { Locale } from "../../vocabulary.js";
import { messages } from "../../web/texts/index.js";

export type CardOptions = {
  locale: Locale;
  /** The company name typed, to tell "the same name" from "the same name but for the legal form". */
  companyName: string;
  registrableDomain: string;
  now: Date;
  /** What its activity suggests and what choosing it would do, in this situation. */
  advice?: string | undefined;
  /** The button that chooses it. */
  action?: Html | undefined;
  headingLevel?: 2 | 3;
  /** Shown as one line that opens to the whole card (a `<details>`, so it works without script). */
  collapsed?: boolean;
};

/**
 * One existing organization as the wizard shows it (docs/matching.md § 3): what it is, how much it is in
 * use, why it is shown, and advice that fits the situation, with the button that chooses it.
 */
export function candidateCard(c: Candidate, o: CardOptions): Html {
  const t = messages(o.locale);
  const badge = html`<span class="badge ${c.assessment.status}">${t.assessment[c.assessment.status]}</span>`;
  const body = html`${o.advice && html`<p class="recommendation">${o.advice}</p>`}
<dl class="facts">
<div><dt>${t.card.type}</dt><dd>${t.kind[c.kind]}${c.country && ` · ${c.country}`}</dd></div>
<div><dt>${t.card.source}</dt><dd>${t.source[c.source]}</dd></div>
<div><dt>${t.card.created}</dt><dd>${formatDate(c.createdAt, o.locale)}</dd></div>
<div><dt>${t.card.activeSubscriptions}</dt><dd class="number">${c.activeSubscriptions}</dd></div>
<div><dt>${t.card.users}</dt><dd class="number">${c.users}</dd></div>
<div class="wide"><dt>${t.card.fullAdmin}</dt><dd>${fullAdmin(c, t)}</dd></div>
<div><dt>${t.card.lastActivity}</dt><dd>${lastActivity(c, t, o)}</dd></div>
${c.managedCustomers !== null && html`<div><dt>${t.card.managedCustomers}</dt><dd class="number">${c.managedCustomers}</dd></div>`}
</dl>
<p class="why"><strong>${t.card.why}:</strong> ${why(c, t, o)}</p>
${o.action}`;
  if (o.collapsed) {
    return html`<article class="card compact" aria-label="${c.name}"><details>
<summary><span class="card-name">${c.name}</span> ${badge}<span class="card-summary">${t.card.summary(t.kind[c.kind], c.users, formatDate(c.createdAt, o.locale))}</span></summary>
${body}
</details></article>`;
  }
  const heading = o.headingLevel === 2 ? html`<h2>${c.name}</h2>` : html`<h3>${c.name}</h3>`;
  return html`<article class="card" aria-label="${c.name}">
<div class="card-head">${heading}${badge}</div>
${body}
</article>`;
}

/** "Mario Rossi (m***@acme.it) and 1 other": the address stays masked, the others are counted. */
function fullAdmin(c: Candidate, t: ReturnType<typeof messages>): string {
  const admin = c.fullAdmins[0];
  if (!admin) return t.card.noFullAdmin;
  const first = admin.name ? `${admin.name} (${admin.email})` : admin.email;
  return c.fullAdmins.length > 1 ? `${first} ${t.card.others(c.fullAdmins.length - 1)}` : first;
}

function lastActivity(c: Candidate, t: ReturnType<typeof messages>, o: CardOptions): string {
  if (!c.lastActivityAt) return t.card.unknown;
  const days = Math.max(0, Math.floor((o.now.getTime() - Date.parse(c.lastActivityAt)) / 86_400_000));
  return `${formatDate(c.lastActivityAt, o.locale)} (${t.card.ageDays(days)})`;
}

/** "The same name" only when the names read the same; the same key alone is "the same name but for the legal form". */
function why(c: Candidate, t: ReturnType<typeof messages>, o: CardOptions): string {
  const { evidence } = c;
  const sameName = c.name.trim().toLocaleLowerCase() === o.companyName.trim().toLocaleLowerCase();
  return [
    ...(evidence.verifiedDomain ? [t.card.verifiedDomain(o.registrableDomain)] : []),
    evidence.exactName
      ? sameName
        ? t.card.sameName
        : t.card.sameKey
      : evidence.namePrefix
        ? t.card.namePrefix
        : t.card.otherName,
    ...(evidence.domainUsers > 0 ? [t.card.domainUsers(evidence.domainUsers, o.registrableDomain)] : []),
    ...(evidence.publicDomain ? [t.card.publicDomain] : []),
  ].join(" · ");
}
