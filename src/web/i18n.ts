import type { Locale, OrganizationKind, OrganizationSource, Scenario } from "../db/schema.js";
import type { ErrorCode } from "../errors.js";
import type { AssessmentStatus } from "../matching/assessment.js";
import { endSentence } from "./format.js";

/** Every word the pages show, in English and Italian. The Italian table must have every English key. */
const en = {
  skip: "Skip to content",
  steps: {
    order: "Order",
    who: "Who sets up",
    company: "Company",
    results: "Results",
    confirm: "Confirm",
    done: "Done",
  },
  stepsLabel: "Setup steps",
  order: {
    title: "Set up your subscription",
    lead: "This wizard maps the new subscription to your organization: an existing one, or a new one.",
    number: "Order",
    services: "Services",
    orderedBy: "Ordered by",
    customer: "the customer",
    startDate: "Requested start",
    contact: "Provisioning contact",
    expires: "This link expires",
    continue: "Continue",
    howItWorks: "How it works",
    how: [
      "Enter the company name and the administrator's e-mail.",
      "We show the existing organizations that may already be this company, with how much they are in use.",
      "Choose one of them, or create a new organization. Nobody becomes administrator of an existing organization without its administrator's approval.",
    ],
  },
  who: {
    title: "Who sets up the service?",
    lead: (partner: string) =>
      `${partner} ordered this subscription for a customer. Set it up yourself, or hand the setup over to the customer.`,
    partner: "We set it up for the customer",
    partnerHint:
      "You enter the customer's company and administrator. If the customer already has an organization, the subscription is mapped now and its administrator is asked to approve the new administrator.",
    customer: "The customer sets it up",
    customerHint: "We e-mail the customer a setup link of their own. This link stops working.",
    customerEmail: "Customer contact e-mail",
    customerName: "Customer contact name (optional)",
    submit: "Continue",
  },
  company: {
    title: "Company and administrator",
    lead: "We look for existing organizations with the same first five characters of the name and users on the same e-mail domain.",
    companyName: "Company name",
    companyHint: "As it is registered, e.g. Acme S.p.A.",
    adminEmail: "Administrator e-mail",
    adminEmailHint: "The person who will administer the service: use a company address when there is one.",
    adminName: "Administrator name (optional)",
    country: "Country (optional)",
    countryHint: "Two letters, e.g. IT",
    submit: "Search",
  },
  results: {
    title: "Existing organizations",
    searchedFor: (company: string, email: string) => `You searched for “${company}” with ${email}.`,
    changeSearch: "Change the search",
    existingAdmin: (org: string) => `This e-mail is already a full administrator of ${endSentence(org)}`,
    existingAdminHint: "The subscription is mapped to this organization.",
    existingMember: (org: string) => `This e-mail is a user of ${endSentence(org)}`,
    existingMemberHint:
      "A user belongs to one organization, so the subscription can only go there with this administrator. Making them a full administrator needs the approval of the organization's administrators.",
    candidates: (n: number) =>
      n === 1
        ? "1 organization may already be this company."
        : `${n} organizations may already be this company.`,
    candidatesHint: "Most likely first. Check the users, subscriptions and activity before you choose.",
    publicDomain: (domain: string) =>
      `${domain} is a public mailbox provider: sharing it is weak evidence that an organization is the same company.`,
    sameDomain: "Same e-mail domain, different name",
    sameDomainHint:
      "These organizations have users on your domain but another name. They may be a department or an older name.",
    noMatch: "No existing organization matches this company.",
    noMatchHint: "You can create a new organization with this administrator.",
    choose: "Choose this organization",
    chooseExisting: "Map to this organization",
    createNew: (company: string) => `Create “${company}” as a new organization`,
    noneOfThese: "None of these is the company?",
    otherEmail: "Use another administrator e-mail",
  },
  card: {
    type: "Type",
    source: "Created through",
    created: "Account created",
    activeSubscriptions: "Active subscriptions",
    users: "Users",
    fullAdmin: "Full administrator",
    noFullAdmin: "none",
    lastActivity: "Last activity",
    unknown: "unknown",
    managedCustomers: "Managed customers",
    why: "Why it matched",
    exactName: "same name",
    namePrefix: "name starts the same",
    otherName: "another name",
    domainUsers: (n: number, domain: string) => (n === 1 ? `1 user on ${domain}` : `${n} users on ${domain}`),
    publicDomain: "public provider",
    ageDays: (n: number) => (n === 0 ? "today" : n === 1 ? "yesterday" : `${n} days ago`),
  },
  confirm: {
    title: "Confirm",
    mapExisting: (org: string) => `The subscription will be mapped to ${endSentence(org)}`,
    mapExistingHint:
      "Mapping is final: it cannot be undone from here. The organization's administrators will be told.",
    askApproval: (org: string, email: string) =>
      `${email} is not a full administrator of ${endSentence(org)}`,
    askApprovalPartner: (org: string) =>
      `The subscription will be mapped to ${org} now, and its full administrators will be asked to approve the new administrator.`,
    askApprovalStop: (org: string) =>
      `Nothing will be mapped yet: we will ask ${org}'s full administrators to approve the new administrator. When they approve, you get an e-mail with a link to finish the setup.`,
    askApprovalOperators:
      "This organization has no full administrator: our support team will review the request.",
    createNew: (company: string, email: string) =>
      `We will create the organization “${company}” with ${email} as its full administrator, and map the subscription to it.`,
    createNewHint: "The administrator gets a welcome e-mail.",
    submit: "Confirm",
    back: "Back to the results",
  },
  done: {
    titleMapped: "Your subscription is set up",
    mapped: (org: string) => `The subscription is active in ${endSentence(org)}`,
    created: (org: string, email: string) =>
      `We created ${org} with ${email} as its full administrator. A welcome e-mail is on its way.`,
    existingTold: "The organization's full administrators have been told.",
    pendingAdmin: (email: string, org: string) =>
      `${email} is not an administrator yet: we asked ${org}'s full administrators to approve. You will get an e-mail when they decide.`,
    titleWaiting: (org: string) => `Waiting for ${org}'s administrator`,
    waiting: (email: string, org: string) =>
      `Nothing is mapped yet. We asked the full administrators of ${org} to approve ${email} as a full administrator.`,
    waitingOperators: (org: string) =>
      `${org} has no full administrator, so our support team will review the request.`,
    waitingNext: "When they decide, you get an e-mail. If they approve, the link in it finishes the setup.",
    requestExpires: "The request expires",
    approved: (org: string) =>
      `${org}'s administrator approved the new administrator. Continue to finish the setup.`,
    rejected: (org: string) =>
      `${org}'s administrator did not approve the new administrator. Choose another administrator or another organization.`,
    reason: "Reason given",
    expiredRequest: (org: string) =>
      `Nobody at ${org} answered the request in time. Choose another path, or try again.`,
    handedOver: "Done: the customer got an e-mail with a setup link of their own.",
  },
  approval: {
    title: "New administrator request",
    lead: (org: string) =>
      `You are a full administrator of ${endSentence(org)} Someone setting up a new subscription asks to add an administrator.`,
    organization: "Organization",
    requestedAdmin: "New full administrator",
    requestedBy: "Requested by",
    order: "Order",
    scenario: "Situation",
    expires: "Expires",
    warning:
      "Approve only if you know this person: a full administrator can manage every user and service of the organization.",
    approve: "Approve",
    reject: "Reject",
    reason: "Reason (optional, shown to the requester)",
    approved: "You approved this request. The new administrator has been added.",
    rejected: "You rejected this request. The requester has been told.",
    decided: (status: string) => `This request was already ${status}.`,
    expiredStatus: "This request has expired.",
    cancelled: "This request was withdrawn: the order was cancelled or closed.",
  },
  scenario: {
    customer_self: "The customer is setting up their own subscription; it waits for your approval.",
    partner_for_customer:
      "A partner set up a subscription for your organization; it is already mapped to it.",
    partner_own_use: "A partner is setting up a subscription for its own use; it waits for your approval.",
  } satisfies Record<Scenario, string>,
  kind: { customer: "Customer", partner: "Partner" } satisfies Record<OrganizationKind, string>,
  source: {
    trial: "a trial",
    online: "an online purchase",
    partner: "a partner",
    wizard: "this wizard",
    import: "an import",
  } satisfies Record<OrganizationSource, string>,
  assessment: {
    in_use: "In use",
    possibly_abandoned: "May be abandoned",
    recent: "Recent",
    unclear: "Unclear",
  } satisfies Record<AssessmentStatus, string>,
  recommendation: {
    in_use: "Likely in use: contact the full administrator to confirm before mapping.",
    possibly_abandoned: "Created long ago with no active subscription: may have been abandoned.",
    recent: "Recently created (for example a trial).",
    unclear: "Look at the users and subscriptions before deciding.",
  } satisfies Record<AssessmentStatus, string>,
  errors: {
    title: "Something needs your attention",
    dead: "This link no longer works",
    notFound: "This link does not exist",
    notFoundHint: "Check that you copied the whole link from the e-mail.",
    askNew: "If you still need to set up the service, ask whoever placed the order to send a new link.",
    formHasErrors: "Please check the fields marked below.",
  },
  languageLabel: "Language",
} as const;

type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : T extends readonly string[]
      ? readonly string[]
      : { [K in keyof T]: Widen<T[K]> };
export type Messages = Widen<typeof en>;

const it: Messages = {
  skip: "Vai al contenuto",
  steps: {
    order: "Ordine",
    who: "Chi configura",
    company: "Società",
    results: "Risultati",
    confirm: "Conferma",
    done: "Fatto",
  },
  stepsLabel: "Passaggi della configurazione",
  order: {
    title: "Configura il tuo abbonamento",
    lead: "Questa procedura associa il nuovo abbonamento alla tua organizzazione: una esistente o una nuova.",
    number: "Ordine",
    services: "Servizi",
    orderedBy: "Ordinato da",
    customer: "il cliente",
    startDate: "Avvio richiesto",
    contact: "Contatto per il provisioning",
    expires: "Il link scade",
    continue: "Continua",
    howItWorks: "Come funziona",
    how: [
      "Inserisci il nome della società e l'e-mail dell'amministratore.",
      "Ti mostriamo le organizzazioni esistenti che potrebbero già essere questa società, con quanto sono in uso.",
      "Scegline una oppure crea una nuova organizzazione. Nessuno diventa amministratore di un'organizzazione esistente senza l'approvazione del suo amministratore.",
    ],
  },
  who: {
    title: "Chi configura il servizio?",
    lead: (partner) =>
      `${partner} ha ordinato questo abbonamento per un cliente. Configuralo tu oppure affida la configurazione al cliente.`,
    partner: "Lo configuriamo noi per il cliente",
    partnerHint:
      "Inserisci la società e l'amministratore del cliente. Se il cliente ha già un'organizzazione, l'abbonamento viene associato subito e al suo amministratore viene chiesto di approvare il nuovo amministratore.",
    customer: "Lo configura il cliente",
    customerHint: "Inviamo al cliente un link di configurazione personale. Questo link smette di funzionare.",
    customerEmail: "E-mail del contatto del cliente",
    customerName: "Nome del contatto del cliente (facoltativo)",
    submit: "Continua",
  },
  company: {
    title: "Società e amministratore",
    lead: "Cerchiamo le organizzazioni esistenti con gli stessi primi cinque caratteri del nome e utenti sullo stesso dominio e-mail.",
    companyName: "Nome della società",
    companyHint: "Come è registrata, per esempio Acme S.p.A.",
    adminEmail: "E-mail dell'amministratore",
    adminEmailHint: "La persona che amministrerà il servizio: usa un indirizzo aziendale se c'è.",
    adminName: "Nome dell'amministratore (facoltativo)",
    country: "Paese (facoltativo)",
    countryHint: "Due lettere, per esempio IT",
    submit: "Cerca",
  },
  results: {
    title: "Organizzazioni esistenti",
    searchedFor: (company, email) => `Hai cercato «${company}» con ${email}.`,
    changeSearch: "Modifica la ricerca",
    existingAdmin: (org) => `Questa e-mail è già amministratore completo di ${endSentence(org)}`,
    existingAdminHint: "L'abbonamento viene associato a questa organizzazione.",
    existingMember: (org) => `Questa e-mail è un utente di ${endSentence(org)}`,
    existingMemberHint:
      "Un utente appartiene a una sola organizzazione, quindi con questo amministratore l'abbonamento può andare solo lì. Per renderlo amministratore completo serve l'approvazione degli amministratori dell'organizzazione.",
    candidates: (n) =>
      n === 1
        ? "1 organizzazione potrebbe già essere questa società."
        : `${n} organizzazioni potrebbero già essere questa società.`,
    candidatesHint: "Dalla più probabile. Controlla utenti, abbonamenti e attività prima di scegliere.",
    publicDomain: (domain) =>
      `${domain} è un fornitore di caselle pubbliche: condividerlo è un indizio debole che un'organizzazione sia la stessa società.`,
    sameDomain: "Stesso dominio e-mail, nome diverso",
    sameDomainHint:
      "Queste organizzazioni hanno utenti sul tuo dominio ma un altro nome. Potrebbero essere un reparto o un vecchio nome.",
    noMatch: "Nessuna organizzazione esistente corrisponde a questa società.",
    noMatchHint: "Puoi creare una nuova organizzazione con questo amministratore.",
    choose: "Scegli questa organizzazione",
    chooseExisting: "Associa a questa organizzazione",
    createNew: (company) => `Crea «${company}» come nuova organizzazione`,
    noneOfThese: "Nessuna di queste è la società?",
    otherEmail: "Usa un'altra e-mail di amministratore",
  },
  card: {
    type: "Tipo",
    source: "Creata tramite",
    created: "Account creato",
    activeSubscriptions: "Abbonamenti attivi",
    users: "Utenti",
    fullAdmin: "Amministratore completo",
    noFullAdmin: "nessuno",
    lastActivity: "Ultima attività",
    unknown: "sconosciuta",
    managedCustomers: "Clienti gestiti",
    why: "Perché corrisponde",
    exactName: "stesso nome",
    namePrefix: "il nome inizia allo stesso modo",
    otherName: "un altro nome",
    domainUsers: (n, domain) => (n === 1 ? `1 utente su ${domain}` : `${n} utenti su ${domain}`),
    publicDomain: "fornitore pubblico",
    ageDays: (n) => (n === 0 ? "oggi" : n === 1 ? "ieri" : `${n} giorni fa`),
  },
  confirm: {
    title: "Conferma",
    mapExisting: (org) => `L'abbonamento verrà associato a ${endSentence(org)}`,
    mapExistingHint:
      "L'associazione è definitiva: da qui non si può annullare. Gli amministratori dell'organizzazione verranno avvisati.",
    askApproval: (org, email) => `${email} non è amministratore completo di ${endSentence(org)}`,
    askApprovalPartner: (org) =>
      `L'abbonamento verrà associato subito a ${org} e ai suoi amministratori completi verrà chiesto di approvare il nuovo amministratore.`,
    askApprovalStop: (org) =>
      `Per ora non verrà associato nulla: chiederemo agli amministratori completi di ${org} di approvare il nuovo amministratore. Quando approvano, riceverai un'e-mail con un link per completare la configurazione.`,
    askApprovalOperators:
      "Questa organizzazione non ha un amministratore completo: la richiesta verrà esaminata dal nostro supporto.",
    createNew: (company, email) =>
      `Creeremo l'organizzazione «${company}» con ${email} come amministratore completo e vi associeremo l'abbonamento.`,
    createNewHint: "L'amministratore riceverà un'e-mail di benvenuto.",
    submit: "Conferma",
    back: "Torna ai risultati",
  },
  done: {
    titleMapped: "Il tuo abbonamento è configurato",
    mapped: (org) => `L'abbonamento è attivo in ${endSentence(org)}`,
    created: (org, email) =>
      `Abbiamo creato ${org} con ${email} come amministratore completo. È in arrivo un'e-mail di benvenuto.`,
    existingTold: "Gli amministratori completi dell'organizzazione sono stati avvisati.",
    pendingAdmin: (email, org) =>
      `${email} non è ancora amministratore: abbiamo chiesto agli amministratori completi di ${org} di approvare. Riceverai un'e-mail quando decidono.`,
    titleWaiting: (org) => `In attesa dell'amministratore di ${org}`,
    waiting: (email, org) =>
      `Per ora non è associato nulla. Abbiamo chiesto agli amministratori completi di ${org} di approvare ${email} come amministratore completo.`,
    waitingOperators: (org) =>
      `${org} non ha un amministratore completo: la richiesta verrà esaminata dal nostro supporto.`,
    waitingNext:
      "Quando decidono riceverai un'e-mail. Se approvano, il link contenuto completa la configurazione.",
    requestExpires: "La richiesta scade",
    approved: (org) =>
      `L'amministratore di ${org} ha approvato il nuovo amministratore. Continua per completare la configurazione.`,
    rejected: (org) =>
      `L'amministratore di ${org} non ha approvato il nuovo amministratore. Scegli un altro amministratore o un'altra organizzazione.`,
    reason: "Motivo indicato",
    expiredRequest: (org) =>
      `Nessuno in ${org} ha risposto in tempo alla richiesta. Scegli un'altra strada o riprova.`,
    handedOver: "Fatto: il cliente ha ricevuto un'e-mail con un link di configurazione personale.",
  },
  approval: {
    title: "Richiesta di nuovo amministratore",
    lead: (org) =>
      `Sei amministratore completo di ${endSentence(org)} Chi sta configurando un nuovo abbonamento chiede di aggiungere un amministratore.`,
    organization: "Organizzazione",
    requestedAdmin: "Nuovo amministratore completo",
    requestedBy: "Richiesto da",
    order: "Ordine",
    scenario: "Situazione",
    expires: "Scade",
    warning:
      "Approva solo se conosci questa persona: un amministratore completo può gestire tutti gli utenti e i servizi dell'organizzazione.",
    approve: "Approva",
    reject: "Rifiuta",
    reason: "Motivo (facoltativo, visibile a chi ha fatto la richiesta)",
    approved: "Hai approvato la richiesta. Il nuovo amministratore è stato aggiunto.",
    rejected: "Hai rifiutato la richiesta. Chi l'ha fatta è stato avvisato.",
    decided: (status) => `Questa richiesta è già stata ${status}.`,
    expiredStatus: "Questa richiesta è scaduta.",
    cancelled: "Questa richiesta è stata ritirata: l'ordine è stato annullato o chiuso.",
  },
  scenario: {
    customer_self: "Il cliente sta configurando il proprio abbonamento, che attende la tua approvazione.",
    partner_for_customer:
      "Un partner ha configurato un abbonamento per la tua organizzazione, a cui è già associato.",
    partner_own_use:
      "Un partner sta configurando un abbonamento per uso proprio, che attende la tua approvazione.",
  },
  kind: { customer: "Cliente", partner: "Partner" },
  source: {
    trial: "una prova",
    online: "un acquisto online",
    partner: "un partner",
    wizard: "questa procedura",
    import: "un'importazione",
  },
  assessment: {
    in_use: "In uso",
    possibly_abandoned: "Forse abbandonata",
    recent: "Recente",
    unclear: "Da verificare",
  },
  recommendation: {
    in_use: "Probabilmente in uso: contatta l'amministratore completo per conferma prima di associare.",
    possibly_abandoned:
      "Creata molto tempo fa e senza abbonamenti attivi: potrebbe essere stata abbandonata.",
    recent: "Creata di recente (per esempio una prova).",
    unclear: "Controlla utenti e abbonamenti prima di decidere.",
  },
  errors: {
    title: "Qualcosa richiede la tua attenzione",
    dead: "Questo link non funziona più",
    notFound: "Questo link non esiste",
    notFoundHint: "Controlla di aver copiato tutto il link dall'e-mail.",
    askNew:
      "Se devi ancora configurare il servizio, chiedi a chi ha effettuato l'ordine di inviarti un nuovo link.",
    formHasErrors: "Controlla i campi indicati qui sotto.",
  },
  languageLabel: "Lingua",
};

/** What each error code means to a person, in both languages (api.md codes the pages can meet). */
const errorText: Record<Locale, Partial<Record<ErrorCode, string>>> = {
  en: {
    INVALID_EMAIL: "This is not an e-mail address we can use.",
    INVALID_COMPANY_NAME: "Enter the company name, with at least one letter or digit.",
    VALIDATION_FAILED: "Some fields are missing or not valid.",
    NOT_FOUND: "This link does not exist. Check that you copied the whole link from the e-mail.",
    INVITATION_EXPIRED: "This setup link has expired.",
    INVITATION_USED: "This setup link was already used to set up the order.",
    INVITATION_REVOKED:
      "This setup link was replaced by a newer one, or the order was cancelled. Use the most recent e-mail.",
    INVITATION_HANDED_OVER:
      "The setup of this order was handed over to the customer, so this link no longer works.",
    ADMIN_EMAIL_IN_OTHER_ORG:
      "This e-mail address is already used by another organization. Enter another administrator e-mail.",
    ADMIN_EMAIL_WRONG_KIND:
      "This e-mail belongs to an organization of the other type (customer or partner). Enter another administrator e-mail.",
    ORGANIZATION_NOT_DISCLOSED: "Choose one of the organizations shown by your search.",
    ALREADY_PROVISIONED: "This order is already set up.",
    ADMIN_REQUEST_PENDING: "This order is waiting for an administrator's approval.",
    NOT_APPLICABLE: "This choice does not apply to this order.",
    WRONG_STEP: "This step is not available now.",
    RATE_LIMITED: "Too many searches with this link. Wait a while and try again.",
    ADMIN_REQUEST_DECIDED: "This request was already decided.",
    ADMIN_REQUEST_EXPIRED: "This request has expired.",
    APPROVER_NOT_ADMIN: "Only a current full administrator of the organization can decide.",
    PAYLOAD_TOO_LARGE: "What you sent is too large.",
    UNSUPPORTED_MEDIA_TYPE: "This form could not be read.",
    CSRF_INVALID: "This form expired. Reload the page and try again.",
    NOT_READY: "The service is briefly unavailable. Try again in a moment.",
    INTERNAL_ERROR: "Something went wrong on our side. Try again in a moment.",
  },
  it: {
    INVALID_EMAIL: "Questo non è un indirizzo e-mail utilizzabile.",
    INVALID_COMPANY_NAME: "Inserisci il nome della società, con almeno una lettera o una cifra.",
    VALIDATION_FAILED: "Alcuni campi mancano o non sono validi.",
    NOT_FOUND: "Questo link non esiste. Controlla di aver copiato tutto il link dall'e-mail.",
    INVITATION_EXPIRED: "Questo link di configurazione è scaduto.",
    INVITATION_USED: "Questo link è già stato usato per configurare l'ordine.",
    INVITATION_REVOKED:
      "Questo link è stato sostituito da uno più recente, oppure l'ordine è stato annullato. Usa l'e-mail più recente.",
    INVITATION_HANDED_OVER:
      "La configurazione di questo ordine è stata affidata al cliente, quindi questo link non funziona più.",
    ADMIN_EMAIL_IN_OTHER_ORG:
      "Questo indirizzo e-mail è già usato da un'altra organizzazione. Inserisci un'altra e-mail di amministratore.",
    ADMIN_EMAIL_WRONG_KIND:
      "Questa e-mail appartiene a un'organizzazione dell'altro tipo (cliente o partner). Inserisci un'altra e-mail di amministratore.",
    ORGANIZATION_NOT_DISCLOSED: "Scegli una delle organizzazioni mostrate dalla tua ricerca.",
    ALREADY_PROVISIONED: "Questo ordine è già configurato.",
    ADMIN_REQUEST_PENDING: "Questo ordine attende l'approvazione di un amministratore.",
    NOT_APPLICABLE: "Questa scelta non riguarda questo ordine.",
    WRONG_STEP: "Questo passaggio ora non è disponibile.",
    RATE_LIMITED: "Troppe ricerche con questo link. Attendi un po' e riprova.",
    ADMIN_REQUEST_DECIDED: "Su questa richiesta è già stato deciso.",
    ADMIN_REQUEST_EXPIRED: "Questa richiesta è scaduta.",
    APPROVER_NOT_ADMIN: "Può decidere solo un amministratore completo attuale dell'organizzazione.",
    PAYLOAD_TOO_LARGE: "Quanto inviato è troppo grande.",
    UNSUPPORTED_MEDIA_TYPE: "Non è stato possibile leggere il modulo.",
    CSRF_INVALID: "Il modulo è scaduto. Ricarica la pagina e riprova.",
    NOT_READY: "Il servizio non è disponibile per un momento. Riprova tra poco.",
    INTERNAL_ERROR: "Qualcosa non ha funzionato da parte nostra. Riprova tra poco.",
  },
};

const tables: Record<Locale, Messages> = { en, it };

export function messages(locale: Locale): Messages {
  return tables[locale];
}

export function errorMessage(locale: Locale, code: ErrorCode, fallback: string): string {
  return errorText[locale][code] ?? fallback;
}

/** The language a page is shown in: `?lang=` when given, else the order's, else the browser's. */
export function pickLocale(
  requested: unknown,
  fallback: Locale | undefined,
  acceptLanguage?: string,
): Locale {
  if (requested === "it" || requested === "en") return requested;
  if (fallback) return fallback;
  return /^\s*it\b/i.test(acceptLanguage ?? "") ? "it" : "en";
}
