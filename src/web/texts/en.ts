import type { AssessmentStatus } from "../../matching/assessment.js";
import { endSentence } from "../../render/format.js";
import type { OrganizationKind, OrganizationSource, Scenario } from "../../vocabulary.js";

/** Every word the wizard, the approval page and the home page show, in English: the shape of every language. */
export const en = {
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
  home: {
    title: "Subscription setup",
    lead: "Provisio maps new subscriptions to the right organization, and never makes anyone administrator of an existing organization without its administrator's approval.",
    link: "If you received a setup or approval e-mail, open the link in it: it is personal and leads straight to your page.",
    docs: "Integration API",
  },
} as const;
