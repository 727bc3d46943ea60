import { formatDateTime, il } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { Service } from "../../vocabulary.js";
import { greeting, setupLinkParts } from "./labels.js";
import { requireLink, type Template } from "./template.js";

export type SetupInvitationParams = {
  orderNumber: string;
  services: Service[];
  contactName: string | null;
  partnerName: string | null;
};

const en = {
  subject: (order: string) => `Set up your new subscription (order ${order})`,
  heading: "Your subscription is ready to set up",
  placedByPartner: (partner: string, order: string) =>
    `${partner} placed order ${order} and named you as its provisioning contact.`,
  contactFor: (order: string) => `You are the provisioning contact for order ${order}.`,
  howTo:
    "Open the setup wizard and enter the company name and the administrator's e-mail: we will show you the existing organizations that may already be yours, or create a new one.",
  note: (expires: string) =>
    `This link is personal: do not forward it. It expires on ${expires}. If you did not expect this e-mail, you can ignore it.`,
};

const it: Words<typeof en> = {
  subject: (order) => `Configura il tuo nuovo abbonamento (ordine ${order})`,
  heading: "Il tuo abbonamento è pronto da configurare",
  placedByPartner: (partner, order) =>
    `${partner} ha effettuato l'ordine ${order} e ti ha indicato come contatto per il provisioning.`,
  contactFor: (order) => `Sei il contatto per il provisioning dell'ordine ${order}.`,
  howTo:
    "Apri la procedura guidata, inserisci il nome della società e l'e-mail dell'amministratore: ti mostreremo le organizzazioni esistenti che potrebbero già essere la tua, oppure ne creeremo una nuova.",
  note: (expires) =>
    `Il link è personale: non inoltrarlo. Scade ${il(expires)}. Se non ti aspettavi questo messaggio, puoi ignorarlo.`,
};

/** The setup link, to the order's provisioning contact (docs/product.md § The flow, 2). */
export const setupInvitation: Template<SetupInvitationParams> = (p, c) => {
  const w = { en, it }[c.locale];
  const link = requireLink(c);
  const expires = formatDateTime(link.expiresAt, c.locale, c.timeZone);
  return {
    subject: w.subject(p.orderNumber),
    heading: w.heading,
    paragraphs: [
      greeting(c.locale, p.contactName),
      p.partnerName ? w.placedByPartner(p.partnerName, p.orderNumber) : w.contactFor(p.orderNumber),
      w.howTo,
    ],
    ...setupLinkParts(c.locale, p, link, expires),
    note: w.note(expires),
  };
};
