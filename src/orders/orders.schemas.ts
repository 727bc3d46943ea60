import { z } from "zod";
import { idPattern } from "../db/ids.js";
import type { AdminRequest, Invitation, Order, Subscription } from "../db/schema.js";
import { id } from "../directory/directory.schemas.js";
import {
  adminRequestStatus,
  intendedUse,
  invitationKind,
  invitationStatus,
  locale,
  orderedBy,
  orderedService,
  orderStatus,
  personName,
  routedTo,
  scenario,
  subscriptionStatus,
} from "../vocabulary.js";
import { isTimeZone, timeZoneOf } from "./time-zone.js";

/** Shapes of the order endpoints (docs/api.md § Orders). */

const printable = /^[^\p{Cc}\p{Cf}]+$/u;

export const orderInput = z
  .object({
    orderNumber: z.string().trim().min(1).max(100).regex(printable, "must be printable text"),
    orderedBy: z.discriminatedUnion("type", [
      z.object({ type: z.literal("customer") }),
      z.object({ type: z.literal("partner"), partnerOrganizationId: id }),
    ]),
    intendedUse: intendedUse.default("customer"),
    provisioningContact: z.object({
      email: z.string().max(1000),
      name: personName.optional(),
    }),
    requestedStartDate: z.iso.date().optional(),
    locale: locale.default("en"),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Rome")
      .optional()
      .describe("IANA time zone of the times in pages and e-mails; default Europe/Rome for it, UTC for en"),
    subscriptions: z
      .array(
        z.object({
          services: z.array(orderedService).min(1).max(100),
          termMonths: z.number().int().positive().max(600).optional(),
        }),
      )
      .min(1)
      .max(100),
  })
  .superRefine((order, context) => {
    if (order.intendedUse === "partner_own_use" && order.orderedBy.type !== "partner") {
      context.addIssue({
        code: "custom",
        path: ["intendedUse"],
        message: "partner_own_use is only for orders placed by a partner",
      });
    }
  })
  .meta({ id: "NewOrder" });
export type OrderInput = z.infer<typeof orderInput>;

export const resendInput = z
  .object({
    contactEmail: z.string().max(1000).optional(),
    contactName: personName.optional(),
  })
  .default({})
  .meta({ id: "InvitationResend" });

export const orderOutput = z
  .object({
    id: z.string(),
    orderNumber: z.string(),
    status: orderStatus,
    orderedBy: z.object({
      type: orderedBy,
      partnerOrganizationId: z.string().optional(),
    }),
    intendedUse,
    scenario: scenario.nullable().describe("null until a partner ordering for a customer says who sets up"),
    locale,
    timeZone: z
      .string()
      .describe("The order's time zone: the one it was placed with, or its language's default"),
    requestedStartDate: z.string().nullable(),
    organizationId: z.string().nullable().describe("The organization it was provisioned to; null before"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    provisionedAt: z.iso.datetime().nullable(),
    subscriptions: z.array(
      z.object({
        id: z.string(),
        status: subscriptionStatus,
        organizationId: z.string().nullable(),
        services: z.array(orderedService),
        termMonths: z.number().int().nullable(),
      }),
    ),
    invitation: z
      .object({
        status: invitationStatus,
        kind: invitationKind,
        contactEmail: z.string(),
        contactName: z.string().nullable(),
        sendAt: z.iso.datetime(),
        sentAt: z.iso.datetime().nullable(),
        expiresAt: z.iso.datetime().nullable(),
      })
      .describe("The order's current setup link: the live one, else the latest"),
    adminRequests: z.array(
      z.object({
        id: z.string(),
        organizationId: z.string(),
        email: z.string(),
        status: adminRequestStatus,
        routedTo,
        expiresAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: "Order" });
export type OrderView = z.infer<typeof orderOutput>;

export const listOrdersQuery = z.object({
  orderNumber: z.string().max(100).optional(),
  status: orderStatus.optional(),
  updatedAfter: z.iso.datetime({ offset: true }).optional().describe("Orders changed after this time"),
  after: z
    .string()
    .regex(idPattern, "must be an order id")
    .optional()
    .describe("The `next` of the previous page"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;

export type OrderRecord = {
  order: Order;
  subscriptions: Subscription[];
  invitation: Invitation;
  adminRequests: AdminRequest[];
};

export function presentOrder({ order, subscriptions, invitation, adminRequests }: OrderRecord): OrderView {
  return {
    id: order.id,
    orderNumber: order.order_number,
    status: order.status,
    orderedBy:
      order.ordered_by === "partner"
        ? { type: "partner", partnerOrganizationId: order.partner_organization_id! }
        : { type: "customer" },
    intendedUse: order.intended_use,
    scenario: order.scenario,
    locale: order.locale,
    timeZone: timeZoneOf(order),
    requestedStartDate: order.requested_start_date,
    organizationId: order.organization_id,
    createdAt: order.created_at.toISOString(),
    updatedAt: order.updated_at.toISOString(),
    provisionedAt: order.provisioned_at?.toISOString() ?? null,
    subscriptions: subscriptions.map((s) => ({
      id: s.id,
      status: s.status,
      organizationId: s.organization_id,
      services: s.services,
      termMonths: s.term_months,
    })),
    invitation: {
      status: invitation.status,
      kind: invitation.kind,
      contactEmail: invitation.contact_email,
      contactName: invitation.contact_name,
      sendAt: invitation.send_at.toISOString(),
      sentAt: invitation.sent_at?.toISOString() ?? null,
      expiresAt: invitation.expires_at?.toISOString() ?? null,
    },
    adminRequests: adminRequests.map((r) => ({
      id: r.id,
      organizationId: r.organization_id,
      email: r.email,
      status: r.status,
      routedTo: r.routed_to,
      expiresAt: r.expires_at.toISOString(),
    })),
  };
}
