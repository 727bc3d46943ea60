import { ad as a, endSentence, il } from "../../render/format.js";
import type { Words } from "../../render/words.js";
import type { en } from "./en.js";

const quote = (text: string) => `«${text}»`;
/** "Il 24 novembre", "L'8 dicembre": the article, capitalized, to start a sentence. */
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const others = (n: number) => (n === 1 ? "e un altro" : `e altri ${n}`);

/** Every word of the pages in Italian: the same keys as the English table, checked by the compiler. */
export const it: Words<typeof en> = {
  skip: "Vai al contenuto",
  errorPrefix: "Errore",
  errorSummary: "C'è un problema",
  back: "Indietro",
  quote,
  steps: {
    order: "Ordine",
    who: "Chi configura",
    company: "Società",
    results: "Risultati",
    confirm: "Conferma",
    approval: "Approvazione",
    done: "Fatto",
  },
  stepsLabel: "Passaggi della configurazione",
  order: {
    title: "Configura il tuo abbonamento",
    lead: "Questo abbonamento va associato a un'organizzazione: una che la tua società ha già, oppure una nuova.",
    number: "Ordine",
    services: "Servizi",
    orderedBy: "Ordinato da",
    customer: "il cliente",
    startDate: "Avvio richiesto",
    contact: "Contatto per la configurazione",
    expires: "Il link scade",
    continue: "Continua",
    howItWorks: "Come funziona",
    how: [
      "Inserisci il nome della società e l'e-mail della persona che amministrerà il servizio.",
      "Ti mostriamo le organizzazioni che la tua società potrebbe già avere, con quanto è in uso ciascuna.",
      "Scegline una oppure crea una nuova organizzazione. Nessuno diventa amministratore di un'organizzazione esistente senza l'approvazione dei suoi amministratori.",
    ],
  },
  who: {
    title: "Chi configura il servizio?",
    lead: (partner) =>
      `${partner} ha ordinato questo abbonamento per un cliente. Configuralo tu oppure affida la configurazione al cliente.`,
    partner: "Lo configuriamo noi per il cliente",
    partnerHint:
      "Inserisci la società e l'amministratore del cliente. Se il cliente ha già un'organizzazione, l'abbonamento viene aggiunto subito e ai suoi amministratori viene chiesto di approvare il nuovo amministratore.",
    customer: "Lo configura il cliente",
    customerHint:
      "Poi indichi l'indirizzo e-mail del cliente: gli inviamo un link di configurazione personale.",
    submit: "Continua",
    customerTitle: "Il contatto del cliente",
    customerLead:
      "Inviamo il link di configurazione a questa persona, che inserirà da sé la società e l'amministratore.",
    customerEmail: "Indirizzo e-mail del contatto del cliente",
    customerEmailHint: "La persona del cliente che configura il servizio.",
    customerName: "Nome del contatto del cliente (facoltativo)",
    customerSubmit: "Continua",
    confirmTitle: "Affidare la configurazione al cliente?",
    confirmWhat: "Inviamo un link di configurazione personale a",
    confirmYourLink:
      "Il tuo link smette di funzionare: non potrai più configurare questo ordine, solo il link del cliente potrà farlo.",
    send: "Invia il link di configurazione al cliente",
    change: "Cambia l'indirizzo e-mail",
    handedOverTitle: "Il servizio lo configura il cliente",
    sent: "Inviato: il cliente ha un link di configurazione personale.",
    handedOver: (email, date) =>
      `${capital(il(date))} la configurazione di questo ordine è stata affidata al cliente. Il link di configurazione è stato inviato a ${email} (mostrato in parte).`,
    handedOverNext:
      "Il cliente inserisce la propria società e l'amministratore. Non devi fare altro, e questo link non apre più la configurazione.",
    handedOverHelp:
      "Se il cliente non ha ricevuto l'e-mail, contatta l'assistenza: può inviare di nuovo il link, anche a un altro indirizzo.",
  },
  company: {
    title: "Società e amministratore",
    lead: "Cerchiamo le organizzazioni che la tua società potrebbe già avere: per e-mail dell'amministratore, e per nomi che iniziano allo stesso modo con utenti sullo stesso dominio e-mail.",
    companyName: "Nome della società",
    companyHint: "Come è registrata, per esempio Acme S.p.A.",
    adminEmail: "Indirizzo e-mail dell'amministratore",
    adminEmailHint: "La persona che amministrerà il servizio. Usa un indirizzo aziendale, se c'è.",
    adminName: "Nome dell'amministratore (facoltativo)",
    country: "Paese (facoltativo)",
    countryHint: "Due lettere, per esempio IT",
    submit: "Cerca",
  },
  fields: {
    companyName: {
      blank: "Inserisci il nome della società",
      tooLong: "Il nome della società deve avere al massimo 200 caratteri",
      characters: "Il nome della società non deve contenere a capo o caratteri invisibili",
      noLetters: "Inserisci un nome della società con almeno una lettera o una cifra",
    },
    adminEmail: {
      blank: "Inserisci l'indirizzo e-mail dell'amministratore",
      format: "Inserisci l'indirizzo e-mail dell'amministratore nel formato giusto, come nome@acme.it",
      characters: "L'indirizzo e-mail dell'amministratore non deve contenere spazi o caratteri invisibili",
      domain:
        "Inserisci l'indirizzo e-mail dell'amministratore con un dominio completo dopo la @, come nome@acme.it",
      tooLong: "L'indirizzo e-mail dell'amministratore deve avere al massimo 254 caratteri",
    },
    customerEmail: {
      blank: "Inserisci l'indirizzo e-mail del contatto del cliente",
      format:
        "Inserisci l'indirizzo e-mail del contatto del cliente nel formato giusto, come nome@cliente.it",
      characters:
        "L'indirizzo e-mail del contatto del cliente non deve contenere spazi o caratteri invisibili",
      domain:
        "Inserisci l'indirizzo e-mail del contatto del cliente con un dominio completo dopo la @, come nome@cliente.it",
      tooLong: "L'indirizzo e-mail del contatto del cliente deve avere al massimo 254 caratteri",
    },
    adminName: { invalid: "Inserisci il nome dell'amministratore su una riga, in al massimo 200 caratteri" },
    customerName: {
      invalid: "Inserisci il nome del contatto del cliente su una riga, in al massimo 200 caratteri",
    },
    country: { invalid: "Inserisci il paese con due lettere, come IT" },
    setupBy: { blank: "Scegli chi configura il servizio" },
  },
  results: {
    title: "Organizzazioni esistenti",
    searchedFor: (company, email) => `Hai cercato ${quote(company)}, con ${email} come amministratore.`,
    changeSearch: "Modifica la ricerca",
    existingAdminTitle: (org) => `L'amministratore gestisce già ${org}`,
    existingAdmin: (email, org) =>
      `L'indirizzo ${email} è già amministratore completo di ${endSentence(org)}`,
    existingAdminHint:
      "L'abbonamento può andare a questa organizzazione senza bisogno di approvazioni. Non succede nulla finché non confermi nella pagina successiva.",
    existingMemberTitle: (org) => `L'amministratore è un utente di ${org}`,
    existingMember: (email, org) => `L'indirizzo ${email} è un utente di ${endSentence(org)}`,
    existingMemberHint:
      "Una persona appartiene a una sola organizzazione, quindi con questo amministratore l'abbonamento può andare solo lì. Per renderla amministratore completo serve l'approvazione degli amministratori completi dell'organizzazione.",
    continueWith: (org) => `Continua con ${org}`,
    candidatesTitle: (n, company) =>
      n === 1
        ? `1 organizzazione potrebbe già essere ${company}`
        : `${n} organizzazioni potrebbero già essere ${company}`,
    candidatesHint: "La più probabile è la prima. Apri le altre per confrontarle.",
    mostLikely: "La più probabile",
    others: (n) => (n === 1 ? "1 altra organizzazione" : `Altre ${n} organizzazioni`),
    publicDomain: (domain) =>
      `${domain} è un fornitore di caselle pubbliche: gli utenti che lo usano dicono poco sulla società per cui lavorano. Affidati al nome e all'attività.`,
    sameDomain: "Stesso dominio e-mail, altro nome",
    sameDomainHint:
      "Queste organizzazioni hanno utenti sul tuo dominio e-mail ma un altro nome: forse un reparto, o un vecchio nome.",
    noMatchTitle: "Nessuna organizzazione esistente corrisponde",
    noMatch: (company) =>
      `Non abbiamo trovato organizzazioni che potrebbero già essere ${endSentence(company)}`,
    noMatchHint: "Puoi creare una nuova organizzazione, con l'amministratore che hai indicato.",
    choose: (org) => `Scegli ${org}`,
    createNew: (company) => `Crea ${quote(company)} come nuova organizzazione`,
    notListed: "La tua società non è tra queste?",
    notListedCustomer: "La società del cliente non è tra queste?",
    notListedHint: "Crea invece una nuova organizzazione: le organizzazioni degli altri non cambiano.",
    otherEmail: "Usa un'altra e-mail di amministratore",
  },
  card: {
    type: "Tipo",
    source: "Creata tramite",
    created: "Creata il",
    activeSubscriptions: "Abbonamenti attivi",
    users: "Utenti",
    fullAdmin: "Amministratore completo",
    noFullAdmin: "nessuno",
    others,
    lastActivity: "Ultima attività",
    unknown: "sconosciuta",
    managedCustomers: "Clienti gestiti",
    why: "Perché compare",
    sameName: "lo stesso nome",
    sameKey: "lo stesso nome, a parte forma societaria e punteggiatura",
    namePrefix: "un nome che inizia allo stesso modo",
    otherName: "un altro nome",
    domainUsers: (n, domain) => (n === 1 ? `1 utente su ${domain}` : `${n} utenti su ${domain}`),
    publicDomain: "un fornitore di caselle pubbliche",
    verifiedDomain: (domain) => `ha dimostrato di possedere ${domain}`,
    ageDays: (n) => (n === 0 ? "oggi" : n === 1 ? "ieri" : `${n} giorni fa`),
    summary: (kind, users, created) =>
      `${kind} · ${users === 1 ? "1 utente" : `${users} utenti`} · creata ${il(created)}`,
  },
  advice: {
    in_use: "Sembra in uso.",
    possibly_abandoned:
      "Creata molto tempo fa e senza abbonamenti attivi: potrebbe essere stata abbandonata.",
    recent: "Creata di recente, per esempio da una prova.",
    unclear: "Guarda utenti e abbonamenti prima di decidere.",
    youAreAdmin: "L'amministratore che hai indicato è il suo amministratore completo.",
    askAdmins: (email) =>
      `Se è la tua società, sceglila: chiederemo ai suoi amministratori completi di approvare ${email} prima che cambi qualcosa.`,
    askAdminsPartner: (email) =>
      `Se è quella del cliente, sceglila: l'abbonamento le viene aggiunto e ai suoi amministratori completi chiediamo di approvare ${email} come amministratore completo.`,
    askSupport: (email) =>
      `Non ha un amministratore completo: se è la tua società, sceglila e il nostro supporto verificherà se ${email} può amministrarla.`,
  },
  confirm: {
    title: "Conferma",
    mapTitle: (org) => `Aggiungi l'abbonamento ${a(org)}`,
    map: (email, org) =>
      `L'indirizzo ${email} è già amministratore completo di ${org}, quindi l'abbonamento le viene aggiunto appena confermi.`,
    mapHint: "È definitivo. Gli amministratori completi dell'organizzazione vengono avvisati via e-mail.",
    mapSubmit: (org) => `Aggiungi l'abbonamento ${a(org)}`,
    askTitle: (org) => `Chiedi agli amministratori di ${org}`,
    ask: (email, org) =>
      `L'indirizzo ${email} non è amministratore completo di ${endSentence(org)} Scriviamo ai suoi amministratori completi e chiediamo loro di approvarlo.`,
    askNext:
      "Non viene configurato nulla finché non decidono. Ricevi un'e-mail quando lo fanno: se approvano, un pulsante nell'e-mail completa la configurazione.",
    askSubmit: (org) => `Chiedi agli amministratori di ${org}`,
    supportTitle: "Chiedi al nostro supporto",
    support: (email, org) =>
      `${org} non ha un amministratore completo, quindi il nostro supporto verifica se ${email} può amministrarla.`,
    supportSubmit: "Invia la richiesta al nostro supporto",
    partnerTitle: (org) => `Aggiungi l'abbonamento ${a(org)} e chiedi ai suoi amministratori`,
    partner: (email, org) =>
      `L'abbonamento viene aggiunto subito ${a(endSentence(org))} L'indirizzo ${email} non è ancora amministratore completo: chiediamo agli amministratori completi dell'organizzazione di approvarlo.`,
    partnerSupport: (email, org) =>
      `L'abbonamento viene aggiunto subito ${a(endSentence(org))} ${org} non ha un amministratore completo, quindi il nostro supporto verifica se ${email} può amministrarla.`,
    partnerSubmit: (org) => `Aggiungi ${a(org)} e chiedi l'approvazione`,
    createTitle: (company) => `Crea ${company}`,
    create: (company, email) =>
      `Creiamo l'organizzazione ${company} con ${email} come amministratore completo e le aggiungiamo l'abbonamento.`,
    createHint: "L'amministratore riceve un'e-mail di benvenuto con il modo per accedere.",
    createSubmit: (company) => `Crea ${company}`,
  },
  claimed: {
    title: (domain) => `${domain} appartiene a un'organizzazione esistente`,
    why: (email, domain, org) =>
      `${org ?? "Un'organizzazione esistente"} ha dimostrato di possedere il dominio ${domain} e lo ha rivendicato: non si può creare una nuova organizzazione per ${email}.`,
    what: "Scegli uno dei due modi per proseguire:",
    choose: (org) =>
      `Aggiungi l'abbonamento all'organizzazione ${org}, chiedendo ai suoi amministratori di approvare il nuovo amministratore`,
    other: "Inserisci un altro indirizzo e-mail di amministratore",
  },
  resume: {
    title: (org) => `Completa la configurazione in ${org}`,
    approved: (email, org) =>
      `Gli amministratori di ${org} hanno approvato ${email} come amministratore completo.`,
    what: (org) =>
      `Manca un ultimo passo: l'abbonamento di questo ordine viene aggiunto ${a(endSentence(org))} È definitivo, e gli amministratori completi dell'organizzazione vengono avvisati via e-mail.`,
    submit: (org) => `Aggiungi l'abbonamento ${a(org)}`,
    other: "Scegli invece un'altra organizzazione o un altro amministratore",
  },
  waiting: {
    title: (org) => `In attesa degli amministratori di ${org}`,
    titleSupport: "In attesa del nostro supporto",
    nothingYet: "Per ora non è configurato nulla.",
    asked: (org, email, date) =>
      `${capital(il(date))} abbiamo chiesto agli amministratori completi di ${org} di approvare ${email} come amministratore completo.`,
    askedSupport: (org, email, date) =>
      `${org} non ha un amministratore completo, quindi ${il(date)} abbiamo chiesto al nostro supporto di verificare se ${email} può amministrarla.`,
    next: "Cosa succede ora",
    nextDecide: (contact) => `Quando decidono, scriviamo via e-mail a ${contact}.`,
    nextApprove: "Se approvano, un pulsante in quell'e-mail completa la configurazione.",
    nextReject: (expires) =>
      `Se rifiutano la richiesta, o nessuno risponde entro ${il(expires)}, puoi scegliere un altro amministratore o un'altra organizzazione.`,
    withdraw: "Ritira la richiesta",
    withdrawHint: "Hai cambiato idea? Puoi ritirare la richiesta e scegliere un'altra strada.",
  },
  withdraw: {
    title: (org) => `Ritirare la richiesta ${a(org)}?`,
    what: "I suoi amministratori non potranno più approvarla: i link che abbiamo inviato loro smettono di funzionare.",
    after:
      "Non viene configurato nulla. Potrai poi scegliere un altro amministratore o un'altra organizzazione.",
    submit: "Ritira la richiesta",
    keep: "Continua ad attendere",
  },
  done: {
    titleMapped: "Il tuo abbonamento è configurato",
    titleForCustomer: "L'abbonamento del cliente è configurato",
    mapped: (org) => `L'abbonamento è attivo in ${endSentence(org)}`,
    created: (org, email) =>
      `Abbiamo creato ${org} con ${email} come amministratore completo. Gli stiamo inviando un'e-mail di benvenuto.`,
    existingTold: "Gli amministratori completi dell'organizzazione sono stati avvisati via e-mail.",
    pendingAdmin: (email, org) =>
      `L'indirizzo ${email} non è ancora amministratore: abbiamo chiesto agli amministratori completi di ${org} di approvarlo. Riceverai un'e-mail quando decidono.`,
    next: "Cosa succede ora",
    nextCreated: "Il nuovo amministratore accede con il link nell'e-mail di benvenuto e invita gli utenti.",
    nextExisting:
      "Gli amministratori dell'organizzazione gestiscono i nuovi servizi insieme a quelli che già hanno.",
  },
  banner: {
    approved: (org) =>
      `Gli amministratori di ${org} hanno approvato il nuovo amministratore. Continua per completare la configurazione.`,
    rejected: (org) =>
      `Gli amministratori di ${org} non hanno approvato il nuovo amministratore. Scegli un altro amministratore o un'altra organizzazione.`,
    reason: "Motivo indicato",
    expired: (org) =>
      `Nessuno in ${org} ha risposto in tempo alla richiesta. Scegli un'altra strada oppure chiedi di nuovo.`,
    withdrawn: (org) =>
      `Hai ritirato la richiesta ${a(endSentence(org))} Scegli un altro amministratore o un'altra organizzazione.`,
  },
  approval: {
    title: "Richiesta di nuovo amministratore",
    pendingTitle: (org) => `Approvi un nuovo amministratore per ${org}?`,
    lead: (org) => `Sei amministratore completo di ${endSentence(org)}`,
    who: "Chi lo chiede",
    whoAsked: "Chi l'ha chiesto",
    forWhat: "Per cosa",
    newAdmin: "Chi diventerebbe amministratore completo",
    proposedAdmin: "Amministratore completo proposto",
    contact: "Contatto per la configurazione",
    onBehalfOf: (partner) => `per ${partner}, il partner che ha effettuato l'ordine`,
    order: "Ordine",
    services: "Servizi",
    requestedOn: "Richiesta il",
    scenario: "Situazione",
    expires: "La richiesta scade",
    isUser: (org) => `È già un utente di ${org}: approvando diventa amministratore completo.`,
    notUser: (org) =>
      `Non è ancora un utente di ${org}: approvando viene aggiunto come amministratore completo.`,
    warning:
      "Approva solo se conosci questa persona: un amministratore completo può gestire tutti gli utenti e i servizi dell'organizzazione.",
    approve: "Approva",
    reject: "Rifiuta",
    approveTitle: (name, org) => `Rendere ${name} amministratore completo di ${org}?`,
    approveWhat: (org) =>
      `Un amministratore completo può gestire tutti gli utenti e i servizi di ${endSentence(org)} Chi ha fatto la richiesta viene avvisato via e-mail.`,
    approveSubmit: (name) => `Sì, rendi ${name} amministratore completo`,
    rejectTitle: "Rifiutare la richiesta?",
    rejectWhat: (name) =>
      `${name} non diventa amministratore. Chi ha fatto la richiesta viene avvisato via e-mail.`,
    reason: "Motivo (facoltativo)",
    reasonHint: "Lo mostriamo a chi ha fatto la richiesta, nell'e-mail che lo avvisa.",
    rejectSubmit: "Rifiuta la richiesta",
    cancel: "Torna indietro senza decidere",
    youApproved: "Hai approvato la richiesta: il nuovo amministratore è stato aggiunto.",
    youRejected: "Hai rifiutato la richiesta: chi l'ha fatta è stato avvisato.",
    decided: {
      approved: (by, at) => `Approvata da ${by} ${il(at)}.`,
      rejected: (by, at) => `Rifiutata da ${by} ${il(at)}.`,
      expired: (at) => `Nessuno ha risposto in tempo: la richiesta è scaduta ${il(at)}.`,
      cancelled: (at) => `Ritirata ${il(at)}: l'ordine è stato annullato o chiuso.`,
      withdrawn: (at) => `Ritirata ${il(at)} da chi l'aveva fatta.`,
    },
    decidedTitle: {
      approved: "Richiesta approvata",
      rejected: "Richiesta rifiutata",
      expired: "Richiesta scaduta",
      cancelled: "Richiesta ritirata",
      withdrawn: "Richiesta ritirata",
    },
    byOperator: "il nostro supporto",
    byAdministrator: (name) => name,
    nothingToDo: "In questa pagina non c'è altro da fare.",
  },
  scenario: {
    customer_self:
      "Il cliente sta configurando il proprio abbonamento. Non viene configurato nulla finché la richiesta non è decisa.",
    partner_for_customer:
      "Un partner ha configurato un abbonamento per la tua organizzazione, a cui è già stato aggiunto. Solo il nuovo amministratore attende la decisione.",
    partner_own_use:
      "Un partner sta configurando un abbonamento per uso proprio. Non viene configurato nulla finché la richiesta non è decisa.",
  },
  scenarioDone: {
    customer_self: "Il cliente configura il proprio abbonamento.",
    partner_for_customer: "Un partner ha configurato un abbonamento per la tua organizzazione.",
    partner_own_use: "Un partner configura un abbonamento per uso proprio.",
  },
  kind: { customer: "Cliente", partner: "Partner" },
  source: {
    trial: "una prova",
    online: "un acquisto online",
    partner: "un partner",
    wizard: "questa configurazione",
    import: "un'importazione",
  },
  assessment: {
    in_use: "In uso",
    possibly_abandoned: "Forse abbandonata",
    recent: "Recente",
    unclear: "Da verificare",
  },
  errors: {
    title: "Qualcosa richiede la tua attenzione",
    dead: "Questo link non funziona più",
    notFound: "Questo link non esiste",
    pageNotFound: "Pagina non trovata",
    pageNotFoundHint:
      "Se hai digitato l'indirizzo, controllalo. Se hai seguito il link di un'e-mail, copia tutto il link nella barra degli indirizzi.",
    home: "Vai alla pagina iniziale",
    askNew:
      "Se devi ancora configurare il servizio, chiedi a chi ha effettuato l'ordine di inviarti un nuovo link.",
  },
  languageLabel: "Lingua",
  home: {
    title: "Configurazione degli abbonamenti",
    lead: "Provisio aggiunge i nuovi abbonamenti all'organizzazione giusta e non rende mai nessuno amministratore di un'organizzazione esistente senza l'approvazione dei suoi amministratori.",
    link: "Se hai ricevuto un'e-mail di configurazione o di approvazione, apri il link che contiene: è personale e porta direttamente alla tua pagina.",
    docs: "API di integrazione",
    mailbox: "E-mail inviate da questo server (casella di sviluppo)",
    console: "Console degli operatori",
    tools: "Su questo server",
  },
  portal: {
    title: "Accedi al servizio",
    lead: "Qui porta il pulsante «Accedi» dell'e-mail di benvenuto: la pagina di accesso del servizio configurato.",
    demo: "Questo server funziona senza PORTAL_URL, quindi dietro non c'è nessun servizio. Imposta PORTAL_URL all'indirizzo di accesso del servizio e le e-mail porteranno lì.",
  },
};
