import { formatDateTime, il } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { Service } from "../../vocabulary.js";
import { greeting, setupLinkParts } from "./labels.js";
import { requireLink, type Template } from "./template.js";

export type HandoverInvitationParams = {
  orderNumber: string;
  services: Service[];
  contactName: string | null;
  partnerName: string;
};

const en = {
  subject: (partner: string, order: string) =>
    `${partner} asks you to set up your subscription (order ${order})`,
  heading: "Set up your new subscription",
  handedOver: (partner: string) =>
    `${partner} ordered the services below for you and handed their setup over to you.`,
  howTo: "Open the setup wizard and enter your company name and the administrator's e-mail.",
  note: (expires: string) => `This link is personal: do not forward it. It expires on ${expires}.`,
};

const it: Words<typeof en> = {
  subject: (partner, order) => `${partner} ti chiede di configurare il tuo abbonamento (ordine ${order})`,
  heading: "Configura il tuo nuovo abbonamento",
  handedOver: (partner) =>
    `${partner} ha ordinato per te i servizi qui sotto e ti ha affidato la configurazione.`,
  howTo: "Apri la procedura guidata, inserisci il nome della tua società e l'e-mail dell'amministratore.",
  note: (expires) => `Il link è personale: non inoltrarlo. Scade ${il(expires)}.`,
};

/** A link of their own, to the customer a partner handed the setup over to (docs/product.md § The flow, 3). */
export const handoverInvitation: Template<HandoverInvitationParams> = (p, c) => {
  const w = { en, it }[c.locale];
  const link = requireLink(c);
  const expires = formatDateTime(link.expiresAt, c.locale, c.timeZone);
  return {
    subject: w.subject(p.partnerName, p.orderNumber),
    heading: w.heading,
    // The contact's name was typed by the partner: no greeting by name.
    paragraphs: [greeting(c.locale, null), w.handedOver(p.partnerName), w.howTo],
    ...setupLinkParts(c.locale, p, link, expires),
    note: w.note(expires),
  };
};
