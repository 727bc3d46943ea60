import { z } from "zod";
import { idPattern } from "../db/ids.js";
import { service } from "../directory/directory.schemas.js";
import { scenario } from "../orders/orders.schemas.js";

/** Shapes of the setup endpoints (api.md § Setup wizard). */

export const tokenParams = z.object({ token: z.string().max(200).describe("The secret of the setup link") });

export const setupStep = z.enum(["choose_setup_by", "company", "awaiting_admin_approval", "done"]);

const adminRequestSummary = z.object({
  id: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  email: z.string(),
  status: z.enum(["pending", "approved", "rejected", "expired", "cancelled"]),
  routedTo: z.enum(["administrators", "operators"]),
  expiresAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  reason: z.string().nullable(),
});

export const setupStateOutput = z.object({
  order: z.object({
    orderNumber: z.string(),
    status: z.enum(["awaiting_setup", "awaiting_admin_approval", "provisioned", "closed", "cancelled"]),
    locale: z.enum(["it", "en"]),
    orderedBy: z.object({ type: z.enum(["customer", "partner"]), partnerName: z.string().optional() }),
    intendedUse: z.enum(["customer", "partner_own_use"]),
    requestedStartDate: z.string().nullable(),
    services: z.array(service),
    contact: z.object({ email: z.string(), name: z.string().nullable() }),
  }),
  scenario: scenario.nullable(),
  step: setupStep,
  expiresAt: z.iso.datetime().nullable(),
  draft: z
    .object({
      companyName: z.string(),
      adminEmail: z.string(),
      adminName: z.string().optional(),
      country: z.string().optional(),
    })
    .nullable()
    .describe("The company details last entered with this link"),
  adminRequest: adminRequestSummary.nullable().describe("The order's latest administrator request"),
  organization: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe("The organization the subscriptions were mapped to"),
});
export type SetupState = z.infer<typeof setupStateOutput>;

const emailField = z.string().max(1000);
const companyFields = {
  companyName: z.string().max(1000),
  adminEmail: emailField,
  adminName: z.string().trim().min(1).max(200).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as IT")
    .transform((c) => c.toUpperCase())
    .optional(),
};

export const setupByInput = z.discriminatedUnion("setupBy", [
  z.object({ setupBy: z.literal("partner") }),
  z.object({
    setupBy: z.literal("customer"),
    customerContact: z.object({ email: emailField, name: z.string().trim().min(1).max(200).optional() }),
  }),
]);
export type SetupByInput = z.infer<typeof setupByInput>;

export const matchInput = z.object(companyFields);
export type MatchSetupInput = z.infer<typeof matchInput>;

export const completeInput = z.object({
  ...companyFields,
  decision: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("existing"),
      organizationId: z.string().regex(idPattern, "must be an id"),
    }),
    z.object({ type: z.literal("new") }),
  ]),
});
export type CompleteInput = z.infer<typeof completeInput>;

export const completeOutput = z.object({
  status: z.enum(["provisioned", "provisioned_pending_admin", "awaiting_admin_approval"]),
  organizationId: z.string().describe("The organization mapped to, or asked for"),
  adminRequestId: z.string().nullable(),
});
export type CompleteResult = z.infer<typeof completeOutput>;

const candidate = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["customer", "partner"]),
  source: z.enum(["trial", "online", "partner", "wizard", "import"]),
  createdAt: z.iso.datetime(),
  country: z.string().nullable(),
  activeSubscriptions: z.number().int(),
  users: z.number().int(),
  fullAdmins: z
    .array(z.object({ name: z.string().nullable(), email: z.string() }))
    .describe("Up to 3, e-mail masked"),
  lastActivityAt: z.iso.datetime().nullable(),
  managedCustomers: z.number().int().nullable(),
  evidence: z.object({
    namePrefix: z.boolean(),
    domainUsers: z.number().int(),
    publicDomain: z.boolean(),
    exactName: z.boolean(),
  }),
  assessment: z.object({
    status: z.enum(["in_use", "possibly_abandoned", "recent", "unclear"]),
    recommendation: z.string(),
    reasons: z.object({
      activeSubscriptions: z.number().int(),
      users: z.number().int(),
      ageDays: z.number().int(),
    }),
  }),
});

export const matchResultOutput = z.object({
  outcome: z.enum(["existing_admin", "existing_member", "candidates", "no_match"]),
  organization: candidate.optional(),
  candidates: z.array(candidate),
  sameDomain: z.array(candidate),
  input: z.object({
    nameKey: z.string(),
    prefix: z.string(),
    registrableDomain: z.string(),
    publicProvider: z.boolean(),
  }),
});
