import { endSentence, formatDateTime, formatServices } from "../render/format.js";
import { type Html, html } from "../render/html.js";
import type { Locale, Scenario, Service } from "../vocabulary.js";

/**
 * Every e-mail of product.md § E-mails, in Italian and English. A template turns the outbox row's
 * params (never a secret) and the link minted at sending time into one MailContent; `renderMail`
 * lays that out as HTML and plain text, so the two always say the same.
 */
export type TemplateParams = {
  setup_invitation: {
    orderNumber: string;
    services: Service[];
    contactName: string | null;
    partnerName: string | null;
  };
  handover_invitation: {
    orderNumber: string;
    services: Service[];
    contactName: string | null;
    partnerName: string;
  };
  admin_welcome: {
    orderNumber: string;
    services: Service[];
    organizationName: string;
    adminName: string | null;
  };
  subscription_added: {
    orderNumber: string;
    services: Service[];
    organizationName: string;
    provisionedBy: string;
  };
  admin_request: {
    orderNumber: string;
    organizationName: string;
    requestedAdminEmail: string;
    requestedAdminName: string | null;
    requestedByEmail: string;
    scenario: Scenario;
  };
  admin_request_approved: {
    orderNumber: string;
    organizationName: string;
    adminEmail: string;
    scenario: Scenario;
  };
  admin_request_rejected: {
    orderNumber: string;
    organizationName: string;
    adminEmail: string;
    scenario: Scenario;
    reason: string | null;
  };
  admin_request_expired: {
    orderNumber: string;
    organizationName: string;
    adminEmail: string;
    scenario: Scenario;
  };
  invitation_expired: { orderNumber: string; services: Service[] };
};

export type TemplateName = keyof TemplateParams;

/** The secret link an e-mail carries, minted when it is sent. */
export type MintedLink = { url: string; expiresAt: Date };

export type MailContext = { locale: Locale; portalUrl: string; link: MintedLink | undefined };

export type MailContent = {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** Label and value pairs shown as a small table. */
  facts: [string, string][];
  action?: { label: string; url: string };
  /** Shown under the button: expiry, what to do if the e-mail was not expected. */
  note?: string;
};

type Template<P> = (params: P, context: MailContext) => MailContent;

const scenarioWords: Record<Locale, Record<Scenario, string>> = {
  en: {
    customer_self: "the customer sets up the service",
    partner_for_customer: "the partner sets up the service for the customer",
    partner_own_use: "the partner sets up the service for its own use",
  },
  it: {
    customer_self: "il cliente configura il servizio",
    partner_for_customer: "il partner configura il servizio per il cliente",
    partner_own_use: "il partner configura il servizio per uso proprio",
  },
};

function requireLink(context: MailContext): MintedLink {
  if (!context.link) throw new Error("this e-mail needs its link");
  return context.link;
}

function greeting(locale: Locale, name: string | null): string {
  if (locale === "it") return name ? `Gentile ${name},` : "Buongiorno,";
  return name ? `Dear ${name},` : "Hello,";
}

const templates: { [T in TemplateName]: Template<TemplateParams[T]> } = {
  setup_invitation: (p, c) => {
    const link = requireLink(c);
    const services = formatServices(p.services);
    const expires = formatDateTime(link.expiresAt, c.locale);
    return c.locale === "it"
      ? {
          subject: `Configura il tuo nuovo abbonamento (ordine ${p.orderNumber})`,
          heading: "Il tuo abbonamento è pronto da configurare",
          paragraphs: [
            greeting("it", p.contactName),
            p.partnerName
              ? `${p.partnerName} ha effettuato l'ordine ${p.orderNumber} e ti ha indicato come contatto per il provisioning.`
              : `Sei il contatto per il provisioning dell'ordine ${p.orderNumber}.`,
            "Apri la procedura guidata, inserisci il nome della società e l'e-mail dell'amministratore: ti mostreremo le organizzazioni esistenti che potrebbero già essere la tua, oppure ne creeremo una nuova.",
          ],
          facts: [
            ["Ordine", p.orderNumber],
            ["Servizi", services],
            ["Il link scade", expires],
          ],
          action: { label: "Avvia la configurazione", url: link.url },
          note: `Il link è personale: non inoltrarlo. Scade il ${expires}. Se non ti aspettavi questo messaggio, puoi ignorarlo.`,
        }
      : {
          subject: `Set up your new subscription (order ${p.orderNumber})`,
          heading: "Your subscription is ready to set up",
          paragraphs: [
            greeting("en", p.contactName),
            p.partnerName
              ? `${p.partnerName} placed order ${p.orderNumber} and named you as its provisioning contact.`
              : `You are the provisioning contact for order ${p.orderNumber}.`,
            "Open the setup wizard and enter the company name and the administrator's e-mail: we will show you the existing organizations that may already be yours, or create a new one.",
          ],
          facts: [
            ["Order", p.orderNumber],
            ["Services", services],
            ["Link expires", expires],
          ],
          action: { label: "Start the setup", url: link.url },
          note: `This link is personal: do not forward it. It expires on ${expires}. If you did not expect this e-mail, you can ignore it.`,
        };
  },

  handover_invitation: (p, c) => {
    const link = requireLink(c);
    const services = formatServices(p.services);
    const expires = formatDateTime(link.expiresAt, c.locale);
    return c.locale === "it"
      ? {
          subject: `${p.partnerName} ti chiede di configurare il tuo abbonamento (ordine ${p.orderNumber})`,
          heading: "Configura il tuo nuovo abbonamento",
          paragraphs: [
            greeting("it", p.contactName),
            `${p.partnerName} ha ordinato per te i servizi qui sotto e ti ha affidato la configurazione.`,
            "Apri la procedura guidata, inserisci il nome della tua società e l'e-mail dell'amministratore.",
          ],
          facts: [
            ["Ordine", p.orderNumber],
            ["Servizi", services],
            ["Il link scade", expires],
          ],
          action: { label: "Avvia la configurazione", url: link.url },
          note: `Il link è personale: non inoltrarlo. Scade il ${expires}.`,
        }
      : {
          subject: `${p.partnerName} asks you to set up your subscription (order ${p.orderNumber})`,
          heading: "Set up your new subscription",
          paragraphs: [
            greeting("en", p.contactName),
            `${p.partnerName} ordered the services below for you and handed their setup over to you.`,
            "Open the setup wizard and enter your company name and the administrator's e-mail.",
          ],
          facts: [
            ["Order", p.orderNumber],
            ["Services", services],
            ["Link expires", expires],
          ],
          action: { label: "Start the setup", url: link.url },
          note: `This link is personal: do not forward it. It expires on ${expires}.`,
        };
  },

  admin_welcome: (p, c) =>
    c.locale === "it"
      ? {
          subject: `Benvenuto: sei l'amministratore di ${p.organizationName}`,
          heading: `Benvenuto in ${p.organizationName}`,
          paragraphs: [
            greeting("it", p.adminName),
            `È stata creata l'organizzazione ${p.organizationName} e tu ne sei l'amministratore completo. I servizi dell'ordine ${p.orderNumber} sono attivi.`,
            "Accedi per invitare gli utenti e gestire i servizi.",
          ],
          facts: [
            ["Organizzazione", p.organizationName],
            ["Ordine", p.orderNumber],
            ["Servizi", formatServices(p.services)],
          ],
          action: { label: "Accedi", url: c.portalUrl },
        }
      : {
          subject: `Welcome: you are the administrator of ${p.organizationName}`,
          heading: `Welcome to ${p.organizationName}`,
          paragraphs: [
            greeting("en", p.adminName),
            `The organization ${p.organizationName} has been created and you are its full administrator. The services of order ${p.orderNumber} are active.`,
            "Sign in to invite your users and manage the services.",
          ],
          facts: [
            ["Organization", p.organizationName],
            ["Order", p.orderNumber],
            ["Services", formatServices(p.services)],
          ],
          action: { label: "Sign in", url: c.portalUrl },
        },

  subscription_added: (p, c) =>
    c.locale === "it"
      ? {
          subject: `Nuovo abbonamento aggiunto a ${p.organizationName}`,
          heading: "È stato aggiunto un abbonamento",
          paragraphs: [
            greeting("it", null),
            `Ti scriviamo perché sei amministratore completo di ${endSentence(p.organizationName)} ${p.provisionedBy} ha associato l'abbonamento dell'ordine ${p.orderNumber} alla tua organizzazione.`,
            "Se non riconosci questo ordine, contatta l'assistenza.",
          ],
          facts: [
            ["Organizzazione", p.organizationName],
            ["Ordine", p.orderNumber],
            ["Servizi", formatServices(p.services)],
          ],
          action: { label: "Accedi", url: c.portalUrl },
        }
      : {
          subject: `New subscription added to ${p.organizationName}`,
          heading: "A subscription was added",
          paragraphs: [
            greeting("en", null),
            `You are receiving this because you are a full administrator of ${endSentence(p.organizationName)} ${p.provisionedBy} mapped the subscription of order ${p.orderNumber} to your organization.`,
            "If you do not recognize this order, contact support.",
          ],
          facts: [
            ["Organization", p.organizationName],
            ["Order", p.orderNumber],
            ["Services", formatServices(p.services)],
          ],
          action: { label: "Sign in", url: c.portalUrl },
        },

  admin_request: (p, c) => {
    const link = requireLink(c);
    const expires = formatDateTime(link.expiresAt, c.locale);
    const who = p.requestedAdminName
      ? `${p.requestedAdminName} <${p.requestedAdminEmail}>`
      : p.requestedAdminEmail;
    return c.locale === "it"
      ? {
          subject: `Richiesta: nuovo amministratore per ${p.organizationName}`,
          heading: "Approvi un nuovo amministratore?",
          paragraphs: [
            greeting("it", null),
            `Sei amministratore completo di ${endSentence(p.organizationName)} ${p.requestedByEmail}, configurando l'ordine ${p.orderNumber}, chiede che ${who} diventi amministratore completo della tua organizzazione.`,
            "Per sicurezza nessun amministratore viene aggiunto senza l'approvazione di un amministratore esistente. Approva solo se conosci questa persona.",
          ],
          facts: [
            ["Nuovo amministratore", who],
            ["Richiesto da", p.requestedByEmail],
            ["Ordine", p.orderNumber],
            ["Scenario", scenarioWords.it[p.scenario]],
            ["Scade", expires],
          ],
          action: { label: "Esamina la richiesta", url: link.url },
          note: `La richiesta scade il ${expires}. Il link è personale: non inoltrarlo.`,
        }
      : {
          subject: `Request: new administrator for ${p.organizationName}`,
          heading: "Do you approve a new administrator?",
          paragraphs: [
            greeting("en", null),
            `You are a full administrator of ${endSentence(p.organizationName)} ${p.requestedByEmail}, setting up order ${p.orderNumber}, asks that ${who} become a full administrator of your organization.`,
            "For security, nobody becomes administrator without the approval of an existing administrator. Approve only if you know this person.",
          ],
          facts: [
            ["New administrator", who],
            ["Requested by", p.requestedByEmail],
            ["Order", p.orderNumber],
            ["Scenario", scenarioWords.en[p.scenario]],
            ["Expires", expires],
          ],
          action: { label: "Review the request", url: link.url },
          note: `The request expires on ${expires}. This link is personal: do not forward it.`,
        };
  },

  admin_request_approved: (p, c) => {
    const resumes = p.scenario !== "partner_for_customer";
    const link = c.link;
    return c.locale === "it"
      ? {
          subject: `Richiesta approvata: ${p.adminEmail} è amministratore di ${p.organizationName}`,
          heading: "La richiesta è stata approvata",
          paragraphs: [
            greeting("it", null),
            `Un amministratore di ${p.organizationName} ha approvato ${p.adminEmail} come amministratore completo.`,
            resumes
              ? `Ora puoi riprendere la configurazione dell'ordine ${p.orderNumber}: l'abbonamento verrà associato a ${endSentence(p.organizationName)}`
              : `L'abbonamento dell'ordine ${p.orderNumber} era già associato a ${p.organizationName}: non serve altro.`,
          ],
          facts: [
            ["Organizzazione", p.organizationName],
            ["Ordine", p.orderNumber],
          ],
          ...(link
            ? {
                action: { label: "Riprendi la configurazione", url: link.url },
                note: `Il link scade il ${formatDateTime(link.expiresAt, "it")}.`,
              }
            : {}),
        }
      : {
          subject: `Request approved: ${p.adminEmail} is an administrator of ${p.organizationName}`,
          heading: "The request was approved",
          paragraphs: [
            greeting("en", null),
            `An administrator of ${p.organizationName} approved ${p.adminEmail} as a full administrator.`,
            resumes
              ? `You can now resume the setup of order ${p.orderNumber}: the subscription will be mapped to ${endSentence(p.organizationName)}`
              : `The subscription of order ${p.orderNumber} was already mapped to ${p.organizationName}: nothing else is needed.`,
          ],
          facts: [
            ["Organization", p.organizationName],
            ["Order", p.orderNumber],
          ],
          ...(link
            ? {
                action: { label: "Resume the setup", url: link.url },
                note: `The link expires on ${formatDateTime(link.expiresAt, "en")}.`,
              }
            : {}),
        };
  },

  admin_request_rejected: (p, c) => {
    const mapped = p.scenario === "partner_for_customer";
    return c.locale === "it"
      ? {
          subject: `Richiesta rifiutata per ${p.organizationName}`,
          heading: "La richiesta è stata rifiutata",
          paragraphs: [
            greeting("it", null),
            `Un amministratore di ${p.organizationName} non ha approvato ${p.adminEmail} come amministratore.`,
            ...(p.reason ? [`Motivo indicato: «${p.reason}»`] : []),
            mapped
              ? `L'abbonamento dell'ordine ${p.orderNumber} resta associato a ${endSentence(p.organizationName)} Contatta l'amministratore esistente per aggiungere il nuovo utente.`
              : `Nulla è stato associato. Puoi riprendere la configurazione dell'ordine ${p.orderNumber} e scegliere un'altra strada: un altro amministratore o una nuova organizzazione.`,
          ],
          facts: [
            ["Organizzazione", p.organizationName],
            ["Ordine", p.orderNumber],
          ],
          ...(c.link ? { action: { label: "Riprendi la configurazione", url: c.link.url } } : {}),
        }
      : {
          subject: `Request rejected for ${p.organizationName}`,
          heading: "The request was rejected",
          paragraphs: [
            greeting("en", null),
            `An administrator of ${p.organizationName} did not approve ${p.adminEmail} as an administrator.`,
            ...(p.reason ? [`Reason given: “${p.reason}”`] : []),
            mapped
              ? `The subscription of order ${p.orderNumber} stays mapped to ${endSentence(p.organizationName)} Contact the existing administrator to add the new user.`
              : `Nothing was mapped. You can resume the setup of order ${p.orderNumber} and choose another path: another administrator or a new organization.`,
          ],
          facts: [
            ["Organization", p.organizationName],
            ["Order", p.orderNumber],
          ],
          ...(c.link ? { action: { label: "Resume the setup", url: c.link.url } } : {}),
        };
  },

  admin_request_expired: (p, c) => {
    const mapped = p.scenario === "partner_for_customer";
    return c.locale === "it"
      ? {
          subject: `Richiesta scaduta per ${p.organizationName}`,
          heading: "La richiesta è scaduta",
          paragraphs: [
            greeting("it", null),
            `Nessun amministratore di ${p.organizationName} ha risposto in tempo alla richiesta di aggiungere ${p.adminEmail}.`,
            mapped
              ? `L'abbonamento dell'ordine ${p.orderNumber} resta associato a ${endSentence(p.organizationName)}`
              : `Nulla è stato associato. Puoi riprendere la configurazione dell'ordine ${p.orderNumber} e scegliere un'altra strada.`,
          ],
          facts: [
            ["Organizzazione", p.organizationName],
            ["Ordine", p.orderNumber],
          ],
          ...(c.link ? { action: { label: "Riprendi la configurazione", url: c.link.url } } : {}),
        }
      : {
          subject: `Request expired for ${p.organizationName}`,
          heading: "The request expired",
          paragraphs: [
            greeting("en", null),
            `No administrator of ${p.organizationName} answered the request to add ${p.adminEmail} in time.`,
            mapped
              ? `The subscription of order ${p.orderNumber} stays mapped to ${endSentence(p.organizationName)}`
              : `Nothing was mapped. You can resume the setup of order ${p.orderNumber} and choose another path.`,
          ],
          facts: [
            ["Organization", p.organizationName],
            ["Order", p.orderNumber],
          ],
          ...(c.link ? { action: { label: "Resume the setup", url: c.link.url } } : {}),
        };
  },

  invitation_expired: (p, c) =>
    c.locale === "it"
      ? {
          subject: `Il link di configurazione è scaduto (ordine ${p.orderNumber})`,
          heading: "Il link di configurazione è scaduto",
          paragraphs: [
            greeting("it", null),
            `Il link per configurare l'ordine ${p.orderNumber} è scaduto senza essere usato, quindi l'ordine è stato chiuso.`,
            "Se ti serve ancora il servizio, chiedi a chi ha effettuato l'ordine di inviarne uno nuovo.",
          ],
          facts: [
            ["Ordine", p.orderNumber],
            ["Servizi", formatServices(p.services)],
          ],
        }
      : {
          subject: `The setup link has expired (order ${p.orderNumber})`,
          heading: "The setup link has expired",
          paragraphs: [
            greeting("en", null),
            `The link to set up order ${p.orderNumber} expired unused, so the order has been closed.`,
            "If you still need the service, ask whoever placed the order for a new one.",
          ],
          facts: [
            ["Order", p.orderNumber],
            ["Services", formatServices(p.services)],
          ],
        },
};

export type RenderedMail = { subject: string; text: string; html: string; links: string[] };

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

/** One outbox row as the recipient reads it. */
export function renderMail<T extends TemplateName>(
  template: T,
  params: TemplateParams[T],
  context: MailContext,
): RenderedMail {
  const content = (templates[template] as Template<TemplateParams[T]>)(params, context);
  return {
    subject: content.subject,
    text: textOf(content),
    html: htmlOf(content, context.locale).value,
    links: content.action ? [content.action.url] : [],
  };
}

function textOf(c: MailContent): string {
  const width = Math.max(...c.facts.map(([label]) => label.length));
  return [
    c.heading,
    "",
    ...c.paragraphs.flatMap((p) => [p, ""]),
    ...c.facts.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`),
    "",
    ...(c.action ? [`${c.action.label}: ${c.action.url}`, ""] : []),
    ...(c.note ? [c.note, ""] : []),
    "-- ",
    "Provisio",
  ].join("\n");
}

// E-mail clients ignore style sheets: inline styles, a table layout, one button.
function htmlOf(c: MailContent, locale: Locale): Html {
  return html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${c.subject}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2937">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 12px">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;border:1px solid #e5e7eb">
<tr><td style="padding:20px 28px;border-bottom:3px solid #1d4ed8;font-weight:700;font-size:18px;color:#1d4ed8">Provisio</td></tr>
<tr><td style="padding:24px 28px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827">${c.heading}</h1>
${c.paragraphs.map((p) => html`<p style="margin:0 0 14px;font-size:15px;line-height:1.55">${p}</p>`)}
<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 20px;font-size:14px;border-collapse:collapse">
${c.facts.map(
  ([label, value]) =>
    html`<tr><td style="padding:4px 16px 4px 0;color:#6b7280;vertical-align:top;white-space:nowrap">${label}</td><td style="padding:4px 0;font-weight:600">${value}</td></tr>`,
)}
</table>
${
  c.action &&
  html`<p style="margin:0 0 20px"><a href="${c.action.url}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:6px;font-size:15px">${c.action.label}</a></p>
<p style="margin:0 0 14px;font-size:12px;color:#6b7280;word-break:break-all">${c.action.url}</p>`
}
${c.note && html`<p style="margin:0;font-size:13px;color:#4b5563;line-height:1.5">${c.note}</p>`}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}
