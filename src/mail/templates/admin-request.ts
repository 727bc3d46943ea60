import { endSentence, formatDateTime, formatServices, il } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { Scenario, Service } from "../../vocabulary.js";
import { greeting, labels } from "./labels.js";
import { type Fact, type MailContext, requireLink, type Template } from "./template.js";

/** What the administrators are asked; the fields after `scenario` are absent on e-mails queued before they existed. */
export type AdminRequestParams = {
  orderNumber: string;
  organizationName: string;
  requestedAdminEmail: string;
  requestedAdminName: string | null;
  requestedByEmail: string;
  scenario: Scenario;
  requestedByName?: string | null;
  /** A partner's order: the partner organization that placed it. */
  partnerName?: string | null;
  services?: Service[];
  requestedAt?: string;
  /** The address is already a user of the organization (it would be promoted, not added). */
  adminIsUser?: boolean;
};

const en = {
  subject: (org: string) => `Do you approve a new administrator for ${org}?`,
  heading: "Do you approve a new administrator?",
  asks: (org: string, order: string) =>
    `You are a full administrator of ${endSentence(org)} The provisioning contact of order ${order} asks that the person below become a full administrator of your organization.`,
  isUser: (org: string) =>
    `This person is already a user of ${org}: approving makes them a full administrator.`,
  notUser: (org: string) =>
    `This person is not a user of ${org} yet: approving adds them as a full administrator.`,
  why: "For security, nobody becomes administrator without the approval of an existing administrator. Approve only if you know this person.",
  newAdministrator: "New administrator",
  askedBy: "Asked by",
  onBehalfOf: "On behalf of",
  partner: (name: string) => `${name} (the partner that placed the order)`,
  requestedOn: "Requested on",
  scenario: "Situation",
  review: "Review the request",
  note: (expires: string) => `The request expires on ${expires}. This link is personal: do not forward it.`,
  reminder: {
    subject: (org: string) => `Reminder: a request for a new administrator of ${org} expires soon`,
    heading: "The request expires soon",
    waits: (org: string, order: string, expires: string) =>
      `The provisioning contact of order ${order} asked that the person below become a full administrator of ${endSentence(org)} Nobody has decided yet, and the request expires on ${expires}.`,
    after: "If nobody decides by then, the person who asked has to start again.",
  },
};

const it: Words<typeof en> = {
  subject: (org) => `Approvi un nuovo amministratore per ${org}?`,
  heading: "Approvi un nuovo amministratore?",
  asks: (org, order) =>
    `Sei amministratore completo di ${endSentence(org)} Il contatto per la configurazione dell'ordine ${order} chiede che la persona indicata qui sotto diventi amministratore completo della tua organizzazione.`,
  isUser: (org) => `Questa persona è già un utente di ${org}: approvando diventa amministratore completo.`,
  notUser: (org) =>
    `Questa persona non è ancora un utente di ${org}: approvando viene aggiunta come amministratore completo.`,
  why: "Per sicurezza nessun amministratore viene aggiunto senza l'approvazione di un amministratore esistente. Approva solo se conosci questa persona.",
  newAdministrator: "Nuovo amministratore",
  askedBy: "Richiesto da",
  onBehalfOf: "Per conto di",
  partner: (name) => `${name} (il partner che ha effettuato l'ordine)`,
  requestedOn: "Richiesto il",
  scenario: "Situazione",
  review: "Esamina la richiesta",
  note: (expires) => `La richiesta scade ${il(expires)}. Il link è personale: non inoltrarlo.`,
  reminder: {
    subject: (org) => `Promemoria: una richiesta di nuovo amministratore per ${org} scade a breve`,
    heading: "La richiesta scade a breve",
    waits: (org, order, expires) =>
      `Il contatto per la configurazione dell'ordine ${order} ha chiesto che la persona indicata qui sotto diventi amministratore completo di ${endSentence(org)} Nessuno ha ancora deciso, e la richiesta scade ${il(expires)}.`,
    after: "Se nessuno decide entro allora, chi l'ha chiesto dovrà ricominciare.",
  },
};

const words = { en, it };

/** "Name (address)", or the address alone. */
function person(name: string | null | undefined, email: string): string {
  return name ? `${name} (${email})` : email;
}

/** Who asks, for what, and who would become administrator. */
function requestFacts(p: AdminRequestParams, c: MailContext, expires: string): Fact[] {
  const [w, l] = [words[c.locale], labels[c.locale]];
  // Who would become administrator, and who asks, were typed by people: quoted data, never our words.
  return [
    [w.newAdministrator, person(p.requestedAdminName, p.requestedAdminEmail), "typed"],
    [w.askedBy, person(p.requestedByName, p.requestedByEmail), "typed"],
    ...(p.partnerName ? [[w.onBehalfOf, w.partner(p.partnerName)] as [string, string]] : []),
    [l.order, p.orderNumber],
    ...(p.services ? [[l.services, formatServices(p.services, c.locale)] as [string, string]] : []),
    ...(p.requestedAt
      ? [[w.requestedOn, formatDateTime(new Date(p.requestedAt), c.locale, c.timeZone)] as [string, string]]
      : []),
    [w.scenario, l.scenario[p.scenario]],
    [l.expires, expires],
  ];
}

function userLine(p: AdminRequestParams, c: MailContext): string[] {
  if (p.adminIsUser === undefined) return [];
  const w = words[c.locale];
  return [p.adminIsUser ? w.isUser(p.organizationName) : w.notUser(p.organizationName)];
}

/** The approve/reject link, to each full administrator of the organization (docs/product.md § 8). */
export const adminRequest: Template<AdminRequestParams> = (p, c) => {
  const w = words[c.locale];
  const link = requireLink(c);
  const expires = formatDateTime(link.expiresAt, c.locale, c.timeZone);
  return {
    subject: w.subject(p.organizationName),
    heading: w.heading,
    paragraphs: [
      greeting(c.locale, null),
      w.asks(p.organizationName, p.orderNumber),
      ...userLine(p, c),
      w.why,
    ],
    facts: requestFacts(p, c, expires),
    action: { label: w.review, url: link.url },
    note: w.note(expires),
  };
};

/** ADMIN_REQUEST_REMINDER_DAYS before the expiry, to the administrators of a request nobody decided. */
export const adminRequestReminder: Template<AdminRequestParams> = (p, c) => {
  const w = words[c.locale];
  const link = requireLink(c);
  const expires = formatDateTime(link.expiresAt, c.locale, c.timeZone);
  return {
    subject: w.reminder.subject(p.organizationName),
    heading: w.reminder.heading,
    paragraphs: [
      greeting(c.locale, null),
      w.reminder.waits(p.organizationName, p.orderNumber, expires),
      ...userLine(p, c),
      w.reminder.after,
    ],
    facts: requestFacts(p, c, expires),
    action: { label: w.review, url: link.url },
    note: w.note(expires),
  };
};
