import { formatServices } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { Service } from "../../vocabulary.js";
import { greeting, labels } from "./labels.js";
import type { Template } from "./template.js";

export type InvitationExpiredParams = { orderNumber: string; services: Service[] };

const en = {
  subject: (order: string) => `The setup link has expired (order ${order})`,
  heading: "The setup link has expired",
  closed: (order: string) =>
    `The link to set up order ${order} expired unused, so the order has been closed.`,
  next: "If you still need the service, ask whoever placed the order for a new one.",
};

const it: Words<typeof en> = {
  subject: (order) => `Il link di configurazione è scaduto (ordine ${order})`,
  heading: "Il link di configurazione è scaduto",
  closed: (order) =>
    `Il link per configurare l'ordine ${order} è scaduto senza essere usato, quindi l'ordine è stato chiuso.`,
  next: "Se ti serve ancora il servizio, chiedi a chi ha effettuato l'ordine di inviarne uno nuovo.",
};

/** The setup link expired unused: the order is closed (docs/product.md § The flow, 2). */
export const invitationExpired: Template<InvitationExpiredParams> = (p, c) => {
  const [w, l] = [{ en, it }[c.locale], labels[c.locale]];
  return {
    subject: w.subject(p.orderNumber),
    heading: w.heading,
    paragraphs: [greeting(c.locale, null), w.closed(p.orderNumber), w.next],
    facts: [
      [l.order, p.orderNumber],
      [l.services, formatServices(p.services, c.locale)],
    ],
  };
};
