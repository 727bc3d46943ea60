import type { ErrorTexts } from "./codes.js";

/** Every error in Italian, for the pages. A `reason` is an English diagnostic and is never shown here. */
export const it: ErrorTexts = {
  VALIDATION_FAILED: ({ about, limit }) =>
    about === "choice"
      ? "La scelta non è valida."
      : about === "password"
        ? `La password deve avere almeno ${limit} caratteri.`
        : "Alcuni campi mancano o non sono validi.",
  INVALID_EMAIL: "Questo non è un indirizzo e-mail utilizzabile.",
  INVALID_COMPANY_NAME: "Inserisci il nome della società, con almeno una lettera o una cifra.",
  UNAUTHENTICATED: ({ about }) =>
    about === "signIn"
      ? "L'e-mail o la password non sono corrette."
      : "Serve un token API valido: Authorization: Bearer <token>.",
  CSRF_INVALID: "Il modulo è scaduto. Ricarica la pagina e riprova.",
  NOT_FOUND: ({ about, id }) => {
    switch (about) {
      case "approvalLink":
        return "Questo link di approvazione non esiste. Controlla di aver copiato tutto il link dall'e-mail.";
      case "order":
        return `L'ordine ${id} non esiste.`;
      case "organization":
        return `L'organizzazione ${id} non esiste.`;
      case "user":
        return `L'utente ${id} non esiste.`;
      case "subscription":
        return `L'abbonamento ${id} non esiste.`;
      case "adminRequest":
        return "Questa richiesta di amministratore non esiste.";
      case "message":
        return "Questo messaggio non esiste.";
      case "webhookEndpoint":
        return "Questo endpoint webhook non esiste.";
      case "webhookDelivery":
        return "Questa consegna webhook non esiste.";
      case "domain":
        return `L'organizzazione non ha il dominio ${id}.`;
      case "consoleSetup":
        return "Questo link di configurazione della console non esiste, è già stato usato o è scaduto. Se esiste un operatore, accedi.";
      case "route":
        return "Questa pagina non esiste.";
      default:
        return "Questo link non esiste. Controlla di aver copiato tutto il link dall'e-mail.";
    }
  },
  EMAIL_IN_USE: "Questo indirizzo e-mail è già un utente di un'organizzazione.",
  EXTERNAL_ID_IN_USE: ({ about }) =>
    about === "subscription"
      ? "Esiste già un abbonamento con questo externalId."
      : "Esiste già un'organizzazione con questo externalId.",
  ORGANIZATION_NOT_FOUND: ({ about, id }) =>
    about === "organization"
      ? `L'organizzazione ${id} non esiste.`
      : `Nessuna organizzazione con externalId ${id}.`,
  ORGANIZATION_DELETED: ({ id }) =>
    `L'organizzazione ${id} è stata eliminata: non accetta modifiche né utenti.`,
  MANAGING_PARTNER_INVALID: ({ id }) =>
    id === undefined
      ? "managingPartnerId deve essere un'organizzazione partner esistente."
      : `Nessuna organizzazione partner con externalId ${id}.`,
  ADMIN_EMAIL_WRONG_KIND: ({ kind }) =>
    kind === "partner"
      ? "Questa e-mail appartiene a un'organizzazione cliente, quindi non può amministrare l'abbonamento per uso proprio del partner. Inserisci un'altra e-mail di amministratore."
      : "Questa e-mail appartiene a un'organizzazione partner, quindi non può essere l'amministratore del cliente. Inserisci l'amministratore del cliente.",
  ADMIN_EMAIL_IN_OTHER_ORG: ({ about }) =>
    about === "sinceRequested"
      ? "Nel frattempo questo indirizzo e-mail è diventato utente di un'altra organizzazione, quindi non può essere aggiunto. Rifiuta la richiesta."
      : "Questo indirizzo e-mail è già usato da un'altra organizzazione. Inserisci un'altra e-mail di amministratore.",
  ORDER_CONFLICT: ({ orderNumber }) => `L'ordine ${orderNumber} esiste già con un contenuto diverso.`,
  PARTNER_ORGANIZATION_INVALID:
    "orderedBy.partnerOrganizationId deve essere un'organizzazione partner esistente.",
  ORDER_NOT_OPEN: ({ orderNumber }) => `L'ordine ${orderNumber} è chiuso o annullato.`,
  ALREADY_PROVISIONED: ({ orderNumber }) =>
    orderNumber ? `L'ordine ${orderNumber} è già configurato.` : "Questo ordine è già configurato.",
  NOT_APPLICABLE: ({ about }) =>
    about === "subscriptionUnmapped"
      ? "Questo abbonamento attende ancora la configurazione (o il suo ordine è finito prima dell'associazione): il suo stato segue l'ordine."
      : about === "operatorDecision"
        ? "Questa richiesta è stata inviata agli amministratori completi dell'organizzazione: possono decidere solo loro."
        : about === "withdrawRequest"
          ? "Questo ordine non attende nessuna richiesta di amministratore: non c'è nulla da ritirare."
          : "Questa scelta non riguarda questo ordine.",
  ORGANIZATION_NOT_DISCLOSED: "Scegli una delle organizzazioni mostrate dalla tua ricerca.",
  ADMIN_REQUEST_PENDING: "Questo ordine attende l'approvazione di un amministratore.",
  ADMIN_REQUEST_DECIDED: "Su questa richiesta è già stato deciso.",
  MESSAGE_NOT_DEAD: "Si può riprovare solo un'e-mail non più tentata; questa non lo è.",
  WRONG_STEP: ({ about }) =>
    about === "setupBy"
      ? "Prima indica chi configura questo ordine: il partner o il cliente."
      : "Questo passaggio ora non è disponibile.",
  APPROVER_NOT_ADMIN: "Può decidere solo un amministratore completo attuale dell'organizzazione.",
  WEBHOOK_URL_NOT_ALLOWED: "Questo URL di webhook non è consentito.",
  DELIVERY_NOT_DEAD: "Si può rinviare solo una consegna non più tentata; questa non lo è.",
  DOMAIN_NOT_ALLOWED:
    "Questo dominio non si può verificare. Inserisci il dominio e-mail dell'azienda, per esempio acme.it.",
  DOMAIN_EXISTS: ({ domain }) => `L'organizzazione ha già il dominio ${domain}.`,
  DOMAIN_TAKEN: ({ domain }) => `Un'altra organizzazione ha già verificato il dominio ${domain}.`,
  DOMAIN_NOT_VERIFIED: ({ about, domain }) =>
    about === "domain"
      ? `Si può rivendicare solo un dominio verificato; ${domain} non lo è.`
      : `Il record TXT che prova ${domain} non è stato trovato. Pubblicalo e riprova; le modifiche DNS possono richiedere un po' di tempo.`,
  DOMAIN_CLAIMED: ({ domain, organizationName }) =>
    `Il dominio ${domain} è rivendicato da ${organizationName ?? "un'organizzazione esistente"}: non si può creare una nuova organizzazione per questo amministratore. Scegli quell'organizzazione, oppure inserisci un altro indirizzo e-mail di amministratore.`,
  INVITATION_EXPIRED: "Questo link di configurazione è scaduto.",
  INVITATION_USED: "Questo link è già stato usato per configurare l'ordine.",
  INVITATION_REVOKED:
    "Questo link è stato sostituito da uno più recente, oppure l'ordine è stato annullato. Usa l'e-mail più recente.",
  INVITATION_HANDED_OVER:
    "La configurazione di questo ordine è stata affidata al cliente, quindi questo link non funziona più.",
  ADMIN_REQUEST_EXPIRED: "Questa richiesta è scaduta.",
  EVENTS_EXPIRED: "Questo evento è più vecchio di quelli conservati.",
  PAYLOAD_TOO_LARGE: "Quanto inviato è troppo grande.",
  LINE_TOO_LONG: "La riga supera 1 MiB: è stata saltata.",
  UNSUPPORTED_MEDIA_TYPE: ({ about }) =>
    about === "mediaType"
      ? "L'importazione accetta NDJSON: Content-Type application/x-ndjson."
      : "Non è stato possibile leggere il modulo.",
  RATE_LIMITED: ({ about, limit, retryAfterSeconds }) => {
    switch (about) {
      case "matchCalls":
        return `Con questo link si possono fare al massimo ${limit} ricerche all'ora. Riprova tra ${Math.ceil((retryAfterSeconds ?? 60) / 60)} minuti.`;
      case "linkGuessing":
        return "Troppe richieste di link inesistenti da questo indirizzo. Attendi e riprova.";
      case "signIn":
        return "Troppi accessi non riusciti. Attendi qualche minuto e riprova.";
      default:
        return "Troppe richieste. Attendi un po' e riprova.";
    }
  },
  INTERNAL_ERROR: "Qualcosa non ha funzionato da parte nostra. Riprova tra poco.",
  NOT_READY: "Il servizio non è disponibile per un momento. Riprova tra poco.",
  DNS_UNAVAILABLE:
    "Non è stato possibile controllare il dominio: il DNS non ha risposto. Riprova tra qualche minuto.",
};
