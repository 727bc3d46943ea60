import { ad, endSentence, formatDateTime, il } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { Scenario } from "../../vocabulary.js";
import { greeting, labels } from "./labels.js";
import type { Fact, MailContext, Template } from "./template.js";

/** What the contact hears of their administrator request: approved, rejected, expired or withdrawn. */
export type AdminRequestDecidedParams = {
  orderNumber: string;
  organizationName: string;
  adminEmail: string;
  scenario: Scenario;
};
export type AdminRequestRejectedParams = AdminRequestDecidedParams & { reason: string | null };

const en = {
  approved: {
    subject: (org: string) => `Request approved: a new administrator of ${org}`,
    heading: "The request was approved",
    what: (org: string) =>
      `An administrator of ${org} approved the administrator below as a full administrator.`,
    resume: (order: string, org: string) =>
      `One step is left: open the setup of order ${order} and confirm, and the subscription is added to ${endSentence(org)}`,
    mapped: (order: string, org: string) =>
      `The subscription of order ${order} was already added to ${org}: nothing else is needed.`,
    note: (expires: string) => `The link expires on ${expires}.`,
  },
  rejected: {
    subject: (org: string) => `Request rejected for ${org}`,
    heading: "The request was rejected",
    what: (org: string) => `An administrator of ${org} did not approve the administrator below.`,
    reason: "Reason given",
    mapped: (order: string, org: string) =>
      `The subscription of order ${order} stays in ${endSentence(org)} Ask its administrators to add the new user.`,
    resume: (order: string) =>
      `Nothing was set up. You can resume the setup of order ${order} and choose another way: another administrator or a new organization.`,
  },
  expired: {
    subject: (org: string) => `Request expired for ${org}`,
    heading: "The request expired",
    what: (org: string) =>
      `No administrator of ${org} answered the request to add the administrator below in time.`,
    mapped: (order: string, org: string) => `The subscription of order ${order} stays in ${endSentence(org)}`,
    resume: (order: string) =>
      `Nothing was set up. You can resume the setup of order ${order} and choose another way.`,
  },
  withdrawn: {
    subject: (org: string) => `Request withdrawn: ${org} was removed`,
    heading: "The request was withdrawn",
    what: (org: string) =>
      `${org} was removed from the directory, so the request to add the administrator below was withdrawn.`,
    mapped: (order: string, org: string) =>
      `The subscription of order ${order} was mapped to ${org} before it was removed. Contact support to move it.`,
    resume: (order: string) =>
      `Nothing was mapped. You can resume the setup of order ${order} and choose another organization or a new one.`,
  },
};

const it: Words<typeof en> = {
  approved: {
    subject: (org) => `Richiesta approvata: un nuovo amministratore di ${org}`,
    heading: "La richiesta è stata approvata",
    what: (org) =>
      `Un amministratore di ${org} ha approvato l'amministratore indicato qui sotto come amministratore completo.`,
    resume: (order, org) =>
      `Manca un passo: apri la configurazione dell'ordine ${order} e conferma, e l'abbonamento viene aggiunto ${ad(endSentence(org))}`,
    mapped: (order, org) =>
      `L'abbonamento dell'ordine ${order} era già stato aggiunto ${ad(org)}: non serve altro.`,
    note: (expires) => `Il link scade ${il(expires)}.`,
  },
  rejected: {
    subject: (org) => `Richiesta rifiutata per ${org}`,
    heading: "La richiesta è stata rifiutata",
    what: (org) => `Un amministratore di ${org} non ha approvato l'amministratore indicato qui sotto.`,
    reason: "Motivo indicato",
    mapped: (order, org) =>
      `L'abbonamento dell'ordine ${order} resta in ${endSentence(org)} Chiedi ai suoi amministratori di aggiungere il nuovo utente.`,
    resume: (order) =>
      `Non è stato configurato nulla. Puoi riprendere la configurazione dell'ordine ${order} e scegliere un'altra strada: un altro amministratore o una nuova organizzazione.`,
  },
  expired: {
    subject: (org) => `Richiesta scaduta per ${org}`,
    heading: "La richiesta è scaduta",
    what: (org) =>
      `Nessun amministratore di ${org} ha risposto in tempo alla richiesta di aggiungere l'amministratore indicato qui sotto.`,
    mapped: (order, org) => `L'abbonamento dell'ordine ${order} resta in ${endSentence(org)}`,
    resume: (order) =>
      `Non è stato configurato nulla. Puoi riprendere la configurazione dell'ordine ${order} e scegliere un'altra strada.`,
  },
  withdrawn: {
    subject: (org) => `Richiesta ritirata: ${org} è stata rimossa`,
    heading: "La richiesta è stata ritirata",
    what: (org) =>
      `${org} è stata rimossa dall'elenco delle organizzazioni, quindi la richiesta di aggiungere l'amministratore indicato qui sotto è stata ritirata.`,
    mapped: (order, org) =>
      `L'abbonamento dell'ordine ${order} era stato associato a ${org} prima della rimozione. Contatta l'assistenza per spostarlo.`,
    resume: (order) =>
      `Nulla è stato associato. Puoi riprendere la configurazione dell'ordine ${order} e scegliere un'altra organizzazione o una nuova.`,
  },
};

const words = { en, it };

/** partner_for_customer mapped at once; the other scenarios wait, and resume through the link. */
const mappedAlready = (p: AdminRequestDecidedParams) => p.scenario === "partner_for_customer";

/** The request's facts; the administrator's e-mail and a reason were typed by people: in quotes. */
function facts(p: AdminRequestRejectedParams, c: MailContext): Fact[] {
  const l = labels[c.locale];
  return [
    [l.organization, p.organizationName],
    [l.order, p.orderNumber],
    [l.requestedAdministrator, p.adminEmail, "typed"],
    ...(p.reason ? [[words[c.locale].rejected.reason, p.reason, "typed"] as Fact] : []),
  ];
}

function resumeAction(c: MailContext) {
  return c.link ? { action: { label: labels[c.locale].resumeSetup, url: c.link.url } } : {};
}

/** Approved: the contact resumes the setup through the link (the e-mail is now a full administrator). */
export const adminRequestApproved: Template<AdminRequestDecidedParams> = (p, c) => {
  const w = words[c.locale].approved;
  return {
    subject: w.subject(p.organizationName),
    heading: w.heading,
    paragraphs: [
      greeting(c.locale, null),
      w.what(p.organizationName),
      mappedAlready(p)
        ? w.mapped(p.orderNumber, p.organizationName)
        : w.resume(p.orderNumber, p.organizationName),
    ],
    facts: facts({ ...p, reason: null }, c),
    ...(c.link
      ? { ...resumeAction(c), note: w.note(formatDateTime(c.link.expiresAt, c.locale, c.timeZone)) }
      : {}),
  };
};

/** Rejected, expired or withdrawn: the contact may choose another path (or, when mapped already, talk to the administrator). */
function notApproved(outcome: "rejected" | "expired" | "withdrawn"): Template<AdminRequestRejectedParams> {
  return (p, c) => {
    const w = words[c.locale][outcome];
    return {
      subject: w.subject(p.organizationName),
      heading: w.heading,
      paragraphs: [
        greeting(c.locale, null),
        w.what(p.organizationName),
        mappedAlready(p) ? w.mapped(p.orderNumber, p.organizationName) : w.resume(p.orderNumber),
      ],
      facts: facts(p, c),
      ...resumeAction(c),
    };
  };
}

export const adminRequestRejected: Template<AdminRequestRejectedParams> = notApproved("rejected");

/** Nobody answered in time. */
export const adminRequestExpired: Template<AdminRequestDecidedParams> = (p, c) =>
  notApproved("expired")({ ...p, reason: null }, c);

/** The organization was deleted while the request waited (docs/api.md § Directory sync). */
export const adminRequestWithdrawn: Template<AdminRequestDecidedParams> = (p, c) =>
  notApproved("withdrawn")({ ...p, reason: null }, c);
