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
export const organizationInput = z
  .object({
    ...organizationFields,
    managingPartnerId: id.optional(),
    externalId: externalId.optional(),
  })
  .meta({ id: "NewOrganization" });
export type OrganizationInput = z.infer<typeof organizationInput>;

export const userInput = z
  .object({
    email: z.string().max(1000),
    name: personName.optional(),
    role: userRole,
    lastActiveAt: timestamp.optional(),
  })
  .meta({ id: "NewUser" });
export type UserInput = z.infer<typeof userInput>;

const subscriptionFields = {
  status: existingSubscriptionStatus,
  services: z.array(service).min(1).max(100),
  termMonths: z.number().int().positive().max(600).optional(),
};
export const subscriptionInput = z
  .object({ ...subscriptionFields, externalId: externalId.optional() })
  .meta({ id: "NewSubscription" });
export type SubscriptionInput = z.infer<typeof subscriptionInput>;

// ---- Directory sync (docs/api.md § Directory sync)

export const organizationPatch = z
  .object({
    name: z.string().max(1000).optional(),
    country: country.nullable().optional(),
    managingPartnerId: id.nullable().optional(),
    externalId: externalId.nullable().optional(),
  })
  .strict()
  .meta({ id: "OrganizationPatch" });
export type OrganizationPatch = z.infer<typeof organizationPatch>;

export const userPatch = z
  .object({
    name: z.string().trim().min(1).max(200).nullable().optional(),
    role: userRole.optional(),
    organizationId: id.optional().describe("Moves the user to this organization"),
    lastActiveAt: timestamp.nullable().optional(),
  })
  .strict()
  .meta({ id: "UserPatch" });
export type UserPatch = z.infer<typeof userPatch>;

export const subscriptionPatch = z
  .object({ status: existingSubscriptionStatus })
  .strict()
  .meta({ id: "SubscriptionPatch" });
export type SubscriptionPatch = z.infer<typeof subscriptionPatch>;

export const organizationListQuery = z.object({
  externalId: externalId.optional(),
  domain: z.string().max(253).optional().describe("Organizations with users on this registrable domain"),
  q: z
    .string()
    .max(200)
    .optional()
    .describe("A name key prefix: turned into a name key as a company name is (acme, ACME S, …)"),
  kind: organizationKind.optional(),
  includeDeleted: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .describe("Also list deleted organizations"),
  after: z.string().max(400).optional().describe("The `next` of the previous page"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type OrganizationListQuery = z.infer<typeof organizationListQuery>;

export const userListQuery = z.object({
  email: z.string().max(1000).describe("In any case: compared in normal form"),
});

/** An NDJSON line that deletes: an organization or subscription by externalId, a user by e-mail. */
export const importDeletion = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("organization"), externalId, deleted: z.literal(true) }),
    z.object({ type: z.literal("user"), email: z.string().max(1000), deleted: z.literal(true) }),
    z.object({ type: z.literal("subscription"), externalId, deleted: z.literal(true) }),
  ])
  .meta({ id: "ImportDeletion" });
export type ImportDeletion = z.infer<typeof importDeletion>;

/** An NDJSON line that creates or updates, keyed by externalId (users by e-mail). */
export const importUpsert = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("organization"),
      externalId,
      ...organizationFields,
      managingPartnerExternalId: externalId.optional(),
      deleted: z.literal(false).optional(),
    }),
    z.object({
      type: z.literal("user"),
      organizationExternalId: externalId,
      ...userInput.shape,
      deleted: z.literal(false).optional(),
    }),
    z.object({
      type: z.literal("subscription"),
      organizationExternalId: externalId,
      externalId,
      ...subscriptionFields,
      deleted: z.literal(false).optional(),
    }),
  ])
  .meta({ id: "ImportRecord" });
export type ImportUpsert = z.infer<typeof importUpsert>;

/** One NDJSON line of `POST /api/v1/import` and `provisio import`: `deleted: true` lines delete. */
export const importRecord = z.union([importDeletion, importUpsert]).meta({ id: "ImportLine" });
export type ImportRecord = z.infer<typeof importRecord>;

export const organizationOutput = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    name: z.string(),
    nameKey: z.string(),
    kind: organizationKind,
    source: organizationSource,
    country: z.string().nullable(),
    managingPartnerId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    deletedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Organization" });

export const organizationDetailOutput = organizationOutput
  .extend({
    stats: z.object({ users: z.number().int(), activeSubscriptions: z.number().int() }),
    fullAdmins: z.array(z.object({ name: z.string().nullable(), email: z.string() })),
  })
  .meta({ id: "OrganizationDetail" });

export const userOutput = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: userRole,
    lastActiveAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "User" });

export const userListOutput = z.object({ users: z.array(userOutput) }).meta({ id: "UserList" });

export const subscriptionOutput = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    organizationId: z.string().nullable(),
    status: subscriptionStatus,
    services: z.array(service),
    termMonths: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Subscription" });

export const organizationListOutput = z
  .object({
    organizations: z.array(organizationOutput),
    next: z.string().nullable().describe("Pass as `after` for the next page; null on the last page"),
  })
  .meta({ id: "OrganizationPage" });

const recordCounts = z.object({
  organizations: z.number().int(),
  users: z.number().int(),
  subscriptions: z.number().int(),
});

export const importResultOutput = z
  .object({
    imported: recordCounts,
    deleted: recordCounts.describe("Records deleted by `deleted: true` lines that existed"),
    errors: z.array(z.object({ line: z.number().int(), code: z.string(), message: z.string() })),
    errorCount: z.number().int().describe("All bad lines; `errors` lists the first 1,000."),
  })
  .meta({ id: "ImportResult" });

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
    updatedAt: o.updated_at.toISOString(),
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
    updatedAt: u.updated_at.toISOString(),
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
    updatedAt: s.updated_at.toISOString(),
  };
}
