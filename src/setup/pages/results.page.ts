import type { Candidate, MatchResult } from "../../matching/candidate.js";
import { html } from "../../render/html.js";
import { notice } from "../../web/components.js";
import type { SetupDraft } from "../setup.schemas.js";
import { candidateCard } from "./candidate-card.js";
import { companyStep, type PageContext, type WizardPage } from "./context.js";

/** The organizations the last search found, each with the button that chooses it, and "create new". */
export function resultsPage(c: PageContext, result: MatchResult, draft: SetupDraft, now: Date): WizardPage {
  const { t } = c;
  const card = (candidate: Candidate, label: string) =>
    candidateCard(candidate, {
      locale: c.locale,
      registrableDomain: result.input.registrableDomain,
      now,
      action: html`<p class="actions"><a class="button" href="${c.url("/confirm", { organization: candidate.id })}">${label}</a></p>`,
    });
  const createNew = html`<p class="actions"><a class="button ${result.outcome === "no_match" ? "" : "secondary"}" href="${c.url("/confirm", { new: "1" })}">${t.results.createNew(draft.companyName)}</a></p>`;
  const body =
    result.outcome === "existing_admin" || result.outcome === "existing_member"
      ? html`${notice(
          "info",
          html`<p><strong>${result.outcome === "existing_admin" ? t.results.existingAdmin(result.organization!.name) : t.results.existingMember(result.organization!.name)}</strong></p>
<p>${result.outcome === "existing_admin" ? t.results.existingAdminHint : t.results.existingMemberHint}</p>`,
        )}
<div class="cards">${card(result.organization!, t.results.chooseExisting)}</div>
<p class="actions"><a class="button secondary" href="${c.url("/company")}">${t.results.otherEmail}</a></p>`
      : result.outcome === "no_match"
        ? html`${notice("info", html`<p><strong>${t.results.noMatch}</strong></p><p>${t.results.noMatchHint}</p>`)}${createNew}`
        : html`${
            result.candidates.length > 0 &&
            html`<h2>${t.results.candidates(result.candidates.length)}</h2>
<p class="muted">${t.results.candidatesHint}</p>
${result.input.publicProvider && notice("warn", t.results.publicDomain(result.input.registrableDomain))}
<div class="cards">${result.candidates.map((x) => card(x, t.results.choose))}</div>`
          }
${
  result.sameDomain.length > 0 &&
  html`<h2>${t.results.sameDomain}</h2><p class="muted">${t.results.sameDomainHint}</p>
<div class="cards">${result.sameDomain.map((x) => card(x, t.results.choose))}</div>`
}
<h2>${t.results.noneOfThese}</h2>${createNew}`;
  const main = html`<h1>${t.results.title}</h1>
<p>${t.results.searchedFor(draft.companyName, draft.adminEmail)} <a href="${c.url("/company")}">${t.results.changeSearch}</a></p>
${body}`;
  return { title: t.results.title, step: companyStep(c) + 1, main, wide: true };
}
