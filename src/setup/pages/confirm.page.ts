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

/** What the decision will do, named on the heading and on the one button that does it. */
export function confirmPage(
  c: PageContext,
  csrf: string,
  context: { result: MatchResult; draft: SetupDraft; choice: Choice; now: Date; error?: string | undefined },
): WizardPage {
  const { result, draft, choice } = context;
  const chosen = "organization" in choice ? choice.organization : undefined;
  const email = draft.adminEmail;
  const words = chosen ? existingWords(c, result, chosen, email) : newWords(c, draft);
  const main = html`<h1>${words.title}</h1>
${context.error && notice("bad", context.error, "alert")}
${notice(words.kind, words.explanation)}
${chosen && html`<div class="cards">${candidateCard(chosen, { locale: c.locale, companyName: draft.companyName, registrableDomain: result.input.registrableDomain, now: context.now, headingLevel: 2 })}</div>`}
${form(
  { action: c.url("/confirm"), csrf },
  html`<input type="hidden" name="decision" value="${chosen ? "existing" : "new"}">`,
  chosen && html`<input type="hidden" name="organizationId" value="${chosen.id}">`,
  html`<p class="actions"><button type="submit">${words.submit}</button></p>`,
)}`;
  return { title: words.title, step: companyStep(c) + 2, main, back: c.url("/results") };
}

type Words = { title: string; explanation: ReturnType<typeof html>; submit: string; kind: "info" | "warn" };

function existingWords(c: PageContext, result: MatchResult, org: Candidate, email: string): Words {
  const { t } = c;
  const isAdmin = result.outcome === "existing_admin" && result.organization?.id === org.id;
  if (isAdmin) {
    return {
      title: t.confirm.mapTitle(org.name),
      explanation: html`<p><strong>${t.confirm.map(email, org.name)}</strong></p><p>${t.confirm.mapHint}</p>`,
      submit: t.confirm.mapSubmit(org.name),
      kind: "info",
    };
  }
  const support = org.fullAdmins.length === 0;
  if (c.view.scenario === "partner_for_customer") {
    return {
      title: t.confirm.partnerTitle(org.name),
      explanation: html`<p><strong>${support ? t.confirm.partnerSupport(email, org.name) : t.confirm.partner(email, org.name)}</strong></p><p>${t.confirm.mapHint}</p>`,
      submit: t.confirm.partnerSubmit(org.name),
      kind: "warn",
    };
  }
  return {
    title: support ? t.confirm.supportTitle : t.confirm.askTitle(org.name),
    explanation: html`<p><strong>${support ? t.confirm.support(email, org.name) : t.confirm.ask(email, org.name)}</strong></p><p>${t.confirm.askNext}</p>`,
    submit: support ? t.confirm.supportSubmit : t.confirm.askSubmit(org.name),
    kind: "warn",
  };
}

function newWords(c: PageContext, draft: SetupDraft): Words {
  const { t } = c;
  return {
    title: t.confirm.createTitle(draft.companyName),
    explanation: html`<p><strong>${t.confirm.create(draft.companyName, draft.adminEmail)}</strong></p><p>${t.confirm.createHint}</p>`,
    submit: t.confirm.createSubmit(draft.companyName),
    kind: "info",
  };
}
