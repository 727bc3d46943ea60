import type { AssessmentStatus } from "../../matching/assessment.js";
import { endSentence } from "../../render/format.js";
import type { AdminRequestStatus, OrganizationKind, OrganizationSource, Scenario } from "../../vocabulary.js";

const quote = (text: string) => `“${text}”`;
const others = (n: number) => (n === 1 ? "and 1 other" : `and ${n} others`);

/** Every word the wizard, the approval page and the home page show, in English: the shape of every language. */
export const en = {
  skip: "Skip to content",
  /** Before the title of a page whose form came back with errors. */
  errorPrefix: "Error",
  errorSummary: "There is a problem",
  back: "Back",
  quote,
  steps: {
    order: "Order",
    who: "Who sets up",
    company: "Company",
    results: "Results",
    confirm: "Confirm",
    approval: "Approval",
    done: "Done",
  },
  stepsLabel: "Setup steps",
  order: {
    title: "Set up your subscription",
    lead: "This subscription needs an organization: one your company already has, or a new one.",
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
      "Enter the company name and the e-mail of the person who will administer the service.",
      "We show the organizations your company may already have, with how much each is in use.",
      "Choose one of them, or create a new organization. Nobody becomes administrator of an existing organization without its administrators' approval.",
    ],
  },
  who: {
    title: "Who sets up the service?",
    lead: (partner: string) =>
      `${partner} ordered this subscription for a customer. Set it up yourself, or hand the setup over to the customer.`,
    partner: "We set it up for the customer",
    partnerHint:
      "You enter the customer's company and administrator. If the customer already has an organization, the subscription is added to it now and its administrators are asked to approve the new administrator.",
    customer: "The customer sets it up",
    customerHint: "Next you give the customer's e-mail address: we send them a setup link of their own.",
    submit: "Continue",
    customerTitle: "The customer's contact",
    customerLead:
      "We send the setup link to this person. They enter their company and administrator themselves.",
    customerEmail: "Customer contact's e-mail address",
    customerEmailHint: "The person at the customer who sets up the service.",
    customerName: "Customer contact's name (optional)",
    customerSubmit: "Continue",
    confirmTitle: "Hand the setup over to the customer?",
    confirmWhat: "We e-mail a setup link of their own to",
    confirmYourLink:
      "Your link stops working: you will not be able to set up this order any more, and only the customer's link will.",
    send: "Send the setup link to the customer",
    change: "Change the e-mail address",
    handedOverTitle: "The customer sets up the service",
    sent: "Sent: the customer has a setup link of their own.",
    handedOver: (email: string, date: string) =>
      `On ${date} the setup of this order was handed over to the customer. The setup link went to ${email} (shown in part).`,
    handedOverNext:
      "The customer enters their company and administrator. There is nothing more for you to do, and this link no longer opens the setup.",
    handedOverHelp:
      "If the customer did not get the e-mail, contact support: they can send the link again, or to another address.",
  },
  company: {
    title: "Company and administrator",
    lead: "We look for organizations your company may already have: by the administrator's e-mail, and by names that start the same way with users at the same e-mail domain.",
    companyName: "Company name",
    companyHint: "As it is registered, for example Acme S.p.A.",
    adminEmail: "Administrator's e-mail address",
    adminEmailHint: "The person who will administer the service. Use a company address when there is one.",
    adminName: "Administrator's name (optional)",
    country: "Country (optional)",
    countryHint: "Two letters, for example IT",
    submit: "Search",
  },
  /** What to do, per field and per cause (docs/matching.md § 1 gives the rules behind each). */
  fields: {
    companyName: {
      blank: "Enter the company name",
      tooLong: "The company name must be 200 characters or fewer",
      characters: "The company name must not contain line breaks or invisible characters",
      noLetters: "Enter a company name with at least one letter or digit",
    },
    adminEmail: {
      blank: "Enter the administrator's e-mail address",
      format: "Enter the administrator's e-mail address in the right format, like name@acme.it",
      characters: "The administrator's e-mail address must not contain spaces or invisible characters",
      domain:
        "Enter the administrator's e-mail address with a complete domain after the @, like name@acme.it",
      tooLong: "The administrator's e-mail address must be 254 characters or fewer",
    },
    customerEmail: {
      blank: "Enter the customer contact's e-mail address",
      format: "Enter the customer contact's e-mail address in the right format, like name@customer.it",
      characters: "The customer contact's e-mail address must not contain spaces or invisible characters",
      domain:
        "Enter the customer contact's e-mail address with a complete domain after the @, like name@customer.it",
      tooLong: "The customer contact's e-mail address must be 254 characters or fewer",
    },
    adminName: { invalid: "Enter the administrator's name on one line, in 200 characters or fewer" },
    customerName: { invalid: "Enter the customer contact's name on one line, in 200 characters or fewer" },
    country: { invalid: "Enter the country as two letters, like IT" },
    setupBy: { blank: "Choose who sets up the service" },
  },
  results: {
    title: "Existing organizations",
    searchedFor: (company: string, email: string) =>
      `You searched for ${quote(company)}, with ${email} as administrator.`,
    changeSearch: "Change the search",
    existingAdminTitle: (org: string) => `The administrator already manages ${org}`,
    existingAdmin: (email: string, org: string) =>
      `The address ${email} is already a full administrator of ${endSentence(org)}`,
    existingAdminHint:
      "The subscription can go to this organization without anyone's approval. Nothing happens until you confirm on the next page.",
    existingMemberTitle: (org: string) => `The administrator is a user of ${org}`,
    existingMember: (email: string, org: string) => `The address ${email} is a user of ${endSentence(org)}`,
    existingMemberHint:
      "A person belongs to one organization, so with this administrator the subscription can only go there. Making them a full administrator needs the approval of the organization's full administrators.",
    continueWith: (org: string) => `Continue with ${org}`,
    candidatesTitle: (n: number, company: string) =>
      n === 1 ? `1 organization may already be ${company}` : `${n} organizations may already be ${company}`,
    candidatesHint: "The most likely one comes first. Open the others to compare them.",
    mostLikely: "Most likely",
    others: (n: number) => (n === 1 ? "1 other organization" : `${n} other organizations`),
    publicDomain: (domain: string) =>
      `${domain} is a public mailbox provider: users on it say little about which company they work for. Rely on the name and the activity.`,
    sameDomain: "Same e-mail domain, another name",
    sameDomainHint:
      "These organizations have users at your e-mail domain but another name: perhaps a department, or an older name.",
    noMatchTitle: "No existing organization matches",
    noMatch: (company: string) => `We found no organization that may already be ${endSentence(company)}`,
    noMatchHint: "You can create a new organization, with the administrator you entered.",
    choose: (org: string) => `Choose ${org}`,
    createNew: (company: string) => `Create ${quote(company)} as a new organization`,
    notListed: "Is your company not among them?",
    notListedCustomer: "Is the customer's company not among them?",
    notListedHint: "Create a new organization instead: nobody else's organization is changed.",
    otherEmail: "Use another administrator e-mail",
  },
  card: {
    type: "Type",
    source: "Created through",
    created: "Created",
    activeSubscriptions: "Active subscriptions",
    users: "Users",
    fullAdmin: "Full administrator",
    noFullAdmin: "none",
    others,
    lastActivity: "Last activity",
    unknown: "unknown",
    managedCustomers: "Managed customers",
    why: "Why it is shown",
    sameName: "the same name",
    sameKey: "the same name apart from the legal form and punctuation",
    namePrefix: "a name that starts the same way",
    otherName: "another name",
    domainUsers: (n: number, domain: string) => (n === 1 ? `1 user at ${domain}` : `${n} users at ${domain}`),
    publicDomain: "a public mailbox provider",
    verifiedDomain: (domain: string) => `has proven that it owns ${domain}`,
    ageDays: (n: number) => (n === 0 ? "today" : n === 1 ? "yesterday" : `${n} days ago`),
    summary: (kind: string, users: number, created: string) =>
      `${kind} · ${users === 1 ? "1 user" : `${users} users`} · created ${created}`,
  },
  /** What an organization's activity suggests, and what choosing it would do. */
  advice: {
    in_use: "It looks in use.",
    possibly_abandoned: "Created long ago, with no active subscription: it may have been abandoned.",
    recent: "Created recently, for example by a trial.",
    unclear: "Look at its users and subscriptions before deciding.",
    youAreAdmin: "The administrator you entered is its full administrator.",
    askAdmins: (email: string) =>
      `If it is your company, choose it: we will ask its full administrators to approve ${email} before anything changes.`,
    askAdminsPartner: (email: string) =>
      `If it is the customer's, choose it: the subscription is added to it and its full administrators are asked to approve ${email} as a full administrator.`,
    askSupport: (email: string) =>
      `It has no full administrator: if it is your company, choose it and our support team will check whether ${email} may administer it.`,
  },
  confirm: {
    title: "Confirm",
    mapTitle: (org: string) => `Add the subscription to ${org}`,
    map: (email: string, org: string) =>
      `The address ${email} is already a full administrator of ${org}, so the subscription is added to it as soon as you confirm.`,
    mapHint: "This is final. The organization's full administrators are told by e-mail.",
    mapSubmit: (org: string) => `Add the subscription to ${org}`,
    askTitle: (org: string) => `Ask ${org}'s administrators`,
    ask: (email: string, org: string) =>
      `The address ${email} is not a full administrator of ${endSentence(org)} We e-mail its full administrators and ask them to approve it.`,
    askNext:
      "Nothing is set up until they decide. You get an e-mail when they do: if they approve, one button in it finishes the setup.",
    askSubmit: (org: string) => `Ask ${org}'s administrators`,
    supportTitle: "Ask our support team",
    support: (email: string, org: string) =>
      `${org} has no full administrator, so our support team checks whether ${email} may administer it.`,
    supportSubmit: "Send the request to our support team",
    partnerTitle: (org: string) => `Add the subscription to ${org} and ask its administrators`,
    partner: (email: string, org: string) =>
      `The subscription is added to ${org} now. The address ${email} is not a full administrator yet: we ask the organization's full administrators to approve it.`,
    partnerSupport: (email: string, org: string) =>
      `The subscription is added to ${org} now. ${org} has no full administrator, so our support team checks whether ${email} may administer it.`,
    partnerSubmit: (org: string) => `Add to ${org} and ask for approval`,
    createTitle: (company: string) => `Create ${company}`,
    create: (company: string, email: string) =>
      `We create the organization ${company} with ${email} as its full administrator, and add the subscription to it.`,
    createHint: "The administrator gets a welcome e-mail with the way to sign in.",
    createSubmit: (company: string) => `Create ${company}`,
  },
  claimed: {
    title: (domain: string) => `${domain} belongs to an existing organization`,
    why: (email: string, domain: string, org: string | undefined) =>
      `${org ?? "An existing organization"} has proven that it owns the domain ${domain} and has claimed it, so no new organization can be created for ${email}.`,
    what: "Choose one of the two ways to go on:",
    choose: (org: string) =>
      `Add the subscription to ${org}, asking its administrators to approve the new administrator`,
    other: "Enter another administrator e-mail",
  },
  resume: {
    title: (org: string) => `Finish the setup in ${org}`,
    approved: (email: string, org: string) =>
      `${org}'s administrators approved ${email} as a full administrator.`,
    what: (org: string) =>
      `One last step: the subscription of this order is added to ${endSentence(org)} This is final, and the organization's full administrators are told by e-mail.`,
    submit: (org: string) => `Add the subscription to ${org}`,
    other: "Choose another organization or administrator instead",
  },
  waiting: {
    title: (org: string) => `Waiting for ${org}'s administrators`,
    titleSupport: "Waiting for our support team",
    nothingYet: "Nothing is set up yet.",
    asked: (org: string, email: string, date: string) =>
      `On ${date} we asked the full administrators of ${org} to approve ${email} as a full administrator.`,
    askedSupport: (org: string, email: string, date: string) =>
      `${org} has no full administrator, so on ${date} we asked our support team to check whether ${email} may administer it.`,
    next: "What happens next",
    nextDecide: (contact: string) => `When they decide, we write to ${contact} by e-mail.`,
    nextApprove: "If they approve, one button in that e-mail finishes the setup.",
    nextReject: (expires: string) =>
      `If they reject the request, or nobody answers by ${expires}, you can choose another administrator or another organization.`,
    withdraw: "Withdraw the request",
    withdrawHint: "Changed your mind? You can take the request back and choose another way.",
  },
  withdraw: {
    title: (org: string) => `Withdraw the request to ${org}?`,
    what: "Its administrators will no longer be able to approve it: the links we e-mailed them stop working.",
    after: "Nothing is set up. You can then choose another administrator or another organization.",
    submit: "Withdraw the request",
    keep: "Keep waiting",
  },
  done: {
    titleMapped: "Your subscription is set up",
    titleForCustomer: "The customer's subscription is set up",
    mapped: (org: string) => `The subscription is active in ${endSentence(org)}`,
    created: (org: string, email: string) =>
      `We created ${org} with ${email} as its full administrator. A welcome e-mail is on its way to them.`,
    existingTold: "The organization's full administrators have been told by e-mail.",
    pendingAdmin: (email: string, org: string) =>
      `The address ${email} is not an administrator yet: we asked ${org}'s full administrators to approve it. You get an e-mail when they decide.`,
    next: "What happens next",
    nextCreated: "The new administrator signs in with the link in the welcome e-mail and invites the users.",
    nextExisting:
      "The organization's administrators manage the new services together with the existing ones.",
  },
  banner: {
    approved: (org: string) =>
      `${org}'s administrators approved the new administrator. Continue to finish the setup.`,
    rejected: (org: string) =>
      `${org}'s administrators did not approve the new administrator. Choose another administrator or another organization.`,
    reason: "Reason given",
    expired: (org: string) =>
      `Nobody at ${org} answered the request in time. Choose another way, or ask again.`,
    withdrawn: (org: string) =>
      `You withdrew the request to ${endSentence(org)} Choose another administrator or another organization.`,
  },
  approval: {
    title: "New administrator request",
    pendingTitle: (org: string) => `Do you approve a new administrator for ${org}?`,
    lead: (org: string) => `You are a full administrator of ${endSentence(org)}`,
    who: "Who is asking",
    whoAsked: "Who asked",
    forWhat: "For what",
    newAdmin: "Who would become full administrator",
    proposedAdmin: "Proposed full administrator",
    contact: "Provisioning contact",
    onBehalfOf: (partner: string) => `for ${partner}, the partner that placed the order`,
    order: "Order",
    services: "Services",
    requestedOn: "Requested on",
    scenario: "Situation",
    expires: "The request expires",
    isUser: (org: string) => `Already a user of ${org}: approving makes them a full administrator.`,
    notUser: (org: string) => `Not a user of ${org} yet: approving adds them as a full administrator.`,
    warning:
      "Approve only if you know this person: a full administrator can manage every user and service of the organization.",
    approve: "Approve",
    reject: "Reject",
    approveTitle: (name: string, org: string) => `Make ${name} a full administrator of ${org}?`,
    approveWhat: (org: string) =>
      `A full administrator can manage every user and service of ${endSentence(org)} The person who asked is told by e-mail.`,
    approveSubmit: (name: string) => `Yes, make ${name} a full administrator`,
    rejectTitle: "Reject the request?",
    rejectWhat: (name: string) =>
      `${name} does not become an administrator. The person who asked is told by e-mail.`,
    reason: "Reason (optional)",
    reasonHint: "Shown to the person who asked, in the e-mail that tells them.",
    rejectSubmit: "Reject the request",
    cancel: "Go back without deciding",
    youApproved: "You approved the request: the new administrator has been added.",
    youRejected: "You rejected the request: the person who asked has been told.",
    decided: {
      approved: (by: string, at: string) => `Approved by ${by} on ${at}.`,
      rejected: (by: string, at: string) => `Rejected by ${by} on ${at}.`,
      expired: (at: string) => `Nobody answered in time: the request expired on ${at}.`,
      cancelled: (at: string) => `Withdrawn on ${at}: the order was cancelled or closed.`,
      withdrawn: (at: string) => `Withdrawn on ${at} by the person who asked.`,
    } satisfies Record<Exclude<AdminRequestStatus, "pending">, (...args: string[]) => string>,
    decidedTitle: {
      approved: "Request approved",
      rejected: "Request rejected",
      expired: "Request expired",
      cancelled: "Request withdrawn",
      withdrawn: "Request withdrawn",
    } satisfies Record<Exclude<AdminRequestStatus, "pending">, string>,
    byOperator: "our support team",
    byAdministrator: (name: string) => name,
    nothingToDo: "There is nothing more to do on this page.",
  },
  /** The situation, for a request still waiting. */
  scenario: {
    customer_self:
      "The customer is setting up their own subscription. Nothing is set up until the request is decided.",
    partner_for_customer:
      "A partner set up a subscription for your organization: it is already added to it. Only the new administrator waits for the decision.",
    partner_own_use:
      "A partner is setting up a subscription for its own use. Nothing is set up until the request is decided.",
  } satisfies Record<Scenario, string>,
  /** The situation, once the request is decided. */
  scenarioDone: {
    customer_self: "The customer sets up their own subscription.",
    partner_for_customer: "A partner set up a subscription for your organization.",
    partner_own_use: "A partner sets up a subscription for its own use.",
  } satisfies Record<Scenario, string>,
  kind: { customer: "Customer", partner: "Partner" } satisfies Record<OrganizationKind, string>,
  source: {
    trial: "a trial",
    online: "an online purchase",
    partner: "a partner",
    wizard: "this setup",
    import: "an import",
  } satisfies Record<OrganizationSource, string>,
  assessment: {
    in_use: "In use",
    possibly_abandoned: "May be abandoned",
    recent: "Recent",
    unclear: "Unclear",
  } satisfies Record<AssessmentStatus, string>,
  errors: {
    title: "Something needs your attention",
    dead: "This link no longer works",
    notFound: "This link does not exist",
    pageNotFound: "Page not found",
    pageNotFoundHint:
      "If you typed the address, check it. If you followed the link in an e-mail, copy the whole link into the address bar.",
    home: "Go to the home page",
    askNew: "If you still need to set up the service, ask whoever placed the order to send a new link.",
  },
  languageLabel: "Language",
  home: {
    title: "Subscription setup",
    lead: "Provisio adds new subscriptions to the right organization, and never makes anyone administrator of an existing organization without its administrators' approval.",
    link: "If you received a setup or approval e-mail, open the link in it: it is personal and leads straight to your page.",
    docs: "Integration API",
    mailbox: "E-mails sent by this server (development mailbox)",
    console: "Operator console",
    tools: "On this server",
  },
  portal: {
    title: "Sign in to the service",
    lead: "This is where the welcome e-mail's “Sign in” leads: the sign-in page of the service that was set up.",
    demo: "This server runs without PORTAL_URL, so there is no service behind it. Set PORTAL_URL to the service's own sign-in address and the e-mails link there.",
  },
} as const;
