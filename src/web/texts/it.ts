import { endSentence } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { en } from "./en.js";

/** Every word of the pages in Italian: the same keys as the English table, checked by the compiler. */
export const it: Words<typeof en> = {
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
  home: {
    title: "Configurazione degli abbonamenti",
    lead: "Provisio associa i nuovi abbonamenti all'organizzazione giusta e non rende mai nessuno amministratore di un'organizzazione esistente senza l'approvazione del suo amministratore.",
    link: "Se hai ricevuto un'e-mail di configurazione o di approvazione, apri il link che contiene: è personale e porta direttamente alla tua pagina.",
    docs: "API di integrazione",
  },
};
