import { z } from "zod";

/**
 * The words of the product (docs/product.md § Data): every kind, source, role, scenario and status,
 * declared once. Tables, API schemas, pages and metrics take their lists and types from here; this
 * module imports nothing of the project's.
 */

export const locale = z.enum(["it", "en"]);
export type Locale = z.infer<typeof locale>;

export const organizationKind = z.enum(["customer", "partner"]);
export type OrganizationKind = z.infer<typeof organizationKind>;

/** How an organization came to be. */
export const organizationSource = z.enum(["trial", "online", "partner", "wizard", "import"]);
export type OrganizationSource = z.infer<typeof organizationSource>;

export const userRole = z.enum(["full_admin", "user"]);
export type UserRole = z.infer<typeof userRole>;

export const subscriptionStatus = z.enum([
  "awaiting_setup",
  "active",
  "suspended",
  "expired",
  "cancelled",
  "closed",
]);
export type SubscriptionStatus = z.infer<typeof subscriptionStatus>;

/** Statuses an existing subscription can be given by the directory API or the import; the others belong to orders. */
export const existingSubscriptionStatus = subscriptionStatus.extract([
  "active",
  "suspended",
  "expired",
  "cancelled",
]);
export type ExistingSubscriptionStatus = z.infer<typeof existingSubscriptionStatus>;

/** An organization's e-mail domain (docs/api.md § Domains): proven by a DNS TXT record, or not yet, or no longer. */
export const domainStatus = z.enum(["pending", "verified", "failed", "lapsed"]);
export type DomainStatus = z.infer<typeof domainStatus>;

export const orderedBy = z.enum(["customer", "partner"]);
export const intendedUse = z.enum(["customer", "partner_own_use"]);

/** Who sets up an order (docs/product.md § The flow, 3). */
export const scenario = z.enum(["customer_self", "partner_for_customer", "partner_own_use"]);
export type Scenario = z.infer<typeof scenario>;

export const orderStatus = z.enum([
  "awaiting_setup",
  "awaiting_admin_approval",
  "provisioned",
  "closed",
  "cancelled",
]);
export type OrderStatus = z.infer<typeof orderStatus>;

export const invitationKind = z.enum(["setup", "handover"]);
export const invitationStatus = z.enum(["scheduled", "sent", "handed_over", "used", "expired", "revoked"]);
export type InvitationStatus = z.infer<typeof invitationStatus>;

/** cancelled: the order was cancelled or closed; withdrawn: the provisioning contact took the request back. */
export const adminRequestStatus = z.enum([
  "pending",
  "approved",
  "rejected",
  "expired",
  "cancelled",
  "withdrawn",
]);
export type AdminRequestStatus = z.infer<typeof adminRequestStatus>;

/** Where an administrator request goes: the organization's full administrators, or operators when it has none. */
export const routedTo = z.enum(["administrators", "operators"]);
export type RoutedTo = z.infer<typeof routedTo>;

export const outboxStatus = z.enum(["pending", "sending", "sent", "dead", "cancelled"]);
export type OutboxStatus = z.infer<typeof outboxStatus>;

/** The step of the setup wizard a link is at. */
export const setupStep = z.enum(["choose_setup_by", "company", "awaiting_admin_approval", "done"]);
export type SetupStep = z.infer<typeof setupStep>;

/**
 * One line of printable text: no control character, no line or paragraph separator and no
 * bidirectional control (Unicode's Bidi_Control: U+061C, U+200E–200F, U+202A–202E, U+2066–2069), so
 * that what a person typed can never become extra lines or reordered words in a page or an e-mail.
 */
export const oneLine = /^[^\p{Cc}\p{Cs}\p{Zl}\p{Zp}\p{Bidi_Control}]*$/u;

/** A person's name as anyone may type it: one printable line. */
export const personName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(oneLine, "must be one line of printable text, without control or bidirectional characters");

/**
 * Free text such as a rejection reason: line breaks and runs of spaces become one space, and the rest
 * must be printable, as for a name.
 */
export const freeText = (max: number) =>
  z
    .string()
    .transform((text) => text.replace(/[\r\n\t\u2028\u2029\s]+/gu, " ").trim())
    .pipe(
      z
        .string()
        .max(max)
        .regex(oneLine, "must be printable text, without control or bidirectional characters"),
    );

export const service = z
  .object({
    sku: z.string().trim().min(1).max(100),
    quantity: z.number().int().positive().max(10_000_000),
  })
  .meta({ id: "Service" });
/** A service as an order may describe it: a product name beside the SKU, and its subscription's term. */
export type Service = z.infer<typeof service> & {
  name?: string | undefined;
  termMonths?: number | null | undefined;
};

/** A service of an order: the SKU and quantity, and the product's name to show people when the order gives one. */
export const orderedService = service.extend({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(oneLine, "must be one line of printable text")
    .optional()
    .describe(
      "The product's name as people know it (Meetings Enterprise); pages and e-mails show it beside the SKU",
    ),
});

/** A service as the wizard's and the approval page's API show it: with its name, and its subscription's term. */
export const serviceLine = orderedService.extend({ termMonths: z.number().int().nullable().optional() });
