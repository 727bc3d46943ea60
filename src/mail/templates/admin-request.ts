import { endSentence, formatDateTime } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { Scenario } from "../../vocabulary.js";
import { greeting, labels } from "./labels.js";
import { type Fact, requireLink, type Template } from "./template.js";

export type AdminRequestParams = {
  orderNumber: string;
  organizationName: string;
  requestedAdminEmail: string;
  requestedAdminName: string | null;
  requestedByEmail: string;
  scenario: Scenario;
};

const en = {
  subject: (org: string) => `Request: new administrator for ${org}`,
  heading: "Do you approve a new administrator?",
  asks: (org: string, order: string) =>
    `You are a full administrator of ${endSentence(org)} Someone setting up order ${order} asks that the person below become a full administrator of your organization.`,
  why: "For security, nobody becomes administrator without the approval of an existing administrator. Approve only if you know this person.",
  newAdministrator: "New administrator",
  newAdministratorName: "Their name",
  requestedBy: "Requested by",
  scenario: "Scenario",
  review: "Review the request",
  note: (expires: string) => `The request expires on ${expires}. This link is personal: do not forward it.`,
};

const it: Words<typeof en> = {
  subject: (org) => `Richiesta: nuovo amministratore per ${org}`,
  heading: "Approvi un nuovo amministratore?",
  asks: (org, order) =>
    `Sei amministratore completo di ${endSentence(org)} Chi sta configurando l'ordine ${order} chiede che la persona indicata qui sotto diventi amministratore completo della tua organizzazione.`,
  why: "Per sicurezza nessun amministratore viene aggiunto senza l'approvazione di un amministratore esistente. Approva solo se conosci questa persona.",
  newAdministrator: "Nuovo amministratore",
  newAdministratorName: "Il suo nome",
  requestedBy: "Richiesto da",
  scenario: "Scenario",
  review: "Esamina la richiesta",
  note: (expires) => `La richiesta scade il ${expires}. Il link è personale: non inoltrarlo.`,
};

/** The approve/reject link, to each full administrator of the organization (docs/product.md § 8). */
export const adminRequest: Template<AdminRequestParams> = (p, c) => {
  const [w, l] = [{ en, it }[c.locale], labels[c.locale]];
  const link = requireLink(c);
  const expires = formatDateTime(link.expiresAt, c.locale);
  return {
    subject: w.subject(p.organizationName),
    heading: w.heading,
    paragraphs: [greeting(c.locale, null), w.asks(p.organizationName, p.orderNumber), w.why],
    facts: [
      [w.newAdministrator, p.requestedAdminEmail, "typed"],
      ...(p.requestedAdminName ? [[w.newAdministratorName, p.requestedAdminName, "typed"] as Fact] : []),
      [w.requestedBy, p.requestedByEmail, "typed"],
      [l.order, p.orderNumber],
      [w.scenario, l.scenario[p.scenario]],
      [l.expires, expires],
    ],
    action: { label: w.review, url: link.url },
    note: w.note(expires),
  };
};
