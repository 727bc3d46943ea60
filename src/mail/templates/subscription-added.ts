import { endSentence, formatServices } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { Service } from "../../vocabulary.js";
import { greeting, labels } from "./labels.js";
import type { Template } from "./template.js";

export type SubscriptionAddedParams = {
  orderNumber: string;
  services: Service[];
  organizationName: string;
  provisionedBy: string;
};

const en = {
  subject: (org: string) => `New subscription added to ${org}`,
  heading: "A subscription was added",
  why: (org: string, order: string) =>
    `You are receiving this because you are a full administrator of ${endSentence(org)} The provisioning contact of order ${order} (below) added its subscription to your organization.`,
  mappedBy: "Added by",
  unknown: "If you do not recognize this order, contact support.",
};

const it: Words<typeof en> = {
  subject: (org) => `Nuovo abbonamento aggiunto a ${org}`,
  heading: "È stato aggiunto un abbonamento",
  why: (org, order) =>
    `Ti scriviamo perché sei amministratore completo di ${endSentence(org)} Il contatto per la configurazione dell'ordine ${order} (indicato qui sotto) ha aggiunto il suo abbonamento alla tua organizzazione.`,
  mappedBy: "Aggiunto da",
  unknown: "Se non riconosci questo ordine, contatta l'assistenza.",
};

/** To the existing organization's full administrators, after a mapping (docs/product.md § 9). */
export const subscriptionAdded: Template<SubscriptionAddedParams> = (p, c) => {
  const [w, l] = [{ en, it }[c.locale], labels[c.locale]];
  return {
    subject: w.subject(p.organizationName),
    heading: w.heading,
    paragraphs: [greeting(c.locale, null), w.why(p.organizationName, p.orderNumber), w.unknown],
    facts: [
      [l.organization, p.organizationName],
      [l.order, p.orderNumber],
      [l.services, formatServices(p.services, c.locale)],
      [w.mappedBy, p.provisionedBy, "typed"],
    ],
    action: { label: l.signIn, url: c.portalUrl },
  };
};
