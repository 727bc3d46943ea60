import { z } from "zod";
import { idPattern } from "../db/ids.js";
import { matchResult } from "../matching/candidate.js";
import {
  adminRequestStatus,
  intendedUse,
  locale,
  orderedBy,
  orderStatus,
  personName,
  routedTo,
  scenario,
  serviceLine,
  setupStep,
} from "../vocabulary.js";

/** Shapes of the setup endpoints (docs/api.md § Setup wizard). */

export const tokenParams = z.object({ token: z.string().max(200).describe("The secret of the setup link") });

const adminRequestSummary = z.object({
  id: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  email: z.string(),
  status: adminRequestStatus,
  routedTo,
  requestedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  reason: z.string().nullable(),
});

/** The company details last entered with a link, kept to fill the form again. */
export const setupDraft = z.object({
  companyName: z.string(),
  adminEmail: z.string(),
  adminName: z.string().optional(),
  country: z.string().optional(),
});
export type SetupDraft = z.infer<typeof setupDraft>;

export const setupStateOutput = z
  .object({
    order: z.object({
      orderNumber: z.string(),
      status: orderStatus,
      locale,
      timeZone: z.string().describe("The time zone the order's times are shown in"),
      orderedBy: z.object({ type: orderedBy, partnerName: z.string().optional() }),
      intendedUse,
      requestedStartDate: z.string().nullable(),
      createdAt: z.iso.datetime(),
      services: z.array(serviceLine),
      contact: z.object({ email: z.string(), name: z.string().nullable() }),
    }),
    scenario: scenario.nullable(),
    step: setupStep,
    expiresAt: z.iso.datetime().nullable(),
    draft: setupDraft.nullable().describe("The company details last entered with this link"),
    adminRequest: adminRequestSummary.nullable().describe("The order's latest administrator request"),
    organization: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .describe("The organization the subscriptions were mapped to"),
  })
  .meta({ id: "SetupState" });
export type SetupState = z.infer<typeof setupStateOutput>;

const emailField = z.string().max(1000);
const companyFields = {
  companyName: z.string().max(1000),
  adminEmail: emailField,
  adminName: personName.optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as IT")
    .transform((c) => c.toUpperCase())
    .optional(),
};

export const setupByInput = z
  .discriminatedUnion("setupBy", [
    z.object({ setupBy: z.literal("partner") }),
    z.object({
      setupBy: z.literal("customer"),
      customerContact: z.object({ email: emailField, name: personName.optional() }),
    }),
  ])
  .meta({ id: "SetupBy" });
export type SetupByInput = z.infer<typeof setupByInput>;

export const matchInput = z.object(companyFields).meta({ id: "MatchRequest" });
export type MatchSetupInput = z.infer<typeof matchInput>;

export const completeInput = z
  .object({
    ...companyFields,
    decision: z.discriminatedUnion("type", [
      z.object({
        type: z.literal("existing"),
        organizationId: z.string().regex(idPattern, "must be an id"),
      }),
      z.object({ type: z.literal("new") }),
    ]),
  })
  .meta({ id: "SetupCompletion" });
export type CompleteInput = z.infer<typeof completeInput>;

export const completeOutput = z
  .object({
    status: z.enum(["provisioned", "provisioned_pending_admin", "awaiting_admin_approval"]),
    organizationId: z.string().describe("The organization mapped to, or asked for"),
    adminRequestId: z.string().nullable(),
  })
  .meta({ id: "SetupResult" });
export type CompleteResult = z.infer<typeof completeOutput>;

export const matchResultOutput = matchResult;
