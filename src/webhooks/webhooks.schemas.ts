import { z } from "zod";
import type { WebhookEndpoint } from "../db/schema.js";
import { eventTypeSchema } from "../events/events.routes.js";
import type { DeliveryView } from "./webhooks.repository.js";

/** Shapes of the webhook endpoints API (integration.md § 2). */

const printable = /^[^\p{Cc}\p{Cf}]*$/u;

const types = z
  .array(eventTypeSchema)
  .min(1)
  .max(100)
  .transform((list) => [...new Set(list)])
  .nullable()
  .describe("The event types it receives; absent or null: all");

export const endpointInput = z
  .object({
    url: z.string().min(1).max(2000).describe("http or https; no credentials; a public address"),
    types: types.optional(),
    description: z.string().max(500).regex(printable, "must be printable text").nullable().optional(),
  })
  .meta({ id: "NewWebhookEndpoint" });
export type EndpointInput = z.infer<typeof endpointInput>;

export const endpointPatch = z
  .object({
    url: z.string().min(1).max(2000).optional(),
    types: types.optional(),
    description: z.string().max(500).regex(printable, "must be printable text").nullable().optional(),
    status: z.enum(["enabled", "disabled"]).optional(),
  })
  .meta({ id: "WebhookEndpointPatch" });
export type EndpointPatch = z.infer<typeof endpointPatch>;

export const endpointOutput = z
  .object({
    id: z.string(),
    url: z.string(),
    types: z.array(z.string()).nullable().describe("null: all types"),
    description: z.string().nullable(),
    status: z.enum(["enabled", "disabled"]),
    disabledReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });

export const createdEndpointOutput = endpointOutput
  .extend({ secret: z.string().describe("whsec_…: shown only now") })
  .meta({ id: "CreatedWebhookEndpoint" });

export function presentEndpoint(endpoint: WebhookEndpoint): z.infer<typeof endpointOutput> {
  return {
    id: endpoint.id,
    url: endpoint.url,
    types: endpoint.types,
    description: endpoint.description,
    status: endpoint.status,
    disabledReason: endpoint.disabled_reason,
    createdAt: endpoint.created_at.toISOString(),
    updatedAt: endpoint.updated_at.toISOString(),
  };
}

export const deliveryOutput = z
  .object({
    id: z.string(),
    eventId: z.string(),
    type: z.string(),
    status: z.enum(["pending", "delivered", "failing", "dead"]),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookDelivery" });

/** The queue's states in the API's words: a row that failed and waits for its retry is `failing`. */
export function deliveryStatus(d: Pick<DeliveryView, "status" | "last_error">) {
  if (d.status === "delivered" || d.status === "dead") return d.status;
  return d.last_error === null ? "pending" : "failing";
}

export function presentDelivery(d: DeliveryView): z.infer<typeof deliveryOutput> {
  const status = deliveryStatus(d);
  return {
    id: d.id,
    eventId: d.event_id,
    type: d.type,
    status,
    attempts: d.attempts,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    // A held delivery (its endpoint disabled) has no next attempt until the endpoint is enabled.
    nextAttemptAt: d.status === "pending" || d.status === "sending" ? d.due_at.toISOString() : null,
    deliveredAt: d.delivered_at?.toISOString() ?? null,
    createdAt: d.created_at.toISOString(),
  };
}
