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

export const service = z.object({
  sku: z.string().trim().min(1).max(100),
  quantity: z.number().int().positive().max(10_000_000),
});
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
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, "must be printable text")
    .optional()
    .describe(
      "The product's name as people know it (Meetings Enterprise); pages and e-mails show it beside the SKU",
    ),
});

/** A service as the wizard's and the approval page's API show it: with its name, and its subscription's term. */
export const serviceLine = orderedService.extend({ termMonths: z.number().int().nullable().optional() });
