import type { FastifyReply } from "fastify";
import { formatDate, formatDateTime } from "../../render/format.js";
import { type Html, html } from "../../render/html.js";
import { pickLocale } from "../../render/words.js";
import type { Locale } from "../../vocabulary.js";
import { backLink, errorSummary, facts, services, stepList } from "../../web/components.js";
import { renderPage } from "../../web/layout.js";
import { sendPage } from "../../web/pages.js";
import { type Messages, messages } from "../../web/texts/index.js";
import type { WizardView } from "../get-wizard-view.js";

export type WizardQuery = { lang?: string; organization?: string; new?: string };

/** A wizard page being answered: what it shows, the language it speaks, and its addresses. */
export type PageContext = {
  view: WizardView;
  locale: Locale;
  t: Messages;
  /** An address of this wizard, keeping a language chosen by hand. */
  url: (path?: string, query?: Record<string, string>) => string;
  /** This page in each language. */
  languages: Record<Locale, string>;
};

/** A message for one field of a form (its input's id is `field-<field>`). */
export type FieldError = { field: string; message: string };

/**
 * What a renderer answers: the page's title, its step in the step list (none: -1), its content, the
 * previous step's address and the errors of its form, summarized at the top.
 */
export type WizardPage = {
  title: string;
  step: number;
  main: Html;
  wide?: boolean;
  back?: string | undefined;
  errors?: readonly FieldError[];
};

export function pageContext(view: WizardView, token: string, path: string, query: WizardQuery): PageContext {
  const chosen = query.lang === "it" || query.lang === "en" ? query.lang : undefined;
  const locale = pickLocale(chosen, view.order.locale);
  const base = `/setup/${encodeURIComponent(token)}`;
  const url = (p = "", extra: Record<string, string> = {}) => {
    const q = new URLSearchParams({ ...extra, ...(chosen ? { lang: chosen } : {}) }).toString();
    return `${base}${p}${q ? `?${q}` : ""}`;
  };
  const kept = Object.fromEntries(
    (["organization", "new"] as const).flatMap((k) => (query[k] ? [[k, String(query[k])]] : [])),
  );
  const here = (l: Locale) => `${base}${path}?${new URLSearchParams({ ...kept, lang: l })}`;
  return { view, locale, t: messages(locale), url, languages: { it: here("it"), en: here("en") } };
}

export function sendWizardPage(reply: FastifyReply, c: PageContext, page: WizardPage, status = 200) {
  const errors = page.errors ?? [];
  return sendPage(
    reply,
    renderPage({
      title: errors.length > 0 ? `${c.t.errorPrefix}: ${page.title}` : page.title,
      locale: c.locale,
      narrow: !page.wide,
      languages: c.languages,
      main: html`${page.back && backLink(page.back, c.t.back)}${stepList(c.t.stepsLabel, stepNames(c), page.step)}
${errorSummary(c.t.errorSummary, errors)}${page.main}`,
    }),
    status,
  );
}

/**
 * The steps shown: "who sets up" only for a partner's order for a customer; "approval" once the order
 * waits (or waited) for an organization's administrators before anything is set up.
 */
export function stepNames(c: PageContext): string[] {
  const s = c.t.steps;
  return [
    s.order,
    ...(c.view.asksWho ? [s.who] : []),
    s.company,
    s.results,
    s.confirm,
    ...(waitsForApproval(c) ? [s.approval] : []),
    s.done,
  ];
}

function waitsForApproval({ view }: PageContext): boolean {
  if (view.step === "awaiting_admin_approval") return true;
  // After approval the contact finishes on the company step's page, then sees the done page.
  return (
    (view.step === "company" || view.step === "done") &&
    view.adminRequest?.status === "approved" &&
    view.scenario !== "partner_for_customer"
  );
}

export function approvalStep(c: PageContext): number {
  return stepNames(c).indexOf(c.t.steps.approval);
}

export function companyStep(c: PageContext): number {
  return stepNames(c).indexOf(c.t.steps.company);
}

export function lastStep(c: PageContext): number {
  return stepNames(c).length - 1;
}

/** A time of this order, in its language and time zone. */
export function when(c: PageContext, at: string | Date): string {
  return formatDateTime(typeof at === "string" ? new Date(at) : at, c.locale, c.view.order.timeZone);
}

export function orderFacts(c: PageContext, withExpiry = true): Html {
  const { t, view } = c;
  return facts([
    [t.order.services, services(view.order.services, c.locale)],
    [t.order.orderedBy, view.order.orderedBy.partnerName ?? t.order.customer],
    ...(view.order.requestedStartDate
      ? [[t.order.startDate, formatDate(view.order.requestedStartDate, c.locale)] as const]
      : []),
    [t.order.contact, view.order.contact.email],
    ...(withExpiry && view.expiresAt ? [[t.order.expires, when(c, view.expiresAt)] as const] : []),
  ]);
}
