import { formatServices } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { Service } from "../../vocabulary.js";
import { greeting, labels } from "./labels.js";
import type { Template } from "./template.js";

export type AdminWelcomeParams = {
  orderNumber: string;
  services: Service[];
  organizationName: string;
  adminName: string | null;
};

const en = {
  subject: (org: string) => `Welcome: you are the administrator of ${org}`,
  heading: (org: string) => `Welcome to ${org}`,
  created: (org: string, order: string) =>
    `The organization ${org} has been created and you are its full administrator. The services of order ${order} are active.`,
  next: "Sign in to invite your users and manage the services.",
};

const it: Words<typeof en> = {
  subject: (org) => `Benvenuto: sei l'amministratore di ${org}`,
  heading: (org) => `Benvenuto in ${org}`,
  created: (org, order) =>
    `È stata creata l'organizzazione ${org} e tu ne sei l'amministratore completo. I servizi dell'ordine ${order} sono attivi.`,
  next: "Accedi per invitare gli utenti e gestire i servizi.",
};

/** To the full administrator of an organization the wizard created (docs/product.md § 7). */
export const adminWelcome: Template<AdminWelcomeParams> = (p, c) => {
  const [w, l] = [{ en, it }[c.locale], labels[c.locale]];
  return {
    subject: w.subject(p.organizationName),
    heading: w.heading(p.organizationName),
    paragraphs: [greeting(c.locale, p.adminName), w.created(p.organizationName, p.orderNumber), w.next],
    facts: [
      [l.organization, p.organizationName],
      [l.order, p.orderNumber],
      [l.services, formatServices(p.services, c.locale)],
    ],
    action: { label: l.signIn, url: c.portalUrl },
  };
};
