import { z } from "zod";
import { idPattern } from "../db/ids.js";
import type { Organization, Subscription, User } from "../db/schema.js";
import {
  existingSubscriptionStatus,
  organizationKind,
  organizationSource,
  personName,
  service,
  subscriptionStatus,
  userRole,
} from "../vocabulary.js";

/** Shapes of the directory endpoints (docs/api.md § Directory), shared by the JSON API and the NDJSON import. */

export const id = z.string().regex(idPattern, "must be an id");
const externalId = z.string().trim().min(1).max(200);
// Years before 1900 are no date a directory holds (and "0001-01-01" would read back as 2001).
const timestamp = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .refine((v) => Number(v.slice(0, 4)) >= 1900, "must be a date from the year 1900 on");
const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as IT")
  .transform((c) => c.toUpperCase());

// Names and e-mail addresses are checked by the matching rules (INVALID_COMPANY_NAME, INVALID_EMAIL),
// so the schema only bounds their size.
const organizationFields = {
  name: z.string().max(1000),
  kind: organizationKind,
  source: organizationSource.default("import"),
  createdAt: timestamp.optional(),
  country: country.optional(),
  deletedAt: timestamp.optional(),
};
export const organizationInput = z.object({
  ...organizationFields,
  managingPartnerId: id.optional(),
  externalId: externalId.optional(),
});
export type OrganizationInput = z.infer<typeof organizationInput>;

export const userInput = z.object({
  email: z.string().max(1000),
  name: personName.optional(),
  role: userRole,
  lastActiveAt: timestamp.optional(),
});
export type UserInput = z.infer<typeof userInput>;

const subscriptionFields = {
  status: existingSubscriptionStatus,
  services: z.array(service).min(1).max(100),
  termMonths: z.number().int().positive().max(600).optional(),
};
export const subscriptionInput = z.object({ ...subscriptionFields, externalId: externalId.optional() });
export type SubscriptionInput = z.infer<typeof subscriptionInput>;

/** One NDJSON line of `POST /api/v1/import` and `provisio import`. */
export const importRecord = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("organization"),
    externalId,
    ...organizationFields,
    managingPartnerExternalId: externalId.optional(),
  }),
  z.object({ type: z.literal("user"), organizationExternalId: externalId, ...userInput.shape }),
  z.object({
    type: z.literal("subscription"),
    organizationExternalId: externalId,
    externalId,
    ...subscriptionFields,
  }),
]);
export type ImportRecord = z.infer<typeof importRecord>;

export const organizationOutput = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  nameKey: z.string(),
  kind: organizationKind,
  source: organizationSource,
  country: z.string().nullable(),
  managingPartnerId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  deletedAt: z.iso.datetime().nullable(),
});

export const organizationDetailOutput = organizationOutput.extend({
  stats: z.object({ users: z.number().int(), activeSubscriptions: z.number().int() }),
  fullAdmins: z.array(z.object({ name: z.string().nullable(), email: z.string() })),
});

export const userOutput = z.object({
  id: z.string(),
  organizationId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: userRole,
  lastActiveAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export const subscriptionOutput = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  organizationId: z.string().nullable(),
  status: subscriptionStatus,
  services: z.array(service),
  termMonths: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});

export const importResultOutput = z.object({
  imported: z.object({
    organizations: z.number().int(),
    users: z.number().int(),
    subscriptions: z.number().int(),
  }),
  errors: z.array(z.object({ line: z.number().int(), code: z.string(), message: z.string() })),
  errorCount: z.number().int().describe("All bad lines; `errors` lists the first 1,000."),
});

export function presentOrganization(o: Organization): z.infer<typeof organizationOutput> {
  return {
    id: o.id,
    externalId: o.external_id,
    name: o.name,
    nameKey: o.name_key,
    kind: o.kind,
    source: o.source,
    country: o.country,
    managingPartnerId: o.managing_partner_id,
    createdAt: o.created_at.toISOString(),
    deletedAt: o.deleted_at?.toISOString() ?? null,
  };
}

export function presentUser(u: User): z.infer<typeof userOutput> {
  return {
    id: u.id,
    organizationId: u.organization_id,
    email: u.email,
    name: u.name,
    role: u.role,
    lastActiveAt: u.last_active_at?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  };
}

export function presentSubscription(s: Subscription): z.infer<typeof subscriptionOutput> {
  return {
    id: s.id,
    externalId: s.external_id,
    organizationId: s.organization_id,
    status: s.status,
    services: s.services,
    termMonths: s.term_months,
    createdAt: s.created_at.toISOString(),
  };
}
