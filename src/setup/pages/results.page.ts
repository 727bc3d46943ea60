import type { Candidate, MatchResult } from "../../matching/candidate.js";
import { html } from "../../render/html.js";
import { notice } from "../../web/components.js";
import type { SetupDraft } from "../setup.schemas.js";
import { candidateCard } from "./candidate-card.js";
import { companyStep, type PageContext, type WizardPage } from "./context.js";

/**
 * The organizations the last search found. The most likely one comes first, whole, with its button; the
 * others are one line each that opens (`<details>`); "create a new organization" stays in view.
 */
export function resultsPage(c: PageContext, result: MatchResult, draft: SetupDraft, now: Date): WizardPage {
  const { t } = c;
  const adviceFor = (x: Candidate) => {
    const situation =
      result.outcome === "existing_admin" && result.organization?.id === x.id
        ? t.advice.youAreAdmin
        : x.fullAdmins.length === 0
          ? t.advice.askSupport(draft.adminEmail)
          : c.view.scenario === "partner_for_customer"
            ? t.advice.askAdminsPartner(draft.adminEmail)
            : t.advice.askAdmins(draft.adminEmail);
    return `${t.advice[x.assessment.status]} ${situation}`;
  };
  const chooseButton = (x: Candidate, label: string, secondary: boolean) =>
    html`<p class="actions"><a class="button${secondary ? " secondary" : ""}" href="${c.url("/confirm", { organization: x.id })}">${label}</a></p>`;
  const card = (x: Candidate, o: { collapsed: boolean; label?: string }) =>
    candidateCard(x, {
      locale: c.locale,
      companyName: draft.companyName,
      registrableDomain: result.input.registrableDomain,
      now,
      advice: adviceFor(x),
      action: chooseButton(x, o.label ?? t.results.choose(x.name), o.collapsed),
      collapsed: o.collapsed,
    });
  const createNew = (secondary: boolean) =>
    html`<p class="actions"><a class="button${secondary ? " secondary" : ""}" href="${c.url("/confirm", { new: "1" })}">${t.results.createNew(draft.companyName)}</a></p>`;
  const searched = html`<p>${t.results.searchedFor(draft.companyName, draft.adminEmail)} <a href="${c.url("/company")}">${t.results.changeSearch}</a></p>`;

  if (result.outcome === "existing_admin" || result.outcome === "existing_member") {
    const org = result.organization!;
    const admin = result.outcome === "existing_admin";
    const title = admin ? t.results.existingAdminTitle(org.name) : t.results.existingMemberTitle(org.name);
    const main = html`<h1>${title}</h1>
${searched}
${notice(
  "info",
  html`<p><strong>${admin ? t.results.existingAdmin(draft.adminEmail, org.name) : t.results.existingMember(draft.adminEmail, org.name)}</strong></p>
<p>${admin ? t.results.existingAdminHint : t.results.existingMemberHint}</p>`,
)}
<div class="cards">${card(org, { collapsed: false, label: t.results.continueWith(org.name) })}</div>
<p class="actions"><a class="button secondary" href="${c.url("/company")}">${t.results.otherEmail}</a></p>`;
    return { title, step: companyStep(c) + 1, main, back: c.url("/company") };
  }

  if (result.outcome === "no_match") {
    const main = html`<h1>${t.results.noMatchTitle}</h1>
${searched}
${notice("info", html`<p><strong>${t.results.noMatch(draft.companyName)}</strong></p><p>${t.results.noMatchHint}</p>`)}
${createNew(false)}`;
    return { title: t.results.noMatchTitle, step: companyStep(c) + 1, main, back: c.url("/company") };
  }

  const [first, ...rest] = result.candidates;
  // Every organization shown counts, those on the same domain under another name too.
  const shown = result.candidates.length + result.sameDomain.length;
  const title = first ? t.results.candidatesTitle(shown, draft.companyName) : t.results.title;
  // What to do if none is the company; on a claimed domain (DOMAIN_CLAIMED) there is no new
  // organization to offer, and the page says so here rather than after a confirmation.
  const notListed = result.claimedBy
    ? html`<h2 id="not-listed">${t.claimed.title(result.input.registrableDomain)}</h2><p>${t.claimed.why(draft.adminEmail, result.input.registrableDomain, result.claimedBy.name)}</p><p class="actions"><a class="button secondary" href="${c.url("/company")}">${t.claimed.other}</a></p>`
    : html`<h2 id="not-listed">${c.view.scenario === "partner_for_customer" ? t.results.notListedCustomer : t.results.notListed}</h2><p>${t.results.notListedHint}</p>${createNew(true)}`;
  const main = html`<h1>${title}</h1>
${searched}
${result.input.publicProvider && notice("warn", t.results.publicDomain(result.input.registrableDomain))}
${
  first &&
  html`${shown > 1 && html`<p class="lead">${t.results.candidatesHint}</p>`}
<h2>${t.results.mostLikely}</h2>
<div class="cards">${card(first, { collapsed: false })}</div>`
}
<aside class="panel not-listed" aria-labelledby="not-listed">${notListed}</aside>
${
  rest.length > 0 &&
  html`<h2>${t.results.others(rest.length)}</h2>
<div class="cards">${rest.map((x) => card(x, { collapsed: true }))}</div>`
}
${
  result.sameDomain.length > 0 &&
  html`<h2>${t.results.sameDomain}</h2><p class="muted">${t.results.sameDomainHint}</p>
<div class="cards">${result.sameDomain.map((x) => card(x, { collapsed: true }))}</div>`
}`;
  return { title, step: companyStep(c) + 1, main, back: c.url("/company") };
}
