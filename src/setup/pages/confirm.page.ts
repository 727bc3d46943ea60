import type { Candidate, MatchResult } from "../../matching/candidate.js";
import { html } from "../../render/html.js";
import { form, notice } from "../../web/components.js";
import type { SetupDraft } from "../setup.schemas.js";
import { candidateCard } from "./candidate-card.js";
import { companyStep, type PageContext, type WizardPage } from "./context.js";

/** The choice being confirmed: an organization the last search showed, or a new one. */
export type Choice = { organization: Candidate } | { newOrganization: true };

/** The organization `?organization=` names among those the last search showed, or "new" for `?new=1`. */
export function choiceOf(
  result: MatchResult,
  query: { organization?: string | undefined; new?: string | undefined },
): Choice | undefined {
  if (query.new) return { newOrganization: true };
  if (!query.organization) return undefined;
  const organization = [
    ...(result.organization ? [result.organization] : []),
    ...result.candidates,
    ...result.sameDomain,
  ].find((x) => x.id === query.organization);
  return organization ? { organization } : undefined;
}

/** What the decision will do, with the one button that does it. */
export function confirmPage(
  c: PageContext,
  csrf: string,
  context: { result: MatchResult; draft: SetupDraft; choice: Choice; now: Date; error?: string | undefined },
): WizardPage {
  const { t } = c;
  const { result, draft, choice } = context;
  const chosen = "organization" in choice ? choice.organization : undefined;
  const isAdmin =
    chosen !== undefined && result.outcome === "existing_admin" && result.organization?.id === chosen.id;
  const partnerGoesOn = c.view.scenario === "partner_for_customer";
  const explanation = chosen
    ? isAdmin
      ? html`<p><strong>${t.confirm.mapExisting(chosen.name)}</strong></p><p>${t.confirm.mapExistingHint}</p>`
      : html`<p><strong>${t.confirm.askApproval(chosen.name, draft.adminEmail)}</strong></p>
<p>${partnerGoesOn ? t.confirm.askApprovalPartner(chosen.name) : t.confirm.askApprovalStop(chosen.name)}</p>
${chosen.fullAdmins.length === 0 && html`<p>${t.confirm.askApprovalOperators}</p>`}`
    : html`<p><strong>${t.confirm.createNew(draft.companyName, draft.adminEmail)}</strong></p><p>${t.confirm.createNewHint}</p>`;
  const main = html`<h1>${t.confirm.title}</h1>
${context.error && notice("bad", context.error, "alert")}
${chosen && html`<div class="cards">${candidateCard(chosen, { locale: c.locale, registrableDomain: result.input.registrableDomain, now: context.now, headingLevel: 2 })}</div>`}
${notice(chosen && !isAdmin ? "warn" : "info", explanation)}
${form(
  { action: c.url("/confirm"), csrf },
  html`<input type="hidden" name="decision" value="${chosen ? "existing" : "new"}">`,
  chosen && html`<input type="hidden" name="organizationId" value="${chosen.id}">`,
  html`<p class="actions"><button type="submit">${t.confirm.submit}</button> <a class="button secondary" href="${c.url("/results")}">${t.confirm.back}</a></p>`,
)}`;
  return { title: t.confirm.title, step: companyStep(c) + 2, main };
}
