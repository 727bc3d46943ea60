import { formatServices } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { Locale, Scenario, Service } from "../../vocabulary.js";

/** What every e-mail may say: fact labels, buttons, greetings and the words for a scenario. */
const en = {
  order: "Order",
  services: "Services",
  organization: "Organization",
  yourName: "Your name",
  requestedAdministrator: "Requested administrator",
  linkExpires: "Link expires",
  expires: "Expires",
  startSetup: "Start the setup",
  resumeSetup: "Resume the setup",
  signIn: "Sign in",
  hello: "Hello,",
  typedNote: "Text in quotes is shown exactly as someone entered it; it is not a message from us.",
  dear: (name: string) => `Dear ${name},`,
  scenario: {
    customer_self: "the customer sets up the service",
    partner_for_customer: "the partner sets up the service for the customer",
    partner_own_use: "the partner sets up the service for its own use",
  } satisfies Record<Scenario, string>,
} as const;

const it: Words<typeof en> = {
  order: "Ordine",
  services: "Servizi",
  organization: "Organizzazione",
  yourName: "Il tuo nome",
  requestedAdministrator: "Amministratore richiesto",
  linkExpires: "Il link scade",
  expires: "Scade",
  startSetup: "Avvia la configurazione",
  resumeSetup: "Riprendi la configurazione",
  signIn: "Accedi",
  hello: "Buongiorno,",
  typedNote:
    "Il testo tra virgolette è riportato esattamente come è stato inserito: non è un nostro messaggio.",
  dear: (name) => `Gentile ${name},`,
  scenario: {
    customer_self: "il cliente configura il servizio",
    partner_for_customer: "il partner configura il servizio per il cliente",
    partner_own_use: "il partner configura il servizio per uso proprio",
  },
};

export const labels: Record<Locale, Words<typeof en>> = { en, it };

export function greeting(locale: Locale, name: string | null): string {
  return name ? labels[locale].dear(name) : labels[locale].hello;
}

/** The facts and the button of an e-mail that carries a setup link: order, services and expiry. */
export function setupLinkParts(
  locale: Locale,
  p: { orderNumber: string; services: Service[] },
  link: { url: string },
  expires: string,
) {
  const l = labels[locale];
  return {
    facts: [
      [l.order, p.orderNumber],
      [l.services, formatServices(p.services, locale)],
      [l.linkExpires, expires],
    ] as [string, string][],
    action: { label: l.startSetup, url: link.url },
  };
}
