import { formatServices } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { Service } from "../../vocabulary.js";
import { greeting, labels } from "./labels.js";
import type { Fact, Template } from "./template.js";

export type AdminWelcomeParams = {
  orderNumber: string;
  services: Service[];
  organizationName: string;
  adminName: string | null;
};

const en = {
  subject: (order: string) => `Welcome: you administer a new organization (order ${order})`,
  heading: "Welcome to your new organization",
  created: (order: string) =>
    `An organization has been created for the services of order ${order}, with you as its full administrator. The services are active.`,
  next: "Sign in to invite your users and manage the services.",
};

const it: Words<typeof en> = {
  subject: (order) => `Benvenuto: amministri una nuova organizzazione (ordine ${order})`,
  heading: "Benvenuto nella tua nuova organizzazione",
  created: (order) =>
    `È stata creata un'organizzazione per i servizi dell'ordine ${order} e tu ne sei l'amministratore completo. I servizi sono attivi.`,
  next: "Accedi per invitare gli utenti e gestire i servizi.",
};

/** To the full administrator of an organization the wizard created (docs/product.md § 7). */
export const adminWelcome: Template<AdminWelcomeParams> = (p, c) => {
  const [w, l] = [{ en, it }[c.locale], labels[c.locale]];
  return {
    subject: w.subject(p.orderNumber),
    heading: w.heading,
    // The organization's name and the administrator's were typed in the wizard: facts only, in quotes.
    paragraphs: [greeting(c.locale, null), w.created(p.orderNumber), w.next],
    facts: [
      [l.organization, p.organizationName, "typed"],
      ...(p.adminName ? [[l.yourName, p.adminName, "typed"] as Fact] : []),
      [l.order, p.orderNumber],
      [l.services, formatServices(p.services, c.locale)],
    ],
    action: { label: l.signIn, url: c.portalUrl },
  };
};
